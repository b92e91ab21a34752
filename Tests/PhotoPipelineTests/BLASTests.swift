import PhotoPipeline
import Testing

@Suite struct BLASTests {
    /// dlib's descriptor is ~7× slower on Debian's reference BLAS; ops/setup
    /// installs libopenblas0-pthread, which the libblas.so.3 alternative then points to.
    @Test func openBLASIsTheRunTimeBLAS() {
        #expect(FaceBLAS.description.contains("OpenBLAS"), "run-time BLAS is \(FaceBLAS.description); run ops/setup (libopenblas0-pthread)")
    }
}

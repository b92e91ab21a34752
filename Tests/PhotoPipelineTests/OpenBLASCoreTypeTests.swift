import Testing
@testable import PhotoPipeline

/// The rule that decides the OpenBLAS core type a face-extracting process starts with.
@Suite struct OpenBLASCoreTypeTests {
    @Test func avx512MachineWithoutAChoiceGetsSkylakeX() {
        #expect(OpenBLASCoreType.choice(environment: ["PATH": "/usr/bin"], hasAVX512: true) == "SkylakeX")
        #expect(OpenBLASCoreType.environment(adding: ["PATH": "/usr/bin"], hasAVX512: true)
                == ["PATH": "/usr/bin", "OPENBLAS_CORETYPE": "SkylakeX"])
    }

    @Test func theOperatorsValueStaysEvenWhenEmpty() {
        for value in ["Haswell", "Prescott", ""] {
            let env = ["OPENBLAS_CORETYPE": value]
            #expect(OpenBLASCoreType.choice(environment: env, hasAVX512: true) == nil)
            #expect(OpenBLASCoreType.environment(adding: env, hasAVX512: true) == env)
        }
    }

    @Test func withoutAVX512OpenBLASDetectsForItself() {
        // SkylakeX kernels on a CPU without AVX-512 would die of an illegal instruction.
        #expect(OpenBLASCoreType.choice(environment: [:], hasAVX512: false) == nil)
        #expect(OpenBLASCoreType.environment(adding: ["A": "b"], hasAVX512: false) == ["A": "b"])
    }
}

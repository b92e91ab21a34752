import CFaceDlib

/// The BLAS dlib runs on. Debian's alternatives decide between OpenBLAS and
/// the reference BLAS (~7× slower for the descriptor) at run time.
public enum FaceBLAS {
    /// OpenBLAS's configuration string, or a note that it is not OpenBLAS.
    public static var description: String { String(cString: hw_face_blas_description()) }

    /// Pins OpenBLAS to `threads` threads (1 in worker processes that run one
    /// extraction actor per core). Returns false when the BLAS is not OpenBLAS.
    @discardableResult
    public static func setThreads(_ threads: Int) -> Bool {
        hw_face_blas_set_threads(Int32(clamping: threads)) == 1
    }
}

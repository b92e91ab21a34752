import CMatchCPU
import Foundation

/// Which OpenBLAS kernels a face-extracting process asks for.
///
/// Debian's OpenBLAS 0.3.21 does not recognise AMD Zen 4 and falls back to its
/// SSE3 `Prescott` kernels: dlib's descriptor then costs 95 ms per photo
/// instead of 67 with the AVX-512 `SkylakeX` kernels (docs/photo-pipeline.md).
/// OpenBLAS reads `OPENBLAS_CORETYPE` once, when the library loads (before
/// `main`), so the variable has to be in the process's environment from its
/// start: a launcher puts it there (`environment(adding:)`), and a process
/// that finds it missing re-executes itself with it (`reexecIfUnset()`).
/// A value the operator set is never replaced.
public enum OpenBLASCoreType {
    public static let variable = "OPENBLAS_CORETYPE"

    /// The kernels chosen when the operator set none: `SkylakeX` on a CPU with
    /// AVX-512 (F, BW, DQ, VL), which those kernels use. Elsewhere OpenBLAS's
    /// own detection stands (it knows every AVX2 CPU it could run faster on).
    public static let avx512Kernels = "SkylakeX"

    /// The value to add to `environment`, or nil to leave it as it is (the
    /// operator chose, even an empty value, or the CPU has no AVX-512).
    public static func choice(environment: [String: String], hasAVX512: Bool) -> String? {
        guard environment[variable] == nil, hasAVX512 else { return nil }
        return avx512Kernels
    }

    /// Whether this machine's CPU and OS support the AVX-512 the `SkylakeX` kernels use.
    public static var machineHasAVX512: Bool { homeward_cpu_has_avx512() == 1 }

    /// `base` with the variable added when `choice` says so: the environment to
    /// launch a worker (or any process that extracts faces) with.
    public static func environment(adding base: [String: String], hasAVX512: Bool = machineHasAVX512) -> [String: String] {
        var env = base
        if let value = choice(environment: base, hasAVX512: hasAVX512) { env[variable] = value }
        return env
    }

    /// For a process that extracts faces in-process (a worker, `bench photo`):
    /// when the variable is missing and `choice` wants it set, sets it and
    /// replaces this process with a fresh copy of itself (same pid, same
    /// arguments) so that OpenBLAS loads again and reads it. The copy finds the
    /// variable set and goes on. Returns (and OpenBLAS keeps its own choice)
    /// only when nothing is to be done or the exec failed; call it first thing,
    /// before the process opens sockets or starts work.
    public static func reexecIfUnset() {
        guard let value = choice(environment: ProcessInfo.processInfo.environment, hasAVX512: machineHasAVX512) else { return }
        setenv(variable, value, 0)
        execv("/proc/self/exe", CommandLine.unsafeArgv)
        // Still here: exec failed (no /proc?). Run on with OpenBLAS's own choice.
        unsetenv(variable)
    }
}

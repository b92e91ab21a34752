#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import MatchKernels
import enum MatchKernelsAVX2.AVX2PanelScan
import enum MatchKernelsAVX512.AVX512PanelScan

/// One core's measured peaks: FMA throughput of this kernel build and the
/// streaming-read bandwidth from memory (4 KiB pages), per second of the
/// measuring thread's CPU time, so that other processes on a shared machine
/// do not lower them. `homeward bench match` prints them and rates every cell
/// against them.
public struct MachinePeaks: Sendable, Hashable {
    public var gflopsPerCore: Double
    public var gbPerSecondPerCore: Double
}

extension MatchKernel {
    /// Runs each probe for about `seconds` of the calling thread's CPU time, best of 3.
    public func measurePeaks(seconds: Double = 0.3) -> MachinePeaks {
        var sink: Float = 0
        var gflops = 0.0
        for _ in 0..<3 {
            var iterations = 0
            let start = Self.threadCPUSeconds()
            while Self.threadCPUSeconds() - start < seconds {
                sink += fmaProbe(iterations: 1_000_000, seed: sink)
                iterations += 1_000_000
            }
            let elapsed = Self.threadCPUSeconds() - start
            gflops = max(gflops, Double(iterations * PeakProbe.flopsPerIteration) / elapsed / 1e9)
        }
        // 256 MiB: far past every cache, as the scanned stores are.
        let count = 64 << 20
        let buffer = UnsafeMutablePointer<Float>.allocate(capacity: count)
        defer { buffer.deallocate() }
        buffer.initialize(repeating: 1, count: count)
        var gbPerSecond = 0.0
        for _ in 0..<3 {
            var passes = 0
            let start = Self.threadCPUSeconds()
            while Self.threadCPUSeconds() - start < seconds {
                sink += readProbe(buffer, count: count)
                passes += 1
            }
            let elapsed = Self.threadCPUSeconds() - start
            gbPerSecond = max(gbPerSecond, Double(passes * count * 4) / elapsed / 1e9)
        }
        if sink == .infinity { print("") }  // keeps `sink` observable
        return MachinePeaks(gflopsPerCore: gflops, gbPerSecondPerCore: gbPerSecond)
    }

    static func threadCPUSeconds() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }

    private func fmaProbe(iterations: Int, seed: Float) -> Float {
        switch self {
        case .avx512: AVX512PanelScan.fmaProbe(iterations: iterations, seed: seed)
        case .avx2: AVX2PanelScan.fmaProbe(iterations: iterations, seed: seed)
        case .generic, .scalar: PeakProbe.fma(iterations: iterations, seed: seed)
        }
    }

    private func readProbe(_ p: UnsafePointer<Float>, count: Int) -> Float {
        switch self {
        case .avx512: AVX512PanelScan.readProbe(p, count: count)
        case .avx2: AVX2PanelScan.readProbe(p, count: count)
        case .generic, .scalar: PeakProbe.read(p, count: count)
        }
    }
}

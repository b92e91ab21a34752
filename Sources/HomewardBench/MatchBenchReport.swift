import Foundation
import MatchEngine

/// Prints `homeward bench match` results as a table or as JSON lines.
struct MatchBenchReport {
    struct Row: Encodable {
        var workload: String
        var rows: Int
        var dimension: Int
        var batch: Int
        var threads: Int
        var engine: String
        var qps: Double
        var recall: Double
        var mode: String
        var ratioToFaiss: Double? = nil
        var gflops: Double = 0
        var gbPerSecond: Double = 0
        var peakGflops: Double = 0
        var peakGBPerSecond: Double = 0

        enum CodingKeys: String, CodingKey {
            case workload, rows, dimension, batch, threads, engine, qps, recall, mode
            case ratioToFaiss = "ratio_to_faiss", gflops, gbPerSecond = "gb_per_s"
            case peakGflops = "peak_gflops", peakGBPerSecond = "peak_gb_per_s"
        }

        /// 2 flops per multiply-add over every row; bytes = the rows streamed once per batch.
        mutating func fillRates(_ peaks: MachinePeaks) {
            gflops = 2 * Double(rows) * Double(dimension) * qps / 1e9
            gbPerSecond = 4 * Double(rows) * Double(dimension) * qps / Double(batch) / 1e9
            peakGflops = peaks.gflopsPerCore * Double(threads)
            peakGBPerSecond = peaks.gbPerSecondPerCore * Double(threads)
        }
    }

    let json: Bool
    /// Measured on this machine at the start of the run (`MatchKernel.measurePeaks`).
    let peaks: MachinePeaks

    func header(kernel: MatchKernel, prefilter: ScanPrefilter) {
        guard !json else { return }
        let scan = prefilter == .none ? "kernel \(kernel)" : "prefilter \(prefilter) + kernel \(kernel) (GFLOP/s and GB/s count the fp32 scan's work)"
        emit("homeward bench match: exact top-\(BenchMatch.k), \(scan); peaks measured here: \(Int(peaks.gflopsPerCore)) GFLOP/s (FMA loop), \(fmt(peaks.gbPerSecondPerCore, 1)) GB/s (streaming read, 4 KiB pages) per core, per CPU-second")
        emit(pad("workload", 12) + pad("batch", 6) + pad("thr", 4) + pad("engine", 16) + pad("qps", 10)
              + pad("ratio", 7) + pad("GFLOP/s", 9) + pad("GB/s", 7) + pad("recall", 8) + "mode")
    }

    func cell(ours: Row, peer: Row?) {
        var ours = ours
        var peer = peer
        ours.fillRates(peaks)
        peer?.fillRates(peaks)
        if let p = peer { ours.ratioToFaiss = ours.qps / p.qps }
        for row in [ours] + (peer.map { [$0] } ?? []) {
            if json {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.sortedKeys]
                emit(String(decoding: try! encoder.encode(row), as: UTF8.self))
            } else {
                emit(pad(row.workload, 12) + pad("\(row.batch)", 6) + pad("\(row.threads)", 4) + pad(row.engine, 16)
                      + pad(fmt(row.qps, row.qps < 100 ? 1 : 0), 10)
                      + pad(row.ratioToFaiss.map { fmt($0, 2) } ?? "", 7)
                      + pad(fmt(row.gflops, 1), 9) + pad(fmt(row.gbPerSecond, 1), 7)
                      + pad(fmt(row.recall, 3), 8) + row.mode)
            }
        }
    }

    /// Unbuffered, so a long run shows each cell as it finishes even through a pipe.
    private func emit(_ line: String) {
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }

    private func pad(_ s: String, _ width: Int) -> String {
        s.count >= width ? s + " " : s + String(repeating: " ", count: width - s.count)
    }

    private func fmt(_ x: Double, _ digits: Int) -> String { String(format: "%.\(digits)f", x) }
}

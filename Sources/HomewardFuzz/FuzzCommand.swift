import ArgumentParser
import ClusterCore
import Foundation
import HomewardProtocol
import PhotoPipeline

/// `homeward fuzz`: the seeded mutation fuzzers of every decoder, in process,
/// for the long runs documented in docs/bad-input.md (CI runs short ones as tests).
public struct FuzzCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "fuzz",
        abstract: "Fuzz the protocol, image and config decoders with seeded mutations.",
        discussion: """
            Exits non-zero if any input ends in an internal error (an error kind a
            decoder must never produce, a bomb not refused, an accepted config that
            breaks a rule). A crash ends the process. Build with `swift build -c release`.
            """
    )

    enum Target: String, ExpressibleByArgument, CaseIterable { case `protocol`, images, config, all }

    @Option(help: "Which decoders: protocol, images, config or all.")
    var target: Target = .all

    @Option(help: "Inputs per target (or give --protocol-iterations etc.).")
    var iterations = 100_000

    @Option(help: "Inputs for the protocol target (default: --iterations).")
    var protocolIterations: Int?

    @Option(help: "Inputs for the images target (default: --iterations).")
    var imageIterations: Int?

    @Option(help: "Inputs for the config target (default: --iterations).")
    var configIterations: Int?

    @Option(help: "Seed: the same seed and count give the same inputs.")
    var seed: UInt64 = 1

    @Option(help: "The valid config file the config fuzzer mutates.")
    var configFile = "cluster-config/local.json"

    public func validate() throws {
        for n in [iterations, protocolIterations, imageIterations, configIterations].compactMap({ $0 }) where n < 1 {
            throw ValidationError("iteration counts must be at least 1")
        }
    }

    public init() {}

    public func run() throws {
        var internalErrors = 0
        let wanted: [Target] = target == .all ? [.protocol, .images, .config] : [target]
        print("target     inputs      decoded   rejected  internal  seconds  inputs/s")
        for t in wanted {
            let start = ContinuousClock.now
            let (inputs, decoded, rejected, internalCount): (Int, Int, Int, Int)
            var findings: [String] = []
            var notes: [String] = []
            switch t {
            case .protocol:
                let r = ProtocolFuzzer(seed: seed, now: FuzzCorpus.now, corpus: FuzzCorpus.protocolMessages())
                    .run(iterations: protocolIterations ?? iterations)
                (inputs, decoded, rejected, internalCount) = (r.inputs, r.decoded, r.rejected, r.internalErrors)
                if internalCount > 0 { findings = ["\(internalCount) rejections coded INTERNAL; rerun with this seed under a debugger"] }
            case .images:
                let r = PhotoFuzzer(seed: seed).run(iterations: imageIterations ?? iterations)
                (inputs, decoded, rejected, internalCount) = (r.inputs, r.decoded, r.rejected, r.internalErrors)
                findings = r.findings
                notes = ["\(r.bombsPlanted) header bombs planted", r.rejections.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")]
            case .config:
                guard let data = FileManager.default.contents(atPath: configFile) else {
                    throw ValidationError("cannot read \(configFile); run from the repository root or give --config-file")
                }
                let r = ConfigFuzzer(seed: seed, seedFile: data).run(iterations: configIterations ?? iterations)
                (inputs, decoded, rejected, internalCount) = (r.inputs, r.accepted, r.rejected, r.internalErrors)
                findings = r.findings
            case .all:
                continue
            }
            let elapsed = (ContinuousClock.now - start).components
            let seconds = Double(elapsed.seconds) + Double(elapsed.attoseconds) / 1e18
            print(t.rawValue.padding(toLength: 9, withPad: " ", startingAt: 0),
                  pad(inputs, 9), pad(decoded, 12), pad(rejected, 10), pad(internalCount, 9),
                  String(format: "%8.1f %9.0f", seconds, Double(inputs) / max(seconds, 1e-9)))
            for note in notes { print("  \(note)") }
            for f in findings.prefix(10) { print("  finding (seed \(seed)): \(f)") }
            internalErrors += internalCount
        }
        if internalErrors > 0 { throw ExitCode(1) }
    }

    private func pad(_ n: Int, _ width: Int) -> String {
        let s = String(n)
        return String(repeating: " ", count: max(0, width - s.count)) + s
    }
}

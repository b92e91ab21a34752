import Foundation
import Testing
import HomewardProtocol
@testable import HomewardFuzz

@Suite struct ProtocolFuzzerTests {
    static var corpus: [[Frame]] {
        FuzzCorpus.protocolMessages()
    }

    /// The short CI run. HOMEWARD_FUZZ_ITERATIONS raises the count for the
    /// long run documented in docs/protocol.md.
    @Test(arguments: [101, 202] as [UInt64])
    func fuzzRunHasNoCrashAndNoInternalError(seed: UInt64) {
        let iterations = ProcessInfo.processInfo.environment["HOMEWARD_FUZZ_ITERATIONS"].flatMap(Int.init) ?? 5000
        let report = ProtocolFuzzer(seed: seed, now: FuzzCorpus.now, corpus: Self.corpus).run(iterations: iterations)
        #expect(report.inputs == iterations)
        #expect(report.internalErrors == 0)
        #expect(report.decoded > 0 && report.rejected > 0)
        // The mutations reach framing, protobuf and field-level rules alike.
        #expect(report.rules[.malformedPayload, default: 0] > 0)
        #expect(report.rules[.frameCount, default: 0] > 0)
        #expect(report.rules.count >= 6, "rules reached: \(report.rules.keys.map(\.rawValue).sorted())")
        if iterations > 5000 {
            print("fuzz seed \(seed): \(report.inputs) inputs, \(report.decoded) decoded, \(report.rejected) rejected, "
                + "\(report.rules.count) rules: \(report.rules.sorted { $0.value > $1.value }.map { "\($0.key.rawValue)=\($0.value)" })")
        }
    }

    @Test func sameSeedSameReport() {
        let a = ProtocolFuzzer(seed: 5, now: FuzzCorpus.now, corpus: Self.corpus).run(iterations: 500)
        let b = ProtocolFuzzer(seed: 5, now: FuzzCorpus.now, corpus: Self.corpus).run(iterations: 500)
        #expect(a == b)
    }
}

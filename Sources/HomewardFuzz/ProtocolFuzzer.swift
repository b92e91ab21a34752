import HomewardBasics
import HomewardProtocol
/// A seeded mutation fuzzer for every Homeward decoder and validator (issue 7:
/// "every decoder fuzzed"). It mutates valid seed messages (byte flips,
/// insertions, deletions, splices, frame-count and tag changes) and feeds them
/// to the client, worker and alert decoders. Any crash is a bug; every input
/// must end decoded or as a `ProtocolError` that is not `.internal`.
///
/// Pure and deterministic for a seed, so a failure is reproducible from the
/// seed and iteration count it reports.
public struct ProtocolFuzzer: Sendable {
    public struct Report: Sendable, Equatable {
        public var inputs = 0
        public var decoded = 0
        public var rejected = 0
        /// Rejections coded INTERNAL (must stay 0).
        public var internalErrors = 0
        /// How often each rule fired.
        public var rules: [ValidationRule: Int] = [:]
    }

    public var seed: UInt64
    public var now: Int64
    /// Valid message bodies to mutate; by default one of each kind.
    public var corpus: [[Frame]]

    public init(seed: UInt64, now: Int64, corpus: [[Frame]]) {
        self.seed = seed
        self.now = now
        self.corpus = corpus
    }

    public func run(iterations: Int) -> Report {
        var rng = SeededGenerator(seed: seed)
        var report = Report()
        let requests = RequestValidator(), workers = WorkerValidator()
        for _ in 0..<iterations {
            var body = corpus[Int(rng.next() % UInt64(corpus.count))]
            // Mostly the decoder the seed was made for (to get past framing),
            // sometimes another one (a message sent to the wrong port).
            var target: UInt64 = body.first == ClientCodec.tag ? 0 : body.first == WorkerCodec.tag ? 1 : 2
            if rng.next() % 10 == 0 { target = rng.next() % 3 }
            mutate(&body, using: &rng)
            report.inputs += 1
            do throws(ProtocolError) {
                switch target {
                case 0: _ = try ClientCodec.decodeValidated(body, validator: requests, now: now)
                case 1: _ = try WorkerCodec.decodeValidated(body, from: .either, validator: workers, now: now)
                default: _ = try AlertStreamCodec.decode(body)
                }
                report.decoded += 1
            } catch {
                report.rejected += 1
                report.rules[error.rule, default: 0] += 1
                if error.code == .internal { report.internalErrors += 1 }
            }
        }
        return report
    }

    private func mutate(_ body: inout [Frame], using rng: inout SeededGenerator) {
        let rounds = 1 + Int(rng.next() % 4)
        for _ in 0..<rounds {
            switch rng.next() % 20 {
            case 0:  // drop or duplicate a frame
                if !body.isEmpty && rng.next() % 2 == 0 {
                    body.remove(at: Int(rng.next() % UInt64(body.count)))
                } else if let frame = body.randomElement(using: &rng) {
                    body.append(frame)
                }
            case 1:  // corrupt the tag or command frame
                if !body.isEmpty { body[0] = (0..<Int(rng.next() % 6)).map { _ in UInt8(truncatingIfNeeded: rng.next()) } }
            default:  // mutate the payload bytes
                guard !body.isEmpty else { return }
                let f = body.count - 1
                mutateBytes(&body[f], using: &rng)
            }
        }
    }

    private func mutateBytes(_ bytes: inout Frame, using rng: inout SeededGenerator) {
        switch rng.next() % 5 {
        case 0: bytes.insert(UInt8(truncatingIfNeeded: rng.next()), at: Int(rng.next() % UInt64(bytes.count + 1)))
        case 1 where !bytes.isEmpty: bytes.remove(at: Int(rng.next() % UInt64(bytes.count)))
        case 2 where !bytes.isEmpty: bytes = Array(bytes.prefix(Int(rng.next() % UInt64(bytes.count))))
        case 3 where bytes.count > 4:  // splice a run from elsewhere in the message
            let from = Int(rng.next() % UInt64(bytes.count - 2)), to = Int(rng.next() % UInt64(bytes.count - 2))
            let run = Array(bytes[from..<min(bytes.count, from + 1 + Int(rng.next() % 8))])
            bytes.insert(contentsOf: run, at: to)
        default:
            if !bytes.isEmpty { bytes[Int(rng.next() % UInt64(bytes.count))] ^= UInt8(1 << (rng.next() % 8)) }
        }
    }
}



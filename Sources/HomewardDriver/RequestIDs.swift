import Foundation
import Synchronization

/// Request ids for a load generator: one random prefix per process and a
/// counter. Ids stay unique across runs against the same cluster (the prefix),
/// which idempotency needs, without a UUID's formatting per request.
final class RequestIDs: Sendable {
    static let shared = RequestIDs()

    private let prefix = "lg-" + UUID().uuidString.prefix(18).lowercased() + "-"
    private let counter = Atomic<UInt64>(0)

    func next() -> String {
        let n = counter.add(1, ordering: .relaxed).newValue
        return prefix + String(n, radix: 36)
    }
}

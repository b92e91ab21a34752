import Synchronization

/// Set once when the coordinator starts draining; read by the intake loop for every message.
final class DrainFlag: Sendable {
    private let flag = Atomic(false)

    func set() { flag.store(true, ordering: .releasing) }

    var isSet: Bool { flag.load(ordering: .acquiring) }
}

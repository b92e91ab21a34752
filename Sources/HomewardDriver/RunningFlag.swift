import Synchronization

/// A flag one task clears to stop a loop in another.
final class RunningFlag: Sendable {
    private let value: Atomic<Bool>
    init(_ running: Bool) { value = Atomic(running) }
    var isRunning: Bool { value.load(ordering: .relaxed) }
    func stop() { value.store(false, ordering: .relaxed) }
}

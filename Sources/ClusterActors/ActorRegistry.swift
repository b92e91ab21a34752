import Distributed
import Synchronization

/// Local actors by name, held weakly: the registry never keeps an actor alive.
final class ActorRegistry: Sendable {
    private final class WeakBox {
        weak var actor: (any DistributedActor)?
        init(_ actor: any DistributedActor) { self.actor = actor }
    }

    private let actors = Mutex<[String: WeakBox]>([:])

    func insert(_ name: String, _ actor: any DistributedActor) {
        actors.withLock { $0[name] = WeakBox(actor) }
    }

    func lookup(_ name: String) -> (any DistributedActor)? {
        actors.withLock { $0[name]?.actor }
    }

    func remove(_ name: String) {
        actors.withLock { _ = $0.removeValue(forKey: name) }
    }

    var names: [String] { actors.withLock { $0.compactMap { $0.value.actor == nil ? nil : $0.key } } }
}

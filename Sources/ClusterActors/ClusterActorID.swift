/// Names a distributed actor in the cluster: the node that hosts it (its
/// ROUTER endpoint, e.g. `tcp://10.0.0.5:7101`) and a name unique on that node
/// (e.g. `shard-BE-1`, or a generated `$7`).
public struct ClusterActorID: Hashable, Sendable, Codable, CustomStringConvertible {
    public var node: String
    public var name: String

    public init(node: String, name: String) {
        self.node = node
        self.name = name
    }

    public var description: String { "\(name)@\(node)" }
}

import Foundation

/// Hosts simulated on one machine: one network namespace per process, each
/// joined to a bridge by a veth pair, on a private /24 of their own. The test
/// process stays in the root namespace with an address on the bridge, like a
/// client on the same LAN. Cutting a host's link sets its bridge-side veth
/// down: its packets are dropped, its TCP connections stay open, as when a
/// cable or switch port fails. `remove()` deletes everything it made.
public final class NetworkLab: @unchecked Sendable {
    // @unchecked: created, used and removed by one test, in order.
    public let tag: String
    public let subnet: String
    public let hosts: [String]
    public private(set) var created = false

    /// `index` keeps concurrent or leftover labs apart (names and subnets).
    public init(index: Int, hosts: [String]) {
        tag = "hwf\(index)"
        subnet = "10.213.\(20 + index)"
        self.hosts = hosts
    }

    public var bridge: String { "\(tag)br" }
    public func namespace(_ host: String) -> String { "\(tag)-\(host)" }
    /// Bridge-side end of a host's veth pair (interface names are at most 15 bytes).
    public func hostLink(_ host: String) -> String { "\(tag)\(host)" }
    /// Hosts get .1, .2, … in the order given; the bridge (this process) has .254.
    public func address(_ host: String) -> String { "\(subnet).\(hosts.firstIndex(of: host)! + 1)" }

    public static func requireRoot() throws {
        guard getuid() == 0 else {
            throw Shell.Failure(description: "the fault tests make network namespaces and must run as root (CI does)")
        }
    }

    public func create() throws {
        try Self.requireRoot()
        remove()   // leftovers of an interrupted run
        created = true
        try Shell.run(Shell.ip, ["link", "add", bridge, "type", "bridge"])
        try Shell.run(Shell.ip, ["addr", "add", "\(subnet).254/24", "dev", bridge])
        try Shell.run(Shell.ip, ["link", "set", bridge, "up"])
        for host in hosts {
            let ns = namespace(host)
            try Shell.run(Shell.ip, ["netns", "add", ns])
            try Shell.run(Shell.ip, ["link", "add", hostLink(host), "type", "veth", "peer", "name", "eth0", "netns", ns])
            try Shell.run(Shell.ip, ["link", "set", hostLink(host), "master", bridge, "up"])
            try Shell.run(Shell.ip, ["-n", ns, "addr", "add", "\(address(host))/24", "dev", "eth0"])
            try Shell.run(Shell.ip, ["-n", ns, "link", "set", "eth0", "up"])
            try Shell.run(Shell.ip, ["-n", ns, "link", "set", "lo", "up"])
        }
    }

    /// Drops every packet to and from `host` until `restore`.
    public func cut(_ host: String) throws { try Shell.run(Shell.ip, ["link", "set", hostLink(host), "down"]) }

    public func restore(_ host: String) throws { try Shell.run(Shell.ip, ["link", "set", hostLink(host), "up"]) }

    public func remove() {
        for host in hosts {
            try? Shell.run(Shell.ip, ["link", "del", hostLink(host)], allowFailure: true)
            try? Shell.run(Shell.ip, ["netns", "del", namespace(host)], allowFailure: true)
        }
        try? Shell.run(Shell.ip, ["link", "del", bridge], allowFailure: true)
        created = false
    }
}

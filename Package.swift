// swift-tools-version: 6.1
// Homeward: a distributed match cluster for missing-child cases.
//
// Layout (docs/architecture.md has the long form):
//   GeoIndex        pure: geodesy, R-tree, reach tiers, province lookup
//   ZeroMQ          libzmq wrapper: sockets, error funnel, CURVE/ZAP, socket loop thread
//   ClusterActors   DistributedActorSystem over ZeroMQ (docs/transport.md)
//   homeward        the one executable: every role and operator command
import PackageDescription

let package = Package(
    name: "Homeward",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "homeward", targets: ["homeward"]),
        .library(name: "GeoIndex", targets: ["GeoIndex"]),
        .library(name: "ZeroMQ", targets: ["ZeroMQ"]),
        .library(name: "ClusterActors", targets: ["ClusterActors"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
    ],
    targets: [
        // MARK: system libraries
        .systemLibrary(name: "CSQLite", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),
        .systemLibrary(name: "CZeroMQ", pkgConfig: "libzmq", providers: [.apt(["libzmq3-dev"])]),

        // MARK: geo (issue 2)
        .target(name: "GeoIndex"),
        .testTarget(name: "GeoIndexTests", dependencies: ["GeoIndex"]),

        // MARK: transport (issue 4, wire)
        .target(name: "ZeroMQ", dependencies: ["CZeroMQ"]),
        .testTarget(name: "ZeroMQTests", dependencies: ["ZeroMQ"]),
        .target(name: "ClusterActors", dependencies: ["ZeroMQ"]),
        .testTarget(name: "ClusterActorsTests", dependencies: ["ClusterActors", "ZeroMQ"]),
        // A node process for the cross-process test and `homeward bench rpc`.
        .executableTarget(name: "cluster-probe-node", dependencies: ["ClusterActors", "ZeroMQ"]),

        // MARK: executable
        .executableTarget(
            name: "homeward",
            dependencies: [
                "GeoIndex",
                "ClusterActors",
                "ZeroMQ",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)

// swift-tools-version: 6.1
// Homeward: a distributed match cluster for missing-child cases.
//
// Layout (docs/architecture.md has the long form):
//   GeoIndex        pure: geodesy, R-tree, reach tiers, province lookup
//   homeward        the one executable: every role and operator command
import PackageDescription

let package = Package(
    name: "Homeward",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "homeward", targets: ["homeward"]),
        .library(name: "GeoIndex", targets: ["GeoIndex"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        .package(url: "https://github.com/apple/swift-collections", from: "1.1.0"),
    ],
    targets: [
        // MARK: system libraries
        .systemLibrary(name: "CSQLite", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),

        // MARK: geo (issue 2)
        .target(name: "GeoIndex"),
        .testTarget(name: "GeoIndexTests", dependencies: ["GeoIndex"]),

        // MARK: cluster core and shells (issue 4)
        .target(name: "ClusterCore", dependencies: [
            "GeoIndex",
            .product(name: "DequeModule", package: "swift-collections"),
        ]),
        .testTarget(name: "ClusterCoreTests", dependencies: ["ClusterCore"]),
        .target(name: "HomewardStore", dependencies: ["CSQLite"]),
        .testTarget(name: "HomewardStoreTests", dependencies: ["HomewardStore"]),

        // MARK: generated workloads with ground truth (demo, tests, load tests)
        .target(name: "Workload", dependencies: ["GeoIndex", "MatchEngine"]),

        // MARK: executable
        .executableTarget(
            name: "homeward",
            dependencies: [
                "GeoIndex",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)

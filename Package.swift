// swift-tools-version: 6.1
// Homeward: a distributed match cluster for missing-child cases.
//
// Layout (docs/architecture.md has the long form):
//   GeoIndex        pure: geodesy, R-tree, reach tiers, province lookup
//   HomewardProtocol pure: client/alert/worker wire schema, frame codecs, validation
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
        .library(name: "MatchEngine", targets: ["MatchEngine"]),
        .library(name: "HomewardProtocol", targets: ["HomewardProtocol"]),
        .library(name: "ZeroMQ", targets: ["ZeroMQ"]),
        .library(name: "ClusterActors", targets: ["ClusterActors"]),
        .library(name: "PhotoPipeline", targets: ["PhotoPipeline"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        .package(url: "https://github.com/apple/swift-collections", from: "1.1.0"),
        .package(url: "https://github.com/apple/swift-protobuf", from: "1.39.0"),
        .package(url: "https://github.com/HdrHistogram/hdrhistogram-swift", from: "0.1.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.0"),  // photo pipeline: SHA-256; store: audit chain, AES-GCM at rest
    ],
    targets: [
        // MARK: system libraries
        .systemLibrary(name: "CSQLite", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),
        .systemLibrary(name: "CZeroMQ", pkgConfig: "libzmq", providers: [.apt(["libzmq3-dev"])]),

        // MARK: geo (issue 2)
        .target(name: "GeoIndex"),
        .testTarget(name: "GeoIndexTests", dependencies: ["GeoIndex"]),

        // MARK: matching engine (issue 3)
        // One kernel target per instruction set (see matchISAFlags below). The
        // kernel sources live once in MatchKernels (baseline build + scalar twin);
        // each ISA target holds symlinks to them and compiles its own copy with
        // its -target-cpu. MatchEngine picks one at run time by a CPU check.
        .target(name: "CMatchCPU"),
        .target(name: "MatchKernels"),
        .target(name: "MatchKernelsAVX512",
                swiftSettings: matchISAFlags("skylake-avx512")),
        .target(name: "MatchKernelsAVX2",
                swiftSettings: matchISAFlags("haswell")),
        .target(name: "MatchEngine",
                dependencies: ["GeoIndex", "CMatchCPU", "MatchKernels", "MatchKernelsAVX512", "MatchKernelsAVX2"]),
        .testTarget(name: "MatchEngineTests", dependencies: ["MatchEngine", "MatchKernels", "GeoIndex"]),

        // MARK: cluster core and shells (issue 4)
        .target(name: "ClusterCore", dependencies: [
            "GeoIndex",
            "MatchEngine",
            .product(name: "DequeModule", package: "swift-collections"),
        ]),
        .testTarget(name: "ClusterCoreTests", dependencies: ["ClusterCore", "MatchEngine"]),
        .target(name: "HomewardStore", dependencies: ["CSQLite", .product(name: "Crypto", package: "swift-crypto")]),
        .testTarget(name: "HomewardStoreTests", dependencies: ["HomewardStore", .product(name: "Crypto", package: "swift-crypto")]),

        .target(name: "HomewardCluster", dependencies: [
            "ClusterCore", "HomewardStore", "HomewardProtocol", "MatchEngine", "GeoIndex", "ZeroMQ", "PhotoPipeline", "ClusterActors",
            "HomewardSecurity",
            .product(name: "Logging", package: "swift-log"),
        ]),

        .target(name: "HomewardClient", dependencies: ["HomewardProtocol", "ZeroMQ"]),
        // MARK: security (issue 13): key files, allow-list, ZAP identities
        .target(name: "HomewardSecurity", dependencies: ["HomewardProtocol", "ZeroMQ", "ClusterCore"]),
        .testTarget(name: "HomewardSecurityTests", dependencies: ["HomewardSecurity", "HomewardProtocol", "ZeroMQ", "ClusterCore"]),

        // MARK: generated workloads with ground truth (demo, tests, load tests)
        .target(name: "Workload", dependencies: ["GeoIndex", "MatchEngine"]),
        // MARK: client and worker protocols (issue 4)
        .target(
            name: "HomewardProtocol",
            dependencies: [.product(name: "SwiftProtobuf", package: "swift-protobuf")]
        ),
        .testTarget(name: "HomewardProtocolTests", dependencies: ["HomewardProtocol"]),

        // MARK: local clusters, workload runs, demo (issues 4 and 6)
        .target(name: "HomewardDriver", dependencies: [
            "HomewardClient", "HomewardProtocol", "Workload", "GeoIndex", "ClusterCore", "MatchEngine", "HomewardStore",
            "HomewardSecurity", "ZeroMQ",
            .product(name: "Histogram", package: "hdrhistogram-swift"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        // MARK: transport (issue 4, wire)
        .target(name: "ZeroMQ", dependencies: ["CZeroMQ"]),
        .testTarget(name: "ZeroMQTests", dependencies: ["ZeroMQ"]),
        .target(name: "ClusterActors", dependencies: ["ZeroMQ"]),
        .testTarget(name: "ClusterActorsTests", dependencies: ["ClusterActors", "ZeroMQ"]),
        // A node process for the cross-process test and `homeward bench rpc`.
        .executableTarget(name: "cluster-probe-node", dependencies: ["ClusterActors", "ZeroMQ"]),

        .testTarget(name: "ClusterTests", dependencies: [
            "HomewardDriver", "HomewardClient", "HomewardProtocol", "ClusterCore", "MatchEngine", "Workload", "GeoIndex", "HomewardCluster",
        ]),
        .testTarget(name: "WorkloadTests", dependencies: ["Workload", "GeoIndex"]),
        // Issue 7: coordinator and workers in separate network namespaces (needs root and `ip`).
        .testTarget(name: "FaultTests", dependencies: [
            "HomewardDriver", "HomewardClient", "HomewardProtocol", "ClusterCore", "Workload",
        ]),
        // Issue 13: attackers against a CURVE cluster in network namespaces (needs root and `ip`).
        .testTarget(name: "SecurityTests", dependencies: [
            "HomewardDriver", "HomewardClient", "HomewardProtocol", "ClusterCore", "HomewardStore", "ZeroMQ",
        ]),
        // MARK: photo pipeline (issue 5)
        // C over libjpeg/libpng: decoding with header checks, orientation, resize, JPEG encoding.
        .target(
            name: "CImageCodec",
            cSettings: [.unsafeFlags(["-O2"])],
            linkerSettings: [.linkedLibrary("jpeg"), .linkedLibrary("png16")]
        ),
        // C++ over dlib. -O2 even in debug builds: dlib is header templates and
        // runs 5-7x slower at -O0. BLAS/LAPACK must be linked beside dlib.
        .target(
            name: "CFaceDlib",
            cxxSettings: [.unsafeFlags(["-O2"]), .define("DLIB_NO_GUI_SUPPORT"), .define("NDEBUG")],
            linkerSettings: [
                .linkedLibrary("dlib"), .linkedLibrary("blas"), .linkedLibrary("lapack"), .linkedLibrary("dl"),
            ]
        ),
        .target(
            name: "PhotoPipeline",
            dependencies: ["CImageCodec", "CFaceDlib", .product(name: "Crypto", package: "swift-crypto")]
        ),
        .testTarget(
            name: "PhotoPipelineTests",
            dependencies: ["PhotoPipeline", "CImageCodec"],
            exclude: ["Fixtures"]
        ),

        // MARK: executable
        .executableTarget(
            name: "homeward",
            dependencies: [
                "GeoIndex",
                "MatchEngine",
                "CSQLite",  // geo (issue 2): SQLite R*Tree peer in `bench geo`
                "ClusterCore", "HomewardCluster", "HomewardClient", "HomewardDriver", "HomewardProtocol", "Workload",
                "HomewardStore", "ClusterActors", "HomewardSecurity",
                "ZeroMQ",
                "PhotoPipeline",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)

// MARK: matching engine ISA flags (issue 3)
/// `-target-cpu` for one kernel target, only where that CPU name exists (x86-64).
/// Elsewhere (arm64) the target builds for the baseline and the runtime CPU
/// check never selects it.
func matchISAFlags(_ cpu: String) -> [SwiftSetting] {
    #if arch(x86_64)
    return [.unsafeFlags(["-target-cpu", cpu], .when(platforms: [.linux, .macOS]))]
    #else
    return []
    #endif
}

// swift-tools-version: 6.1
// Homeward: a distributed match cluster for missing-child cases.
//
// Targets by layer (docs/architecture.md has the long form):
//   basics      HomewardBasics: the seeded generator, the one dedicated-thread starter
//   pure core   GeoIndex, MatchEngine (+ kernels), ClusterCore, HomewardProtocol, Workload:
//               no sockets, no database, no clocks of their own
//   shells      ZeroMQ, ClusterActors, HomewardStore, PhotoPipeline, HomewardCluster (the roles,
//               each run as a process with its ops endpoint), HomewardClient, HomewardSecurity:
//               the I/O around the core; HomewardOps: the ops HTTP endpoint (metrics, health,
//               readiness), log handlers, build info (docs/operations.md); CBuildInfo
//   console     HomewardConsole: the operator console (Hummingbird), a client of the coordinator
//   tools       HomewardDriver (local clusters, workload runs, load tests),
//               HomewardBench (benchmarks beside their peers), HomewardFuzz (fuzzers),
//               HomewardTestSupport (probe actor for tests and `bench rpc`)
//   commands    HomewardCommands: every role and command of `homeward` (arguments, help,
//               checks; one library call each)
//   executables homeward (runs HomewardCommands' root command), cluster-probe-node (tests)
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
        // Operator console (issue 15): HTTP server, bcrypt password hashing.
        // Operations (issue 14) also use Hummingbird (ops endpoint) and ServiceLifecycle (drain).
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),  // SSE ends on shutdown; drain
        // Operations (issue 14): metrics API, Prometheus exposition.
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
    ],
    targets: [
        // MARK: - C libraries (system)
        .systemLibrary(name: "CSQLite", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),
        .systemLibrary(name: "CZeroMQ", pkgConfig: "libzmq", providers: [.apt(["libzmq3-dev"])]),

        // MARK: - Basics
        .target(name: "HomewardBasics"),

        // MARK: - Pure core
        .target(name: "GeoIndex"),
        // One kernel target per instruction set (see matchISAFlags below). The
        // kernel sources live once in MatchKernels (baseline build + scalar twin);
        // each ISA target holds symlinks to them and compiles its own copy with
        // its -target-cpu. MatchEngine picks one at run time by a CPU check.
        .target(name: "CMatchCPU"),
        // The int8 prefilter kernel: C, because Swift cannot emit vpdpbusd; no
        // fused multiply-adds, so its float epilogue rounds as the Swift twin's.
        .target(name: "CMatchInt8", cSettings: [.unsafeFlags(["-O3", "-ffp-contract=off"])]),
        .target(name: "MatchKernels"),
        .target(name: "MatchKernelsAVX512", swiftSettings: matchISAFlags("skylake-avx512")),
        .target(name: "MatchKernelsAVX2", swiftSettings: matchISAFlags("haswell")),
        .target(name: "MatchEngine",
                dependencies: ["GeoIndex", "CMatchCPU", "CMatchInt8", "MatchKernels", "MatchKernelsAVX512", "MatchKernelsAVX2"]),
        .target(name: "ClusterCore", dependencies: [
            "GeoIndex", "MatchEngine",
            .product(name: "DequeModule", package: "swift-collections"),
        ]),
        .target(name: "HomewardProtocol", dependencies: [.product(name: "SwiftProtobuf", package: "swift-protobuf")]),
        // Seeded generated workloads with ground truth (demo, tests, load tests).
        .target(name: "Workload", dependencies: ["HomewardBasics", "GeoIndex", "MatchEngine"]),

        // MARK: - Shells
        .target(name: "ZeroMQ", dependencies: ["CZeroMQ", "HomewardBasics"]),
        .target(name: "ClusterActors", dependencies: ["ZeroMQ"]),
        .target(name: "HomewardStore", dependencies: ["CSQLite", "HomewardBasics", .product(name: "Metrics", package: "swift-metrics"), .product(name: "Crypto", package: "swift-crypto")]),
        // C over libjpeg/libpng: decoding with header checks, orientation, resize, JPEG encoding.
        .target(name: "CImageCodec", cSettings: [.unsafeFlags(["-O2"])],
                linkerSettings: [.linkedLibrary("jpeg"), .linkedLibrary("png16")]),
        // C++ over dlib. -O2 even in debug builds: dlib is header templates and
        // runs 5-7x slower at -O0. BLAS/LAPACK must be linked beside dlib.
        .target(name: "CFaceDlib",
                cxxSettings: [.unsafeFlags(["-O2"]), .define("DLIB_NO_GUI_SUPPORT"), .define("NDEBUG")],
                linkerSettings: [
                    .linkedLibrary("dlib"), .linkedLibrary("blas"), .linkedLibrary("lapack"), .linkedLibrary("dl"),
                ]),
        .target(name: "PhotoPipeline", dependencies: [
            "CImageCodec", "CFaceDlib", "CMatchCPU", "HomewardBasics", .product(name: "Crypto", package: "swift-crypto"),
        ]),
        .target(name: "HomewardCluster", dependencies: [
            "ClusterCore", "HomewardStore", "HomewardProtocol", "MatchEngine", "GeoIndex", "ZeroMQ", "PhotoPipeline",
            "ClusterActors", "HomewardSecurity", "HomewardOps", .product(name: "Logging", package: "swift-log"), .product(name: "Metrics", package: "swift-metrics"),
            .product(name: "Prometheus", package: "swift-prometheus"), .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
        ]),
        .target(name: "HomewardClient", dependencies: [
            "HomewardBasics", "HomewardProtocol", "ZeroMQ", .product(name: "SwiftProtobuf", package: "swift-protobuf"),
        ]),
        // Operations (issue 14): the ops HTTP endpoint, the Prometheus backend, log handlers.
        .target(name: "HomewardOps", dependencies: [
            "CBuildInfo",
            .product(name: "Logging", package: "swift-log"),
            .product(name: "Metrics", package: "swift-metrics"),
            .product(name: "Prometheus", package: "swift-prometheus"),
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
        ]),
        // The git commit `homeward --version` prints (ops/stamp-commit writes it; "unknown" without).
        .target(name: "CBuildInfo"),
        // Issue 13: key files, the allow-list, the coordinator's live access list.
        .target(name: "HomewardSecurity", dependencies: ["HomewardProtocol", "ZeroMQ", "ClusterCore"]),
        // Operator console (issue 15): its own process, a client of the coordinator.
        // Pure parts (alert board, sessions, users, scopes, retention) beside a Hummingbird shell.
        .target(name: "HomewardConsole", dependencies: [
            "HomewardClient", "HomewardProtocol", "PhotoPipeline", "HomewardSecurity", "ZeroMQ",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "Logging", package: "swift-log"),
        ]),

        // MARK: - Tools: drivers, benchmarks, fuzzers, test support
        .target(name: "HomewardDriver", dependencies: [
            "HomewardClient", "HomewardProtocol", "Workload", "GeoIndex", "ClusterCore", "MatchEngine", "HomewardStore",
            "HomewardSecurity", "ZeroMQ", "HomewardBasics", "PhotoPipeline",
            .product(name: "Histogram", package: "hdrhistogram-swift"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        .target(name: "HomewardTestSupport", dependencies: ["ClusterActors"]),
        .target(name: "HomewardBench", dependencies: [
            "HomewardBasics", "GeoIndex", "MatchEngine", "CSQLite", "HomewardDriver", "Workload", "ClusterActors",
            "HomewardTestSupport", "ZeroMQ", "PhotoPipeline", "ClusterCore",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .target(name: "HomewardFuzz", dependencies: [
            "HomewardBasics", "ClusterCore", "HomewardProtocol", "PhotoPipeline",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),

        // MARK: - Command line
        // Every `homeward` subcommand: its arguments, help text and checks, and one call
        // into the library that does the work (the pattern of SwiftPM's Commands target).
        .target(name: "HomewardCommands", dependencies: [
            "GeoIndex", "MatchEngine", "ClusterCore", "HomewardCluster", "HomewardClient", "HomewardDriver",
            "HomewardProtocol", "Workload", "HomewardStore", "ClusterActors", "ZeroMQ", "PhotoPipeline",
            "HomewardBench", "HomewardFuzz", "HomewardOps", "HomewardConsole", "HomewardSecurity", "HomewardBasics",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "Logging", package: "swift-log"),
        ]),

        // MARK: - Executables
        .executableTarget(name: "homeward", dependencies: ["HomewardCommands"]),
        // A node process for the cross-process tests and `homeward bench rpc`.
        .executableTarget(name: "cluster-probe-node", dependencies: ["ClusterActors", "ZeroMQ", "HomewardBasics", "HomewardTestSupport"]),

        // MARK: - Tests (unit)
        .testTarget(name: "GeoIndexTests", dependencies: ["GeoIndex", "HomewardBasics"]),
        .testTarget(name: "MatchEngineTests", dependencies: ["MatchEngine", "MatchKernels", "GeoIndex", "HomewardBasics"]),
        .testTarget(name: "ClusterCoreTests", dependencies: ["ClusterCore", "MatchEngine", "HomewardBasics"]),
        .testTarget(name: "HomewardProtocolTests", dependencies: ["HomewardProtocol", "HomewardBasics"]),
        .testTarget(name: "WorkloadTests", dependencies: ["Workload", "GeoIndex", "HomewardBasics"]),
        .testTarget(name: "ZeroMQTests", dependencies: ["ZeroMQ", "HomewardBasics"]),
        .testTarget(name: "ClusterActorsTests", dependencies: ["ClusterActors", "ZeroMQ", "HomewardBasics", "HomewardTestSupport"]),
        .testTarget(name: "HomewardStoreTests", dependencies: ["HomewardStore", .product(name: "Crypto", package: "swift-crypto")]),
        .testTarget(name: "HomewardClientTests", dependencies: ["HomewardClient", "HomewardBasics", "HomewardProtocol"]),
        .testTarget(name: "HomewardOpsTests", dependencies: ["HomewardOps", .product(name: "Logging", package: "swift-log")]),
        .testTarget(name: "HomewardSecurityTests", dependencies: ["HomewardSecurity", "HomewardProtocol", "ZeroMQ", "ClusterCore"]),
        .testTarget(name: "HomewardConsoleTests", dependencies: ["HomewardConsole", "HomewardProtocol"]),
        .testTarget(name: "PhotoPipelineTests", dependencies: ["PhotoPipeline", "CImageCodec", "HomewardBasics"],
                    exclude: ["Fixtures"]),
        .testTarget(name: "HomewardFuzzTests", dependencies: [
            "HomewardFuzz", "HomewardBasics", "ClusterCore", "HomewardProtocol", "PhotoPipeline",
        ]),

        // MARK: - Tests (several real processes)
        .testTarget(name: "ClusterTests", dependencies: [
            "HomewardDriver", "HomewardClient", "HomewardProtocol", "ClusterCore", "MatchEngine", "Workload", "GeoIndex",
            "HomewardCluster", "HomewardStore", "HomewardBasics",
            .product(name: "Logging", package: "swift-log"),
        ]),
        // Shared by FaultTests and SecurityTests: network namespaces (`NetworkLab`), a
        // cluster started in them (`LabCluster`), a load run with a fault injected (`FaultRun`).
        .target(name: "NetworkLabSupport", dependencies: [
            "HomewardDriver", "HomewardClient", "HomewardProtocol", "ClusterCore", "Workload", "GeoIndex",
        ], path: "Tests/NetworkLabSupport"),
        // Coordinator and workers in separate network namespaces (needs root and `ip`).
        .testTarget(name: "FaultTests", dependencies: [
            "NetworkLabSupport", "HomewardDriver", "HomewardClient", "HomewardProtocol", "ClusterCore", "Workload",
        ]),
        // Issue 13: attackers against a CURVE cluster in network namespaces (needs root and `ip`).
        .testTarget(name: "SecurityTests", dependencies: [
            "NetworkLabSupport", "HomewardDriver", "HomewardClient", "HomewardProtocol", "ClusterCore", "HomewardStore", "ZeroMQ",
        ]),
    ],
    swiftLanguageModes: [.v6]
)

// MARK: - Matching engine ISA flags
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

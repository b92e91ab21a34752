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
        .library(name: "MatchEngine", targets: ["MatchEngine"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
    ],
    targets: [
        // MARK: system libraries
        .systemLibrary(name: "CSQLite", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),

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

        // MARK: executable
        .executableTarget(
            name: "homeward",
            dependencies: [
                "GeoIndex",
                "MatchEngine",
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

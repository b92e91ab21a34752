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
        .library(name: "PhotoPipeline", targets: ["PhotoPipeline"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.0"),  // photo pipeline: SHA-256
    ],
    targets: [
        // MARK: system libraries
        .systemLibrary(name: "CSQLite", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),

        // MARK: geo (issue 2)
        .target(name: "GeoIndex"),
        .testTarget(name: "GeoIndexTests", dependencies: ["GeoIndex"]),

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
                "PhotoPipeline",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)

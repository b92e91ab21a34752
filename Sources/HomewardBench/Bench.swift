import ArgumentParser

/// `homeward bench …`: the project's benchmarks, each run beside its peer.
public struct Bench: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        abstract: "Run a benchmark beside its peer engine and print the ratio.",
        discussion: "Build with `swift build -c release` first: debug builds are many times slower.",
        subcommands: [BenchGeo.self, BenchMatch.self, BenchCluster.self, BenchRPC.self, BenchPhoto.self]
    )

    public init() {}
}

import CBuildInfo

/// What `homeward --version` prints: the release number and the git commit
/// the binary was built from (embedded by `ops/stamp-commit`).
enum BuildInfo {
    /// Raised with each release; the wire protocol and schema versions are separate.
    static let version = "0.14.0"
    static var commit: String { String(cString: homeward_build_commit()) }
    static var text: String { "homeward \(version) (commit \(commit))" }
}

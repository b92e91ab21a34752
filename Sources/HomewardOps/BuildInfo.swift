import CBuildInfo

/// What `homeward --version` prints: the release number and the git commit
/// the binary was built from (embedded by `ops/stamp-commit`).
public enum BuildInfo {
    /// Raised with each release; the wire protocol and schema versions are separate.
    public static let version = "0.14.0"
    public static var commit: String { String(cString: homeward_build_commit()) }
    public static var text: String { "homeward \(version) (commit \(commit))" }
}

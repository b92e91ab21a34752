/// Store failures a caller can act on, beyond raw SQLite errors.
public enum StoreError: Error, Equatable, CustomStringConvertible, Sendable {
    case closed
    case migrationGap(expected: Int, found: Int)
    case newerSchema(database: Int, known: Int)
    case notFound(String)
    case backup(String)
    /// The data key file is missing, unreadable, too open or malformed.
    case keyFile(String)
    /// A sealed value does not open (wrong key or altered), or sealing failed.
    case sealing(String)
    /// The change conflicts with what is stored (e.g. a second, different review).
    case conflict(String)

    public var description: String {
        switch self {
        case .closed: "the store is closed"
        case .migrationGap(let e, let f): "migrations must be numbered 1, 2, 3…: expected \(e), found \(f)"
        case .newerSchema(let d, let k): "the database has schema version \(d) but this build knows only up to \(k): run a newer homeward"
        case .notFound(let what): "\(what) not found"
        case .backup(let problem): "backup: \(problem)"
        case .keyFile(let why): why
        case .sealing(let why): "personal data: \(why)"
        case .conflict(let why): why
        }
    }
}

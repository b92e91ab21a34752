/// Who is looking at a page: the user and the session's CSRF token.
struct Viewer: Sendable {
    let user: ConsoleUser
    let csrf: String
    let sessionID: String
}

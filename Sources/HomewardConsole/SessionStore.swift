/// The shell around `SessionBook`: one actor, the wall clock, random ids.
actor SessionStore {
    private var book = SessionBook()

    func open(user: String) -> (id: String, csrf: String) {
        let id = ConsoleUsers.randomHex(bytes: 32), csrf = ConsoleUsers.randomHex(bytes: 32)
        _ = book.open(user: user, now: Clock.now(), id: id, csrf: csrf)
        return (id, csrf)
    }

    func touch(id: String) -> SessionBook.Session? { book.touch(id: id, now: Clock.now()) }

    func close(id: String) { book.close(id: id) }
}

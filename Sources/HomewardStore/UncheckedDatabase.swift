/// Carries a connection into the writer thread's closure. The connection is
/// used only on that thread afterwards, which is what makes this safe.
struct UncheckedDatabase: @unchecked Sendable {
    let database: SQLiteDatabase
    init(_ database: SQLiteDatabase) { self.database = database }
}

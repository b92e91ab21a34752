import CSQLite
import GeoIndex

/// A failed step of `bench geo` (SQLite call, peer process), with the cause.
struct GeoBenchError: Error, CustomStringConvertible {
    let description: String
}

/// SQLite's R*Tree module in an in-memory database: box prefilter in SQL with the
/// same circle bounding boxes, exact haversine in Swift on the original doubles.
/// (The R*Tree stores 32-bit floats rounded outwards, so the prefilter stays a superset.)
final class GeoBenchSQLite {
    private var db: OpaquePointer?

    init() throws {
        guard sqlite3_open(":memory:", &db) == SQLITE_OK else { throw GeoBenchError(description: "sqlite3_open(:memory:) failed") }
    }

    deinit { sqlite3_close(db) }

    func exec(_ sql: String) throws {
        var message: UnsafeMutablePointer<CChar>?
        if sqlite3_exec(db, sql, nil, nil, &message) != SQLITE_OK {
            let text = message.map { String(cString: $0) } ?? "unknown error"
            sqlite3_free(message)
            throw GeoBenchError(description: "SQLite: \(text) in: \(sql)")
        }
    }

    func prepare(_ sql: String) throws -> OpaquePointer? {
        var stmt: OpaquePointer?
        guard sqlite3_prepare_v2(db, sql, -1, &stmt, nil) == SQLITE_OK else {
            throw GeoBenchError(description: "SQLite prepare failed: \(String(cString: sqlite3_errmsg(db))) in: \(sql)")
        }
        return stmt
    }

    /// Creates `name` as an R*Tree and inserts the boxes (ids = row numbers) in one transaction.
    func load(_ name: String, boxes: [GeoBox]) throws {
        try exec("CREATE VIRTUAL TABLE \(name) USING rtree(id, minx, maxx, miny, maxy)")
        try exec("BEGIN")
        let stmt = try prepare("INSERT INTO \(name) VALUES (?1, ?2, ?3, ?4, ?5)")
        defer { sqlite3_finalize(stmt) }
        for (i, b) in boxes.enumerated() {
            sqlite3_bind_int64(stmt, 1, Int64(i))
            sqlite3_bind_double(stmt, 2, b.minLongitude)
            sqlite3_bind_double(stmt, 3, b.maxLongitude)
            sqlite3_bind_double(stmt, 4, b.minLatitude)
            sqlite3_bind_double(stmt, 5, b.maxLatitude)
            guard sqlite3_step(stmt) == SQLITE_DONE else {
                throw GeoBenchError(description: "SQLite insert failed: \(String(cString: sqlite3_errmsg(db)))")
            }
            sqlite3_reset(stmt)
        }
        try exec("COMMIT")
    }

    /// Runs one box query per element of `boxes`, calling `accept(query, id)` on every
    /// candidate row; results that pass are hashed per query.
    func query(_ name: String, boxes: [GeoBox], accept: (Int, Int) -> Bool) throws -> (GeoResultSets, Double) {
        let stmt = try prepare("SELECT id FROM \(name) WHERE minx <= ?1 AND maxx >= ?2 AND miny <= ?3 AND maxy >= ?4")
        defer { sqlite3_finalize(stmt) }
        var results = GeoResultSets(queries: boxes.count)
        let seconds = geoBenchSeconds {
            for (q, b) in boxes.enumerated() {
                sqlite3_bind_double(stmt, 1, b.maxLongitude)
                sqlite3_bind_double(stmt, 2, b.minLongitude)
                sqlite3_bind_double(stmt, 3, b.maxLatitude)
                sqlite3_bind_double(stmt, 4, b.minLatitude)
                var n: Int64 = 0, h: UInt64 = 0
                while sqlite3_step(stmt) == SQLITE_ROW {
                    let id = Int(sqlite3_column_int64(stmt, 0))
                    if accept(q, id) { n += 1; h &+= geoBenchMix(UInt64(id)) }
                }
                sqlite3_reset(stmt)
                results.counts[q] = n
                results.hashes[q] = h
            }
        }
        return (results, seconds)
    }
}

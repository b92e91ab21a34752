import Crypto
import Foundation
import Testing
@testable import HomewardStore

@Suite struct AuditChainTests {
    static let keys = StoreKeys(dataKey: SymmetricKey(data: [UInt8](repeating: 7, count: 32)))

    /// Five chained entries, as the store writes them.
    static func chain(keys: StoreKeys?) -> [AuditEntry] {
        var previous = AuditChain.genesis
        return (1...5).map { i in
            var e = AuditEntry(id: Int64(i), at: 100 + Int64(i), actor: "op-\(i)", role: "operator", action: "read-personal-data",
                               subject: "case:\(i)", reason: "purpose \(i)")
            e.previousHash = previous
            e.hash = AuditChain.hash(e, previous: previous, keys: keys)
            previous = e.hash
            return e
        }
    }

    @Test func anIntactChainVerifies() {
        #expect(AuditChain.verify(Self.chain(keys: nil)) == nil)
        #expect(AuditChain.verify(Self.chain(keys: Self.keys), keys: Self.keys) == nil)
    }

    @Test func eachKindOfTamperingBreaksAtItsEntry() {
        let chain = Self.chain(keys: Self.keys)
        var changed = chain
        changed[2].reason = "nothing to see"
        #expect(AuditChain.verify(changed, keys: Self.keys)?.id == 3)
        var deleted = chain
        deleted.remove(at: 1)
        #expect(AuditChain.verify(deleted, keys: Self.keys)?.id == 3)
        var reordered = chain
        reordered.swapAt(1, 2)
        #expect(AuditChain.verify(reordered, keys: Self.keys)?.position == 2)
        // An entry appended with a correct unkeyed hash does not fit a keyed chain.
        var appended = chain
        var forged = AuditEntry(id: 6, at: 200, actor: "x", action: "y", subject: "z", reason: "")
        forged.previousHash = chain.last!.hash
        forged.hash = AuditChain.hash(forged, previous: forged.previousHash)
        appended.append(forged)
        #expect(AuditChain.verify(appended, keys: Self.keys)?.id == 6)
        // And the wrong data key fails at the first entry.
        let other = StoreKeys(dataKey: SymmetricKey(data: [UInt8](repeating: 8, count: 32)))
        #expect(AuditChain.verify(chain, keys: other)?.id == 1)
    }

    @Test func legacyRowsMayOnlyPrecedeTheChain() {
        let legacy = AuditEntry(id: 1, at: 1, actor: "a", action: "b", subject: "c", reason: "d")
        var chain = Self.chain(keys: nil).map { e -> AuditEntry in var e = e; e.id += 1; return e }
        // Rechain after renumbering.
        var previous = AuditChain.genesis
        for i in chain.indices {
            chain[i].previousHash = previous
            chain[i].hash = AuditChain.hash(chain[i], previous: previous)
            previous = chain[i].hash
        }
        #expect(AuditChain.verify([legacy] + chain) == nil)
        var late = legacy
        late.id = 100
        #expect(AuditChain.verify(chain + [late])?.id == 100)
    }

    @Test func theStoreSealsPersonalDataAndChainsItsLog() async throws {
        let path = SQLiteWriterTests.temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let writer = try SQLiteWriter(path: path, migrations: CoordinatorSchema.migrations, keys: Self.keys)
        let personal = CasePersonalData(childName: "Wang Secretname", guardianContact: "+86 100 2000 3000", notes: "n", homeProvince: nil)
        try await writer.write { try CoordinatorStore($0).insertCase(CoordinatorStoreTests.sampleCase, personal: personal) }
        let read = try await writer.write { try CoordinatorStore($0).personalData(caseID: 7, reader: "op", purpose: "p", at: 1) }
        #expect(read == personal)
        try await writer.write { try CoordinatorStore($0).audit(actor: "a", role: "admin", action: "b", subject: "c", reason: "d", at: 2) }
        let log = try await writer.read { try CoordinatorStore($0).auditLog() }
        #expect(log.count == 2 && AuditChain.verify(log, keys: Self.keys) == nil)
        let raw = try await writer.read { db in try db.cached("SELECT child_name FROM case_personal").rows { $0.blob(0) } }
        writer.close()
        #expect(!String(decoding: raw[0], as: UTF8.self).contains("Secretname"))
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(bytes.range(of: Data("Wang Secretname".utf8)) == nil)
        var info = stat()
        stat(path, &info)
        #expect(info.st_mode & 0o777 == 0o600)
    }
}

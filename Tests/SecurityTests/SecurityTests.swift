import ClusterCore
import Foundation
import HomewardClient
import HomewardProtocol
import HomewardStore
import NetworkLabSupport
import Testing
import ZeroMQ

/// Issue 13's attackers, against a coordinator and two workers in network
/// namespaces of their own, with CURVE and the keys as shipped: the test
/// process sits on the network between them. Needs root (CI runs as root).
@Suite(.serialized) struct SecurityTests {
    typealias F = SecurityFixtures

    @Test func clientsGetOnlyWhatTheirKeyAllows() async throws {
        let sc = try await SecurityCluster.start(index: 11)
        defer { sc.stop() }
        let logs = "logs in \(sc.runDirectory)"

        // Without CURVE, and with a key nobody listed, nothing is answered.
        let plain = try await sc.client(nil, timeoutMs: 2_000)
        #expect(await plain.outcome(F.status) == .unspecified, "a plaintext client was answered; \(logs)")
        await plain.close()
        guard case .client(_, let serverKey)? = try sc.cluster.curve("admin") else { Issue.record("no CURVE in the shipped config"); return }
        let stranger = try await HomewardClient(endpoint: sc.cluster.clientEndpoint, timeoutMilliseconds: 2_000,
                                                curve: .client(try ZMQCurveKeyPair.generate(), serverPublicKey: serverKey))
        #expect(await stranger.outcome(F.status) == .unspecified, "an unknown key was answered; \(logs)")
        #expect(await stranger.outcome(F.register(at: F.beijing, face: 1)) == .unspecified)
        await stranger.close()

        // Desks: a national one, and a Guangdong one subscribed to everything and to Beijing.
        let national = Received(), gdAll = Received(), gdAskingBeijing = Received()
        let subs = [
            try await AlertSubscriber(endpoint: sc.cluster.alertsEndpoint, curve: try sc.cluster.curve("desk")) { national.add($0, $1) },
            try await AlertSubscriber(endpoint: sc.cluster.alertsEndpoint, curve: try sc.cluster.curve("desk-440000")) { gdAll.add($0, $1) },
            try await AlertSubscriber(endpoint: sc.cluster.alertsEndpoint, topics: ["110000", "440000"],
                                      curve: try sc.cluster.curve("desk-440000")) { gdAskingBeijing.add($0, $1) },
        ]
        try await Task.sleep(for: .milliseconds(500))

        let intake = try await sc.client("intake")
        let bj = try await intake.call(F.register(at: F.beijing, face: 1)).caseRegistered.caseID
        let gz = try await intake.call(F.register(at: F.guangzhou, face: 2)).caseRegistered.caseID
        _ = try await intake.call(F.sighting(at: F.beijing, face: 1, n: 1))
        _ = try await intake.call(F.sighting(at: F.guangzhou, face: 2, n: 2))
        for _ in 0..<300 where national.topics != ["110000", "440000"] { try await Task.sleep(for: .milliseconds(100)) }
        #expect(national.topics == ["110000", "440000"], "the national desk did not get both alerts; \(logs)")
        try await Task.sleep(for: .seconds(1))
        #expect(gdAll.topics == ["440000"], "a Guangdong desk subscribed to everything got \(gdAll.topics)")
        #expect(gdAskingBeijing.topics == ["440000"], "a Guangdong desk asking for Beijing got \(gdAskingBeijing.topics)")
        for s in subs { await s.close() }

        // Intake reads nothing and closes nothing.
        #expect(await intake.outcome(F.show(bj)) == .unauthorized)
        #expect(await intake.outcome(F.close(bj)) == .unauthorized)
        #expect(await intake.outcome(F.catchUp("110000")) == .unauthorized)
        #expect(await intake.outcome(F.status) == .unauthorized)

        // A Beijing operator reads Beijing's case, not Guangdong's; closes neither out of scope.
        let bjOperator = try await sc.client("operator-110000")
        let shown = try await bjOperator.call(F.show(bj)).caseShown
        #expect(shown.personal.childName == F.secretName)
        #expect(await bjOperator.outcome(F.show(gz)) == .unauthorized)
        #expect(await bjOperator.outcome(F.close(gz)) == .unauthorized)
        #expect(await bjOperator.outcome(F.show(999_999)) == .unauthorized, "an unknown case id must look like one out of scope")

        // Catch-up follows the same scope; a Guangdong reviewer cannot review Beijing's alert.
        let gdDesk = try await sc.client("desk-440000")
        #expect(await gdDesk.outcome(F.catchUp("110000")) == .unauthorized)
        #expect(await gdDesk.outcome(F.catchUp("440000")) == nil)
        let bjAlert = national.alerts.withLock { $0.first { $0.topic == "110000" }?.alert.alertID } ?? ""
        let reviewer = try await sc.client("reviewer-440000")
        #expect(await reviewer.outcome(HomewardClient.request { r in
            r.reviewAlert.alertID = bjAlert
            r.reviewAlert.reviewer = "someone-else"
            r.reviewAlert.decision = .confirm
        }) == .unauthorized)
        // Review states: every alert asked about must be in scope, so one in scope opens no other.
        let gzAlert = national.alerts.withLock { $0.first { $0.topic == "440000" }?.alert.alertID } ?? ""
        let reviews = { (ids: [String]) in HomewardClient.request { $0.showReviews.alertIds = ids } }
        #expect(await gdDesk.outcome(reviews([gzAlert])) == nil)
        #expect(try await gdDesk.call(reviews([gzAlert])).reviewsShown.alerts.map(\.caseOpen) == [true])
        #expect(await gdDesk.outcome(reviews([gzAlert, bjAlert])) == .unauthorized)
        #expect(await reviewer.outcome(reviews([bjAlert])) == .unauthorized)
        #expect(await bjOperator.outcome(reviews([bjAlert])) == .unauthorized, "operators have no review queue")
        // Kept photos: the roles that review or manage cases, in scope; these cases were registered as embeddings.
        let photos = { (id: UInt64) in HomewardClient.request { $0.showPhotos.caseID = id } }
        #expect(await bjOperator.outcome(photos(bj)) == .notFound)
        #expect(await bjOperator.outcome(photos(gz)) == .unauthorized)
        #expect(await gdDesk.outcome(photos(gz)) == .unauthorized, "desks see no photos")
        #expect(await intake.outcome(photos(bj)) == .unauthorized)
        for c in [intake, bjOperator, gdDesk, reviewer] { await c.close() }

        // Every refusal is audited under the key's identity; the read under the key, not the self-declared name.
        let log = try auditLog(sc)
        #expect(log.contains { $0.actor == "intake" && $0.action == "refused" && $0.subject == "show-case" })
        #expect(log.contains { $0.actor == "desk-440000" && $0.action == "refused" && $0.subject == "subscribe-alerts" })
        #expect(log.contains { $0.actor == "operator-110000" && $0.action == "read-personal-data" && $0.subject == "case:\(bj)" })
        #expect(!log.contains { $0.actor == "self-declared-name" })
    }

    @Test func forgedWorkersReceiveNothing() async throws {
        let sc = try await SecurityCluster.start(index: 12)
        defer { sc.stop() }
        let intake = try await sc.client("intake")
        _ = try await intake.call(F.register(at: F.beijing, face: 1))
        await intake.close()
        let endpoint = sc.cluster.workerEndpoint
        guard case .client(_, let serverKey)? = try sc.cluster.curve("admin") else { Issue.record("no CURVE"); return }

        // w1 goes away, so its routing id is free for the forgers.
        sc.cluster.signal(SIGKILL, worker: "w1")
        try await Task.sleep(for: .seconds(5))

        let unknown = try ForgedWorker(endpoint: endpoint, workerID: "w1", curve: .client(try ZMQCurveKeyPair.generate(), serverPublicKey: serverKey))
        #expect(try unknown.register(for: 3) == 0, "a worker with an unknown key was sent something")
        unknown.close()
        let plain = try ForgedWorker(endpoint: endpoint, workerID: "w1", curve: nil)
        #expect(try plain.register(for: 3) == 0, "a plaintext worker was sent something")
        plain.close()
        let wrongKey = try ForgedWorker(endpoint: endpoint, workerID: "w1", curve: try sc.cluster.curve("worker-w2"))
        #expect(try wrongKey.register(for: 3) == 0, "w2's key registering as w1 was sent something")
        wrongKey.close()
        let deskKey = try ForgedWorker(endpoint: endpoint, workerID: "w1", curve: try sc.cluster.curve("desk"))
        #expect(try deskKey.register(for: 3) == 0, "a desk key on the worker socket was sent something")
        deskKey.close()
        // The control: w1's own key is sent its shards' snapshot (so the checks above could fail).
        let genuine = try ForgedWorker(endpoint: endpoint, workerID: "w1", curve: try sc.cluster.curve("worker-w1"))
        #expect(try genuine.register(for: 3) > 0, "w1's own key was sent nothing: the forgery checks prove nothing; logs in \(sc.runDirectory)")
        genuine.close()
    }

    @Test func revokedKeysAreDroppedAndTheAuditLogIsTamperEvident() async throws {
        let sc = try await SecurityCluster.start(index: 13)
        defer { sc.stop() }
        let logs = "logs in \(sc.runDirectory)"
        for (name, role) in [("desk-temp", "desk"), ("operator-temp", "operator")] {
            let made = try sc.homeward(["keys", "generate", "--config", sc.configPath, "--name", name, "--role", role])
            #expect(made.status == 0, "keys generate: \(made.output)")
        }
        try await Task.sleep(for: .seconds(1))   // the coordinator rereads the allow-list
        let kept = Received(), revoked = Received()
        let keptSub = try await AlertSubscriber(endpoint: sc.cluster.alertsEndpoint, curve: try sc.cluster.curve("desk")) { kept.add($0, $1) }
        let revokedSub = try await AlertSubscriber(endpoint: sc.cluster.alertsEndpoint, curve: try sc.cluster.curve("desk-temp")) { revoked.add($0, $1) }
        let tempOperator = try await sc.client("operator-temp")
        #expect(await tempOperator.outcome(F.status) == nil, "a new key was not admitted without a restart; \(logs)")
        try await Task.sleep(for: .milliseconds(500))

        let intake = try await sc.client("intake")
        let caseID = try await intake.call(F.register(at: F.beijing, face: 1)).caseRegistered.caseID
        let first = try await intake.call(F.sighting(at: F.beijing, face: 1, n: 1)).sightingAccepted.sightingID
        for _ in 0..<300 where !revoked.sightings.contains(first) { try await Task.sleep(for: .milliseconds(100)) }
        #expect(revoked.sightings.contains(first), "the temporary desk never got an alert; \(logs)")

        for name in ["desk-temp", "operator-temp"] {
            let out = try sc.homeward(["keys", "revoke", "--config", sc.configPath, "--name", name])
            #expect(out.status == 0, "keys revoke: \(out.output)")
        }
        try await Task.sleep(for: .seconds(2))
        let second = try await intake.call(F.sighting(at: F.beijing, face: 1, n: 2)).sightingAccepted.sightingID
        for _ in 0..<300 where !kept.sightings.contains(second) { try await Task.sleep(for: .milliseconds(100)) }
        #expect(kept.sightings.contains(second), "the kept desk lost its stream; \(logs)")
        try await Task.sleep(for: .seconds(1))
        #expect(!revoked.sightings.contains(second), "a revoked desk still receives alerts on its open connection")
        #expect(await tempOperator.outcome(F.status) != nil, "a revoked operator key was still answered")
        await keptSub.close()
        await revokedSub.close()
        await tempOperator.close()

        // Audited actions: a read, a refusal, a close; the chain verifies.
        let op = try await sc.client("operator")
        _ = try await op.call(F.show(caseID))
        #expect(await intake.outcome(F.show(caseID)) == .unauthorized)
        _ = try await op.call(F.close(caseID))
        // A mistaken close is undone by an operator (not by intake), with a reason.
        #expect(await intake.outcome(F.reopen(caseID)) == .unauthorized)
        #expect(try await op.call(F.reopen(caseID)).caseReopened.caseID == caseID)
        #expect(try await op.call(F.show(caseID)).caseShown.state == .open)
        #expect(await op.outcome(F.reopen(caseID)) == .notFound, "reopening an open case")
        await op.close()
        await intake.close()
        let verified = try sc.homeward(["audit", "verify", "--config", sc.configPath, "--database", sc.cluster.databasePath])
        #expect(verified.status == 0, "audit verify on the live log: \(verified.output)")
        #expect(try auditLog(sc).contains { $0.actor == "operator" && $0.action == "reopen-case" && $0.reason == "closed by mistake" })
        let shown = try sc.homeward(["audit", "show", "--config", sc.configPath, "--database", sc.cluster.databasePath, "--identity", "intake"])
        #expect(shown.output.contains("refused"), "audit show --identity intake: \(shown.output)")
        sc.cluster.stop()

        // No child's name or contact anywhere in the database files.
        let files = try FileManager.default.contentsOfDirectory(atPath: (sc.cluster.databasePath as NSString).deletingLastPathComponent)
            .filter { $0.hasPrefix("coordinator.sqlite") }
        #expect(!files.isEmpty)
        for file in files {
            let path = ((sc.cluster.databasePath as NSString).deletingLastPathComponent as NSString).appendingPathComponent(file)
            let found = try Shell.run("/usr/bin/grep", ["-c", "-a", "-e", F.secretName, "-e", F.secretContact, path], allowFailure: true)
            #expect(found.trimmingCharacters(in: .whitespacesAndNewlines) == "0", "personal data in clear in \(file)")
            var info = stat()
            stat(path, &info)
            #expect(info.st_mode & 0o077 == 0, "\(file) is readable by others")
        }

        // Tampering, each on its own copy, with the triggers dropped: verify names the entry.
        let entries = try auditLog(sc)
        #expect(entries.count >= 4)
        func tampered(_ sql: String) throws -> (status: Int32, output: String) {
            let copy = sc.runDirectory + "/tampered-\(UUID().uuidString).sqlite"
            try FileManager.default.copyItem(atPath: sc.cluster.databasePath, toPath: copy)
            let db = try SQLiteDatabase(path: copy)
            try db.execute("DROP TRIGGER IF EXISTS audit_log_no_update; DROP TRIGGER IF EXISTS audit_log_no_delete; " + sql)
            db.close()
            return try sc.homeward(["audit", "verify", "--config", sc.configPath, "--database", copy])
        }
        let changed = try tampered("UPDATE audit_log SET reason = 'nothing to see' WHERE id = 2")
        #expect(changed.status == 1 && changed.output.contains("audit entry 2 "), "changed row: \(changed.output)")
        let deleted = try tampered("DELETE FROM audit_log WHERE id = 2")
        #expect(deleted.status == 1 && deleted.output.contains("audit entry 3 "), "deleted row: \(deleted.output)")
        let reordered = try tampered("UPDATE audit_log SET id = -2 WHERE id = 2; UPDATE audit_log SET id = 2 WHERE id = 3; UPDATE audit_log SET id = 3 WHERE id = -2")
        #expect(reordered.status == 1 && reordered.output.contains("audit entry 2 "), "reordered rows: \(reordered.output)")
        // An appended row chained with the unkeyed hash: only the data key could make it fit.
        let last = entries.last!
        var forged = AuditEntry(id: last.id + 1, at: last.at, actor: "intake", role: "operator", action: "read-personal-data", subject: "case:1", reason: "x")
        let hash = AuditChain.hash(forged, previous: last.hash).map { String(format: "%02x", $0) }.joined()
        forged.previousHash = last.hash
        let previous = last.hash.map { String(format: "%02x", $0) }.joined()
        let appended = try tampered("INSERT INTO audit_log (id, at, actor, role, action, subject, reason, prev_hash, hash) VALUES (\(forged.id), \(forged.at), 'intake', 'operator', 'read-personal-data', 'case:1', 'x', X'\(previous)', X'\(hash)')")
        #expect(appended.status == 1 && appended.output.contains("audit entry \(forged.id) "), "appended row: \(appended.output)")
    }

    func auditLog(_ sc: SecurityCluster) throws -> [AuditEntry] {
        let db = try SQLiteDatabase(path: sc.cluster.databasePath)
        defer { db.close() }
        return try CoordinatorStore(db).auditLog()
    }
}

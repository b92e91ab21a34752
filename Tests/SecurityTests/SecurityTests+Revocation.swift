import Foundation
import HomewardClient
import HomewardProtocol
import NetworkLabSupport
import Synchronization
import Testing
import ZeroMQ

extension SecurityTests {
    /// Issue 13: "revoking a key drops its live connection", on every socket of
    /// the coordinator, seen from the revoked key holder's own side (a socket
    /// monitor): its connection is closed, and its reconnections fail the
    /// handshake. Meanwhile a steady load runs through the cluster, and the
    /// honest clients, desks and workers, whose connections are dropped too,
    /// lose nothing acknowledged.
    @Test func revokingAKeyClosesItsLiveConnections() async throws {
        let sc = try await SecurityCluster.start(index: 15)
        defer { sc.stop() }
        let logs = "logs in \(sc.runDirectory)"
        for (name, role, extra) in [("operator-temp", "operator", []), ("desk-temp", "desk", []),
                                    ("worker-temp", "worker", ["--worker-id", "w9"])] {
            let made = try sc.homeward(["keys", "generate", "--config", sc.configPath, "--name", name, "--role", role] + extra)
            #expect(made.status == 0, "keys generate: \(made.output)")
        }
        try await Task.sleep(for: .seconds(1))   // the coordinator rereads the allow-list
        let c = sc.config.coordinator
        let revoked = [
            try await ConnectionProbe.open("client socket", .dealer, endpoint: c.clientEndpoint, curve: try sc.cluster.curve("operator-temp")),
            try await ConnectionProbe.open("alerts socket", .sub, endpoint: c.alertsEndpoint, curve: try sc.cluster.curve("desk-temp")),
            try await ConnectionProbe.open("worker socket", .dealer, endpoint: c.workerEndpoint, curve: try sc.cluster.curve("worker-temp"),
                                           routingID: "w9"),
            try await ConnectionProbe.open("control endpoint", .dealer, endpoint: c.controlEndpoint, curve: try sc.cluster.curve("worker-temp")),
        ]
        let kept = try await ConnectionProbe.open("client socket, kept key", .dealer, endpoint: c.clientEndpoint,
                                                  curve: try sc.cluster.curve("operator"))
        let probes = revoked + [kept]
        for p in probes {
            #expect(try await p.first(.handshakeSucceeded) != nil, "\(p.name): never admitted: \(p.history()); \(logs)")
        }

        // Each probe's event count when the revocation began.
        let before = Mutex<[Int]>([])
        let outcome = try await FaultRun.run(cluster: sc.cluster, config: sc.config, seed: 81) {
            let start = ContinuousClock.now
            before.withLock { $0 = probes.map(\.count) }
            for name in ["operator-temp", "desk-temp", "worker-temp"] {
                let out = try sc.homeward(["keys", "revoke", "--config", sc.configPath, "--name", name])
                #expect(out.status == 0, "keys revoke: \(out.output)")
            }
            let marks = before.withLock { $0 }
            for (p, from) in zip(revoked, marks) { _ = try await p.first(.disconnected, from: from) }
            let took = ContinuousClock.now - start
            return .init(detected: Double(took.components.seconds) + Double(took.components.attoseconds) / 1e18, recovered: nil)
        }
        print("revocation under load: connections closed after \(outcome.timing.detected.map { String(format: "%.1f s", $0) } ?? "-"); "
            + "acknowledged \(outcome.acknowledged) of \(outcome.offered), lost \(outcome.lost), missing \(outcome.missing), "
            + "unexpected \(outcome.unexpected), duplicates \(outcome.report.duplicates), retried \(outcome.report.retries)")

        let marks = before.withLock { $0 }
        for (p, from) in zip(revoked, marks) {
            let closed = try await p.first(.disconnected, from: from, timeout: .seconds(1))
            #expect(closed != nil, "\(p.name): the revoked key's connection stayed open: \(p.history(from: from)); \(logs)")
            guard let closed else { continue }
            // It reconnects by itself, and ZAP refuses it: the handshake fails and never succeeds again.
            #expect(try await p.first(.handshakeFailedAuth, from: closed) != nil,
                    "\(p.name): no refused handshake after the close: \(p.history(from: closed))")
            #expect(!p.events.dropFirst(closed).contains { $0.kind == .handshakeSucceeded },
                    "\(p.name): the revoked key was admitted again: \(p.history(from: closed))")
        }
        // The kept key's connection was dropped with the others and came back through ZAP.
        let keptFrom = marks.last ?? 0
        let keptClosed = try await kept.first(.disconnected, from: keptFrom, timeout: .seconds(1))
        #expect(keptClosed != nil, "the client socket was not bound again: \(kept.history(from: keptFrom))")
        if let keptClosed {
            #expect(try await kept.first(.handshakeSucceeded, from: keptClosed) != nil,
                    "a kept key could not reconnect: \(kept.history(from: keptClosed)); \(logs)")
        }
        for p in probes { await p.close() }

        // Honest clients, desks and workers lost nothing acknowledged.
        #expect(outcome.lost == 0, "acknowledged sightings lost; \(logs)")
        #expect(outcome.missing == 0, "reference alerts missing; \(logs)")
        #expect(outcome.unexpected == 0, "unexpected alerts; \(logs)")
        #expect(outcome.report.duplicates == 0, "duplicate alert ids")
        #expect(outcome.acknowledged == outcome.offered, "\(outcome.offered - outcome.acknowledged) submissions never acknowledged (errors \(outcome.report.errors))")
        #expect(outcome.casesAcknowledged == outcome.casesOffered, "case registrations never acknowledged")
        // Both workers registered again, and the kept operator key is still answered.
        let admin = try await sc.client("admin")
        let workers = try await admin.call(SecurityFixtures.status).clusterStatus.workers
        #expect(Set(workers.filter { $0.state == .ready }.map(\.workerID)) == Set(SecurityCluster.workers), "workers after the revocation: \(workers)")
        await admin.close()
        let op = try await sc.client("operator")
        #expect(await op.outcome(SecurityFixtures.status) == nil, "the kept operator key is not answered any more; \(logs)")
        await op.close()
    }
}

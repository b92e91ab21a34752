import ClusterCore
import Foundation
import HomewardDriver
import HomewardStore
import Testing

/// `homeward backup` while intake runs, then `homeward restore` and a restart:
/// every sighting acknowledged before the backup is there, and every alert
/// topic numbers on from the backup's last sequence without a gap or a repeat.
@Suite(.serialized) struct BackupRestoreTests {
    @Test func backupDuringIntakeRestoresAndSequencesGoOn() async throws {
        let tc = try await TestCluster.start()
        defer { tc.stop() }
        let backup = tc.runDirectory + "/backup.sqlite"
        func run(_ seed: UInt64) throws -> ClusterRun {
            var r = ClusterRun(clientEndpoint: tc.cluster.clientEndpoint, alertsEndpoint: tc.cluster.alertsEndpoint,
                               workload: try EndToEndTests.workload(config: tc.config, seed: seed), rate: 150)
            r.settle = .seconds(3)
            r.keys = try tc.cluster.runKeys()
            return r
        }
        let (_, before) = try await run(11).runWithDetails { _ in }
        let acknowledgedBefore = Set(before.sightingIDs.values)
        #expect(!acknowledgedBefore.isEmpty)

        // The backup runs in its own process while a second workload is being submitted.
        let during = try run(12)
        let database = tc.cluster.databasePath
        let backupOutput = try await withThrowingTaskGroup(of: String?.self) { group in
            group.addTask { _ = try await during.run { _ in }; return nil }
            group.addTask {
                try await Task.sleep(for: .seconds(1))
                return try Self.homeward(["backup", "--config", tc.configPath, "--database", database, "--to", backup])
            }
            var output = ""
            for try await o in group { if let o { output = o } }
            return output
        }
        #expect(backupOutput.contains("backed up"), "\(backupOutput)")
        let inBackup = try Self.sightingIDs(backup)
        #expect(acknowledgedBefore.isSubset(of: inBackup))
        let sequencesInBackup = try Self.sequences(backup)

        tc.cluster.signalCoordinator(SIGTERM)
        #expect(try await tc.cluster.waitForCoordinatorExit(timeout: .seconds(30)) == 0)
        let restoreOutput = try Self.homeward(["restore", "--config", tc.configPath, "--database", database, "--from", backup])
        #expect(restoreOutput.contains("restored"), "\(restoreOutput)")
        try await tc.cluster.startCoordinator()
        try await tc.waitForWorkers(tc.config.workers.count)
        #expect(try tc.cluster.storedSightingIDs() == inBackup)

        let (after, _) = try await run(13).runWithDetails { _ in }
        #expect(after.sightingsAcknowledged > 0)
        #expect(after.missing == 0, "alerts missing after the restore; logs in \(tc.runDirectory)")
        let sequencesAfter = try Self.sequences(database)
        // No gap and no repeat: every topic holds 1…last, and goes on from where the backup stopped.
        for (topic, seqs) in sequencesAfter {
            #expect(seqs == Array(1...UInt64(seqs.count)), "topic \(topic) has a gap or a repeat")
            #expect(seqs.count >= sequencesInBackup[topic]?.count ?? 0)
        }
        #expect(sequencesAfter.keys.contains { (sequencesAfter[$0]?.count ?? 0) > (sequencesInBackup[$0]?.count ?? 0) },
                "no alert was published after the restore")
    }

    static func homeward(_ arguments: [String]) throws -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: TestCluster.executable)
        p.arguments = arguments
        let pipe = Pipe()
        p.standardOutput = pipe
        p.standardError = pipe
        try p.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return String(decoding: data, as: UTF8.self) + (p.terminationStatus == 0 ? "" : "\n(exit \(p.terminationStatus))")
    }

    static func sightingIDs(_ path: String) throws -> Set<UInt64> {
        let db = try SQLiteDatabase(path: path)
        defer { db.close() }
        return try CoordinatorStore(db).allSightingIDs()
    }

    static func sequences(_ path: String) throws -> [String: [UInt64]] {
        let db = try SQLiteDatabase(path: path)
        defer { db.close() }
        let rows = try db.prepare("SELECT topic, seq FROM publications ORDER BY topic, seq").rows { ($0.text(0), UInt64($0.int64(1))) }
        return Dictionary(grouping: rows, by: \.0).mapValues { $0.map(\.1) }
    }
}

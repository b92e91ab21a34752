import Foundation
import Testing

/// A misspelled key stops `config check`, the coordinator and a worker alike,
/// with the key's path and the nearest known key; `--version` names the build.
@Suite struct ConfigRefusalTests {
    @Test func everyRoleRefusesAConfigWithAnUnknownKey() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("homeward-cfg-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let shipped = try String(contentsOf: TestCluster.packageRoot.appendingPathComponent("cluster-config/local.json"), encoding: .utf8)
        let bad = shipped.replacingOccurrences(of: #""workerEndpoint""#, with: #""intakeSlot": 10, "workerEndpoint""#)
        #expect(bad != shipped)
        let path = dir.appendingPathComponent("bad.json").path
        try bad.write(toFile: path, atomically: true, encoding: .utf8)
        let expected = "unknown key `coordinator.intakeSlot` (did you mean `intakeSlots`?)"
        for arguments in [["config", "check", path], ["coordinator", "--config", path], ["worker", "--config", path, "--id", "w1"]] {
            let output = try BackupRestoreTests.homeward(arguments)
            #expect(output.contains(expected), "\(arguments[0]): \(output)")
            #expect(output.contains("(exit "), "\(arguments[0]) did not fail")
        }
        let good = try BackupRestoreTests.homeward(["config", "check", TestCluster.packageRoot.appendingPathComponent("cluster-config/national.json").path])
        #expect(good.contains("valid") && !good.contains("(exit "), "\(good)")
    }

    @Test func versionNamesReleaseAndCommit() throws {
        let output = try BackupRestoreTests.homeward(["--version"])
        #expect(output.hasPrefix("homeward 0."), "\(output)")
        #expect(output.contains("(commit "))
    }
}

import ClusterCore
import Foundation
import HomewardProtocol
import Testing
import ZeroMQ
@testable import HomewardSecurity

@Suite struct KeyRingTests {
    /// A config file in a fresh folder; its keys go to `keys/` beside it.
    static func setUp() throws -> (config: ClusterConfig, path: String, paths: SecurityPaths) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("homeward-keys-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        var config = ClusterConfig()
        config.workers = [.init(id: WorkerID("w1")), .init(id: WorkerID("w2"))]
        config.security.keysDirectory = "keys"
        config.security.allowList = "keys/allow-list.json"
        config.security.dataKey = "keys/data.key"
        config.security.keys += [.init(name: "op-gd", role: "operator", provinces: ["440000"])]
        let path = (folder as NSString).appendingPathComponent("cluster.json")
        return (config, path, SecurityPaths(config: config, configPath: path))
    }

    static func mode(_ path: String) -> mode_t {
        var info = stat()
        stat(path, &info)
        return info.st_mode & 0o777
    }

    @Test func initMakesEveryKeyOnceWithPrivateFiles() throws {
        let (config, _, paths) = try Self.setUp()
        let made = try KeyRing.initialize(config: config, paths: paths)
        #expect(Set(made) == ["data key", "coordinator", "worker-w1", "worker-w2", "intake", "operator", "reviewer", "desk", "admin", "console", "op-gd"])
        #expect(try KeyRing.initialize(config: config, paths: paths).isEmpty, "a second init made keys again")
        for name in ["coordinator", "worker-w1", "op-gd"] { #expect(Self.mode(paths.secretKeyFile(name)) == 0o600) }
        #expect(Self.mode(paths.dataKey) == 0o600)
        #expect(Self.mode(paths.allowList) == 0o600)
        let list = try AllowList.load(path: paths.allowList)
        #expect(list.principals["worker-w1"] == Principal(name: "worker-w1", role: .worker, scope: .national, workerID: "w1"))
        #expect(list.principals["op-gd"]?.scope == .provinces(["440000"]))
        #expect(list.principals["coordinator"] == nil, "the coordinator's own key is not a client")
        // The pair on disk is the key the allow-list admits.
        let pair = try KeyFiles.pair("op-gd", paths: paths)
        #expect(list.keys[pair.publicKey] == "op-gd")
    }

    @Test func generateRefusesBadEntriesAndExistingSecrets() throws {
        let (config, _, paths) = try Self.setUp()
        try KeyRing.initialize(config: config, paths: paths)
        #expect(throws: SecurityError.self) { try KeyRing.generate(name: "x", role: "superuser", provinces: nil, workerID: nil, paths: paths) }
        #expect(throws: SecurityError.self) { try KeyRing.generate(name: "x", role: "worker", provinces: nil, workerID: nil, paths: paths) }
        #expect(throws: SecurityError.self) { try KeyRing.generate(name: "x", role: "desk", provinces: ["44"], workerID: nil, paths: paths) }
        #expect(throws: SecurityError.self) { try KeyRing.generate(name: "../x", role: "desk", provinces: nil, workerID: nil, paths: paths) }
        #expect(throws: SecurityError.self) { try KeyRing.generate(name: "intake", role: "intake", provinces: nil, workerID: nil, paths: paths) }
        #expect(!KeyFiles.exists("x", paths: paths), "a refused key left a file behind")
    }

    @Test func reloadReportsChangesAndTheZAPPolicyFollows() throws {
        let (config, _, paths) = try Self.setUp()
        try KeyRing.initialize(config: config, paths: paths)
        let access = try AccessControl(allowListPath: paths.allowList)
        let desk = try KeyFiles.pair("desk", paths: paths).publicKey
        func zap(_ key: ZMQCurveKey, _ domain: String) -> ZAPReply {
            access.authenticator.currentPolicy.decide(ZAPRequest(requestID: [1], domain: domain, address: "", routingID: [],
                                                                 mechanism: "CURVE", credentials: [key.bytes]))
        }
        #expect(zap(desk, "alerts").userID == "desk")
        #expect(!zap(desk, "workers").isAllowed, "a desk key opened the worker socket")
        #expect(!zap(try KeyFiles.pair("worker-w1", paths: paths).publicKey, "clients").isAllowed)
        #expect(!zap(try ZMQCurveKeyPair.generate().publicKey, "clients").isAllowed)

        try KeyRing.revoke(name: "desk", paths: paths)
        try KeyRing.revoke(name: "worker-w2", paths: paths)
        _ = try KeyRing.generate(name: "desk-2", role: "desk", provinces: ["110000"], workerID: nil, paths: paths)
        let change = try access.reload()
        #expect(change.removed == ["desk", "worker-w2"] && change.added == ["desk-2"] && change.revokedWorkers == ["w2"])
        #expect(change.droppedDomains == ["alerts", "clients", "control", "workers"], "a desk's and a worker's sockets")
        try KeyRing.revoke(name: "operator", paths: paths)
        #expect(try access.reload().droppedDomains == ["clients"], "an operator key connects to the client socket only")
        _ = try KeyRing.generate(name: "intake-2", role: "intake", provinces: nil, workerID: nil, paths: paths)
        #expect(try access.reload().droppedDomains == [], "adding a key drops nobody")
        #expect(!zap(desk, "alerts").isAllowed, "a revoked key still passes ZAP")
        #expect(access.principal(userID: "desk") == nil)
        #expect(access.principal(userID: "desk-2")?.scope == .provinces(["110000"]))
    }

    @Test func plainTextOnlyOnLoopback() {
        var config = ClusterConfig()
        #expect(config.plainTextRefusal == nil)
        config.security.plainText = true
        #expect(config.plainTextRefusal == nil)
        config.coordinator.alertsEndpoint = "tcp://10.0.0.5:5571"
        #expect(config.plainTextRefusal?.contains("alertsEndpoint tcp://10.0.0.5:5571") == true)
        for open in ["tcp://*:5570", "tcp://0.0.0.0:5570", "tcp://[::]:5570", "tcp://eth0:5570"] {
            #expect(!ClusterConfig.isLoopback(open), "\(open)")
        }
        for local in ["tcp://127.0.0.1:5570", "tcp://localhost:1", "tcp://[::1]:5", "ipc:///tmp/x", "tcp://127.0.0.1:*"] {
            #expect(ClusterConfig.isLoopback(local), "\(local)")
        }
    }

    @Test func aCoordinatorWithoutKeysRefusesToStartAndSaysWhy() throws {
        let (config, path, _) = try Self.setUp()
        let paths = SecurityPaths(config: config, configPath: path)
        #expect(throws: SecurityError.self) { try AccessControl(allowListPath: paths.allowList) }
        #expect(throws: SecurityError.self) { try KeyFiles.pair(paths.coordinatorKey, paths: paths) }
    }
}

import Foundation
import HomewardClient
import HomewardProtocol
import Hummingbird
import Logging

/// `homeward console`: the operator console, its own process. It is a client
/// of the coordinator (requests over the client protocol, the alert stream
/// with catch-up), keeps its users, sessions and review photos itself, and
/// enforces each user's role and provinces on everything it shows or forwards.
public struct ConsoleServer: Sendable {
    let config: ConsoleConfig
    let users: ConsoleUsers
    let client: HomewardClient
    let hub: BoardHub
    let vault: PhotoVault
    let sessions: SessionStore
    let map: ProvinceMap
    let faces: FaceLocator
    let topics: [String]
    let logger: Logger

    /// The one place the coordinator connection is made, with the console's
    /// own CURVE key (issue 13; the alert subscriber uses it too).
    static func connect(_ config: ConsoleConfig) async throws -> HomewardClient {
        try await HomewardClient(endpoint: config.clientEndpoint, timeoutMilliseconds: 10_000, curve: try config.curve())
    }

    public static func make(config: ConsoleConfig, logger: Logger) async throws -> ConsoleServer {
        let users = try ConsoleUsers.load(path: config.usersFile)
        let map = try ProvinceMap(geojsonPath: (config.geoDirectory as NSString).appendingPathComponent("provinces.geojson"))
        let vault = try PhotoVault(directory: config.photos.directory, key: try PhotoKey.loadOrCreate(path: config.photos.keyFile),
                                   retentionDays: config.photos.retentionDays)
        let client = try await connect(config)
        let faces = FaceLocator()
        if !faces.isAvailable { logger.warning("face model files not found: review pages show sighting photos without a face box") }
        return ConsoleServer(config: config, users: users, client: client, hub: BoardHub(), vault: vault, sessions: SessionStore(),
                             map: map, faces: faces, topics: map.provinces.map(\.code) + ["000000"], logger: logger)
    }

    /// Serves until SIGINT/SIGTERM; follows the alert stream and sweeps photos meanwhile.
    public func run(onReady: @escaping @Sendable (Int) async -> Void = { _ in }) async throws {
        let router = Router()
        routes(router)
        let app = Application(router: router, configuration: .init(address: .hostname(config.host, port: config.port), serverName: nil),
                              onServerRunning: { channel in await onReady(channel.localAddress?.port ?? 0) }, logger: logger)
        let follower = StreamFollower(client: client, alertsEndpoint: config.alertsEndpoint, curve: try config.curve(), topics: topics,
                                      hub: hub, logger: logger)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                try await app.runService()
            }
            group.addTask { try await follower.run() }
            group.addTask { try await ReviewSync(client: client, hub: hub, logger: logger, interval: .seconds(2)).run() }
            group.addTask {
                while !Task.isCancelled {
                    try await Task.sleep(for: .seconds(15))
                    await hub.ping()
                }
            }
            group.addTask {
                while !Task.isCancelled {
                    try await Task.sleep(for: .seconds(60))
                    await sweepPhotos()
                }
            }
            _ = try await group.next()
            await hub.finishAll()
            group.cancelAll()
        }
        await client.close()
    }

    /// Deletes kept photos whose retention ended (docs/console.md, "Photos kept for review").
    func sweepPhotos() async {
        var needed = Set<String>()
        for entry in await vault.list() where await hub.needs(entry) { needed.insert(entry.name) }
        do {
            let deleted = try await vault.sweep(now: Clock.now(), needed: needed)
            if !deleted.isEmpty { logger.info("photo retention: deleted kept photos", metadata: ["count": "\(deleted.count)"]) }
        } catch {
            logger.error("photo retention sweep failed", metadata: ["error": "\(error)"])
        }
    }

    var secure: Bool { config.secureCookies ?? false }
}

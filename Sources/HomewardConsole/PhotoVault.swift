import Foundation

/// Photos kept for review, sealed with AES-GCM under the photo key, one file
/// per item (`case-<id>-<n>`, `sighting-<id>`) plus an index of names and
/// release times (no personal data). Only the console's review pages read it,
/// and only for roles that may see photos.
public actor PhotoVault {
    public struct Entry: Codable, Sendable, Equatable {
        public var name: String
        public var caseID: UInt64?
        public var sightingID: UInt64?
        public var storedAt: Int64
        public var releasedAt: Int64?
    }

    private let directory: String
    private let key: PhotoKey
    private let rule: RetentionRule
    private var entries: [String: Entry] = [:]

    public init(directory: String, key: PhotoKey, retentionDays: Int) throws {
        self.directory = directory
        self.key = key
        rule = RetentionRule(retentionDays: retentionDays)
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
        if let data = FileManager.default.contents(atPath: (directory as NSString).appendingPathComponent("index.json")) {
            let list = (try? JSONDecoder().decode([Entry].self, from: data)) ?? []
            entries = Dictionary(list.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        }
    }

    public func keepCasePhoto(caseID: UInt64, index: Int, item: KeptItem, now: Int64) throws {
        try keep(Entry(name: "case-\(caseID)-\(index)", caseID: caseID, storedAt: now), item)
    }

    public func keepSighting(sightingID: UInt64, item: KeptItem, now: Int64) throws {
        try keep(Entry(name: "sighting-\(sightingID)", sightingID: sightingID, storedAt: now), item)
    }

    public func casePhotoNames(caseID: UInt64) -> [String] {
        entries.values.filter { $0.caseID == caseID }.map(\.name).sorted()
    }

    public func hasSighting(_ id: UInt64) -> Bool { entries["sighting-\(id)"] != nil }

    /// The item named, opened; nil if not kept (never kept, or deleted after retention).
    public func open(name: String) throws -> KeptItem? {
        guard entries[name] != nil, let blob = FileManager.default.contents(atPath: path(name)) else { return nil }
        let plain = try key.open(Array(blob), context: name)
        return try JSONDecoder().decode(KeptItem.self, from: Data(plain))
    }

    public func list() -> [Entry] { entries.values.sorted { $0.name < $1.name } }

    /// Applies the retention rule; `needed` names the entries whose case (or
    /// any case their sighting alerted on) is still open. Returns deleted names.
    @discardableResult
    public func sweep(now: Int64, needed: Set<String>) throws -> [String] {
        var deleted: [String] = []
        for (name, var entry) in entries {
            let stillNeeded = needed.contains(name)
            if stillNeeded { entry.releasedAt = nil }
            switch rule.verdict(releasedAt: entry.releasedAt, stillNeeded: stillNeeded, now: now) {
            case .keep: entries[name] = entry
            case .release(let at):
                entry.releasedAt = at
                entries[name] = entry
            case .delete:
                try? FileManager.default.removeItem(atPath: path(name))
                entries[name] = nil
                deleted.append(name)
            }
        }
        try saveIndex()
        return deleted
    }

    private func keep(_ entry: Entry, _ item: KeptItem) throws {
        let sealed = try key.seal(Array(try JSONEncoder().encode(item)), context: entry.name)
        guard FileManager.default.createFile(atPath: path(entry.name), contents: Data(sealed),
                                             attributes: [.posixPermissions: 0o600]) else {
            throw ConsoleError.photo("cannot write \(entry.name) in \(directory)")
        }
        entries[entry.name] = entry
        try saveIndex()
    }

    private func saveIndex() throws {
        let data = try JSONEncoder().encode(entries.values.sorted { $0.name < $1.name })
        try data.write(to: URL(fileURLWithPath: (directory as NSString).appendingPathComponent("index.json")), options: .atomic)
    }

    private func path(_ name: String) -> String { (directory as NSString).appendingPathComponent(name + ".sealed") }
}

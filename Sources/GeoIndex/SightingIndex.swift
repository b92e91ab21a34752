/// Stored sightings as points, for matching a newly registered case against the
/// sightings that arrived before it (contract step 10).
///
/// The query draws one circle around the case's last-seen point with the largest
/// reach any stored sighting could have (from the latest observation time), then
/// applies the exact per-sighting rule: `observedAt >= missingSince` and
/// `haversineKm(location, lastSeen) <= reach(observedAt - missingSince)`. When that
/// largest reach is unlimited, every stored sighting is checked without the tree.
public struct SightingIndex<Payload> {
    @usableFromInline var tree = RTree<Int32>()
    @usableFromInline var ids: [UInt64] = []
    @usableFromInline var handles: [RTreeHandle?] = []
    @usableFromInline var observedAt: [Int64] = []
    @usableFromInline var payloads: [Payload?] = []
    var freeSlots: [Int32] = []
    var slotByID: [UInt64: Int32] = [:]
    /// Latest observation ever stored (not lowered by removals: a safe upper bound).
    public private(set) var latestObservedAt: Int64 = .min

    public init() {}

    public var count: Int { slotByID.count }

    /// Adds a sighting, or replaces the one with the same id.
    public mutating func insert(id: UInt64, location: GeoPoint, observedAt time: Int64, payload: Payload) {
        precondition(location.isValid, "sighting index: location out of range")
        remove(id: id)
        let slot: Int32
        if let s = freeSlots.popLast() {
            slot = s
            ids[Int(s)] = id; observedAt[Int(s)] = time; payloads[Int(s)] = payload
        } else {
            slot = Int32(ids.count)
            ids.append(id); observedAt.append(time); payloads.append(payload); handles.append(nil)
        }
        handles[Int(slot)] = tree.insert(location, slot)
        slotByID[id] = slot
        latestObservedAt = max(latestObservedAt, time)
    }

    @discardableResult
    public mutating func remove(id: UInt64) -> Payload? {
        guard let slot = slotByID.removeValue(forKey: id) else { return nil }
        let i = Int(slot)
        if let h = handles[i] { tree.remove(h) }
        handles[i] = nil
        let p = payloads[i]
        payloads[i] = nil
        freeSlots.append(slot)
        return p
    }

    /// Calls `body` for every stored sighting the case could match by time and reach.
    public func forEachSighting(reachableFrom lastSeen: GeoPoint, missingSince: Int64, tiers: ReachTierTable,
                                _ body: (UInt64, Payload) -> Void) {
        guard count > 0, latestObservedAt >= missingSince else { return }
        let maxReach = tiers.reachKm(elapsedSeconds: latestObservedAt - missingSince)
        func check(_ slot: Int32) {
            let i = Int(slot)
            let elapsed = observedAt[i] - missingSince
            guard elapsed >= 0, let h = handles[i] else { return }
            let reach = tiers.reachKm(elapsedSeconds: elapsed)
            if reach == .infinity || Geodesy.haversineKm(tree.box(of: h).center, lastSeen) <= reach {
                body(ids[i], payloads[i]!)
            }
        }
        if maxReach == .infinity {
            for slot in slotByID.values { check(slot) }
        } else {
            tree.forEach(withinKm: maxReach, of: lastSeen) { _, slot in check(slot) }
        }
    }

    /// The matching sightings as (id, payload), sorted by id.
    public func sightings(reachableFrom lastSeen: GeoPoint, missingSince: Int64, tiers: ReachTierTable)
        -> [(id: UInt64, payload: Payload)] {
        var out: [(id: UInt64, payload: Payload)] = []
        forEachSighting(reachableFrom: lastSeen, missingSince: missingSince, tiers: tiers) { out.append(($0, $1)) }
        return out.sorted { $0.id < $1.id }
    }

    public func checkIntegrity() throws(RTreeIntegrityError) {
        let shape = try tree.checkIntegrity()
        if shape.entries != count { throw RTreeIntegrityError(description: "sighting index: \(shape.entries) in tree, \(count) stored") }
    }
}

extension SightingIndex: Sendable where Payload: Sendable {}

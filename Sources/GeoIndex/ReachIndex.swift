/// Open cases indexed by their reach (contract step 2), for "which cases could this
/// sighting be".
///
/// A case's reach is a circle around its last-seen point whose radius grows in
/// tiers with time. The index keeps one R-tree per finite tier, holding the
/// last-seen points of the cases in that tier at the index's current time `now`.
/// "Is the sighting inside the case's reach circle" is symmetric in the two points,
/// so the cases of tier k reaching a sighting are exactly the points of tree k
/// within reach_k of the sighting: a circle query whose box prefilter is the
/// sighting's reach box. This dual of stabbing the cases' reach boxes was chosen by
/// measurement (docs/geo-index.md): equal radii per tree keep nodes small, and whole
/// subtrees inside the circle are reported without per-case tests.
///
/// Reach only grows, so the tier at `now` bounds the reach at any earlier sighting
/// time; a sighting before `now` gets the exact per-case check, a sighting after
/// `now` first advances the index to its time. When a case crosses into the next
/// tier it moves to the next tree: a min-heap keyed by the next tier change makes
/// `advance(to:)` touch only those cases. Cases with unlimited reach (and cases
/// missing "in the future" of `now`) live in a plain list checked exactly, with
/// no tree walk.
///
/// The payload is generic: the coordinator stores which shard holds a case, a
/// worker stores the case's row in its feature store.
public struct ReachIndex<Payload> {
    public let tiers: ReachTierTable
    /// The time the trees are built for (Unix seconds); only moves forward.
    public private(set) var now: Int64

    /// One tree of last-seen points per finite tier; payload = slot.
    @usableFromInline var trees: [RTree<Int32>]
    @usableFromInline var ids: [UInt64] = []
    @usableFromInline var latitudes: [Double] = []
    @usableFromInline var longitudes: [Double] = []
    @usableFromInline var missingSince: [Int64] = []
    @usableFromInline var payloads: [Payload?] = []
    /// Tree handle of each slot, or nil when the slot is in `unbounded` (or free).
    @usableFromInline var handles: [RTreeHandle?] = []
    /// Tier (tree index) of each slot in a tree, or -1.
    @usableFromInline var treeOf: [Int32] = []
    /// Position in `unbounded`, or -1.
    @usableFromInline var unboundedPosition: [Int32] = []
    @usableFromInline var unbounded: [Int32] = []
    /// Bumped whenever a slot is re-placed, so stale heap items are skipped.
    var generations: [UInt32] = []
    var freeSlots: [Int32] = []
    var slotByID: [UInt64: Int32] = [:]
    var schedule = MinHeap<(time: Int64, slot: Int32, generation: UInt32)> { $0.time < $1.time }

    public init(tiers: ReachTierTable = .default, now: Int64) {
        self.tiers = tiers
        self.now = now
        self.trees = tiers.tiers.map { _ in RTree<Int32>() }
    }

    /// One case for `init(tiers:now:cases:)`.
    public struct Case {
        public var id: UInt64
        public var lastSeen: GeoPoint
        public var missingSince: Int64
        public var payload: Payload

        public init(id: UInt64, lastSeen: GeoPoint, missingSince: Int64, payload: Payload) {
            self.id = id
            self.lastSeen = lastSeen
            self.missingSince = missingSince
            self.payload = payload
        }
    }

    /// Builds the index for many cases at once: each tier's tree is bulk-loaded
    /// (Hilbert packing), which gives a much tighter tree than one insert at a time. Later
    /// inserts, removals and tier moves are dynamic. A repeated id keeps the last.
    public init(tiers: ReachTierTable = .default, now: Int64, cases: [Case]) {
        self.init(tiers: tiers, now: now)
        for c in cases {
            precondition(c.lastSeen.isValid, "reach index: last-seen point out of range")
            if let old = slotByID[c.id] {  // duplicate id: the later one wins
                payloads[Int(old)] = nil
                freeSlots.append(old)
            }
            let slot: Int32
            if let s = freeSlots.popLast() {
                slot = s
                let i = Int(s)
                latitudes[i] = c.lastSeen.latitude; longitudes[i] = c.lastSeen.longitude
                missingSince[i] = c.missingSince; payloads[i] = c.payload; ids[i] = c.id
            } else {
                slot = Int32(ids.count)
                ids.append(c.id); latitudes.append(c.lastSeen.latitude); longitudes.append(c.lastSeen.longitude)
                missingSince.append(c.missingSince); payloads.append(c.payload)
                handles.append(nil); treeOf.append(-1); unboundedPosition.append(-1); generations.append(0)
            }
            slotByID[c.id] = slot
        }
        var perTier: [[(box: GeoBox, payload: Int32)]] = tiers.tiers.map { _ in [] }
        for slot in slotByID.values.sorted() {
            let i = Int(slot)
            if let k = treeTier(i) {
                perTier[k].append((GeoBox(point: GeoPoint(latitude: latitudes[i], longitude: longitudes[i])), slot))
                treeOf[i] = Int32(k)
                schedule.push((missingSince[i] + tiers.tiers[k].maxElapsedSeconds + 1, slot, generations[i]))
            } else {
                addToList(slot)
                if missingSince[i] > now { schedule.push((missingSince[i], slot, generations[i])) }
            }
        }
        for k in perTier.indices where !perTier[k].isEmpty {
            var treeHandles: [RTreeHandle] = []
            trees[k] = RTree(bulk: perTier[k], handles: &treeHandles)
            for (j, item) in perTier[k].enumerated() { handles[Int(item.payload)] = treeHandles[j] }
        }
    }

    public var count: Int { slotByID.count }
    /// Cases currently checked without a tree (unlimited reach, or missing after `now`).
    public var unboundedCount: Int { unbounded.count }

    public func contains(id: UInt64) -> Bool { slotByID[id] != nil }

    public func payload(id: UInt64) -> Payload? { slotByID[id].flatMap { payloads[Int($0)] } }

    /// Adds a case, or replaces the one with the same id.
    public mutating func insert(id: UInt64, lastSeen: GeoPoint, missingSince since: Int64, payload: Payload) {
        precondition(lastSeen.isValid, "reach index: last-seen point out of range")
        remove(id: id)
        let slot: Int32
        if let s = freeSlots.popLast() {
            slot = s
            let i = Int(s)
            ids[i] = id; latitudes[i] = lastSeen.latitude; longitudes[i] = lastSeen.longitude
            missingSince[i] = since; payloads[i] = payload
        } else {
            slot = Int32(ids.count)
            ids.append(id); latitudes.append(lastSeen.latitude); longitudes.append(lastSeen.longitude)
            missingSince.append(since); payloads.append(payload)
            handles.append(nil); treeOf.append(-1); unboundedPosition.append(-1); generations.append(0)
        }
        slotByID[id] = slot
        place(slot)
    }

    /// Removes a case; returns its payload, or nil when absent.
    @discardableResult
    public mutating func remove(id: UInt64) -> Payload? {
        guard let slot = slotByID.removeValue(forKey: id) else { return nil }
        let i = Int(slot)
        unplace(slot)
        generations[i] &+= 1
        let p = payloads[i]
        payloads[i] = nil
        freeSlots.append(slot)
        return p
    }

    /// Moves the index's time forward, re-placing only cases whose tier changed.
    public mutating func advance(to time: Int64) {
        guard time > now else { return }
        now = time
        while let top = schedule.top, top.time <= time {
            _ = schedule.pop()
            let i = Int(top.slot)
            guard generations[i] == top.generation, payloads[i] != nil else { continue }
            place(top.slot)
        }
    }

    /// Calls `body` for every case whose reach at time `t` contains `point`:
    /// `t >= missingSince` and `haversineKm(point, lastSeen) <= reach(t - missingSince)`.
    /// A `t` after `now` advances the index first. At `t == now` every case in tree k
    /// has reach_k at `t`, so the circle query alone is the exact answer.
    @inlinable
    public mutating func forEachCase(reaching point: GeoPoint, at t: Int64, _ body: (UInt64, Payload) -> Void) {
        if t > now { advance(to: t) }
        let tierTable = tiers.tiers
        let lastLimit = tierTable[tierTable.count - 1].maxElapsedSeconds
        func check(_ slot: Int) {
            let elapsed = t - missingSince[slot]
            if elapsed < 0 { return }
            if elapsed > lastLimit {
                body(ids[slot], payloads[slot].unsafelyUnwrapped)
                return
            }
            var k = 0
            while elapsed > tierTable[k].maxElapsedSeconds { k += 1 }
            let lastSeen = GeoPoint(latitude: latitudes[slot], longitude: longitudes[slot])
            if Geodesy.haversineKm(point, lastSeen) <= tierTable[k].reachKm {
                body(ids[slot], payloads[slot].unsafelyUnwrapped)
            }
        }
        for k in trees.indices where !trees[k].isEmpty {
            if t == now {
                ids.withUnsafeBufferPointer { ids in
                    payloads.withUnsafeBufferPointer { payloads in
                        trees[k].forEach(withinKm: tierTable[k].reachKm, of: point) { _, slot in
                            body(ids[Int(slot)], payloads[Int(slot)].unsafelyUnwrapped)
                        }
                    }
                }
            } else {
                trees[k].forEach(withinKm: tierTable[k].reachKm, of: point) { _, slot in check(Int(slot)) }
            }
        }
        for slot in unbounded { check(Int(slot)) }
    }

    /// The matching cases as (id, payload), sorted by id.
    public mutating func cases(reaching point: GeoPoint, at t: Int64) -> [(id: UInt64, payload: Payload)] {
        var out: [(id: UInt64, payload: Payload)] = []
        forEachCase(reaching: point, at: t) { out.append(($0, $1)) }
        return out.sorted { $0.id < $1.id }
    }

    /// Checks every tree's invariants and that every case is in exactly one place:
    /// the tree of its tier at `now`, or the list when unlimited or not yet missing.
    public func checkIntegrity() throws(RTreeIntegrityError) {
        func fail(_ s: String) -> RTreeIntegrityError { RTreeIntegrityError(description: "reach index: " + s) }
        var inTrees = 0
        for tree in trees { inTrees += try tree.checkIntegrity().entries }
        for (id, slot) in slotByID {
            let i = Int(slot)
            if ids[i] != id { throw fail("slot \(i) holds id \(ids[i]), map says \(id)") }
            if let h = handles[i] {
                let k = Int(treeOf[i])
                if unboundedPosition[i] >= 0 { throw fail("case \(id) both in a tree and the list") }
                if treeTier(i) != k { throw fail("case \(id) in tree \(k), belongs in \(String(describing: treeTier(i)))") }
                guard trees[k].contains(h), trees[k][h] == slot,
                      trees[k].box(of: h) == GeoBox(point: GeoPoint(latitude: latitudes[i], longitude: longitudes[i])) else {
                    throw fail("case \(id) has a stale tree entry")
                }
            } else if unboundedPosition[i] < 0 || unbounded[Int(unboundedPosition[i])] != slot || treeTier(i) != nil {
                throw fail("case \(id) is nowhere, or listed while it belongs in a tree")
            }
        }
        if inTrees + unbounded.count != count { throw fail("\(inTrees) in trees + \(unbounded.count) listed != \(count)") }
    }

    // MARK: placement

    /// The tree a slot belongs in at `now`: its tier, or nil for the list (unlimited
    /// reach, or missing only after `now`).
    func treeTier(_ i: Int) -> Int? {
        let elapsed = now - missingSince[i]
        return elapsed < 0 ? nil : tiers.tierIndex(elapsedSeconds: elapsed)
    }

    mutating func place(_ slot: Int32) {
        let i = Int(slot)
        generations[i] &+= 1
        let want = treeTier(i)
        if let h = handles[i], want != Int(treeOf[i]) {
            trees[Int(treeOf[i])].remove(h)
            handles[i] = nil
            treeOf[i] = -1
        }
        if let k = want {
            removeFromList(slot)
            if handles[i] == nil {
                handles[i] = trees[k].insert(GeoPoint(latitude: latitudes[i], longitude: longitudes[i]), slot)
                treeOf[i] = Int32(k)
            }
            schedule.push((missingSince[i] + tiers.tiers[k].maxElapsedSeconds + 1, slot, generations[i]))
        } else {
            addToList(slot)
            // A case missing after `now` enters tier 0 when `now` reaches its time.
            if missingSince[i] > now { schedule.push((missingSince[i], slot, generations[i])) }
        }
    }

    mutating func unplace(_ slot: Int32) {
        let i = Int(slot)
        if let h = handles[i] { trees[Int(treeOf[i])].remove(h); handles[i] = nil; treeOf[i] = -1 }
        removeFromList(slot)
    }

    mutating func addToList(_ slot: Int32) {
        let i = Int(slot)
        guard unboundedPosition[i] < 0 else { return }
        unboundedPosition[i] = Int32(unbounded.count)
        unbounded.append(slot)
    }

    mutating func removeFromList(_ slot: Int32) {
        let i = Int(slot)
        let pos = Int(unboundedPosition[i])
        guard pos >= 0 else { return }
        let last = unbounded.removeLast()
        if pos < unbounded.count {
            unbounded[pos] = last
            unboundedPosition[Int(last)] = Int32(pos)
        }
        unboundedPosition[i] = -1
    }
}

extension ReachIndex: Sendable where Payload: Sendable {}

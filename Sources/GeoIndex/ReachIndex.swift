/// Open cases indexed by the boxes of their reach circles (contract step 2).
///
/// Each case (id, last-seen point, missing-since time) sits in an R-tree under the
/// bounding box of its reach circle for the index's current time `now`. Reach only
/// grows with time, so those boxes also cover every sighting observed before `now`;
/// a sighting after `now` first advances the index to its time. When a case crosses
/// into a wider tier its entry is moved: a min-heap keyed by the next tier change
/// makes `advance(to:)` touch only the cases whose tier changed. Cases with
/// unlimited reach (and circles that would wrap the antimeridian or hold a pole)
/// live in a plain list that is checked exactly without any tree walk.
///
/// The payload is generic: the coordinator stores which shard holds a case, a
/// worker stores the case's row in its feature store.
public struct ReachIndex<Payload> {
    public let tiers: ReachTierTable
    /// The time the boxes are built for (Unix seconds); only moves forward.
    public private(set) var now: Int64

    @usableFromInline var tree = RTree<Int32>()
    @usableFromInline var ids: [UInt64] = []
    @usableFromInline var latitudes: [Double] = []
    @usableFromInline var longitudes: [Double] = []
    @usableFromInline var missingSince: [Int64] = []
    @usableFromInline var payloads: [Payload?] = []
    /// Tree handle of each slot, or nil when the slot is in `unbounded` (or free).
    @usableFromInline var handles: [RTreeHandle?] = []
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

    /// Builds the index for many cases at once: the reach boxes are bulk-loaded
    /// (STR), which gives a much tighter tree than one insert at a time. Later
    /// inserts, removals and tier moves are dynamic. A repeated id keeps the last.
    public init(tiers: ReachTierTable = .default, now: Int64, cases: [Case]) {
        self.init(tiers: tiers, now: now)
        var boxes: [(box: GeoBox, payload: Int32)] = []
        boxes.reserveCapacity(cases.count)
        var boxSlots: [Int32] = []
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
                handles.append(nil); unboundedPosition.append(-1); generations.append(0)
            }
            slotByID[c.id] = slot
        }
        for slot in slotByID.values.sorted() {
            let i = Int(slot)
            if let box = reachBox(i) {
                boxes.append((box, slot))
                boxSlots.append(slot)
                schedule.push((missingSince[i] + tiers.tiers[tierNow(i)!].maxElapsedSeconds + 1, slot, generations[i]))
            } else {
                unboundedPosition[i] = Int32(unbounded.count)
                unbounded.append(slot)
            }
        }
        var treeHandles: [RTreeHandle] = []
        tree = RTree(bulk: boxes, handles: &treeHandles)
        for (k, slot) in boxSlots.enumerated() { handles[Int(slot)] = treeHandles[k] }
    }

    public var count: Int { slotByID.count }
    /// Cases currently checked without the tree (unlimited reach or a wrapping circle).
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
            handles.append(nil); unboundedPosition.append(-1); generations.append(0)
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
    /// A `t` after `now` advances the index first.
    @inlinable
    public mutating func forEachCase(reaching point: GeoPoint, at t: Int64, _ body: (UInt64, Payload) -> Void) {
        if t > now { advance(to: t) }
        let tierTable = tiers.tiers
        let tests = tierTable.map { CircleTest(center: point, radiusKm: $0.reachKm) }
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
            if tests[k].contains(latitude: latitudes[slot], longitude: longitudes[slot]) {
                body(ids[slot], payloads[slot].unsafelyUnwrapped)
            }
        }
        tree.forEach(containing: point) { _, slot in check(Int(slot)) }
        for slot in unbounded { check(Int(slot)) }
    }

    /// The matching cases as (id, payload), sorted by id.
    public mutating func cases(reaching point: GeoPoint, at t: Int64) -> [(id: UInt64, payload: Payload)] {
        var out: [(id: UInt64, payload: Payload)] = []
        forEachCase(reaching: point, at: t) { out.append(($0, $1)) }
        return out.sorted { $0.id < $1.id }
    }

    /// Checks the tree's invariants and that every case is in exactly one place
    /// under the box of its reach at `now`.
    public func checkIntegrity() throws(RTreeIntegrityError) {
        _ = try tree.checkIntegrity()
        var inTree = 0
        for (id, slot) in slotByID {
            let i = Int(slot)
            if ids[i] != id { throw RTreeIntegrityError(description: "reach index: slot \(i) holds id \(ids[i]), map says \(id)") }
            if let h = handles[i] {
                inTree += 1
                if unboundedPosition[i] >= 0 { throw RTreeIntegrityError(description: "reach index: case \(id) both in tree and list") }
                guard let want = reachBox(i) else { throw RTreeIntegrityError(description: "reach index: case \(id) in tree but unbounded") }
                if tree.box(of: h) != want { throw RTreeIntegrityError(description: "reach index: case \(id) box is stale") }
            } else if unboundedPosition[i] < 0 || unbounded[Int(unboundedPosition[i])] != slot {
                throw RTreeIntegrityError(description: "reach index: case \(id) is nowhere")
            }
        }
        if inTree != tree.count || inTree + unbounded.count != count {
            throw RTreeIntegrityError(description: "reach index: \(inTree) in tree + \(unbounded.count) listed != \(count)")
        }
    }

    // MARK: placement

    /// Tier of a slot at `now` (a case missing "in the future" uses the first tier).
    func tierNow(_ i: Int) -> Int? { tiers.tierIndex(elapsedSeconds: max(0, now - missingSince[i])) }

    /// The box of a slot's reach circle at `now`, or nil when it belongs in the list.
    func reachBox(_ i: Int) -> GeoBox? {
        guard let k = tierNow(i) else { return nil }
        let bounds = Geodesy.circleBounds(center: GeoPoint(latitude: latitudes[i], longitude: longitudes[i]),
                                          radiusKm: tiers.tiers[k].reachKm)
        return bounds.boxes.count == 1 && !bounds.coversAllLongitudes ? bounds.boxes[0] : nil
    }

    mutating func place(_ slot: Int32) {
        let i = Int(slot)
        generations[i] &+= 1
        if let box = reachBox(i) {
            if let h = handles[i] {
                tree.update(h, to: box)
            } else {
                handles[i] = tree.insert(box, slot)
            }
            let k = tierNow(i)!
            schedule.push((missingSince[i] + tiers.tiers[k].maxElapsedSeconds + 1, slot, generations[i]))
        } else {
            if let h = handles[i] { tree.remove(h); handles[i] = nil }
            if unboundedPosition[i] < 0 {
                unboundedPosition[i] = Int32(unbounded.count)
                unbounded.append(slot)
            }
        }
    }

    mutating func unplace(_ slot: Int32) {
        let i = Int(slot)
        if let h = handles[i] { tree.remove(h); handles[i] = nil }
        let pos = Int(unboundedPosition[i])
        if pos >= 0 {
            let last = unbounded.removeLast()
            if pos < unbounded.count {
                unbounded[pos] = last
                unboundedPosition[Int(last)] = Int32(pos)
            }
            unboundedPosition[i] = -1
        }
    }
}

extension ReachIndex: Sendable where Payload: Sendable {}

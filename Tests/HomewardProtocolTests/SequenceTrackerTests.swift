import Testing
@testable import HomewardProtocol

@Suite struct AlertSequenceTrackerTests {
    @Test func deliversInOrderDropsDuplicatesReportsGaps() {
        var t = AlertSequenceTracker()
        #expect(t.accept(sequence: 1) == .deliver)
        #expect(t.accept(sequence: 1) == .duplicate)
        #expect(t.accept(sequence: 4) == .gap(from: 2, through: 3))
        #expect(t.delivered == 1)
        #expect(t.check(heartbeatLastSequence: 1) == .duplicate)
        #expect(t.check(heartbeatLastSequence: 6) == .gap(from: 2, through: 6))
    }

    /// A subscriber that receives a lossy, duplicating, reordered live stream
    /// and fills every gap from the store ends with exactly 1...n, in order.
    @Test(arguments: [7, 8, 9] as [UInt64])
    func lossyStreamWithCatchUpDeliversEverythingOnce(seed: UInt64) {
        var rng = SeededRNG(seed: seed)
        let n: UInt64 = 500
        var live: [UInt64] = []
        for s in 1...n {
            if rng.next() % 5 != 0 { live.append(s) }         // 20% lost
            if rng.next() % 10 == 0 { live.append(s) }        // 10% duplicated
        }
        var tracker = AlertSequenceTracker()
        var delivered: [UInt64] = []
        func catchUp(from: UInt64, through: UInt64) {
            // The store answers AlertCatchUp in batches of up to 7.
            var next = from
            while next <= through {
                for s in next...min(through, next + 6) where tracker.accept(sequence: s) == .deliver {
                    delivered.append(s)
                }
                next += 7
            }
        }
        for s in live {
            switch tracker.accept(sequence: s) {
            case .deliver: delivered.append(s)
            case .duplicate: break
            case .gap(let from, let through):
                catchUp(from: from, through: through)
                #expect(tracker.accept(sequence: s) == .deliver)
                delivered.append(s)
            }
        }
        if case .gap(let from, let through) = tracker.check(heartbeatLastSequence: n) {
            catchUp(from: from, through: through)
        }
        #expect(delivered == Array(1...n))
    }
}

@Suite struct ShardStreamTrackerTests {
    func begin(_ seq: UInt64, epoch: UInt64 = 1, rows: UInt64) -> Homeward_V1_FeatureUpdate {
        Fixtures.update(sequence: seq, epoch: epoch) { $0.snapshotBegin.rowCount = rows }
    }
    func row(_ seq: UInt64, epoch: UInt64 = 1, id: UInt64) -> Homeward_V1_FeatureUpdate {
        var c = Fixtures.caseFeatures()
        c.caseID = id
        return Fixtures.update(sequence: seq, epoch: epoch) { $0.snapshotRow = c }
    }
    func end(_ seq: UInt64, epoch: UInt64 = 1, rows: UInt64) -> Homeward_V1_FeatureUpdate {
        Fixtures.update(sequence: seq, epoch: epoch) { $0.snapshotEnd.rowCount = rows }
    }
    func upsert(_ seq: UInt64, id: UInt64) -> Homeward_V1_FeatureUpdate {
        var c = Fixtures.caseFeatures()
        c.caseID = id
        return Fixtures.update(sequence: seq) { $0.upsert = c }
    }
    func remove(_ seq: UInt64, id: UInt64) -> Homeward_V1_FeatureUpdate {
        Fixtures.update(sequence: seq) { $0.remove.caseID = id }
    }

    @Test func snapshotThenIncrements() {
        var t = ShardStreamTracker(shardID: 1)
        #expect(t.cursor.lastSequence == 0)
        #expect(t.accept(begin(10, rows: 2)) == .apply)
        #expect(t.accept(row(10, id: 1)) == .apply)
        #expect(t.accept(row(10, id: 2)) == .apply)
        #expect(t.accept(end(10, rows: 2)) == .apply)
        #expect(t.state == .live(epoch: 1, sequence: 10))
        #expect(t.accept(upsert(11, id: 3)) == .apply)
        #expect(t.accept(upsert(11, id: 3)) == .ignore)  // duplicate
        #expect(t.accept(remove(12, id: 1)) == .apply)
        #expect(t.cursor.lastSequence == 12 && t.cursor.snapshotEpoch == 1 && t.cursor.shardID == 1)
    }

    @Test func gapAsksForSyncOnceThenResumesOnReplay() {
        var t = ShardStreamTracker(shardID: 1, state: .live(epoch: 1, sequence: 5))
        guard case .resync(let cursor) = t.accept(upsert(8, id: 1)) else {
            Issue.record("gap not detected")
            return
        }
        #expect(cursor.lastSequence == 5)
        #expect(t.accept(upsert(9, id: 1)) == .ignore)  // already asked
        #expect(t.accept(upsert(6, id: 1)) == .apply)   // replay from 6
        #expect(!t.resyncPending)
        #expect(t.accept(upsert(7, id: 1)) == .apply)
    }

    @Test func brokenSnapshotsAreRestarted() {
        var t = ShardStreamTracker(shardID: 1)
        #expect(t.accept(upsert(1, id: 1)) == .resync(t.cursor))  // increment before any snapshot
        t = ShardStreamTracker(shardID: 1)
        _ = t.accept(begin(4, rows: 2))
        _ = t.accept(row(4, id: 1))
        // END with one row missing.
        guard case .resync(let cursor) = t.accept(end(4, rows: 2)) else {
            Issue.record("short snapshot accepted")
            return
        }
        #expect(cursor.lastSequence == 0)
        #expect(t.state == .needSnapshot)
        // A new snapshot recovers.
        #expect(t.accept(begin(6, epoch: 2, rows: 0)) == .apply)
        #expect(t.accept(end(6, epoch: 2, rows: 0)) == .apply)
        #expect(t.state == .live(epoch: 2, sequence: 6))
        // Other shards' updates are not ours.
        #expect(t.accept(Fixtures.update(shard: 9, sequence: 7) { $0.remove.caseID = 1 }) == .ignore)
    }

    /// Oracle: replaying a reference log through a lossy, duplicating
    /// delivery (with SYNC answered by replay) ends with the same case set as
    /// applying the log directly.
    @Test(arguments: [21, 22, 23] as [UInt64])
    func lossyDeliveryConvergesToTheReferenceState(seed: UInt64) {
        var rng = SeededRNG(seed: seed)
        var log: [Homeward_V1_FeatureUpdate] = []
        var reference = Set<UInt64>([1, 2])
        for seq in UInt64(3)...200 {
            let id = rng.next() % 20 + 1
            if rng.next() % 3 == 0 {
                log.append(remove(seq, id: id)); reference.remove(id)
            } else {
                log.append(upsert(seq, id: id)); reference.insert(id)
            }
        }
        var t = ShardStreamTracker(shardID: 1)
        var cases = Set<UInt64>()
        func apply(_ u: Homeward_V1_FeatureUpdate) {
            switch u.change {
            case .snapshotBegin?: cases = []
            case .snapshotRow(let c)?, .upsert(let c)?: cases.insert(c.caseID)
            case .remove(let r)?: cases.remove(r.caseID)
            default: break
            }
        }
        var queue = [begin(2, rows: 2), row(2, id: 1), row(2, id: 2), end(2, rows: 2)] + log
        var steps = 0
        while !queue.isEmpty && steps < 100_000 {
            steps += 1
            let u = queue.removeFirst()
            if u.change.map({ if case .snapshotRow = $0 { false } else { true } }) ?? true, rng.next() % 6 == 0 {
                continue  // lost (snapshot rows ride a reliable batch in this model)
            }
            if rng.next() % 8 == 0 { queue.insert(u, at: min(queue.count, 2)) }  // duplicated later
            switch t.accept(u) {
            case .apply: apply(u)
            case .ignore: break
            case .resync(let cursor):
                // The coordinator replays everything after the cursor.
                queue = log.filter { $0.sequence > cursor.lastSequence }
                if cursor.lastSequence == 0 { queue = [begin(2, rows: 2), row(2, id: 1), row(2, id: 2), end(2, rows: 2)] + log }
            }
        }
        // The tail, or a replayed snapshot's BEGIN or END, may have been lost
        // without a later message to reveal it; the heartbeat-driven SYNC at the
        // end closes it (delivered reliably here).
        if case .live(_, let last) = t.state, last < 200 {
            for u in log where u.sequence > last { if t.accept(u) == .apply { apply(u) } }
        } else if case .live = t.state {
        } else {  // needs or is loading a snapshot
            for u in [begin(2, rows: 2), row(2, id: 1), row(2, id: 2), end(2, rows: 2)] + log where t.accept(u) == .apply { apply(u) }
        }
        #expect(t.state == .live(epoch: 1, sequence: 200))
        #expect(cases == reference)
    }
}

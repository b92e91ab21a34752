import Testing
@testable import ClusterCore

@Suite struct ScatterGatherTests {
    let map = try! ShardMapTests.twoWorkerMap()
    typealias SG = ScatterGather<String>

    func sends(_ ds: [SG.Directive]) -> [String] {
        ds.compactMap { if case let .send(id, w, shards, _) = $0 { "\(id)->\(w):\(shards.map(\.rawValue).joined(separator: ","))" } else { nil } }
    }
    func outcome(_ ds: [SG.Directive]) -> SG.Outcome? {
        ds.lazy.compactMap { if case let .completed(o) = $0 { o } else { nil } }.first
    }

    @Test func gathersOneReplyPerShardIgnoringDuplicatesAndStrangers() {
        var sg = SG(attemptTimeout: .seconds(2))
        let d = sg.begin(1, shards: map.shardIDs, now: .seconds(0), preference: map.preference, isLive: { _ in true })
        #expect(sends(d) == ["1->w1:north", "1->w2:south,west"])
        #expect(outcome(sg.reply(1, from: "w2", parts: ["north": "stranger"])) == nil)
        #expect(outcome(sg.reply(1, from: "w1", parts: ["north": "n"])) == nil)
        #expect(outcome(sg.reply(1, from: "w1", parts: ["north": "dup"])) == nil)
        let done = outcome(sg.reply(1, from: "w2", parts: ["south": "s", "west": "w"]))
        #expect(done?.parts == ["north": "n", "south": "s", "west": "w"])
        #expect(done?.isComplete == true)
        #expect(sg.inFlightCount == 0)
        #expect(sg.reply(1, from: "w2", parts: ["south": "late"]).isEmpty)
    }

    @Test func deadWorkerShardsMoveToReplicaAndLateRepliesAreIgnored() {
        var sg = SG(attemptTimeout: .seconds(2))
        _ = sg.begin(7, shards: ["north", "south"], now: .seconds(0), preference: map.preference, isLive: { _ in true })
        let moved = sg.workerDied("w2", now: .seconds(1), preference: map.preference, isLive: { $0 != "w2" })
        #expect(sends(moved) == ["7->w1:south"])
        #expect(outcome(sg.reply(7, from: "w2", parts: ["south": "from-dead"])) == nil)
        _ = sg.reply(7, from: "w1", parts: ["north": "n"])
        let done = outcome(sg.reply(7, from: "w1", parts: ["south": "s"]))
        #expect(done?.parts == ["north": "n", "south": "s"])
    }

    @Test func missedDeadlineRetriesOtherReplicaThenReportsUnserved() {
        var sg = SG(attemptTimeout: .seconds(2))
        _ = sg.begin(3, shards: ["west", "north"], now: .seconds(0), preference: map.preference, isLive: { _ in true })
        #expect(sg.tick(now: .milliseconds(1_999), preference: map.preference, isLive: { _ in true }).isEmpty)
        _ = sg.reply(3, from: "w1", parts: ["north": "n"])
        // west has a single replica (w2): after its deadline nobody is left to ask.
        let ds = sg.tick(now: .seconds(2), preference: map.preference, isLive: { _ in true })
        let done = outcome(ds)
        #expect(done?.unserved == ["west"])
        #expect(done?.parts == ["north": "n"])
        #expect(done?.isComplete == false)
    }

    @Test func shardWithNoLiveReplicaIsUnservedImmediately() {
        var sg = SG()
        let ds = sg.begin(9, shards: ["west"], now: .seconds(0), preference: map.preference, isLive: { $0 != "w2" })
        #expect(outcome(ds)?.unserved == ["west"])
        #expect(sg.inFlightCount == 0)
    }
}

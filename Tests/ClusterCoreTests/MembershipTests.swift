import Testing
@testable import ClusterCore

@Suite struct MembershipTests {
    let timing = Membership.Timing(heartbeatInterval: .milliseconds(250), suspectAfter: .seconds(1), deadAfter: .seconds(3))

    @Test func silentWorkerIsSuspectedThenDeclaredDead() {
        var m = Membership(timing: timing)
        #expect(m.ready("w1", at: .seconds(10)) == [.joined("w1")])
        #expect(m.tick(now: .milliseconds(10_999)) == [])
        #expect(m.tick(now: .seconds(11)) == [.suspected("w1")])
        #expect(m.tick(now: .milliseconds(12_000)) == [])   // suspected once, not again
        #expect(!m.isAlive("w1") && m.isReachable("w1"))
        #expect(m.tick(now: .seconds(13)) == [.died("w1")])
        #expect(m.tick(now: .seconds(20)) == [])
        #expect(m.state(of: "w1") == .dead)
    }

    @Test func heartbeatsKeepAWorkerAliveAndRecoverASuspect() {
        var m = Membership(timing: timing)
        _ = m.ready("w1", at: .seconds(0))
        for t in stride(from: UInt64(250), through: 10_000, by: 250) {
            #expect(m.heard(from: "w1", at: .milliseconds(t)) == [])
            #expect(m.tick(now: .milliseconds(t)) == [])
        }
        #expect(m.tick(now: .milliseconds(11_500)) == [.suspected("w1")])
        #expect(m.heard(from: "w1", at: .milliseconds(11_600)) == [.recovered("w1")])
        #expect(m.isAlive("w1"))
    }

    @Test func deadWorkerMustRegisterAgainWithNewIncarnation() {
        var m = Membership(timing: timing)
        _ = m.ready("w1", at: .seconds(0))
        #expect(m.disconnected("w1") == [.died("w1")])
        #expect(m.disconnected("w1") == [])
        #expect(m.heard(from: "w1", at: .seconds(1)) == nil)
        #expect(m.heard(from: "ghost", at: .seconds(1)) == nil)
        #expect(m.ready("w1", at: .seconds(2)) == [.joined("w1")])
        #expect(m.isAlive("w1"))
    }

    @Test func outOfOrderTimestampsNeverMoveLastHeardBackwards() {
        var m = Membership(timing: timing)
        _ = m.ready("w1", at: .seconds(5))
        _ = m.heard(from: "w1", at: .seconds(2))
        #expect(m.tick(now: .milliseconds(5_900)) == [])
    }
}

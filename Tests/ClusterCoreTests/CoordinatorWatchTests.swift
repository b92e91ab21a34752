import Testing
@testable import ClusterCore

@Suite struct CoordinatorWatchTests {
    static func t(_ ms: UInt64) -> MonotonicTime { .milliseconds(ms) }

    func ready(_ w: inout CoordinatorWatch, _ now: MonotonicTime, _ heard: MonotonicTime) -> Bool {
        w.shouldRegisterAgain(now: now, lastHeard: heard)
    }

    @Test func registersAgainAfterSilenceThenBacksOffDoubling() {
        var w = CoordinatorWatch(deadAfter: .seconds(3), maxBackoff: .seconds(10), now: Self.t(0))
        let heard = Self.t(0)
        // Not silent long enough yet.
        #expect(!ready(&w, Self.t(3_000), heard))
        // Silent past 3 s, and the last READY (at start) is over 3 s ago.
        #expect(ready(&w, Self.t(3_250), heard))
        // Then waits 6 s, 10 s (capped), 10 s…
        #expect(!ready(&w, Self.t(9_250), heard))
        #expect(ready(&w, Self.t(9_500), heard))
        #expect(w.backoff == .seconds(10))
        #expect(!ready(&w, Self.t(19_500), heard))
        #expect(ready(&w, Self.t(19_750), heard))
        #expect(w.backoff == .seconds(10))
    }

    @Test func hearingFromTheCoordinatorResetsTheBackoff() {
        var w = CoordinatorWatch(deadAfter: .seconds(3), now: Self.t(0))
        #expect(ready(&w, Self.t(3_500), Self.t(0)))
        #expect(w.backoff == .seconds(6))
        // The coordinator answers: back to the first step.
        #expect(!ready(&w, Self.t(4_000), Self.t(3_900)))
        #expect(w.backoff == .seconds(3))
        // Silent again from 3.9 s: READY once 3 s have passed since both the last
        // word and the last READY.
        #expect(!ready(&w, Self.t(6_800), Self.t(3_900)))
        #expect(ready(&w, Self.t(7_000), Self.t(3_900)))
    }
}

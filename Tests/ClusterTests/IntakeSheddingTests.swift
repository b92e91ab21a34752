import GeoIndex
import HomewardClient
import HomewardProtocol
import Testing
import Workload
@testable import HomewardCluster

/// The intake shell's answer when every intake slot is busy: submissions are
/// told to retry, unless a child missing under a day could be there; operator
/// requests always get in.
@Suite struct IntakeSheddingTests {
    static let now: Int64 = 1_796_000_000
    static let chengdu = GeoPoint(latitude: 30.66667, longitude: 104.06667)

    static func hint() -> UrgentAreaHint {
        var fresh = ReachIndex<UInt32>(tiers: .default, now: now)
        fresh.insert(id: 1, lastSeen: chengdu, missingSince: now - 20 * 60, payload: 0)   // 20 min: reach 100 km
        let hint = UrgentAreaHint()
        hint.publish(fresh)
        return hint
    }

    static func submission(_ point: GeoPoint) -> [Frame] {
        let request = HomewardClient.request { r in
            r.submitSighting.observedAt = now
            r.submitSighting.location.latitude = point.latitude
            r.submitSighting.location.longitude = point.longitude
        }
        return Frames.join(route: [[7, 7]], body: ClientCodec.encode(request))
    }

    static func fullSlots() -> IntakeSlots {
        let slots = IntakeSlots(capacity: 2)
        #expect(slots.tryAcquire() && slots.tryAcquire() && !slots.tryAcquire())
        return slots
    }

    @Test func farFromAnyFreshCaseIsToldToRetryLaterWithJitteredWait() throws {
        let slots = Self.fullSlots()
        let beijing = GeoPoint(latitude: 39.9075, longitude: 116.39723)
        let reply = try #require(IntakeShedding.reply(to: Self.submission(beijing), slots: slots, urgentAreas: Self.hint()))
        let (route, body) = try Frames.split(reply)
        #expect(route == [[7, 7]])
        let error = try ClientCodec.decodeReply(body).error
        #expect(error.code == .retryLater)
        #expect((187...313).contains(error.retryAfterMs), "retry after \(error.retryAfterMs) ms")
    }

    @Test func nearAFreshCaseIsLetInUpToTwiceTheSlots() {
        let slots = Self.fullSlots(), hint = Self.hint()
        let near = PlaceSampler.offsetForTest(Self.chengdu, km: 40)
        #expect(IntakeShedding.reply(to: Self.submission(near), slots: slots, urgentAreas: hint) == nil)
        slots.acquireOverCapacity()
        slots.acquireOverCapacity()
        #expect(IntakeShedding.reply(to: Self.submission(near), slots: slots, urgentAreas: hint) != nil, "past twice the slots, even urgent work is shed")
        // Beyond the fresh case's 100 km reach it is ordinary work.
        let beyond = PlaceSampler.offsetForTest(Self.chengdu, km: 150)
        #expect(IntakeShedding.reply(to: Self.submission(beyond), slots: Self.fullSlots(), urgentAreas: hint) != nil)
    }

    @Test func operatorRequestsAreNeverShed() {
        let status = Frames.join(route: [[1]], body: ClientCodec.encode(HomewardClient.request { $0.status = .init() }))
        #expect(IntakeShedding.reply(to: status, slots: Self.fullSlots(), urgentAreas: Self.hint()) == nil)
    }

    @Test func retryWaitGrowsWhileSheddingGoesOn() {
        let slots = Self.fullSlots()
        for _ in 0..<(2 * 8) { _ = slots.retryAfterMs() }   // 16 sheds in a row with capacity 2: base 250 × 9
        #expect(slots.retryAfterMs() >= 1_687)
        _ = slots.tryAcquire()   // still full: the streak goes on
        slots.release()
        #expect(slots.tryAcquire())   // a free slot ends the streak
        #expect(slots.retryAfterMs() <= 313)
    }
}

extension PlaceSampler {
    /// Due north by `km` (the generator's spherical offset).
    static func offsetForTest(_ p: GeoPoint, km: Double) -> GeoPoint { offset(p, distanceKm: km, bearing: 0) }
}

import Foundation
import HomewardClient
import HomewardProtocol
import Synchronization

/// Requests for the attacker tests: children in Beijing (110000) and
/// Guangzhou (440000), far enough apart that a sighting in one never reaches
/// a case in the other.
enum SecurityFixtures {
    static let now = Int64(Date().timeIntervalSince1970)
    static let birth: Int64 = 1_577_836_800  // 2020-01-01T00:00:00Z
    static let beijing = (lat: 39.95, lon: 116.30)
    static let guangzhou = (lat: 23.13, lon: 113.26)
    static let secretName = "Zhang Xiaoyu Testchild"
    static let secretContact = "+86 139 5555 0199 guardian-test"

    static func embedding(_ seed: Int) -> [Float] { (0..<128).map { Float(sin(Double($0 * 7 + seed * 13))) } }

    static func register(at place: (lat: Double, lon: Double), face seed: Int, name: String = secretName) -> Homeward_V1_Request {
        HomewardClient.request { r in
            r.registerCase.personal.childName = name
            r.registerCase.personal.guardianContact = secretContact
            r.registerCase.personal.notes = "synthetic test notes"
            r.registerCase.sex = .female
            r.registerCase.birthDate = birth
            r.registerCase.missingSince = now - 3_600
            r.registerCase.lastSeen.latitude = place.lat
            r.registerCase.lastSeen.longitude = place.lon
            var f = Homeward_V1_FaceInput()
            f.embedding.values = embedding(seed)
            r.registerCase.photos = [f]
        }
    }

    static func sighting(at place: (lat: Double, lon: Double), face seed: Int, n: Int) -> Homeward_V1_Request {
        HomewardClient.request { r in
            r.submitSighting.observedAt = now - 60
            r.submitSighting.location.latitude = place.lat + 0.01
            r.submitSighting.location.longitude = place.lon + 0.01
            r.submitSighting.sex = .female
            var f = Homeward_V1_FaceInput()
            f.embedding.values = embedding(seed)
            r.submitSighting.faces = [f]
            r.submitSighting.photoSha256 = Data((0..<32).map { UInt8(truncatingIfNeeded: $0 < 8 ? n >> (8 * $0) : $0 &* 31) })
        }
    }

    static func show(_ caseID: UInt64) -> Homeward_V1_Request {
        HomewardClient.request { r in
            r.showCase.caseID = caseID
            r.showCase.operator = "self-declared-name"
            r.showCase.purpose = "security test"
        }
    }

    static func close(_ caseID: UInt64) -> Homeward_V1_Request {
        HomewardClient.request { r in
            r.closeCase.caseID = caseID
            r.closeCase.outcome = .withdrawn
        }
    }

    static func reopen(_ caseID: UInt64) -> Homeward_V1_Request {
        HomewardClient.request { r in
            r.reopenCase.caseID = caseID
            r.reopenCase.reason = "closed by mistake"
        }
    }

    static func catchUp(_ topic: String) -> Homeward_V1_Request {
        HomewardClient.request { r in
            r.alertCatchUp.province = topic
            r.alertCatchUp.fromSequence = 1
            r.alertCatchUp.maxCount = 100
        }
    }

    static var status: Homeward_V1_Request { HomewardClient.request { $0.status = .init() } }
}

/// What one alert subscriber received: (topic, alert) pairs.
final class Received: Sendable {
    let alerts = Mutex<[(topic: String, alert: Homeward_V1_Alert)]>([])
    func add(_ topic: String, _ event: Homeward_V1_AlertEvent) {
        if case .alert(let a)? = event.event { alerts.withLock { $0.append((topic, a)) } }
    }
    var topics: Set<String> { alerts.withLock { Set($0.map(\.topic)) } }
    var sightings: Set<UInt64> { alerts.withLock { Set($0.map(\.alert.sightingID)) } }
}

extension HomewardClient {
    /// The error code of a rejected call; nil if it was answered; `.unspecified` if no reply came.
    func outcome(_ request: Homeward_V1_Request) async -> Homeward_V1_Error.Code? {
        do {
            _ = try await call(request)
            return nil
        } catch .rejected(let e) {
            return e.code
        } catch {
            return .unspecified
        }
    }
}

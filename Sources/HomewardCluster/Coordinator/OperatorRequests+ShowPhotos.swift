import Foundation
import HomewardProtocol
import HomewardStore

extension OperatorRequests {
    /// The photos kept for review of a case or a sighting (ShowPhotos): one
    /// read of the store. Access was checked, and the read is audited, by RequestAccess.
    func showPhotos(_ m: Homeward_V1_ShowPhotos, requestID: String) async throws -> Homeward_V1_Reply {
        let subject = m.subject
        let photos = try await store.read { db -> [[UInt8]] in
            let s = CoordinatorStore(db)
            switch subject {
            case .caseID(let id)?: return try s.casePhotos(caseID: id)
            case .sightingID(let id)?: return try s.sightingPhoto(sightingID: id).map { [$0] } ?? []
            case nil: return []
            }
        }
        guard !photos.isEmpty else {
            throw ProtocolError(.notFound, field: "show_photos", "no photo is kept for \(Self.photoSubject(m)) "
                                    + "(submitted as embeddings, or deleted after its retention period)", requestID: requestID)
        }
        return ClientCodec.reply(to: requestID) { r in r.photosShown.photos = photos.map { Data($0) } }
    }

    /// "case:12" or "sighting:40", as the audit log names subjects.
    static func photoSubject(_ m: Homeward_V1_ShowPhotos) -> String {
        switch m.subject {
        case .caseID(let id)?: "case:\(id)"
        case .sightingID(let id)?: "sighting:\(id)"
        case nil: "nothing"
        }
    }
}

import Foundation
import HomewardClient
import HomewardProtocol
import MatchEngine
import PhotoPipeline
import Workload

/// Client requests for generated cases and sightings.
enum RequestBuilder {
    static func faceInput(_ embedding: [Float]) -> Homeward_V1_FaceInput {
        var f = Homeward_V1_FaceInput()
        f.embedding.values = embedding
        return f
    }

    static func photoInput(_ photo: PhotoBytes) -> Homeward_V1_FaceInput {
        var f = Homeward_V1_FaceInput()
        f.photo.data = Data(photo.bytes)
        return f
    }

    /// `photo`: register with these bytes (the cluster extracts the face) instead of the embeddings.
    static func register(_ c: GeneratedCase, photo: PhotoBytes? = nil) -> Homeward_V1_Request {
        HomewardClient.request { r in
            var m = Homeward_V1_RegisterCase()
            m.personal.childName = c.syntheticName
            m.personal.guardianContact = "synthetic"
            m.sex = c.features.sex == .female ? .female : (c.features.sex == .male ? .male : .unknown)
            m.birthDate = c.features.birthDate
            m.missingSince = c.features.missingSince
            m.lastSeen.latitude = c.features.lastSeen.latitude
            m.lastSeen.longitude = c.features.lastSeen.longitude
            m.markTags = c.markTags
            m.photos = photo.map { [photoInput($0)] } ?? c.features.embeddings.map(faceInput)
            r.registerCase = m
        }
    }

    /// `photo`: submit these bytes (the coordinator hashes them, a worker extracts the faces) instead of the embeddings.
    static func submit(_ s: GeneratedSighting, photo: PhotoBytes? = nil) -> Homeward_V1_Request {
        var r = Homeward_V1_Request()
        r.protocolVersion = ClientCodec.protocolVersion
        // A run-unique prefix and a counter: as unique as a UUID per request, at a
        // fraction of the cost when the driver sends 35,000 a second.
        r.requestID = RequestIDs.shared.next()
        do {
            var m = Homeward_V1_SubmitSighting()
            m.observedAt = s.features.observedAt
            m.location.latitude = s.features.location.latitude
            m.location.longitude = s.features.location.longitude
            m.sex = s.features.sex == .female ? .female : (s.features.sex == .male ? .male : .unknown)
            if let age = s.features.estimatedAge {
                m.estimatedAge.loYears = Float(age.lowerBound)
                m.estimatedAge.hiYears = Float(age.upperBound)
            }
            m.markTags = s.markTags
            m.submitter = "load-generator"
            if let photo {
                m.faces = [photoInput(photo)]
            } else {
                m.faces = s.features.embeddings.map(faceInput)
                m.photoSha256 = .init(s.photoDigest)
            }
            r.submitSighting = m
        }
        return r
    }
}

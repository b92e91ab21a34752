import ClusterCore
import Foundation
import HomewardProtocol
import HomewardStore
import MatchEngine
import PhotoPipeline

/// Between the client protocol and the coordinator core: submissions in,
/// replies and stored rows out. No decisions here.
enum ClientMapping {
    /// A validated submission as the core takes it (photo digests are added by the shell;
    /// a client's own perceptual hash, for embeddings without a photo, here).
    static func submission(_ m: Homeward_V1_SubmitSighting, requestID: String, vocabulary: MarkVocabulary, receivedAt: Int64,
                           province: String?) -> SightingSubmission<PhotoFingerprint> {
        let location = FeatureMapping.point(m.location)
        let age = m.hasEstimatedAge ? Double(m.estimatedAge.loYears)...Double(m.estimatedAge.hiYears) : nil
        var embeddings: [[Float]] = []
        var photos: [SightingSubmission<PhotoFingerprint>.Photo] = []
        for (i, face) in m.faces.enumerated() {
            switch face.source {
            case .embedding(let e)?: embeddings.append(VectorCoding.normalized(e.values))
            case .photo(let p)?: photos.append(.init(index: i, bytes: [UInt8](p.data)))
            case nil: break
            }
        }
        let features = SightingFeatures(id: 0, observedAt: m.observedAt, location: location, sex: FeatureMapping.sex(m.sex),
                                        estimatedAge: age, marks: vocabulary.markSet(m.markTags), embeddings: embeddings)
        let digest = m.photoSha256.isEmpty ? nil : [UInt8](m.photoSha256)
        let draft = SightingDraft(observedAt: m.observedAt, latitude: location.latitude, longitude: location.longitude, province: province,
                                  sex: Int(m.sex.rawValue), ageRange: age, marks: m.markTags, submitter: m.submitter,
                                  receivedAt: receivedAt, photoSHA256: digest)
        var submission = SightingSubmission(requestID: requestID, draft: draft, features: features, photos: photos, digest: digest)
        if photos.isEmpty, let sha = digest.flatMap(ByteDigest.init(bytes:)),
           let fingerprint = PhotoHashCoding.fingerprint(clientHash: [UInt8](m.photoPhash), sha256: sha) {
            // A client that hashed on the device: its perceptual hash stands in for
            // ours, and the core's repost check uses it exactly as a photo's.
            submission.fingerprint = fingerprint
            submission.draft.perceptualHash = PhotoHashCoding.encode(fingerprint)
        }
        return submission
    }

    static func record(_ s: CoordinatorDirective.StoreSighting) -> SightingRecord {
        let d = s.draft
        return SightingRecord(id: s.id, observedAt: d.observedAt, latitude: d.latitude, longitude: d.longitude, province: d.province,
                              sex: d.sex, ageRange: d.ageRange, marks: d.marks, faces: s.faces, photoSHA256: d.photoSHA256,
                              perceptualHash: d.perceptualHash, repostOf: s.repostOf, submitterRef: d.submitter,
                              receivedAt: d.receivedAt, matchedAt: s.matched ? d.receivedAt : nil)
    }

    /// The wire reply; a refusal is thrown as the protocol error it is.
    static func reply(_ reply: SightingReply, requestID: String) throws -> Homeward_V1_Reply {
        switch reply {
        case .accepted(let id, let repostOf, let faces):
            return ClientCodec.reply(to: requestID) {
                $0.sightingAccepted.sightingID = id
                if let repostOf { $0.sightingAccepted.repostOf = repostOf }
                $0.sightingAccepted.durable = true
                $0.sightingAccepted.facesAccepted = UInt32(faces)
            }
        case .earlier(let bytes): return try Homeward_V1_Reply(serializedBytes: bytes)
        case .refused(let r): throw error(r, requestID: requestID)
        }
    }

    static func error(_ r: Refusal, requestID: String) -> ProtocolError {
        let rule: ValidationRule = switch r.code {
        case .retryLater: .retryLater
        case .unavailable: .unavailable
        case .photoTooLarge: .photoTooLarge
        case .photoFormat: .photoFormat
        case .internalError: .internalError
        case .noFace: .noFace
        }
        return ProtocolError(rule, field: r.field, r.message, requestID: requestID, retryAfterMs: r.retryAfterMs)
    }

    static func outcome(_ reply: Homeward_V1_ExtractedFaces) -> ExtractionOutcome {
        switch reply.outcome {
        case .ok: .faces(reply.faces.compactMap(VectorCoding.floats))
        case .tooLarge: .tooLarge
        case .unreadable: .unreadable
        // No face model there, or its extractors are all busy: another worker may serve it.
        case .noExtractor, .busy: .noExtractor
        default: .noExtractor
        }
    }

    /// A case's embeddings: those sent, and the most confident face of each
    /// photo (a case photo shows the child). A photo with no face, or one the
    /// worker could not read, is skipped (the reply lists them, with why); the case is
    /// refused only when no face is left, or when no worker could look.
    static func caseEmbeddings(_ m: Homeward_V1_RegisterCase, extracted: [ExtractionOutcome], requestID: String) throws
        -> (embeddings: [[Float]], skipped: [Homeward_V1_SkippedPhoto]) {
        var embeddings: [[Float]] = [], skipped: [Homeward_V1_SkippedPhoto] = []
        func skip(_ i: Int, _ reason: Homeward_V1_SkippedPhoto.Reason) {
            var s = Homeward_V1_SkippedPhoto()
            s.index = UInt32(i)
            s.reason = reason
            skipped.append(s)
        }
        var next = extracted.makeIterator()
        for (i, photo) in m.photos.enumerated() {
            switch photo.source {
            case .embedding(let e)?: embeddings.append(VectorCoding.normalized(e.values))
            case .photo?:
                switch next.next() {
                case .faces(let faces)?: if let face = faces.first { embeddings.append(face) } else { skip(i, .noFace) }
                case .tooLarge?: skip(i, .tooLarge)
                case .unreadable?: skip(i, .unreadable)
                case .noLiveWorker?, .noExtractor?, nil:
                    throw ProtocolError(.unavailable, field: "photos[\(i)]", "no live worker could extract the photo's faces; retry later",
                                        requestID: requestID, retryAfterMs: 1_000)
                }
            case nil: break
            }
        }
        guard !embeddings.isEmpty else {
            throw ProtocolError(.noFace, field: "photos", "no face was found in any photo; nothing was stored (send clearer frontal photos)",
                                requestID: requestID)
        }
        return (embeddings, skipped)
    }

    static func caseRecord(_ m: Homeward_V1_RegisterCase, id: UInt64, embeddings: [[Float]], province: String?, registeredAt: Int64) -> CaseRecord {
        let lastSeen = FeatureMapping.point(m.lastSeen)
        return CaseRecord(id: id, sex: Int(m.sex.rawValue), birthDate: m.birthDate, missingSince: m.missingSince,
                          lastSeenLatitude: lastSeen.latitude, lastSeenLongitude: lastSeen.longitude, province: province,
                          marks: m.markTags, embeddings: embeddings, registeredAt: registeredAt)
    }

    static func personal(_ p: Homeward_V1_CasePersonal) -> CasePersonalData {
        CasePersonalData(childName: p.childName, guardianContact: p.guardianContact, notes: p.notes,
                         homeProvince: p.homeProvince.isEmpty ? nil : p.homeProvince)
    }
}

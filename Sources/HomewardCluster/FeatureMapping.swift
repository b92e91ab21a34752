import GeoIndex
import HomewardProtocol
import MatchEngine

/// Conversions between the wire's feature messages and the matching engine's
/// types. Only matching features cross here: the worker protocol has no field
/// for names, contacts or notes.
enum FeatureMapping {
    static func sex(_ s: Homeward_V1_Sex) -> Sex {
        switch s {
        case .female: .female
        case .male: .male
        default: .unknown
        }
    }

    static func wire(_ s: Sex) -> Homeward_V1_Sex {
        switch s {
        case .female: .female
        case .male: .male
        case .unknown: .unknown
        }
    }

    static func marks(_ bits: Homeward_V1_MarkBits) -> MarkSet {
        MarkSet(words: SIMD4(bits.w0, bits.w1, bits.w2, bits.w3))
    }

    static func wire(_ marks: MarkSet) -> Homeward_V1_MarkBits {
        MarkBitsCoding.make([marks.words[0], marks.words[1], marks.words[2], marks.words[3]])
    }

    static func point(_ p: Homeward_V1_LatLon) -> GeoPoint { GeoPoint(latitude: p.latitude, longitude: p.longitude) }

    static func wire(_ p: GeoPoint) -> Homeward_V1_LatLon {
        var w = Homeward_V1_LatLon()
        w.latitude = p.latitude
        w.longitude = p.longitude
        return w
    }

    static func wire(_ c: CaseFeatures) -> Homeward_V1_CaseFeatures {
        var w = Homeward_V1_CaseFeatures()
        w.caseID = c.id
        w.sex = wire(c.sex)
        w.birthDate = c.birthDate
        w.missingSince = c.missingSince
        w.lastSeen = wire(c.lastSeen)
        w.marks = wire(c.marks)
        w.photos = c.embeddings.map(VectorCoding.vector)
        return w
    }

    static func features(_ w: Homeward_V1_CaseFeatures) -> CaseFeatures {
        CaseFeatures(id: w.caseID, embeddings: w.photos.compactMap(VectorCoding.floats), sex: sex(w.sex),
                     birthDate: w.birthDate, missingSince: w.missingSince, lastSeen: point(w.lastSeen), marks: marks(w.marks))
    }

    static func wire(_ s: SightingFeatures) -> Homeward_V1_SightingFeatures {
        var w = Homeward_V1_SightingFeatures()
        w.sightingID = s.id
        w.observedAt = s.observedAt
        w.location = wire(s.location)
        w.sex = wire(s.sex)
        if let age = s.estimatedAge {
            w.estimatedAge.loYears = Float(age.lowerBound)
            w.estimatedAge.hiYears = Float(age.upperBound)
        }
        w.marks = wire(s.marks)
        w.faces = s.embeddings.map(VectorCoding.vector)
        return w
    }

    static func features(_ w: Homeward_V1_SightingFeatures) -> SightingFeatures {
        SightingFeatures(id: w.sightingID, observedAt: w.observedAt, location: point(w.location), sex: sex(w.sex),
                         estimatedAge: w.hasEstimatedAge ? Double(w.estimatedAge.loYears)...Double(w.estimatedAge.hiYears) : nil,
                         marks: marks(w.marks), embeddings: w.faces.compactMap(VectorCoding.floats))
    }

    static func wire(_ c: MatchCandidate, shard: UInt32) -> Homeward_V1_Candidate {
        var w = Homeward_V1_Candidate()
        w.sightingID = c.sightingID
        w.caseID = c.caseID
        w.score = c.score
        w.face = Double(c.face)
        w.marks = c.marks
        w.elapsedSeconds = c.elapsed
        w.shardID = shard
        return w
    }

    static func candidate(_ w: Homeward_V1_Candidate, urgentWithin: Int64) -> MatchCandidate {
        MatchCandidate(caseID: w.caseID, sightingID: w.sightingID, score: w.score, face: Float(w.face), marks: w.marks,
                       elapsed: w.elapsedSeconds, tier: w.elapsedSeconds <= urgentWithin ? .urgent : .review)
    }
}

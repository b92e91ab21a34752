import ClusterCore
import HomewardProtocol
import MatchEngine
import Workload

/// The matching contract's own answer for a run: `ReferenceMatcher` (plain
/// loops) over every case and original sighting the cluster acknowledged, with
/// the ids it assigned. Tests compare the alerts a cluster sent with this.
public enum ContractReference {
    /// Built from the cluster config's whole `matching` section (tiers, weights,
    /// tolerance, threshold, top-K) through the mapping production uses.
    /// `onlyCases`: consider only these case indices (nil: all).
    public static func expectedAlerts(_ w: Workload, _ d: RunDetails, config: ClusterConfig, onlyCases: Set<Int>? = nil) throws -> Set<RunDetails.Pair> {
        let reference = ReferenceMatcher(config: try MatchConfig(config.matching))
        let cases: [CaseFeatures] = w.cases.indices.compactMap { i in
            guard onlyCases?.contains(i) ?? true, let id = d.caseIDs[i] else { return nil }
            var f = w.cases[i].features
            f.id = id
            f.embeddings = f.embeddings.map(VectorCoding.normalized)
            return f
        }
        var expected = Set<RunDetails.Pair>()
        for (i, s) in w.sightings.enumerated() {
            guard let id = d.sightingIDs[i] else { continue }
            // A submission acknowledged as a repost makes no alert of its own. A
            // repost whose original was never stored (lost in a crash before it
            // was acknowledged), or a photo variant the detector did not collapse
            // (photo-surge), was rightly stored as an original, and is matched.
            if d.repostOf[id] != nil { continue }
            var f = s.features
            f.id = id
            f.embeddings = f.embeddings.map(VectorCoding.normalized)
            // Ages travel as 32-bit floats on the wire.
            f.estimatedAge = f.estimatedAge.map { Double(Float($0.lowerBound))...Double(Float($0.upperBound)) }
            for c in reference.match(sighting: f, cases: cases) { expected.insert(.init(caseID: c.caseID, sightingID: id)) }
        }
        return expected
    }
}

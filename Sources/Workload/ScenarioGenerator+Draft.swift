extension ScenarioGenerator {
    /// The workload while it is being generated: events carry their due time
    /// and are put in send order at the end.
    struct Draft {
        struct Timed {
            var at: Double
            var event: Workload.Event
        }

        var identities: [[Float]] = []
        var cases: [GeneratedCase] = []
        var sightings: [GeneratedSighting] = []
        /// Indices of the original (non-repost) sightings, in generation order.
        var uniques: [Int] = []
        var events: [Timed] = []

        @discardableResult
        mutating func addSighting(_ s: GeneratedSighting, at time: Double) -> Int {
            var s = s
            s.features.id = UInt64(sightings.count + 1)
            sightings.append(s)
            uniques.append(sightings.count - 1)
            events.append(Timed(at: time, event: .submitSighting(index: sightings.count - 1)))
            return sightings.count - 1
        }

        mutating func addRepost(of source: Int, at time: Double) {
            var repost = sightings[source]
            repost.truth = .repost(of: source)
            repost.features.id = UInt64(sightings.count + 1)
            sightings.append(repost)
            events.append(Timed(at: time, event: .submitSighting(index: sightings.count - 1)))
        }

        func finish(spec: WorkloadSpec, initialCases: Int, markVocabulary: [String], fresh: Set<Int>) -> ScenarioWorkload {
            // Stable: events due at the same time keep the order they were made in.
            let ordered = events.enumerated().sorted { ($0.element.at, $0.offset) < ($1.element.at, $1.offset) }.map(\.element)
            var spec = spec
            spec.initialCases = initialCases
            spec.lateCases = cases.count - initialCases
            spec.sightings = uniques.count
            spec.reposts = sightings.count - uniques.count
            let workload = Workload(spec: spec, markVocabulary: markVocabulary, cases: cases, sightings: sightings,
                                    stream: ordered.map(\.event))
            return ScenarioWorkload(workload: workload, offsets: ordered.map(\.at), freshSightings: fresh)
        }
    }
}

import Foundation

/// A load-test scenario, read from `load-tests/scenarios/NAME.json`: phases of
/// arrival rates over a generated case base, with ground truth from the
/// generator. Keys in the file are snake_case; `load-tests/README.md` lists them.
public struct Scenario: Codable, Sendable, Equatable {
    public var name: String
    public var description: String
    public var seed: UInt64
    /// Cases registered before the stream starts (mostly long missing, as the platform sees).
    public var cases: Int
    public var phases: [Phase]
    /// Photos that go viral: submitted once in the first second, then the
    /// source of every repost. Absent: reposts copy any earlier unique photo.
    public var viral: Viral?
    /// Cases registered during the run, minutes after the child went missing,
    /// with true sightings near them arriving while the rest of the load goes on.
    public var freshAbductions: FreshAbductions?
    /// Sightings carry real photo bytes (`photo-surge`): the driver builds them
    /// from face fixtures and their variants. Absent: embeddings, as generated.
    public var photos: Photos?
    /// The `--short` form: a smaller case base, the same rates for less time.
    public var short: Short

    /// Real photos instead of generated embeddings. Every unique sighting of the
    /// phases gets a photo of its own (a fixture, or for later rounds a mirrored
    /// or cropped version of one), every repost a variant of its source's photo.
    public struct Photos: Codable, Sendable, Equatable {
        /// Folder of face photos, one sub-folder per identity (relative to the working directory).
        public var fixtures: String
        /// Variant kinds reposts cycle through: `copy`, `jpegQ` (re-encode at
        /// quality Q), `resizeP` (P% of each side), `cropP` (P% off each side), `mirror`.
        public var variants: [String]
        /// Of the unique photos, the fraction placed as true re-sightings of their identity's case.
        public var trueFraction: Double
    }

    public struct Phase: Codable, Sendable, Equatable {
        public var name: String
        public var seconds: Double
        /// Unique photos per second (originals).
        public var uniquePerS: Rate
        /// Of the unique photos, the fraction that are true re-sightings of a registered case.
        public var trueFraction: Double?
        public var repostsPerS: Rate?
        /// New (late) cases per second; half of them were sighted shortly before (contract step 10).
        public var newCasesPerS: Double?
        /// Unique photos come from these cities (English names in cities.csv); absent: anywhere, by population.
        public var cities: [String]?
    }

    /// A rate in events per second, constant or a linear ramp: `50` or `[160, 20000]`.
    public struct Rate: Codable, Sendable, Equatable {
        public var from: Double
        public var to: Double

        public init(_ from: Double, _ to: Double? = nil) {
            self.from = from
            self.to = to ?? from
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.singleValueContainer()
            if let constant = try? c.decode(Double.self) {
                self.init(constant)
            } else {
                let pair = try c.decode([Double].self)
                guard pair.count == 2 else {
                    throw DecodingError.dataCorruptedError(in: c, debugDescription: "a rate is a number or [from, to]")
                }
                self.init(pair[0], pair[1])
            }
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.singleValueContainer()
            if from == to { try c.encode(from) } else { try c.encode([from, to]) }
        }

        /// The rate `fraction` (0…1) of the way through its phase.
        public func at(_ fraction: Double) -> Double { from + (to - from) * fraction }
    }

    public struct Viral: Codable, Sendable, Equatable {
        public var photos: Int
        public var cities: [String]?
    }

    public struct FreshAbductions: Codable, Sendable, Equatable {
        public var count: Int
        /// Seconds into the run of the first registration, and between registrations.
        public var firstAtS: Double
        public var everyS: Double
        /// How long the child has been missing when the case is registered.
        public var missingMinutes: Double
        /// True sightings of each case, and their rate, starting 1 s after its registration.
        public var sightingsEach: Int
        public var sightingsPerS: Double
        /// Where the children went missing (English city names), used in turn.
        public var cities: [String]
    }

    public struct Short: Codable, Sendable, Equatable {
        public var cases: Int
        /// Multiplies every phase's length and the abduction schedule.
        public var timeScale: Double
        public var freshAbductions: Int?
    }

    /// The same scenario in its `--short` form.
    public var shortened: Scenario {
        var s = self
        s.cases = short.cases
        s.phases = phases.map { var p = $0; p.seconds *= short.timeScale; return p }
        if var f = freshAbductions {
            f.firstAtS *= short.timeScale
            f.everyS *= short.timeScale
            f.count = short.freshAbductions ?? f.count
            s.freshAbductions = f
        }
        return s
    }

    public var totalSeconds: Double { phases.reduce(0) { $0 + $1.seconds } }

    public struct LoadError: Error, CustomStringConvertible {
        public var description: String
    }

    public static func load(path: String) throws -> Scenario {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw LoadError(description: "cannot read scenario \(path)")
        }
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        let scenario: Scenario
        do {
            scenario = try decoder.decode(Scenario.self, from: data)
        } catch {
            throw LoadError(description: "\(path): not a valid scenario: \(error)")
        }
        try scenario.validate(file: path)
        return scenario
    }

    func validate(file: String) throws {
        func fail(_ what: String) throws { throw LoadError(description: "\(file): \(what)") }
        if cases < 1 || short.cases < 1 { try fail("cases and short.cases must be at least 1") }
        if phases.isEmpty { try fail("a scenario needs at least one phase") }
        if !(short.timeScale > 0 && short.timeScale <= 1) { try fail("short.time_scale must be in (0, 1]") }
        for p in phases {
            let rates = [p.uniquePerS.from, p.uniquePerS.to, p.repostsPerS?.from ?? 0, p.repostsPerS?.to ?? 0, p.newCasesPerS ?? 0]
            if !(p.seconds > 0) || rates.contains(where: { !($0 >= 0) || !$0.isFinite }) {
                try fail("phase \(p.name): seconds must be positive and rates finite and non-negative")
            }
            if let t = p.trueFraction, !(0...1).contains(t) { try fail("phase \(p.name): true_fraction must be in [0, 1]") }
        }
        if let v = viral, v.photos < 1 { try fail("viral.photos must be at least 1") }
        if let p = photos {
            if p.variants.isEmpty { try fail("photos.variants needs at least one kind") }
            if !(0...1).contains(p.trueFraction) { try fail("photos.true_fraction must be in [0, 1]") }
        }
        if let f = freshAbductions, f.count < 0 || f.sightingsEach < 1 || !(f.sightingsPerS > 0) || f.cities.isEmpty {
            try fail("fresh_abductions needs count ≥ 0, sightings_each ≥ 1, sightings_per_s > 0 and at least one city")
        }
    }
}

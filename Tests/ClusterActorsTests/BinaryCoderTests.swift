import Testing
@testable import ClusterActors
import HomewardBasics

struct Inner: Codable, Equatable, Sendable {
    var label: String
    var weights: [Float]
}

enum Shape: Codable, Equatable, Sendable {
    case circle(radius: Double)
    case polygon([Inner], closed: Bool)
    case empty
}

struct Record: Codable, Equatable, Sendable {
    var id: UInt64
    var delta: Int64
    var small: Int8
    var flag: Bool
    var name: String
    var note: String?
    var missing: Int?
    var bytes: [UInt8]
    var doubles: [Double]
    var nested: [[Int]]
    var inner: Inner
    var shapes: [Shape]
    var table: [String: Int]
    var byNumber: [Int: String]
    var optionals: [Int?]
}

typealias SplitMix64 = SeededGenerator

func randomRecord(_ rng: inout SplitMix64) -> Record {
    func text() -> String { String((0..<Int.random(in: 0...12, using: &rng)).map { _ in "aé字😀z".randomElement(using: &rng)! }) }
    func inner() -> Inner { Inner(label: text(), weights: (0..<Int.random(in: 0...6, using: &rng)).map { _ in Float.random(in: -1...1, using: &rng) }) }
    let shapes: [Shape] = (0..<Int.random(in: 0...3, using: &rng)).map { _ in
        switch Int.random(in: 0...2, using: &rng) {
        case 0: .circle(radius: Double.random(in: 0...100, using: &rng))
        case 1: .polygon((0..<Int.random(in: 0...2, using: &rng)).map { _ in inner() }, closed: Bool.random(using: &rng))
        default: .empty
        }
    }
    return Record(
        id: UInt64.random(in: 0...UInt64.max, using: &rng),
        delta: Int64.random(in: Int64.min...Int64.max, using: &rng),
        small: Int8.random(in: Int8.min...Int8.max, using: &rng),
        flag: Bool.random(using: &rng),
        name: text(),
        note: Bool.random(using: &rng) ? text() : nil,
        missing: nil,
        bytes: (0..<Int.random(in: 0...40, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) },
        doubles: (0..<Int.random(in: 0...5, using: &rng)).map { _ in Double.random(in: -1e9...1e9, using: &rng) },
        nested: (0..<Int.random(in: 0...3, using: &rng)).map { _ in (0..<Int.random(in: 0...3, using: &rng)).map { _ in Int.random(in: Int.min...Int.max, using: &rng) } },
        inner: inner(),
        shapes: shapes,
        table: Dictionary(uniqueKeysWithValues: (0..<Int.random(in: 0...4, using: &rng)).map { i in ("k\(i)", Int.random(in: -5...5, using: &rng)) }),
        byNumber: Dictionary(uniqueKeysWithValues: (0..<Int.random(in: 0...4, using: &rng)).map { i in (i * 7, text()) }),
        optionals: (0..<Int.random(in: 0...4, using: &rng)).map { _ in Bool.random(using: &rng) ? nil : Int.random(in: -9...9, using: &rng) }
    )
}

@Suite struct BinaryCoderTests {
    @Test(arguments: 0..<8)
    func randomRecordsRoundTrip(seed: UInt64) throws {
        var rng = SplitMix64(seed: seed)
        for _ in 0..<50 {
            let record = randomRecord(&rng)
            let bytes = try BinaryEncoder.encode(record)
            #expect(try BinaryDecoder.decode(Record.self, from: bytes) == record, "seed \(seed)")
        }
    }

    @Test func scalarsAtTheirEdgesRoundTrip() throws {
        func roundTrip<T: Codable & Equatable>(_ value: T) throws {
            #expect(try BinaryDecoder.decode(T.self, from: BinaryEncoder.encode(value)) == value)
        }
        for v in [Int.min, -1, 0, 1, Int.max] { try roundTrip(v) }
        for v in [UInt64.min, 127, 128, UInt64.max] { try roundTrip(v) }
        for v in [Int32.min, Int32.max] { try roundTrip(v) }
        for v in [-0.0, Double.infinity, Double.leastNonzeroMagnitude, Double.pi] { try roundTrip(v) }
        try roundTrip("")
        try roundTrip(Optional<Int>.none)
        try roundTrip(Optional<Int>.some(5))
        try roundTrip([Optional<String>.none, "x"])
        let nan = try BinaryDecoder.decode(Float.self, from: BinaryEncoder.encode(Float.nan))
        #expect(nan.isNaN)
    }

    @Test func embeddingsAreRawLittleEndian() throws {
        let embedding = (0..<128).map { Float($0) * 0.5 - 3 }
        let bytes = try BinaryEncoder.encode(embedding)
        // 2-byte element header (varint 513) + 4 bytes per float, no per-element overhead.
        #expect(bytes.count == 2 + 128 * 4)
        #expect(try BinaryDecoder.decode([Float].self, from: bytes) == embedding)
        #expect(try BinaryEncoder.encode([UInt8](repeating: 7, count: 10)).count == 11)
    }

    @Test func keyOrderDoesNotMatter() throws {
        struct AB: Codable, Equatable { var a: Int; var b: String }
        struct BA: Codable { var b: String; var a: Int }
        let decoded = try BinaryDecoder.decode(AB.self, from: BinaryEncoder.encode(BA(b: "x", a: 3)))
        #expect(decoded == AB(a: 3, b: "x"))
    }

    @Test(arguments: 0..<4)
    func damagedInputThrowsInsteadOfCrashing(seed: UInt64) throws {
        var rng = SplitMix64(seed: seed &+ 1000)
        var rejected = 0
        for _ in 0..<300 {
            var bytes = try BinaryEncoder.encode(randomRecord(&rng))
            switch Int.random(in: 0...2, using: &rng) {
            case 0: bytes = Array(bytes.prefix(Int.random(in: 0..<bytes.count, using: &rng)))
            case 1: bytes[Int.random(in: 0..<bytes.count, using: &rng)] ^= UInt8.random(in: 1...255, using: &rng)
            default: bytes.append(UInt8.random(in: 0...255, using: &rng))
            }
            if (try? BinaryDecoder.decode(Record.self, from: bytes)) == nil { rejected += 1 }
        }
        // Most damage is detected (a flipped byte inside a string or float can decode to another valid record).
        #expect(rejected > 150, "seed \(seed): only \(rejected) of 300 rejected")
    }
}

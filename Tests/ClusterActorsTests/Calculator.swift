import ClusterActors
import Distributed

enum CalculatorError: Error, Codable, Equatable {
    case negative(Int)
}

struct NotCodableError: Error, CustomStringConvertible {
    var description: String { "the calculator is grumpy" }
}

/// The distributed actor the tests call across two actor systems.
distributed actor Calculator {
    typealias ActorSystem = ClusterActorSystem
    private var total = 0

    distributed func add(_ a: Int, _ b: Int) -> Int { a + b }
    distributed func accumulate(_ x: Int) { total += x }
    distributed func current() -> Int { total }
    distributed func identity<T: Codable & Sendable>(_ value: T) -> T { value }
    distributed func halve(_ x: Int?) -> Int? { x.map { $0 / 2 } }
    distributed func transform(_ record: Record) -> Record {
        var r = record
        r.id &+= 1
        r.shapes.append(.empty)
        return r
    }
    distributed func squareRoot(_ x: Int) throws -> Int {
        guard x >= 0 else { throw CalculatorError.negative(x) }
        return Int(Double(x).squareRoot())
    }
    distributed func grumble() throws -> Int { throw NotCodableError() }
    distributed func slow(milliseconds: Int) async throws -> Int {
        try await Task.sleep(for: .milliseconds(milliseconds))
        return milliseconds
    }
    /// Calls another (possibly remote) calculator: actor references travel as arguments.
    distributed func askOther(_ other: Calculator, _ a: Int) async throws -> Int {
        try await other.add(a, a)
    }
}

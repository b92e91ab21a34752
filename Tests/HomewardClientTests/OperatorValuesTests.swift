import HomewardBasics
import HomewardClient
import HomewardProtocol
import Testing

/// The values operators type: what parses, and the usage error (64) for what does not.
@Suite struct OperatorValuesTests {
    @Test func sexAcceptsWordsAndLettersInAnyCase() throws {
        #expect(try OperatorValues.sex("Female") == .female)
        #expect(try OperatorValues.sex("m") == .male)
        #expect(try OperatorValues.sex("") == .unknown)
        #expect(throws: CommandFailure(exitCode: CommandFailure.usage, message: "sex must be female, male or unknown, not x")) {
            try OperatorValues.sex("x")
        }
    }

    @Test func daysAndTimesAreUTC() throws {
        #expect(try OperatorValues.day("1970-01-02") == 86_400)
        #expect(try OperatorValues.time("1700000000") == 1_700_000_000)
        #expect(try OperatorValues.time("1970-01-01T01:00:00Z") == 3_600)
        #expect(try OperatorValues.time("1970-01-01T01:00:00+01:00") == 0)
        #expect(throws: CommandFailure.self) { try OperatorValues.day("2026-13-01") }
        let bad = #expect(throws: CommandFailure.self) { try OperatorValues.time("yesterday") }
        #expect(bad?.exitCode == CommandFailure.usage)
    }

    @Test func ageRangesAndTags() throws {
        let age = try OperatorValues.ageRange("6-9")
        #expect(age.lo == 6 && age.hi == 9)
        #expect(throws: CommandFailure(exitCode: CommandFailure.usage, message: "age must look like 6-9")) { try OperatorValues.ageRange("6") }
        #expect(OperatorValues.tags(" scar-left-cheek, ,mole-neck ") == ["scar-left-cheek", "mole-neck"])
    }
}

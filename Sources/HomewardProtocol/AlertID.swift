/// Alert ids are derived, not allocated, so that a retried or replayed match
/// (after a worker or coordinator crash) produces the same id and the store
/// and subscribers can drop the duplicate (matching contract, step 9).
///
/// Format: 16 lowercase hex digits of the case id, "-", 16 lowercase hex
/// digits of the sighting id (33 ASCII characters), e.g.
/// `00000000000004d2-000000000000162e` for case 1234, sighting 5678.
/// It is a bijection, so the pair can be read back from the id.
public enum AlertID {
    public static let length = 33

    public static func make(caseID: UInt64, sightingID: UInt64) -> String {
        hex16(caseID) + "-" + hex16(sightingID)
    }

    /// The (case id, sighting id) pair of a well-formed alert id, else nil.
    public static func parse(_ id: String) -> (caseID: UInt64, sightingID: UInt64)? {
        let bytes = Array(id.utf8)
        guard bytes.count == length, bytes[16] == UInt8(ascii: "-"),
              let caseID = parseHex16(bytes[0..<16]),
              let sightingID = parseHex16(bytes[17..<33])
        else { return nil }
        return (caseID, sightingID)
    }

    private static func hex16(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }

    private static func parseHex16(_ bytes: ArraySlice<UInt8>) -> UInt64? {
        var value: UInt64 = 0
        for byte in bytes {
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            default: return nil  // uppercase is not canonical: one id per pair
            }
            value = value << 4 | UInt64(digit)
        }
        return value
    }
}

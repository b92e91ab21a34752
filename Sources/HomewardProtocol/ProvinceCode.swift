/// Province codes are the six-digit administrative division codes (GB/T 2260),
/// e.g. "110000" for Beijing. They are the alert-stream topics, so all are the
/// same length and a ZeroMQ prefix subscription to one code matches only it.
public enum ProvinceCode {
    public static let length = 6

    public static func isValid(_ code: String) -> Bool {
        let bytes = code.utf8
        return bytes.count == length
            && bytes.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
    }
}

/// The bytes of one submitted photo file (JPEG or PNG), exactly as received.
public struct PhotoBytes: Sendable, Hashable {
    public let bytes: [UInt8]

    public init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    public var count: Int { bytes.count }
}

/// Decodes what `BinaryEncoder` wrote; the caller names the type.
public enum BinaryDecoder {
    /// `userInfo` reaches every `init(from:)`; remote calls put the actor system
    /// under `.actorSystemKey` there so distributed actor references decode.
    public static func decode<T: Decodable>(
        _ type: T.Type, from bytes: [UInt8], userInfo: [CodingUserInfoKey: any Sendable] = [:]
    ) throws -> T {
        var index = 0
        let value = try SliceReader.element(bytes, &index, end: bytes.count, codingPath: [])
        guard index == bytes.count else {
            throw DecodingError.dataCorrupted(.init(
                codingPath: [], debugDescription: "\(bytes.count - index) trailing bytes after the value"))
        }
        return try SliceReader.decodeValue(type, bytes, value, codingPath: [], userInfo: userInfo)
    }
}

/// Helpers over a byte range of the message. A `nil` range is an encoded nil.
enum SliceReader {
    static func corrupt(_ path: [any CodingKey], _ why: String) -> DecodingError {
        .dataCorrupted(.init(codingPath: path, debugDescription: why))
    }

    /// Reads one element header and returns its value range (nil for a nil element).
    static func element(_ bytes: [UInt8], _ index: inout Int, end: Int, codingPath: [any CodingKey]) throws -> Range<Int>? {
        guard let tag = Varint.read(bytes, &index, end: end) else {
            throw corrupt(codingPath, "truncated element header")
        }
        if tag == 0 { return nil }
        let length = tag - 1
        guard length <= UInt64(end - index) else { throw corrupt(codingPath, "element length \(length) runs past the message") }
        let range = index..<(index + Int(length))
        index = range.upperBound
        return range
    }

    static func decodeValue<T: Decodable>(
        _ type: T.Type, _ bytes: [UInt8], _ range: Range<Int>?, codingPath: [any CodingKey],
        userInfo: [CodingUserInfoKey: any Sendable]
    ) throws -> T {
        if let range {
            if T.self == [UInt8].self { return Array(bytes[range]) as! T }
            if T.self == String.self { return String(decoding: bytes[range], as: UTF8.self) as! T }
            if T.self == [Float].self {
                return try rawLittleEndian(UInt32.self, bytes, range, codingPath).map(Float.init(bitPattern:)) as! T
            }
            if T.self == [Double].self {
                return try rawLittleEndian(UInt64.self, bytes, range, codingPath).map(Double.init(bitPattern:)) as! T
            }
        }
        return try T(from: SliceDecoder(bytes: bytes, range: range, codingPath: codingPath, info: userInfo))
    }

    static func rawLittleEndian<I: FixedWidthInteger>(
        _ type: I.Type, _ bytes: [UInt8], _ range: Range<Int>, _ path: [any CodingKey]
    ) throws -> [I] {
        let width = MemoryLayout<I>.size
        guard range.count % width == 0 else { throw corrupt(path, "\(range.count) bytes is not a whole number of \(width)-byte values") }
        return bytes.withUnsafeBytes { raw in
            stride(from: range.lowerBound, to: range.upperBound, by: width).map {
                I(littleEndian: raw.loadUnaligned(fromByteOffset: $0, as: I.self))
            }
        }
    }

    static func unsigned(_ bytes: [UInt8], _ range: Range<Int>?, _ path: [any CodingKey]) throws -> UInt64 {
        guard let range else { throw DecodingError.valueNotFound(UInt64.self, .init(codingPath: path, debugDescription: "found nil")) }
        var index = range.lowerBound
        guard let v = Varint.read(bytes, &index, end: range.upperBound), index == range.upperBound else {
            throw corrupt(path, "bad varint")
        }
        return v
    }

    static func signed(_ bytes: [UInt8], _ range: Range<Int>?, _ path: [any CodingKey]) throws -> Int64 {
        Varint.unzigzag(try unsigned(bytes, range, path))
    }

    static func integer<I: FixedWidthInteger>(_ type: I.Type, _ bytes: [UInt8], _ range: Range<Int>?, _ path: [any CodingKey]) throws -> I {
        if I.isSigned {
            let v = try signed(bytes, range, path)
            guard let r = I(exactly: v) else { throw corrupt(path, "\(v) does not fit \(I.self)") }
            return r
        }
        let v = try unsigned(bytes, range, path)
        guard let r = I(exactly: v) else { throw corrupt(path, "\(v) does not fit \(I.self)") }
        return r
    }

    static func fixed<I: FixedWidthInteger>(_ type: I.Type, _ bytes: [UInt8], _ range: Range<Int>?, _ path: [any CodingKey]) throws -> I {
        guard let range else { throw DecodingError.valueNotFound(I.self, .init(codingPath: path, debugDescription: "found nil")) }
        guard range.count == MemoryLayout<I>.size else { throw corrupt(path, "expected \(MemoryLayout<I>.size) bytes, found \(range.count)") }
        return bytes.withUnsafeBytes { I(littleEndian: $0.loadUnaligned(fromByteOffset: range.lowerBound, as: I.self)) }
    }

    static func bool(_ bytes: [UInt8], _ range: Range<Int>?, _ path: [any CodingKey]) throws -> Bool {
        guard let range else { throw DecodingError.valueNotFound(Bool.self, .init(codingPath: path, debugDescription: "found nil")) }
        guard range.count == 1, bytes[range.lowerBound] <= 1 else { throw corrupt(path, "a Bool is one byte 0 or 1") }
        return bytes[range.lowerBound] == 1
    }

    static func string(_ bytes: [UInt8], _ range: Range<Int>?, _ path: [any CodingKey]) throws -> String {
        guard let range else { throw DecodingError.valueNotFound(String.self, .init(codingPath: path, debugDescription: "found nil")) }
        return String(decoding: bytes[range], as: UTF8.self)
    }
}

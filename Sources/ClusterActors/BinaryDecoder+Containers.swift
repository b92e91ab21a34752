extension SliceReader {
    /// Decodes a scalar by its wire form, or any other `Decodable` through its own `init(from:)`.
    static func any<T: Decodable>(
        _ type: T.Type, _ bytes: [UInt8], _ range: Range<Int>?, _ path: [any CodingKey],
        _ info: [CodingUserInfoKey: any Sendable]
    ) throws -> T {
        switch type {
        case is Bool.Type: return try bool(bytes, range, path) as! T
        case is String.Type: return try string(bytes, range, path) as! T
        case is Int.Type: return try integer(Int.self, bytes, range, path) as! T
        case is Int8.Type: return try integer(Int8.self, bytes, range, path) as! T
        case is Int16.Type: return try integer(Int16.self, bytes, range, path) as! T
        case is Int32.Type: return try integer(Int32.self, bytes, range, path) as! T
        case is Int64.Type: return try integer(Int64.self, bytes, range, path) as! T
        case is UInt.Type: return try integer(UInt.self, bytes, range, path) as! T
        case is UInt8.Type: return try integer(UInt8.self, bytes, range, path) as! T
        case is UInt16.Type: return try integer(UInt16.self, bytes, range, path) as! T
        case is UInt32.Type: return try integer(UInt32.self, bytes, range, path) as! T
        case is UInt64.Type: return try integer(UInt64.self, bytes, range, path) as! T
        case is Float.Type: return Float(bitPattern: try fixed(UInt32.self, bytes, range, path)) as! T
        case is Double.Type: return Double(bitPattern: try fixed(UInt64.self, bytes, range, path)) as! T
        default: return try decodeValue(type, bytes, range, codingPath: path, userInfo: info)
        }
    }
}

/// The `Decoder` handed to `Decodable.init(from:)`: one value's byte range.
struct SliceDecoder: Decoder {
    let bytes: [UInt8]
    let range: Range<Int>?
    let codingPath: [any CodingKey]
    let info: [CodingUserInfoKey: any Sendable]
    var userInfo: [CodingUserInfoKey: Any] { info }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        guard let range else { throw DecodingError.valueNotFound(type, .init(codingPath: codingPath, debugDescription: "found nil, expected a keyed value")) }
        var entries: [String: Range<Int>?] = [:]
        var order: [String] = []
        var index = range.lowerBound
        while index < range.upperBound {
            guard let keyLength = Varint.read(bytes, &index, end: range.upperBound), keyLength <= UInt64(range.upperBound - index) else {
                throw SliceReader.corrupt(codingPath, "truncated key")
            }
            let key = String(decoding: bytes[index..<(index + Int(keyLength))], as: UTF8.self)
            index += Int(keyLength)
            let value = try SliceReader.element(bytes, &index, end: range.upperBound, codingPath: codingPath)
            if entries.updateValue(value, forKey: key) == nil { order.append(key) }
        }
        return KeyedDecodingContainer(KeyedSliceContainer<Key>(bytes: bytes, entries: entries, order: order, codingPath: codingPath, info: info))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        guard let range else { throw DecodingError.valueNotFound([Int].self, .init(codingPath: codingPath, debugDescription: "found nil, expected a list")) }
        var items: [Range<Int>?] = []
        var index = range.lowerBound
        while index < range.upperBound {
            items.append(try SliceReader.element(bytes, &index, end: range.upperBound, codingPath: codingPath))
        }
        return UnkeyedSliceContainer(bytes: bytes, items: items, codingPath: codingPath, info: info)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        SingleSliceContainer(bytes: bytes, range: range, codingPath: codingPath, info: info)
    }
}

struct KeyedSliceContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let bytes: [UInt8]
    let entries: [String: Range<Int>?]
    let order: [String]
    let codingPath: [any CodingKey]
    let info: [CodingUserInfoKey: any Sendable]

    var allKeys: [Key] { order.compactMap { Key(stringValue: $0) } }
    func contains(_ key: Key) -> Bool { entries[key.stringValue] != nil }

    private func range(_ key: Key) throws -> Range<Int>? {
        guard let found = entries[key.stringValue] else {
            throw DecodingError.keyNotFound(key, .init(codingPath: codingPath, debugDescription: "no value for key \(key.stringValue)"))
        }
        return found
    }

    func decodeNil(forKey key: Key) throws -> Bool { try range(key) == nil }
    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try value(type, key) }
    func decode(_ type: String.Type, forKey key: Key) throws -> String { try value(type, key) }
    func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try value(type, key) }
    func decode(_ type: Float.Type, forKey key: Key) throws -> Float { try value(type, key) }
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try value(type, key) }
    func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try value(type, key) }
    func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try value(type, key) }
    func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try value(type, key) }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try value(type, key) }
    func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try value(type, key) }
    func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try value(type, key) }
    func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try value(type, key) }
    func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try value(type, key) }
    func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try value(type, key) }
    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T { try value(type, key) }

    private func value<T: Decodable>(_ type: T.Type, _ key: Key) throws -> T {
        try SliceReader.any(type, bytes, try range(key), codingPath + [key], info)
    }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
        try SliceDecoder(bytes: bytes, range: try range(key), codingPath: codingPath + [key], info: info).container(keyedBy: type)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        try SliceDecoder(bytes: bytes, range: try range(key), codingPath: codingPath + [key], info: info).unkeyedContainer()
    }

    func superDecoder() throws -> any Decoder {
        SliceDecoder(bytes: bytes, range: entries["super"] ?? nil, codingPath: codingPath, info: info)
    }

    func superDecoder(forKey key: Key) throws -> any Decoder {
        SliceDecoder(bytes: bytes, range: try range(key), codingPath: codingPath + [key], info: info)
    }
}

struct UnkeyedSliceContainer: UnkeyedDecodingContainer {
    let bytes: [UInt8]
    let items: [Range<Int>?]
    let codingPath: [any CodingKey]
    let info: [CodingUserInfoKey: any Sendable]
    var currentIndex = 0

    init(bytes: [UInt8], items: [Range<Int>?], codingPath: [any CodingKey], info: [CodingUserInfoKey: any Sendable]) {
        self.bytes = bytes
        self.items = items
        self.codingPath = codingPath
        self.info = info
    }

    var count: Int? { items.count }
    var isAtEnd: Bool { currentIndex >= items.count }

    private mutating func next() throws -> Range<Int>? {
        guard !isAtEnd else {
            throw DecodingError.valueNotFound(Any.self, .init(codingPath: codingPath, debugDescription: "list has only \(items.count) elements"))
        }
        defer { currentIndex += 1 }
        return items[currentIndex]
    }

    mutating func decodeNil() throws -> Bool {
        guard !isAtEnd else { return false }
        if items[currentIndex] == nil { currentIndex += 1; return true }
        return false
    }

    mutating func decode(_ type: Bool.Type) throws -> Bool { try value(type) }
    mutating func decode(_ type: String.Type) throws -> String { try value(type) }
    mutating func decode(_ type: Double.Type) throws -> Double { try value(type) }
    mutating func decode(_ type: Float.Type) throws -> Float { try value(type) }
    mutating func decode(_ type: Int.Type) throws -> Int { try value(type) }
    mutating func decode(_ type: Int8.Type) throws -> Int8 { try value(type) }
    mutating func decode(_ type: Int16.Type) throws -> Int16 { try value(type) }
    mutating func decode(_ type: Int32.Type) throws -> Int32 { try value(type) }
    mutating func decode(_ type: Int64.Type) throws -> Int64 { try value(type) }
    mutating func decode(_ type: UInt.Type) throws -> UInt { try value(type) }
    mutating func decode(_ type: UInt8.Type) throws -> UInt8 { try value(type) }
    mutating func decode(_ type: UInt16.Type) throws -> UInt16 { try value(type) }
    mutating func decode(_ type: UInt32.Type) throws -> UInt32 { try value(type) }
    mutating func decode(_ type: UInt64.Type) throws -> UInt64 { try value(type) }
    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T { try value(type) }

    private mutating func value<T: Decodable>(_ type: T.Type) throws -> T {
        let path = codingPath + [IndexKey(currentIndex)]
        return try SliceReader.any(type, bytes, try next(), path, info)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
        try SliceDecoder(bytes: bytes, range: try next(), codingPath: codingPath, info: info).container(keyedBy: type)
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        try SliceDecoder(bytes: bytes, range: try next(), codingPath: codingPath, info: info).unkeyedContainer()
    }

    mutating func superDecoder() throws -> any Decoder {
        SliceDecoder(bytes: bytes, range: try next(), codingPath: codingPath, info: info)
    }
}

struct SingleSliceContainer: SingleValueDecodingContainer {
    let bytes: [UInt8]
    let range: Range<Int>?
    let codingPath: [any CodingKey]
    let info: [CodingUserInfoKey: any Sendable]

    func decodeNil() -> Bool { range == nil }
    func decode(_ type: Bool.Type) throws -> Bool { try value(type) }
    func decode(_ type: String.Type) throws -> String { try value(type) }
    func decode(_ type: Double.Type) throws -> Double { try value(type) }
    func decode(_ type: Float.Type) throws -> Float { try value(type) }
    func decode(_ type: Int.Type) throws -> Int { try value(type) }
    func decode(_ type: Int8.Type) throws -> Int8 { try value(type) }
    func decode(_ type: Int16.Type) throws -> Int16 { try value(type) }
    func decode(_ type: Int32.Type) throws -> Int32 { try value(type) }
    func decode(_ type: Int64.Type) throws -> Int64 { try value(type) }
    func decode(_ type: UInt.Type) throws -> UInt { try value(type) }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try value(type) }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try value(type) }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try value(type) }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try value(type) }
    func decode<T: Decodable>(_ type: T.Type) throws -> T { try value(type) }

    private func value<T: Decodable>(_ type: T.Type) throws -> T {
        try SliceReader.any(type, bytes, range, codingPath, info)
    }
}

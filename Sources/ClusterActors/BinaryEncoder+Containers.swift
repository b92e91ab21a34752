/// The `Encoder` handed to `Encodable.encode(to:)`; writes into one node.
struct NodeEncoder: Encoder {
    let node: EncodingNode
    let codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        if case .keyed = node.content {} else { node.content = .keyed([]) }
        return KeyedEncodingContainer(KeyedNodeContainer<Key>(node: node, codingPath: codingPath))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        if case .unkeyed = node.content {} else { node.content = .unkeyed([]) }
        return UnkeyedNodeContainer(node: node, codingPath: codingPath)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        SingleNodeContainer(node: node, codingPath: codingPath)
    }
}

struct KeyedNodeContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let node: EncodingNode
    let codingPath: [any CodingKey]

    private func child(_ key: Key) -> EncodingNode {
        let c = EncodingNode()
        node.appendKeyed(key.stringValue, c)
        return c
    }

    mutating func encodeNil(forKey key: Key) throws { node.appendKeyed(key.stringValue, nil) }
    mutating func encode(_ value: Bool, forKey key: Key) throws { child(key).content = .bytes(EncodingNode.scalarBytes(value)) }
    mutating func encode(_ value: String, forKey key: Key) throws { child(key).content = .bytes(Array(value.utf8)) }
    mutating func encode(_ value: Double, forKey key: Key) throws { child(key).content = .bytes(EncodingNode.scalarBytes(value)) }
    mutating func encode(_ value: Float, forKey key: Key) throws { child(key).content = .bytes(EncodingNode.scalarBytes(value)) }
    mutating func encode(_ value: Int, forKey key: Key) throws { child(key).content = .bytes(EncodingNode.scalarBytes(value)) }
    mutating func encode(_ value: Int8, forKey key: Key) throws { child(key).content = .bytes(EncodingNode.scalarBytes(value)) }
    mutating func encode(_ value: Int16, forKey key: Key) throws { child(key).content = .bytes(EncodingNode.scalarBytes(value)) }
    mutating func encode(_ value: Int32, forKey key: Key) throws { child(key).content = .bytes(EncodingNode.scalarBytes(value)) }
    mutating func encode(_ value: Int64, forKey key: Key) throws { child(key).content = .bytes(EncodingNode.scalarBytes(value)) }
    mutating func encode(_ value: UInt, forKey key: Key) throws { child(key).content = .bytes(EncodingNode.scalarBytes(value)) }
    mutating func encode(_ value: UInt8, forKey key: Key) throws { child(key).content = .bytes(EncodingNode.scalarBytes(value)) }
    mutating func encode(_ value: UInt16, forKey key: Key) throws { child(key).content = .bytes(EncodingNode.scalarBytes(value)) }
    mutating func encode(_ value: UInt32, forKey key: Key) throws { child(key).content = .bytes(EncodingNode.scalarBytes(value)) }
    mutating func encode(_ value: UInt64, forKey key: Key) throws { child(key).content = .bytes(EncodingNode.scalarBytes(value)) }
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        try child(key).encodeValue(value, codingPath: codingPath + [key])
    }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy keyType: NestedKey.Type, forKey key: Key
    ) -> KeyedEncodingContainer<NestedKey> {
        NodeEncoder(node: child(key), codingPath: codingPath + [key]).container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        NodeEncoder(node: child(key), codingPath: codingPath + [key]).unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder {
        NodeEncoder(node: child(Key(stringValue: "super")!), codingPath: codingPath)
    }

    mutating func superEncoder(forKey key: Key) -> any Encoder {
        NodeEncoder(node: child(key), codingPath: codingPath + [key])
    }
}

struct UnkeyedNodeContainer: UnkeyedEncodingContainer {
    let node: EncodingNode
    let codingPath: [any CodingKey]

    var count: Int {
        if case .unkeyed(let items) = node.content { return items.count }
        return 0
    }

    private func child() -> EncodingNode {
        let c = EncodingNode()
        node.appendUnkeyed(c)
        return c
    }

    mutating func encodeNil() throws { node.appendUnkeyed(nil) }
    mutating func encode(_ value: Bool) throws { child().content = .bytes(EncodingNode.scalarBytes(value)) }
    mutating func encode(_ value: String) throws { child().content = .bytes(Array(value.utf8)) }
    mutating func encode(_ value: Double) throws { child().content = .bytes(EncodingNode.scalarBytes(value)) }
    mutating func encode(_ value: Float) throws { child().content = .bytes(EncodingNode.scalarBytes(value)) }
    mutating func encode(_ value: Int) throws { child().content = .bytes(EncodingNode.scalarBytes(value)) }
    mutating func encode(_ value: Int8) throws { child().content = .bytes(EncodingNode.scalarBytes(value)) }
    mutating func encode(_ value: Int16) throws { child().content = .bytes(EncodingNode.scalarBytes(value)) }
    mutating func encode(_ value: Int32) throws { child().content = .bytes(EncodingNode.scalarBytes(value)) }
    mutating func encode(_ value: Int64) throws { child().content = .bytes(EncodingNode.scalarBytes(value)) }
    mutating func encode(_ value: UInt) throws { child().content = .bytes(EncodingNode.scalarBytes(value)) }
    mutating func encode(_ value: UInt8) throws { child().content = .bytes(EncodingNode.scalarBytes(value)) }
    mutating func encode(_ value: UInt16) throws { child().content = .bytes(EncodingNode.scalarBytes(value)) }
    mutating func encode(_ value: UInt32) throws { child().content = .bytes(EncodingNode.scalarBytes(value)) }
    mutating func encode(_ value: UInt64) throws { child().content = .bytes(EncodingNode.scalarBytes(value)) }
    mutating func encode<T: Encodable>(_ value: T) throws {
        try child().encodeValue(value, codingPath: codingPath + [IndexKey(count)])
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        NodeEncoder(node: child(), codingPath: codingPath).container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        NodeEncoder(node: child(), codingPath: codingPath).unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder { NodeEncoder(node: child(), codingPath: codingPath) }
}

struct SingleNodeContainer: SingleValueEncodingContainer {
    let node: EncodingNode
    let codingPath: [any CodingKey]

    mutating func encodeNil() throws { node.content = .null }
    mutating func encode(_ value: Bool) throws { node.content = .bytes(EncodingNode.scalarBytes(value)) }
    mutating func encode(_ value: String) throws { node.content = .bytes(Array(value.utf8)) }
    mutating func encode(_ value: Double) throws { node.content = .bytes(EncodingNode.scalarBytes(value)) }
    mutating func encode(_ value: Float) throws { node.content = .bytes(EncodingNode.scalarBytes(value)) }
    mutating func encode(_ value: Int) throws { node.content = .bytes(EncodingNode.scalarBytes(value)) }
    mutating func encode(_ value: Int8) throws { node.content = .bytes(EncodingNode.scalarBytes(value)) }
    mutating func encode(_ value: Int16) throws { node.content = .bytes(EncodingNode.scalarBytes(value)) }
    mutating func encode(_ value: Int32) throws { node.content = .bytes(EncodingNode.scalarBytes(value)) }
    mutating func encode(_ value: Int64) throws { node.content = .bytes(EncodingNode.scalarBytes(value)) }
    mutating func encode(_ value: UInt) throws { node.content = .bytes(EncodingNode.scalarBytes(value)) }
    mutating func encode(_ value: UInt8) throws { node.content = .bytes(EncodingNode.scalarBytes(value)) }
    mutating func encode(_ value: UInt16) throws { node.content = .bytes(EncodingNode.scalarBytes(value)) }
    mutating func encode(_ value: UInt32) throws { node.content = .bytes(EncodingNode.scalarBytes(value)) }
    mutating func encode(_ value: UInt64) throws { node.content = .bytes(EncodingNode.scalarBytes(value)) }
    mutating func encode<T: Encodable>(_ value: T) throws { try node.encodeValue(value, codingPath: codingPath) }
}

/// The coding key of an unkeyed element, for error paths.
struct IndexKey: CodingKey {
    let intValue: Int?
    let stringValue: String
    init(_ index: Int) { intValue = index; stringValue = "\(index)" }
    init?(stringValue: String) { self.stringValue = stringValue; intValue = Int(stringValue) }
    init?(intValue: Int) { self.init(intValue) }
}

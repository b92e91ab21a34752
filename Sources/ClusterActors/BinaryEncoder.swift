/// A compact binary `Encoder` for remote-call arguments and results (not JSON).
///
/// Format (the decoder knows the expected type, so there are no type tags):
/// - Bool: 1 byte; signed integers: zigzag LEB128; unsigned: LEB128;
///   Float/Double: IEEE 754 little-endian; String: UTF-8 bytes.
/// - `[UInt8]`, `[Float]`, `[Double]`: raw little-endian bytes (embeddings stay compact).
/// - Keyed container: entries of `varint(key length) key element`, keys by name,
///   so any `Codable` shape (enums with payloads, custom coding keys) round-trips.
/// - Unkeyed container: a sequence of elements.
/// - Element: `varint(0)` for nil, else `varint(length + 1)` then the value's bytes.
/// The top-level value is one element too, so a top-level `nil` (an Optional
/// result) has a spelling.
public enum BinaryEncoder {
    public static func encode<T: Encodable>(_ value: T) throws -> [UInt8] {
        let node = EncodingNode()
        try node.encodeValue(value, codingPath: [])
        var out: [UInt8] = []
        out.reserveCapacity(node.size + 5)
        EncodingNode.writeElement(node, into: &out)
        return out
    }
}

/// One value under construction. Containers hold a node and append children,
/// because Codable lets containers outlive the call that created them.
final class EncodingNode {
    enum Content {
        case empty
        /// An Optional's nil written through a single-value container.
        case null
        case bytes([UInt8])
        case keyed([(key: String, node: EncodingNode?)])
        case unkeyed([EncodingNode?])
    }

    var content = Content.empty
    private var cachedSize: Int?

    func encodeValue<T: Encodable>(_ value: T, codingPath: [any CodingKey]) throws {
        switch value {
        case let bytes as [UInt8]:
            content = .bytes(bytes)
        case let floats as [Float]:
            content = .bytes(Self.rawLittleEndian(floats.map(\.bitPattern)))
        case let doubles as [Double]:
            content = .bytes(Self.rawLittleEndian(doubles.map(\.bitPattern)))
        case let string as String:
            content = .bytes(Array(string.utf8))
        default:
            try value.encode(to: NodeEncoder(node: self, codingPath: codingPath))
        }
    }

    static func rawLittleEndian<I: FixedWidthInteger>(_ values: [I]) -> [UInt8] {
        var out = [UInt8]()
        out.reserveCapacity(values.count * MemoryLayout<I>.size)
        for v in values { withUnsafeBytes(of: v.littleEndian) { out.append(contentsOf: $0) } }
        return out
    }

    var size: Int {
        if let cachedSize { return cachedSize }
        let s: Int
        switch content {
        case .empty, .null: s = 0
        case .bytes(let b): s = b.count
        case .keyed(let entries):
            s = entries.reduce(0) { total, e in
                total + Varint.size(UInt64(e.key.utf8.count)) + e.key.utf8.count + Self.elementSize(e.node)
            }
        case .unkeyed(let items): s = items.reduce(0) { $0 + Self.elementSize($1) }
        }
        cachedSize = s
        return s
    }

    static func elementSize(_ node: EncodingNode?) -> Int {
        guard let node, !node.isNull else { return 1 }
        return Varint.size(UInt64(node.size + 1)) + node.size
    }

    func write(into out: inout [UInt8]) {
        switch content {
        case .empty, .null: break
        case .bytes(let b): out.append(contentsOf: b)
        case .keyed(let entries):
            for e in entries {
                Varint.append(UInt64(e.key.utf8.count), to: &out)
                out.append(contentsOf: e.key.utf8)
                Self.writeElement(e.node, into: &out)
            }
        case .unkeyed(let items):
            for item in items { Self.writeElement(item, into: &out) }
        }
    }

    var isNull: Bool { if case .null = content { true } else { false } }

    static func writeElement(_ node: EncodingNode?, into out: inout [UInt8]) {
        guard let node, !node.isNull else {
            out.append(0)
            return
        }
        Varint.append(UInt64(node.size + 1), to: &out)
        node.write(into: &out)
    }

    func appendKeyed(_ key: String, _ child: EncodingNode?) {
        if case .keyed(var entries) = content {
            content = .empty  // keep the array uniquely referenced while appending
            entries.append((key, child))
            content = .keyed(entries)
        } else {
            content = .keyed([(key, child)])
        }
    }

    func appendUnkeyed(_ child: EncodingNode?) {
        if case .unkeyed(var items) = content {
            content = .empty
            items.append(child)
            content = .unkeyed(items)
        } else {
            content = .unkeyed([child])
        }
    }

    static func scalarBytes(_ value: some BinaryScalar) -> [UInt8] {
        var out: [UInt8] = []
        value.appendBinary(to: &out)
        return out
    }
}

/// Scalars with a fixed wire form.
protocol BinaryScalar {
    func appendBinary(to out: inout [UInt8])
}

extension Bool: BinaryScalar { func appendBinary(to out: inout [UInt8]) { out.append(self ? 1 : 0) } }
extension Int: BinaryScalar { func appendBinary(to out: inout [UInt8]) { Varint.append(Varint.zigzag(Int64(self)), to: &out) } }
extension Int8: BinaryScalar { func appendBinary(to out: inout [UInt8]) { Varint.append(Varint.zigzag(Int64(self)), to: &out) } }
extension Int16: BinaryScalar { func appendBinary(to out: inout [UInt8]) { Varint.append(Varint.zigzag(Int64(self)), to: &out) } }
extension Int32: BinaryScalar { func appendBinary(to out: inout [UInt8]) { Varint.append(Varint.zigzag(Int64(self)), to: &out) } }
extension Int64: BinaryScalar { func appendBinary(to out: inout [UInt8]) { Varint.append(Varint.zigzag(self), to: &out) } }
extension UInt: BinaryScalar { func appendBinary(to out: inout [UInt8]) { Varint.append(UInt64(self), to: &out) } }
extension UInt8: BinaryScalar { func appendBinary(to out: inout [UInt8]) { Varint.append(UInt64(self), to: &out) } }
extension UInt16: BinaryScalar { func appendBinary(to out: inout [UInt8]) { Varint.append(UInt64(self), to: &out) } }
extension UInt32: BinaryScalar { func appendBinary(to out: inout [UInt8]) { Varint.append(UInt64(self), to: &out) } }
extension UInt64: BinaryScalar { func appendBinary(to out: inout [UInt8]) { Varint.append(self, to: &out) } }
extension Float: BinaryScalar {
    func appendBinary(to out: inout [UInt8]) { withUnsafeBytes(of: bitPattern.littleEndian) { out.append(contentsOf: $0) } }
}
extension Double: BinaryScalar {
    func appendBinary(to out: inout [UInt8]) { withUnsafeBytes(of: bitPattern.littleEndian) { out.append(contentsOf: $0) } }
}

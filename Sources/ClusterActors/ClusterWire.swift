/// The remote-call wire format (frames of one ZeroMQ multipart message).
///
/// Request, DEALER → ROUTER (the ROUTER prepends the caller's routing id):
///   0 header  "HW" version(1) kind=1 requestID(u64 LE) timeoutMs(u32 LE)   16 bytes
///   1 actor name (UTF-8)
///   2 target identifier (the mangled distributed function name)
///   3 generic substitutions: varint count, then varint length + mangled type name each
///   4… one frame per argument (BinaryEncoder)
/// Reply, ROUTER → DEALER (after the routing id frame on the ROUTER side):
///   0 header  "HW" version(1) kind requestID(u64 LE)                       12 bytes
///   kind 2 (value): 1 result (BinaryEncoder)
///   kind 3 (void):  nothing
///   kind 4 (error): 1 code(1 byte) 2 type name 3 message 4 payload (BinaryEncoder, code 1 only)
enum ClusterWire {
    static let magic: [UInt8] = [0x48, 0x57]  // "HW"
    static let version: UInt8 = 1

    enum Kind: UInt8 {
        case call = 1, value = 2, void = 3, error = 4
    }

    enum ErrorCode: UInt8 {
        case codable = 1, opaque = 2, actorNotFound = 3, badRequest = 4, expired = 5, unknownTarget = 6
    }

    struct Request: Equatable {
        var requestID: UInt64
        var timeoutMs: UInt32
        var actorName: String
        var target: String
        var genericSubstitutions: [String]
        var arguments: [[UInt8]]

        var frames: [[UInt8]] {
            var header = magic + [version, Kind.call.rawValue]
            appendLE(requestID, to: &header)
            appendLE(timeoutMs, to: &header)
            var generics: [UInt8] = []
            if !genericSubstitutions.isEmpty {
                Varint.append(UInt64(genericSubstitutions.count), to: &generics)
                for name in genericSubstitutions {
                    Varint.append(UInt64(name.utf8.count), to: &generics)
                    generics.append(contentsOf: name.utf8)
                }
            }
            return [header, Array(actorName.utf8), Array(target.utf8), generics] + arguments
        }

        init(requestID: UInt64, timeoutMs: UInt32, actorName: String, target: String,
             genericSubstitutions: [String], arguments: [[UInt8]]) {
            self.requestID = requestID
            self.timeoutMs = timeoutMs
            self.actorName = actorName
            self.target = target
            self.genericSubstitutions = genericSubstitutions
            self.arguments = arguments
        }

        /// Parses request frames (routing id already removed).
        init(frames: ArraySlice<[UInt8]>) throws(ClusterCallError) {
            let f = Array(frames)
            guard f.count >= 4 else { throw .badMessage("a call has at least 4 frames, got \(f.count)") }
            let header = f[0]
            guard header.count == 16, Array(header[0..<2]) == magic else { throw .badMessage("bad call header") }
            guard header[2] == version else { throw .badMessage("protocol version \(header[2]), this node speaks \(version)") }
            guard header[3] == Kind.call.rawValue else { throw .badMessage("frame kind \(header[3]) is not a call") }
            requestID = readLE(UInt64.self, header, at: 4)
            timeoutMs = readLE(UInt32.self, header, at: 12)
            actorName = String(decoding: f[1], as: UTF8.self)
            target = String(decoding: f[2], as: UTF8.self)
            var names: [String] = []
            let g = f[3]
            var index = 0
            if !g.isEmpty {
                guard let count = Varint.read(g, &index, end: g.count), count <= UInt64(g.count) else {
                    throw .badMessage("bad generic substitution list")
                }
                for _ in 0..<count {
                    guard let length = Varint.read(g, &index, end: g.count), length <= UInt64(g.count - index) else {
                        throw .badMessage("bad generic substitution name")
                    }
                    names.append(String(decoding: g[index..<(index + Int(length))], as: UTF8.self))
                    index += Int(length)
                }
            }
            genericSubstitutions = names
            arguments = Array(f.dropFirst(4))
        }
    }

    enum Reply: Equatable {
        case value([UInt8])
        case void
        case error(code: ErrorCode, type: String, message: String, payload: [UInt8])

        func frames(requestID: UInt64) -> [[UInt8]] {
            func header(_ kind: Kind) -> [UInt8] {
                var h = magic + [version, kind.rawValue]
                appendLE(requestID, to: &h)
                return h
            }
            switch self {
            case .value(let bytes): return [header(.value), bytes]
            case .void: return [header(.void)]
            case .error(let code, let type, let message, let payload):
                return [header(.error), [code.rawValue], Array(type.utf8), Array(message.utf8), payload]
            }
        }

        /// Parses reply frames (DEALER side: no routing id). Returns the request id and the reply.
        static func parse(_ f: [[UInt8]]) throws(ClusterCallError) -> (UInt64, Reply) {
            guard let header = f.first, header.count == 12, Array(header[0..<2]) == magic, header[2] == version else {
                throw .badMessage("bad reply header")
            }
            let id = readLE(UInt64.self, header, at: 4)
            switch Kind(rawValue: header[3]) {
            case .value?:
                guard f.count == 2 else { throw .badMessage("a value reply has 2 frames") }
                return (id, .value(f[1]))
            case .void?:
                return (id, .void)
            case .error?:
                guard f.count == 5, f[1].count == 1, let code = ErrorCode(rawValue: f[1][0]) else {
                    throw .badMessage("bad error reply")
                }
                return (id, .error(code: code, type: String(decoding: f[2], as: UTF8.self),
                                   message: String(decoding: f[3], as: UTF8.self), payload: f[4]))
            default:
                throw .badMessage("unknown reply kind \(header[3])")
            }
        }
    }

    static func appendLE<I: FixedWidthInteger>(_ value: I, to out: inout [UInt8]) {
        withUnsafeBytes(of: value.littleEndian) { out.append(contentsOf: $0) }
    }

    static func readLE<I: FixedWidthInteger>(_ type: I.Type, _ bytes: [UInt8], at offset: Int) -> I {
        bytes.withUnsafeBytes { I(littleEndian: $0.loadUnaligned(fromByteOffset: offset, as: I.self)) }
    }
}

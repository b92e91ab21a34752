import SwiftProtobuf

/// One ZeroMQ frame's bytes.
public typealias Frame = [UInt8]

/// Framing shared by the client and worker protocols: the routing envelope
/// (identity frames up to an empty delimiter, as ROUTER sockets see it),
/// the protocol tag frame, and bounded protobuf parsing.
public enum Frames {
    /// At most this many frames per message, routing envelope included.
    public static let maxFramesPerMessage = 8

    /// Splits a message into its routing envelope (frames before the first
    /// empty frame) and its body (frames after it). A message received on a
    /// DEALER starts with the empty frame, so its route is empty.
    public static func split(_ frames: [Frame]) throws(ProtocolError) -> (route: [Frame], body: [Frame]) {
        if frames.count > maxFramesPerMessage {
            throw ProtocolError(
                .frameCount, field: "frames",
                "message has \(frames.count) frames; the limit is \(maxFramesPerMessage)")
        }
        guard let delimiter = frames.firstIndex(where: \.isEmpty) else {
            throw ProtocolError(
                .frameCount, field: "frames", "message has no empty delimiter frame before the protocol tag")
        }
        return (Array(frames[..<delimiter]), Array(frames[(delimiter + 1)...]))
    }

    /// `route` + empty delimiter + `body`: what a ROUTER sends back, or (with
    /// an empty route) what a DEALER sends.
    public static func join(route: [Frame] = [], body: [Frame]) -> [Frame] {
        route + [[]] + body
    }

    static func checkTag(_ frame: Frame, expected: Frame, family: String) throws(ProtocolError) {
        if frame == expected { return }
        let familyBytes = Array(family.utf8)
        let speaks = String(decoding: expected, as: UTF8.self)
        if frame.count == expected.count && frame.starts(with: familyBytes) {
            throw ProtocolError(
                .unsupportedProtocolTag, field: "frames[0]",
                "protocol tag is not supported; this peer speaks \(speaks)")
        }
        throw ProtocolError(
            .unknownProtocolTag, field: "frames[0]",
            "first body frame must be the protocol tag \(speaks) (\(frame.count) bytes received)")
    }

    static func checkSize(_ frame: Frame, index: Int, limits: ProtocolLimits) throws(ProtocolError) {
        if frame.count > limits.maxFrameBytes {
            throw ProtocolError(
                .frameTooLarge, field: "frames[\(index)]",
                "frame is \(frame.count) bytes; the limit is \(limits.maxFrameBytes)")
        }
    }

    static func parse<M: Message>(_: M.Type, _ bytes: Frame, field: String) throws(ProtocolError) -> M {
        var options = BinaryDecodingOptions()
        options.messageDepthLimit = 16  // the schema nests at most 5 deep
        do {
            return try M(serializedBytes: bytes, options: options)
        } catch {
            throw ProtocolError(
                .malformedPayload, field: field,
                "is not a valid \(M.protoMessageName) protobuf (\(describe(error)))")
        }
    }

    public static func serialize(_ message: some Message) -> Frame {
        do {
            return try message.serializedBytes()
        } catch {
            // Only proto2 required fields or Any can fail to encode; the
            // Homeward schema has neither.
            preconditionFailure("proto3 message failed to encode: \(error)")
        }
    }

    private static func describe(_ error: any Error) -> String {
        switch error as? BinaryDecodingError {
        case .truncated?: "truncated"
        case .malformedProtobuf?: "malformed wire format"
        case .invalidUTF8?: "a string field is not valid UTF-8"
        case .trailingGarbage?: "trailing bytes"
        case .messageDepthLimit?: "nested too deeply"
        default: "undecodable"
        }
    }
}

/// One ZAP request (RFC 27, ZeroMQ Authentication Protocol 1.0) as libzmq
/// sends it to `inproc://zeromq.zap.01` during a CURVE handshake.
public struct ZAPRequest: Sendable, Equatable {
    public var requestID: [UInt8]
    public var domain: String
    public var address: String
    public var routingID: [UInt8]
    public var mechanism: String
    /// For CURVE: one frame, the client's 32-byte long-term public key.
    public var credentials: [[UInt8]]

    public init(
        requestID: [UInt8], domain: String, address: String, routingID: [UInt8],
        mechanism: String, credentials: [[UInt8]]
    ) {
        self.requestID = requestID
        self.domain = domain
        self.address = address
        self.routingID = routingID
        self.mechanism = mechanism
        self.credentials = credentials
    }

    /// Parses the frames a REP socket receives (the envelope already stripped).
    public init(frames: [[UInt8]]) throws(ZMQError) {
        guard frames.count >= 6 else {
            throw .usage("ZAP request has \(frames.count) frames, expected at least 6 (RFC 27)")
        }
        guard frames[0] == Array("1.0".utf8) else {
            throw .usage("ZAP request version \(String(decoding: frames[0], as: UTF8.self)) is not 1.0")
        }
        requestID = frames[1]
        domain = String(decoding: frames[2], as: UTF8.self)
        address = String(decoding: frames[3], as: UTF8.self)
        routingID = frames[4]
        mechanism = String(decoding: frames[5], as: UTF8.self)
        credentials = Array(frames.dropFirst(6))
    }

    public var frames: [[UInt8]] {
        [Array("1.0".utf8), requestID, Array(domain.utf8), Array(address.utf8), routingID, Array(mechanism.utf8)]
            + credentials
    }
}

/// The answer to a ZAP request: 200 admits the peer under `userID`, 400 refuses it.
public struct ZAPReply: Sendable, Equatable {
    public var requestID: [UInt8]
    public var statusCode: String
    public var statusText: String
    public var userID: String

    public init(requestID: [UInt8], statusCode: String, statusText: String, userID: String) {
        self.requestID = requestID
        self.statusCode = statusCode
        self.statusText = statusText
        self.userID = userID
    }

    public var isAllowed: Bool { statusCode == "200" }

    public var frames: [[UInt8]] {
        [Array("1.0".utf8), requestID, Array(statusCode.utf8), Array(statusText.utf8), Array(userID.utf8), []]
    }
}

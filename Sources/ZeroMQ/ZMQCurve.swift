import CZeroMQ

/// A 32-byte CURVE key, kept binary; `z85` is the 40-character text form used in config files.
public struct ZMQCurveKey: Sendable, Hashable, CustomStringConvertible {
    public let bytes: [UInt8]

    public init(bytes: [UInt8]) throws(ZMQError) {
        guard bytes.count == 32 else {
            throw .usage("a CURVE key has 32 bytes, got \(bytes.count); generate one with ZMQCurveKeyPair.generate()")
        }
        self.bytes = bytes
    }

    /// Decodes the 40-character Z85 text form.
    public init(z85 text: String) throws(ZMQError) {
        guard text.utf8.count == 40 else {
            throw .usage("a Z85 CURVE key has 40 characters, got \(text.utf8.count); copy the whole key")
        }
        var out = [UInt8](repeating: 0, count: 32)
        let ok = out.withUnsafeMutableBufferPointer { zmq_z85_decode($0.baseAddress, text) != nil }
        guard ok else { throw .usage("the CURVE key is not valid Z85 text (allowed: 0-9 a-z A-Z .-:+=^!/*?&<>()[]{}@%$#)") }
        bytes = out
    }

    /// The 40-character Z85 text form.
    public var z85: String {
        var text = [CChar](repeating: 0, count: 41)
        bytes.withUnsafeBufferPointer { src in
            _ = text.withUnsafeMutableBufferPointer { zmq_z85_encode($0.baseAddress, src.baseAddress, 32) }
        }
        return String(decoding: text.prefix(40).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// The Z85 text. Print public keys only: a secret key's text is the secret.
    public var description: String { z85 }
}

/// A CURVE key pair. Give each role (worker, intake client, operator) its own.
public struct ZMQCurveKeyPair: Sendable, Hashable, CustomStringConvertible {
    /// Shows the public key only, so a logged pair leaks nothing.
    public var description: String { "ZMQCurveKeyPair(public: \(publicKey.z85))" }

    public let publicKey: ZMQCurveKey
    public let secretKey: ZMQCurveKey

    public init(publicKey: ZMQCurveKey, secretKey: ZMQCurveKey) {
        self.publicKey = publicKey
        self.secretKey = secretKey
    }

    /// A fresh key pair from `zmq_curve_keypair`.
    public static func generate() throws(ZMQError) -> ZMQCurveKeyPair {
        guard ZMQContext.has("curve") else {
            throw .usage("this libzmq was built without CURVE; install Debian's libzmq3-dev")
        }
        var publicText = [CChar](repeating: 0, count: 41)
        var secretText = [CChar](repeating: 0, count: 41)
        try zmqCall("zmq_curve_keypair") { zmq_curve_keypair(&publicText, &secretText) }
        return try ZMQCurveKeyPair(
            publicKey: ZMQCurveKey(z85: text(publicText)),
            secretKey: ZMQCurveKey(z85: text(secretText))
        )
    }

    /// Rebuilds a pair from a stored secret key (`zmq_curve_public`).
    public init(secretKey: ZMQCurveKey) throws(ZMQError) {
        var publicText = [CChar](repeating: 0, count: 41)
        try zmqCall("zmq_curve_public") { zmq_curve_public(&publicText, secretKey.z85) }
        self.publicKey = try ZMQCurveKey(z85: text(publicText))
        self.secretKey = secretKey
    }
}

/// A NUL-terminated C buffer as a String.
private func text(_ buffer: [CChar]) -> String {
    String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
}

/// The CURVE side a socket plays.
public enum ZMQCurveRole: Sendable, Equatable {
    /// The socket that binds and authenticates clients (through ZAP, if a handler runs).
    case server(ZMQCurveKeyPair)
    /// The socket that connects; it must know the server's public key.
    case client(ZMQCurveKeyPair, serverPublicKey: ZMQCurveKey)
}

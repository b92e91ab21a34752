import Distributed

/// Records one outgoing distributed call: generic substitutions by mangled
/// name, each argument encoded separately with `BinaryEncoder` (one frame each).
public struct ClusterInvocationEncoder: DistributedTargetInvocationEncoder {
    public typealias SerializationRequirement = Codable

    var genericSubstitutions: [String] = []
    var arguments: [[UInt8]] = []

    public mutating func recordGenericSubstitution<T>(_ type: T.Type) throws {
        guard let name = _mangledTypeName(type) else {
            throw ClusterCallError.badMessage("cannot name generic type \(type) for the wire")
        }
        genericSubstitutions.append(name)
    }

    public mutating func recordArgument<Value: Codable>(_ argument: RemoteCallArgument<Value>) throws {
        arguments.append(try BinaryEncoder.encode(argument.value))
    }

    public mutating func recordErrorType<E: Error>(_ type: E.Type) throws {}
    public mutating func recordReturnType<R: Codable>(_ type: R.Type) throws {}
    public mutating func doneRecording() throws {}
}

/// Reads one incoming call's generic substitutions and arguments.
public struct ClusterInvocationDecoder: DistributedTargetInvocationDecoder {
    public typealias SerializationRequirement = Codable

    let genericSubstitutions: [String]
    let arguments: [[UInt8]]
    let system: ClusterActorSystem
    var nextArgument = 0

    init(genericSubstitutions: [String], arguments: [[UInt8]], system: ClusterActorSystem) {
        self.genericSubstitutions = genericSubstitutions
        self.arguments = arguments
        self.system = system
    }

    public mutating func decodeGenericSubstitutions() throws -> [Any.Type] {
        try genericSubstitutions.map { name in
            guard let type = _typeByName(name) else {
                throw ClusterCallError.badMessage("unknown generic type \(name) in call")
            }
            return type
        }
    }

    public mutating func decodeNextArgument<Argument: Codable>() throws -> Argument {
        guard nextArgument < arguments.count else {
            throw ClusterCallError.badMessage("call has \(arguments.count) arguments, the function wants more")
        }
        defer { nextArgument += 1 }
        return try BinaryDecoder.decode(
            Argument.self, from: arguments[nextArgument], userInfo: [.actorSystemKey: system])
    }

    public mutating func decodeErrorType() throws -> Any.Type? { nil }
    public mutating func decodeReturnType() throws -> Any.Type? { nil }
}

/// Turns the outcome of a locally executed call into reply frames.
public struct ClusterResultHandler: DistributedTargetInvocationResultHandler {
    public typealias SerializationRequirement = Codable

    let send: @Sendable (ClusterWire.Reply) -> Void

    public func onReturn<Success: Codable>(value: Success) async throws {
        do {
            send(.value(try BinaryEncoder.encode(value)))
        } catch {
            send(.error(code: .opaque, type: "EncodingError", message: "result of type \(Success.self) could not be encoded: \(error)", payload: []))
        }
    }

    public func onReturnVoid() async throws { send(.void) }

    public func onThrow<Err: Error>(error: Err) async throws {
        send(Self.reply(for: error))
    }

    /// Codable errors travel with their mangled type name and payload, so the caller can rethrow the same type.
    static func reply(for error: any Error) -> ClusterWire.Reply {
        let message = String(describing: error)
        if let codable = error as? any (Error & Codable), let name = _mangledTypeName(type(of: codable)),
           let payload = try? BinaryEncoder.encode(codable)
        {
            return .error(code: .codable, type: name, message: message, payload: payload)
        }
        return .error(code: .opaque, type: String(reflecting: type(of: error)), message: message, payload: [])
    }
}

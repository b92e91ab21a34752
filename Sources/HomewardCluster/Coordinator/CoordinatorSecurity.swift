import ClusterActors
import ClusterCore
import HomewardSecurity
import ZeroMQ

/// How the coordinator's sockets are secured: CURVE with the coordinator's
/// key pair and the allow-list's ZAP handler (the default), or plain text when
/// the config asks for it and every endpoint is loopback. Anything else does
/// not start, and says why.
public struct CoordinatorSecurity: Sendable {
    public let access: AccessControl
    /// nil: plain text.
    public let serverKeys: ZMQCurveKeyPair?

    public init(config: ClusterConfig, paths: SecurityPaths?) throws(SecurityError) {
        if config.security.plainText {
            if let refusal = config.plainTextRefusal { throw SecurityError(refusal) }
            access = AccessControl(plain: ())
            serverKeys = nil
            return
        }
        guard let paths else {
            throw SecurityError("the coordinator needs its key files (CURVE is on): start it with --config, or set security.plainText on a loopback-only config")
        }
        serverKeys = try KeyFiles.pair(paths.coordinatorKey, paths: paths)
        access = try AccessControl(allowListPath: paths.allowList)
    }

    /// Makes `options` a CURVE server socket whose peers ZAP checks in `domain`.
    func secure(_ options: inout ZMQSocketOptions, domain: String) {
        guard let serverKeys else { return }
        options.curve = .server(serverKeys)
        options.zapDomain = domain
    }

    /// The control endpoint's CURVE: worker keys only (ZAP domain `control`).
    var control: ClusterActorSystem.Curve? {
        guard let serverKeys else { return nil }
        var curve = ClusterActorSystem.Curve(serverKeys: serverKeys, authenticator: access.authenticator, clientKeys: serverKeys,
                                             peerServerKey: { _ in nil })
        curve.zapDomain = "control"
        return curve
    }
}

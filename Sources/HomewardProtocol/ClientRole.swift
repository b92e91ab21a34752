/// Who a client is, from the CURVE key it connected with (the ZAP handler maps
/// allow-listed public keys to a role; docs/protocol.md, section 10). Intake
/// keys bring data in; operator keys may also read personal data, review,
/// close cases and read the alert stream.
public enum ClientRole: String, Sendable, CaseIterable {
    case intake
    case `operator`

    /// Whether this role may make `request`; the coordinator answers
    /// `unauthorized(for:)` otherwise.
    public func permits(_ request: Homeward_V1_Request) -> Bool {
        switch (self, request.body) {
        case (.operator, _): true
        case (.intake, .registerCase?), (.intake, .submitSighting?), (.intake, .status?): true
        case (.intake, _): false
        }
    }

    /// The rejection for a request this role may not make.
    public func unauthorized(for request: Homeward_V1_Request) -> ProtocolError {
        .unauthorized(
            "a \(rawValue) key may not make this request; use an operator key", requestID: request.requestID)
    }
}

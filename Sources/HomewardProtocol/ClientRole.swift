/// What a key may do, named in the allow-list next to the key (docs/security.md
/// has the table). The coordinator learns the role from the CURVE key a peer
/// connected with (the ZAP handler's `User-Id`), never from the request.
public enum ClientRole: String, Sendable, CaseIterable, Codable {
    /// Field intake: registers cases and submits sightings; reads nothing back.
    case intake
    /// Case officer: registers, closes, reopens and reads the cases of its provinces.
    case `operator`
    /// Reviews the alerts of its provinces (and may catch up on their topics).
    case reviewer
    /// Alert desk: receives the alerts of its provinces, live or by catch-up.
    case desk
    /// Cluster status; keys are managed on the coordinator's host with its files.
    case admin
    /// The operator console (`homeward console`, its own process): forwards its
    /// signed-in users' requests, enforcing their roles and provinces itself;
    /// the audit log names the console key and the user it acted for.
    case console
    /// A worker process, bound to one worker id.
    case worker
}

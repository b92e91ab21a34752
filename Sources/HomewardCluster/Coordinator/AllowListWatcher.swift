import Dispatch
import Foundation
import HomewardSecurity
import Logging
import Synchronization

/// Reloads the allow-list when it changes on disk (checked four times a
/// second: `homeward keys generate` and `revoke` take effect without a
/// restart) or when the coordinator gets SIGHUP. A file that does not load is
/// logged and the list in force stays.
struct AllowListWatcher: Sendable {
    let access: AccessControl
    let logger: Logger

    func run(onChange: @Sendable (AccessControl.Change) async -> Void) async throws {
        guard let path = access.path else { return }
        let hangup = HangupFlag()
        signal(SIGHUP, SIG_IGN)
        let source = DispatchSource.makeSignalSource(signal: SIGHUP)
        source.setEventHandler { hangup.raised.store(true, ordering: .relaxed) }
        source.resume()
        defer { source.cancel() }
        var seen = Self.stamp(path)
        while !Task.isCancelled {
            try await Task.sleep(for: .milliseconds(250))
            let now = Self.stamp(path)
            let signalled = hangup.raised.exchange(false, ordering: .relaxed)
            guard signalled || now != seen else { continue }
            seen = now
            do {
                let change = try access.reload()
                logger.info("allow-list reloaded", metadata: [
                    "added": "\(change.added.count)", "removed": "\(change.removed.count)", "changed": "\(change.changed.count)",
                    "trigger": "\(signalled ? "SIGHUP" : "file changed")"])
                await onChange(change)
            } catch {
                logger.error("allow-list not reloaded; the previous one stays in force", metadata: ["error": "\(error)"])
            }
        }
    }

    /// Modification time and size: enough to notice an atomic rename.
    static func stamp(_ path: String) -> [Int64] {
        var info = stat()
        guard stat(path, &info) == 0 else { return [] }
        return [Int64(info.st_mtim.tv_sec), Int64(info.st_mtim.tv_nsec), Int64(info.st_size), Int64(info.st_ino)]
    }
}

/// Set by the SIGHUP handler (on a dispatch queue), read by the watcher.
final class HangupFlag: Sendable {
    let raised = Atomic<Bool>(false)
}

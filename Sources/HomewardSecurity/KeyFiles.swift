import Foundation
import ZeroMQ
#if canImport(Glibc)
import Glibc
#endif

/// Key pairs on disk: NAME.key holds the Z85 secret key (mode 0600, created
/// exclusively so an existing secret is never overwritten), NAME.pub the public
/// key. The directory is created 0700.
public enum KeyFiles {
    public static func exists(_ name: String, paths: SecurityPaths) -> Bool {
        FileManager.default.fileExists(atPath: paths.secretKeyFile(name))
    }

    /// Writes a fresh pair under `name`; fails if a secret of that name exists.
    public static func create(_ name: String, paths: SecurityPaths) throws(SecurityError) -> ZMQCurveKeyPair {
        try checkName(name)
        let pair: ZMQCurveKeyPair
        do { pair = try ZMQCurveKeyPair.generate() } catch { throw SecurityError("cannot generate a CURVE key: \(error)") }
        do {
            try FileManager.default.createDirectory(atPath: paths.keysDirectory, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
        } catch {
            throw SecurityError("cannot create the keys folder \(paths.keysDirectory): \(error.localizedDescription)")
        }
        try writeNew(paths.secretKeyFile(name), pair.secretKey.z85 + "\n", mode: 0o600)
        try? FileManager.default.removeItem(atPath: paths.publicKeyFile(name))
        try writeNew(paths.publicKeyFile(name), pair.publicKey.z85 + "\n", mode: 0o644)
        return pair
    }

    /// Reads the pair stored under `name` (its public half is derived from the secret).
    public static func pair(_ name: String, paths: SecurityPaths) throws(SecurityError) -> ZMQCurveKeyPair {
        let file = paths.secretKeyFile(name)
        guard let text = try? String(contentsOfFile: file, encoding: .utf8) else {
            throw SecurityError("no key \(name): cannot read \(file); create it with `homeward keys generate --name \(name) --role ROLE` or `homeward keys init --config FILE`")
        }
        var info = stat()
        if stat(file, &info) == 0, info.st_mode & 0o077 != 0 {
            throw SecurityError("secret key \(file) is readable by others (mode \(String(info.st_mode & 0o777, radix: 8))); run chmod 600 \(file)")
        }
        do {
            return try ZMQCurveKeyPair(secretKey: ZMQCurveKey(z85: text.trimmingCharacters(in: .whitespacesAndNewlines)))
        } catch {
            throw SecurityError("secret key \(file) is not a Z85 CURVE key: \(error)")
        }
    }

    /// The public key stored under `name` (NAME.pub; enough for clients to know the coordinator).
    public static func publicKey(_ name: String, paths: SecurityPaths) throws(SecurityError) -> ZMQCurveKey {
        let file = paths.publicKeyFile(name)
        guard let text = try? String(contentsOfFile: file, encoding: .utf8) else {
            throw SecurityError("no public key \(name): cannot read \(file); run `homeward keys init --config FILE`")
        }
        do { return try ZMQCurveKey(z85: text.trimmingCharacters(in: .whitespacesAndNewlines)) } catch {
            throw SecurityError("public key \(file) is not a Z85 CURVE key: \(error)")
        }
    }

    /// Key names become file names: letters, digits, `-`, `_`, `.`, 1-64 of them, not starting with `.`.
    public static func checkName(_ name: String) throws(SecurityError) {
        let ok = (1...64).contains(name.utf8.count) && !name.hasPrefix(".")
            && name.utf8.allSatisfy { c in
                (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || c == 0x2D || c == 0x5F || c == 0x2E
            }
        guard ok else { throw SecurityError("key name \"\(name)\" must be 1-64 letters, digits, '-', '_' or '.', not starting with '.'") }
    }

    /// Creates `path` exclusively with `mode` (never widening an existing file's mode).
    static func writeNew(_ path: String, _ text: String, mode: mode_t) throws(SecurityError) {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL, mode)
        guard fd >= 0 else { throw SecurityError("cannot create \(path): \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        let bytes = Array(text.utf8)
        let written = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        guard written == bytes.count else { throw SecurityError("cannot write \(path): \(String(cString: strerror(errno)))") }
        fchmod(fd, mode)
    }
}

import Crypto
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The photo vault's AES-GCM key: 32 random bytes as 64 hex characters in a
/// file outside the vault folder, readable by its owner only. Created on first
/// start when missing (like the coordinator's data key in the security work).
public struct PhotoKey: Sendable {
    // Raw bytes: SymmetricKey is not Sendable in this swift-crypto.
    let bytes: [UInt8]
    var key: SymmetricKey { SymmetricKey(data: bytes) }

    public init(bytes: [UInt8]) { self.bytes = bytes }

    public static func loadOrCreate(path: String) throws -> PhotoKey {
        if !FileManager.default.fileExists(atPath: path) {
            let fresh = SymmetricKey(size: .bits256).withUnsafeBytes { Array($0) }
            let hex = fresh.map { String(format: "%02x", $0) }.joined() + "\n"
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            guard FileManager.default.createFile(atPath: path, contents: Data(hex.utf8), attributes: [.posixPermissions: 0o600]) else {
                throw ConsoleError.photoKey("cannot create the photo key \(path)")
            }
        }
        var info = stat()
        if stat(path, &info) == 0, info.st_mode & 0o077 != 0 {
            throw ConsoleError.photoKey("photo key \(path) is readable by others; run chmod 600 \(path)")
        }
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw ConsoleError.photoKey("cannot read the photo key \(path)")
        }
        let hex = Array(text.trimmingCharacters(in: .whitespacesAndNewlines).utf8)
        guard hex.count == 64 else { throw ConsoleError.photoKey("photo key \(path) must hold 64 hexadecimal characters") }
        var bytes: [UInt8] = []
        for i in stride(from: 0, to: 64, by: 2) {
            guard let b = UInt8(String(decoding: hex[i..<i + 2], as: UTF8.self), radix: 16) else {
                throw ConsoleError.photoKey("photo key \(path) is not hexadecimal")
            }
            bytes.append(b)
        }
        return PhotoKey(bytes: bytes)
    }

    /// AES-GCM, bound to `context` (the item's name) so a file moved to another name does not open.
    func seal(_ plain: [UInt8], context: String) throws -> [UInt8] {
        let box = try AES.GCM.seal(plain, using: key, authenticating: Array(context.utf8))
        guard let combined = box.combined else { throw ConsoleError.photo("AES-GCM gave no combined form") }
        return Array(combined)
    }

    func open(_ blob: [UInt8], context: String) throws -> [UInt8] {
        do {
            return Array(try AES.GCM.open(AES.GCM.SealedBox(combined: blob), using: key, authenticating: Array(context.utf8)))
        } catch {
            throw ConsoleError.photo("\(context) does not open with this key (wrong key, or the file was altered)")
        }
    }
}

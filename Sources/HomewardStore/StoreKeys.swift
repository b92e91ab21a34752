import Crypto
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The keys of a coordinator database, derived from one data key kept in a
/// file outside it (`security.dataKey`, mode 0600): one seals personal data
/// (AES-GCM, each value bound to its case and field), one keys the audit
/// chain's HMAC, so neither a stolen database file nor someone who can write
/// it can read the names or forge a consistent log.
public struct StoreKeys: Sendable {
    // Raw bytes: this swift-crypto's SymmetricKey is not Sendable.
    let personalBytes: [UInt8]
    let auditBytes: [UInt8]
    var personal: SymmetricKey { SymmetricKey(data: personalBytes) }
    var audit: SymmetricKey { SymmetricKey(data: auditBytes) }

    public init(dataKey: SymmetricKey) {
        func derive(_ info: String) -> [UInt8] {
            HKDF<SHA256>.deriveKey(inputKeyMaterial: dataKey, info: Array(info.utf8), outputByteCount: 32)
                .withUnsafeBytes { Array($0) }
        }
        personalBytes = derive("homeward personal data v1")
        auditBytes = derive("homeward audit chain v1")
    }

    /// Reads a data key file: 64 hexadecimal characters, readable by its owner only.
    public static func load(path: String) throws(StoreError) -> StoreKeys {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw .keyFile("cannot read the data key \(path); create it with `homeward keys init --config FILE`")
        }
        var info = stat()
        if stat(path, &info) == 0, info.st_mode & 0o077 != 0 {
            throw .keyFile("data key \(path) is readable by others (mode \(String(info.st_mode & 0o777, radix: 8))); run chmod 600 \(path)")
        }
        let hex = Array(text.trimmingCharacters(in: .whitespacesAndNewlines).utf8)
        guard hex.count == 64 else { throw .keyFile("data key \(path) must hold 64 hexadecimal characters (32 bytes)") }
        var bytes: [UInt8] = []
        for i in stride(from: 0, to: 64, by: 2) {
            guard let b = UInt8(String(decoding: hex[i..<i + 2], as: UTF8.self), radix: 16) else {
                throw .keyFile("data key \(path) is not hexadecimal")
            }
            bytes.append(b)
        }
        return StoreKeys(dataKey: SymmetricKey(data: bytes))
    }

    /// AES-GCM: nonce, ciphertext and tag in one blob, bound to `context` (e.g. "case:12:child_name").
    func seal(_ text: String, context: String) throws -> [UInt8] {
        let box = try AES.GCM.seal(Array(text.utf8), using: personal, authenticating: Array(context.utf8))
        guard let combined = box.combined else { throw StoreError.sealing("AES-GCM gave no combined form") }
        return Array(combined)
    }

    func open(_ blob: [UInt8], context: String) throws -> String {
        do {
            let box = try AES.GCM.SealedBox(combined: blob)
            return String(decoding: try AES.GCM.open(box, using: personal, authenticating: Array(context.utf8)), as: UTF8.self)
        } catch {
            throw StoreError.sealing("\(context) does not open with this data key (wrong key, or the value was altered)")
        }
    }

    func auditMAC(_ message: [UInt8]) -> [UInt8] {
        Array(HMAC<SHA256>.authenticationCode(for: message, using: audit))
    }
}

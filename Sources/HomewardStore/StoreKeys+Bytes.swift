import Crypto

extension StoreKeys {
    /// AES-GCM over bytes (kept photos), bound to `context` like `seal(_:context:)`.
    func seal(bytes: [UInt8], context: String) throws -> [UInt8] {
        let box = try AES.GCM.seal(bytes, using: personal, authenticating: Array(context.utf8))
        guard let combined = box.combined else { throw StoreError.sealing("AES-GCM gave no combined form") }
        return Array(combined)
    }

    func open(bytes blob: [UInt8], context: String) throws -> [UInt8] {
        do {
            return Array(try AES.GCM.open(try AES.GCM.SealedBox(combined: blob), using: personal, authenticating: Array(context.utf8)))
        } catch {
            throw StoreError.sealing("\(context) does not open with this data key (wrong key, or the value was altered)")
        }
    }
}

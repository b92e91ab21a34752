import PhotoPipeline

extension ByteDigest {
    /// The 32 digest bytes in their usual order.
    var bytes: [UInt8] {
        [w0, w1, w2, w3].flatMap { word in withUnsafeBytes(of: word, Array.init) }
    }

    init?(bytes: [UInt8]) {
        guard bytes.count == 32 else { return nil }
        func word(_ i: Int) -> UInt64 { bytes[i * 8..<i * 8 + 8].withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) } }
        self.init(w0: word(0), w1: word(1), w2: word(2), w3: word(3))
    }
}

extension PerceptualHash {
    /// The hash as `SubmitSighting.photo_phash` carries it, in hex: byte j
    /// holds bits 8j…8j+7, least significant first (docs/protocol.md,
    /// "Perceptual hash"). `hex` is for logs and puts bit 255 first instead.
    public var wireHex: String {
        (0..<4).flatMap { i in (0..<8).map { UInt8(truncatingIfNeeded: word(i) >> (8 * $0)) } }
            .map { b in (b < 16 ? "0" : "") + String(b, radix: 16) }.joined()
    }
}

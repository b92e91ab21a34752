import PhotoPipeline
import Testing

/// `photo_phash` as a client sends it: 32 bytes, byte j holding bits 8j…8j+7
/// least significant first, the reverse of the log form `hex`.
@Suite struct PerceptualHashWireHexTests {
    @Test func bytesRunFromTheLowestBitUp() {
        let hash = PerceptualHash(0x0807_0605_0403_0201, 0, 0, 0xFF00_0000_0000_0000)
        #expect(hash.wireHex == "0102030405060708" + String(repeating: "00", count: 23) + "ff")
        #expect(hash.hex == "ff" + String(repeating: "00", count: 23) + "0807060504030201")
    }

    @Test func eachBitLandsInItsByte() {
        for bit in [0, 7, 8, 63, 64, 200, 255] {
            var hash = PerceptualHash(0, 0, 0, 0)
            hash.setBit(bit)
            let bytes = stride(from: 0, to: 64, by: 2).map { i in
                UInt8(hash.wireHex.dropFirst(i).prefix(2), radix: 16)!
            }
            #expect(bytes.enumerated().allSatisfy { j, b in b == (j == bit / 8 ? UInt8(1) << (bit % 8) : 0) }, "bit \(bit)")
        }
    }
}

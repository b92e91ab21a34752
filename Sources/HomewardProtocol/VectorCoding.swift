import Foundation

/// Face vectors: client embeddings arrive as `repeated float`; workers get
/// them L2-normalised as 512 little-endian float32 bytes (`Vector.f32le`),
/// which decodes with one copy instead of a varint loop per value.
public enum VectorCoding {
    /// `values` scaled to unit L2 norm (accumulated in Double). The caller has
    /// validated it (finite, non-zero); a zero vector is returned unchanged.
    public static func normalized(_ values: [Float]) -> [Float] {
        var sum: Double = 0
        for v in values { sum += Double(v) * Double(v) }
        guard sum > 0 else { return values }
        let scale = 1 / sum.squareRoot()
        return values.map { Float(Double($0) * scale) }
    }

    public static func vector(_ values: [Float]) -> Homeward_V1_Vector {
        var data = Data(capacity: values.count * 4)
        for v in values {
            withUnsafeBytes(of: v.bitPattern.littleEndian) { data.append(contentsOf: $0) }
        }
        var vector = Homeward_V1_Vector()
        vector.f32Le = data
        return vector
    }

    /// The floats of a vector; nil when the byte count is not a multiple of 4.
    public static func floats(_ vector: Homeward_V1_Vector) -> [Float]? {
        let data = vector.f32Le
        guard data.count % 4 == 0 else { return nil }
        var out = [Float]()
        out.reserveCapacity(data.count / 4)
        var index = data.startIndex
        while index < data.endIndex {
            var bits: UInt32 = 0
            for k in 0..<4 { bits |= UInt32(data[index + k]) << UInt32(8 * k) }
            out.append(Float(bitPattern: bits))
            index += 4
        }
        return out
    }
}

/// Where the prefilter's bf16 copy of the rows lives: panels of 16 rows, like
/// `PanelLayout`; inside a panel, for each pair k of dimensions, 16 dwords (one
/// per row), each holding the row's dimension 2k in its low half and 2k + 1 in
/// its high half (0 past an odd dimension). One 64-byte load then brings two
/// dimensions of 16 rows, and widening a half to a Float is a shift or a mask.
public enum BF16Layout {
    /// Dimension pairs per row.
    @inlinable
    public static func pairs(dimension: Int) -> Int { (dimension &+ 1) / 2 }

    /// Dwords in one panel.
    @inlinable
    public static func panelDwords(dimension: Int) -> Int { pairs(dimension: dimension) &* PanelLayout.width }

    /// Index of the dword for (`row`, `pair`) from the start of the storage.
    @inlinable
    public static func offset(row: Int, pair: Int, dimension: Int) -> Int {
        (row / PanelLayout.width) &* panelDwords(dimension: dimension) &+ pair &* PanelLayout.width &+ (row % PanelLayout.width)
    }

    /// `value` rounded to bf16 (nearest, ties to even); a subnormal becomes ±0.
    /// Inputs are finite; |value| ≤ 1.0001 (intake) never rounds to infinity.
    @inlinable
    public static func bits(_ value: Float) -> UInt16 {
        let b = value.bitPattern
        if b & 0x7F80_0000 == 0 { return UInt16(truncatingIfNeeded: (b & 0x8000_0000) >> 16) }
        return UInt16(truncatingIfNeeded: (b &+ 0x7FFF &+ ((b >> 16) & 1)) >> 16)
    }

    /// Dimensions 2k (low half) and 2k + 1 (high half) in one dword.
    @inlinable
    public static func pack(_ low: Float, _ high: Float) -> UInt32 { UInt32(bits(low)) | UInt32(bits(high)) << 16 }

    /// The Floats a dword stands for: (dimension 2k, dimension 2k + 1).
    @inlinable
    public static func unpack(_ dword: UInt32) -> (Float, Float) {
        (Float(bitPattern: dword << 16), Float(bitPattern: dword & 0xFFFF_0000))
    }
}

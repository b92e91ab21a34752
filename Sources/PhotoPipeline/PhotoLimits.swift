/// Bounds on what one photo may cost. Checked before any pixel is decoded.
public struct PhotoLimits: Sendable, Hashable {
    /// Largest accepted file. Phone photos are 2–8 MB.
    public var maxBytes: Int
    /// Largest accepted `width × height` from the file header: a 100 kB PNG can
    /// declare 50,000 × 50,000 pixels (7.5 GB decoded), a decompression bomb.
    public var maxPixels: Int
    /// Faces described per photo; beyond it the most confident are kept.
    public var maxFaces: Int
    /// Images with a longer side are scaled down before detection (HOG cost
    /// grows with area; faces in a larger photo gain nothing from it).
    public var detectionLongSide: Int

    public init(maxBytes: Int = 20 << 20, maxPixels: Int = 40_000_000, maxFaces: Int = 64, detectionLongSide: Int = 1024) {
        self.maxBytes = maxBytes
        self.maxPixels = maxPixels
        self.maxFaces = maxFaces
        self.detectionLongSide = detectionLongSide
    }

    public static let standard = PhotoLimits()
}

/// EXIF orientation (tag 0x0112): how the stored pixels must be transformed to
/// show the photo upright. Phones store sensor-orientation pixels and set this
/// tag; dlib's loader ignores it, and a sideways face is not detected.
public enum ExifOrientation: Int32, Sendable, Hashable, CaseIterable {
    case up = 1
    case mirrored = 2
    case down = 3
    case downMirrored = 4
    case leftMirrored = 5
    case right = 6  // display = stored pixels rotated 90° clockwise
    case rightMirrored = 7
    case left = 8  // display = stored pixels rotated 90° counter-clockwise

    /// Whether width and height swap when applied.
    public var swapsDimensions: Bool { rawValue >= 5 }
}

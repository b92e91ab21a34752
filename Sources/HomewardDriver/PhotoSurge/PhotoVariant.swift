import PhotoPipeline

/// How a repost changes a photo: what people do when they pass a photo on.
/// Named in a scenario's `photos.variants` (`copy`, `jpeg70`, `resize50`, `crop1`, `mirror`).
public enum PhotoVariant: Hashable, Sendable, CustomStringConvertible {
    /// The same bytes.
    case copy
    /// Decoded and saved again as JPEG at this quality.
    case jpeg(quality: Int)
    /// Scaled to this percentage of each side (bilinear), saved at JPEG quality 85.
    case resize(percent: Int)
    /// This percentage cut off each side, saved at JPEG quality 90.
    case crop(percent: Int)
    /// Flipped left to right, saved at JPEG quality 90.
    case mirror

    public struct UnknownKind: Error, CustomStringConvertible {
        public var name: String
        public var description: String { "unknown photo variant \"\(name)\": use copy, jpegQ (1-100), resizeP (10-99), cropP (1-20) or mirror" }
    }

    public init(parsing name: String) throws {
        func number(after prefix: String, in range: ClosedRange<Int>) -> Int? {
            guard name.hasPrefix(prefix), let n = Int(name.dropFirst(prefix.count)), range.contains(n) else { return nil }
            return n
        }
        if name == "copy" { self = .copy }
        else if name == "mirror" { self = .mirror }
        else if let q = number(after: "jpeg", in: 1...100) { self = .jpeg(quality: q) }
        else if let p = number(after: "resize", in: 10...99) { self = .resize(percent: p) }
        else if let p = number(after: "crop", in: 1...20) { self = .crop(percent: p) }
        else { throw UnknownKind(name: name) }
    }

    public var description: String {
        switch self {
        case .copy: "copy"
        case .jpeg(let q): "jpeg\(q)"
        case .resize(let p): "resize\(p)"
        case .crop(let p): "crop\(p)"
        case .mirror: "mirror"
        }
    }

    /// The variant's bytes; deterministic, so a second repost of one kind is byte-identical to the first.
    public func apply(to photo: PhotoBytes, decoder: PhotoDecoder = PhotoDecoder()) throws -> PhotoBytes {
        if case .copy = self { return photo }
        let image = try decoder.decode(photo)
        switch self {
        case .copy: return photo
        case .jpeg(let q): return image.jpegEncoded(quality: q)
        case .resize(let p):
            return image.resized(width: max(1, image.width * p / 100), height: max(1, image.height * p / 100)).jpegEncoded(quality: 85)
        case .crop(let p):
            let dx = image.width * p / 100, dy = image.height * p / 100
            return image.cropped(x: dx, y: dy, width: image.width - 2 * dx, height: image.height - 2 * dy).jpegEncoded(quality: 90)
        case .mirror: return image.oriented(.mirrored).jpegEncoded(quality: 90)
        }
    }

    /// A different photo of the same moment for the `round`-th unique use of a
    /// fixture (round ≥ 1): mirrored on odd rounds, with a different share cut
    /// off the left (1–29%) and the top (1–23%) each round, so its perceptual
    /// hash is far from the fixture's; rounds whose hashes still land within 31
    /// bits of each other are collapsed as reposts, which the check allows
    /// (same fixture).
    public static func round(_ round: Int, of photo: PhotoBytes, decoder: PhotoDecoder = PhotoDecoder()) throws -> PhotoBytes {
        var image = try decoder.decode(photo)
        if round % 2 == 1 { image = image.oriented(.mirrored) }
        let dx = image.width * ((round * 7) % 29 + 1) / 100, dy = image.height * ((round * 3) % 23 + 1) / 100
        image = image.cropped(x: dx, y: dy, width: image.width - dx, height: image.height - dy)
        return image.jpegEncoded(quality: 92)
    }
}

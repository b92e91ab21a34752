import CImageCodec

/// Turns photo bytes into an upright RGB image, checking the byte and pixel
/// caps before decoding and mapping every decoder failure to a `PhotoError`.
public struct PhotoDecoder: Sendable {
    public let limits: PhotoLimits

    public init(limits: PhotoLimits = .standard) {
        self.limits = limits
    }

    /// Decodes `photo`. A large JPEG is decoded at a reduced DCT scale that
    /// keeps its long side at least `limits.detectionLongSide`.
    public func decode(_ photo: PhotoBytes) throws(PhotoError) -> DecodedImage {
        let bytes = photo.bytes
        guard !bytes.isEmpty else { throw .empty }
        guard bytes.count <= limits.maxBytes else { throw .tooManyBytes(count: bytes.count, limit: limits.maxBytes) }

        var image = hw_image()
        let status = bytes.withUnsafeBufferPointer { buffer in
            hw_image_decode(buffer.baseAddress, buffer.count, UInt64(limits.maxPixels),
                            Int32(clamping: limits.detectionLongSide), &image)
        }
        defer { hw_image_free(image.rgb) }
        let format: ImageFormat = image.format == HW_IMG_FORMAT_PNG ? .png : .jpeg
        let detail = Self.message(of: &image)
        switch status {
        case HW_IMG_OK: break
        case HW_IMG_UNKNOWN_FORMAT: throw .unknownFormat
        case HW_IMG_TOO_MANY_PIXELS:
            throw .tooManyPixels(width: Int(image.header_width), height: Int(image.header_height), limit: limits.maxPixels)
        case HW_IMG_TRUNCATED: throw .truncated(format: format, detail: detail)
        case HW_IMG_UNSUPPORTED: throw .unsupported(format: format, detail: detail)
        case HW_IMG_NO_MEMORY: throw .outOfMemory
        default: throw .corrupt(format: format, detail: detail)
        }

        let width = Int(image.width), height = Int(image.height)
        let count = width * height * 3
        let orientation = format == .jpeg ? ExifOrientation.parse(jpeg: bytes) : .up
        guard let source = image.rgb else { throw .outOfMemory }
        if orientation == .up {
            return DecodedImage(width: width, height: height, rgb: Array(UnsafeBufferPointer(start: source, count: count)))
        }
        let upright = [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            hw_image_orient(source, image.width, image.height, orientation.rawValue, buffer.baseAddress)
            initialized = count
        }
        return orientation.swapsDimensions
            ? DecodedImage(width: height, height: width, rgb: upright)
            : DecodedImage(width: width, height: height, rgb: upright)
    }

    private static func message(of image: inout hw_image) -> String {
        withUnsafeBytes(of: &image.message) { raw in
            let chars = raw.bindMemory(to: UInt8.self)
            let end = chars.firstIndex(of: 0) ?? chars.count
            return String(decoding: chars[..<end], as: UTF8.self)
        }
    }
}

import CImageCodec

extension DecodedImage {
    /// A bilinear resize to `width × height`.
    public func resized(width newWidth: Int, height newHeight: Int) -> DecodedImage {
        precondition(newWidth > 0 && newHeight > 0)
        let count = newWidth * newHeight * 3
        let out = [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            rgb.withUnsafeBufferPointer { src in
                hw_image_resize(src.baseAddress, Int32(width), Int32(height), buffer.baseAddress, Int32(newWidth), Int32(newHeight))
            }
            initialized = count
        }
        return DecodedImage(width: newWidth, height: newHeight, rgb: out)
    }

    /// The sub-rectangle at (`x`, `y`) of size `w × h`.
    public func cropped(x: Int, y: Int, width w: Int, height h: Int) -> DecodedImage {
        precondition(x >= 0 && y >= 0 && w > 0 && h > 0 && x + w <= width && y + h <= height)
        var out = [UInt8]()
        out.reserveCapacity(w * h * 3)
        for row in y..<(y + h) {
            let start = (row * width + x) * 3
            out.append(contentsOf: rgb[start..<(start + w * 3)])
        }
        return DecodedImage(width: w, height: h, rgb: out)
    }

    /// The image with EXIF `orientation` applied to its pixels.
    public func oriented(_ orientation: ExifOrientation) -> DecodedImage {
        let count = rgb.count
        let out = [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            rgb.withUnsafeBufferPointer { src in
                hw_image_orient(src.baseAddress, Int32(width), Int32(height), orientation.rawValue, buffer.baseAddress)
            }
            initialized = count
        }
        return orientation.swapsDimensions
            ? DecodedImage(width: height, height: width, rgb: out)
            : DecodedImage(width: width, height: height, rgb: out)
    }

    /// Baseline JPEG bytes at `quality` (1...100).
    public func jpegEncoded(quality: Int) -> PhotoBytes {
        var out: UnsafeMutablePointer<UInt8>?
        var length = 0
        let status = rgb.withUnsafeBufferPointer { src in
            hw_image_encode_jpeg(src.baseAddress, Int32(width), Int32(height), Int32(clamping: quality), &out, &length)
        }
        defer { hw_image_free(out) }
        precondition(status == 0 && out != nil, "libjpeg failed to encode an in-memory RGB image")
        return PhotoBytes(Array(UnsafeBufferPointer(start: out, count: length)))
    }
}

import CFaceDlib

/// The real face embedder: dlib's HOG frontal detector (no upsampling),
/// 5-point landmarks, a 150 px chip with 0.25 padding and the 128-d ResNet
/// descriptor, L2-normalised here.
///
/// Holds one copy of the models (~30 MB); not thread-safe, hence not Sendable:
/// one instance per actor or thread (see `FaceExtractionService`).
public final class DlibFaceEmbedder: FaceEmbedder {
    public let decoder: PhotoDecoder
    private let handle: OpaquePointer
    private var scratch: [hw_face]

    /// Checks the model files (size and SHA-256) and loads them.
    public init(models: FaceModelFiles = .standard, limits: PhotoLimits = .standard) throws(PhotoError) {
        try models.verify()
        var message = [CChar](repeating: 0, count: 512)
        guard let handle = hw_face_model_create(models.shapePredictorPath, models.recognitionModelPath, &message, message.count) else {
            throw .modelLoadFailed(detail: String(decoding: message.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
        }
        self.handle = handle
        self.decoder = PhotoDecoder(limits: limits)
        self.scratch = Array(repeating: hw_face(), count: max(1, limits.maxFaces))
    }

    deinit {
        hw_face_model_destroy(handle)
    }

    public func faces(in image: DecodedImage) throws(PhotoError) -> [DetectedFace] {
        let limits = decoder.limits
        var message = [CChar](repeating: 0, count: 512)
        let total = image.rgb.withUnsafeBufferPointer { pixels in
            scratch.withUnsafeMutableBufferPointer { out in
                hw_face_model_extract(handle, pixels.baseAddress, Int32(image.width), Int32(image.height),
                                      Int32(clamping: limits.detectionLongSide), out.baseAddress,
                                      Int32(clamping: min(limits.maxFaces, out.count)), &message, message.count)
            }
        }
        guard total >= 0 else {
            throw .extractionFailed(detail: String(decoding: message.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
        }
        let kept = min(Int(total), limits.maxFaces, scratch.count)
        var faces: [DetectedFace] = []
        faces.reserveCapacity(kept)
        for i in 0..<kept {
            var face = scratch[i]
            let raw = withUnsafeBytes(of: &face.descriptor) { Array($0.bindMemory(to: Float.self)) }
            guard let embedding = FaceEmbedding(normalizing: raw) else {
                throw .extractionFailed(detail: "the model returned a zero or non-finite descriptor")
            }
            faces.append(DetectedFace(
                box: FaceBox(left: Int(face.left), top: Int(face.top), right: Int(face.right), bottom: Int(face.bottom)),
                detectionScore: face.detection_score,
                embedding: embedding))
        }
        return faces
    }
}

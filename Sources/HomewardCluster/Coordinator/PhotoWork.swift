import Dispatch
import PhotoPipeline

/// The coordinator's own photo work at intake: the SHA-256 of a photo and,
/// for bytes not seen before, decoding (with every input check) and the
/// perceptual hash. Both run on one dedicated serial queue, not on the
/// cooperative pool: a large photo takes tens of milliseconds, and on the
/// pool (one thread per core) that would stall every actor of the process.
enum PhotoWork {
    static let queue = DispatchQueue(label: "homeward.coordinator.photos", qos: .userInitiated)

    static func digest(_ photo: PhotoBytes) async -> ByteDigest {
        await withCheckedContinuation { done in queue.async { done.resume(returning: PhotoFingerprint.digest(of: photo)) } }
    }

    static func fingerprint(_ photo: PhotoBytes, digest: ByteDigest) async throws(PhotoError) -> PhotoFingerprint {
        let result: Result<PhotoFingerprint, PhotoError> = await withCheckedContinuation { done in
            queue.async {
                done.resume(returning: Result { () throws(PhotoError) -> PhotoFingerprint in
                    let hashed = PerceptualHasher.hash(try PhotoDecoder().decode(photo))
                    return PhotoFingerprint(sha256: digest, perceptual: hashed.hash, quality: hashed.quality)
                })
            }
        }
        return try result.get()
    }
}

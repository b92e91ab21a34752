import ClusterCore
import HomewardProtocol
import PhotoPipeline

extension SightingSubmission where Fingerprint == PhotoFingerprint {
    /// Names the first photo by its SHA-256 (`digest`) and keeps it for
    /// review; for bytes the coordinator does not know (`decode`), decodes
    /// it with every input check and adds its perceptual hash, off the actor
    /// (`PhotoWork`). A photo that cannot be read is a specific error.
    mutating func identifyFirstPhoto(_ first: Photo, digest sha: ByteDigest, decode: Bool, requestID: String) async throws {
        digest = sha.bytes
        draft.photoSHA256 = sha.bytes
        draft.photo = first.bytes
        guard decode else { return }
        do throws(PhotoError) {
            let found = try await PhotoWork.fingerprint(PhotoBytes(first.bytes), digest: sha)
            fingerprint = found
            draft.perceptualHash = PhotoHashCoding.encode(found)
        } catch {
            throw ProtocolError.photo(error, field: "faces[\(first.index)]", requestID: requestID)
        }
    }
}

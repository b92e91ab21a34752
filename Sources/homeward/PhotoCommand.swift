import ArgumentParser
import Foundation
import PhotoPipeline

struct PhotoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "photo",
        abstract: "Work on photos locally, without a cluster.",
        subcommands: [Embed.self])

    struct Embed: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the faces found in photos (box, detector confidence) and their embeddings, as JSON.",
            discussion: """
                Runs the same photo pipeline as the workers (dlib models from $HOMEWARD_MODEL_DIR or \
                ~/.cache/homeward/models; `ops/setup` fetches them). One JSON object per run: \
                {"photos": [{"file", "photo_sha256", "photo_phash", "faces": [{"box": {"left", "top", \
                "right", "bottom"}, "confidence", "embedding": [128 floats, L2-normalised]}]}]}, faces \
                most confident first. photo_sha256 and photo_phash are hex of the exact bytes a client \
                sends in SubmitSighting. A photo that cannot be decoded gets "error" instead of faces, \
                and the exit code is 65; an unreadable file exits 66 before anything is printed.
                """)

        @Argument(help: "JPEG or PNG files.") var files: [String]

        func validate() throws {
            if files.isEmpty { throw ValidationError("name at least one photo file") }
        }

        func run() throws {
            let photos = try PhotoFiles.read(files)
            let embedder: DlibFaceEmbedder
            do {
                embedder = try DlibFaceEmbedder()
            } catch {
                throw CLIFailure(exitCode: CLIFailure.config, message: "\(error)")
            }
            var results: [EmbeddedPhoto] = []
            for (file, data) in zip(files, photos) { results.append(Self.embed(PhotoBytes([UInt8](data)), file: file, embedder: embedder)) }
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            FileHandle.standardOutput.write(try encoder.encode(EmbeddedPhotos(photos: results)) + Data("\n".utf8))
            if results.contains(where: { $0.error != nil }) {
                throw CLIFailure(exitCode: CLIFailure.refused, message: "some photos could not be decoded; see their \"error\"")
            }
        }

        static func embed(_ photo: PhotoBytes, file: String, embedder: DlibFaceEmbedder) -> EmbeddedPhoto {
            let sha = PhotoFingerprint.digest(of: photo)
            do {
                let image = try embedder.decoder.decode(photo)
                let hash = PerceptualHasher.hash(image).hash
                let faces = try embedder.faces(in: image).map { f in
                    EmbeddedPhoto.Face(box: .init(left: f.box.left, top: f.box.top, right: f.box.right, bottom: f.box.bottom),
                                       confidence: f.detectionScore, embedding: f.embedding.values)
                }
                return EmbeddedPhoto(file: file, photo_sha256: sha.hex, photo_phash: Self.wireHex(hash), faces: faces, error: nil)
            } catch {
                return EmbeddedPhoto(file: file, photo_sha256: sha.hex, photo_phash: nil, faces: nil, error: "\(error)")
            }
        }

        /// The hash as SubmitSighting.photo_phash carries it: byte j holds bits
        /// 8j…8j+7, least significant first (docs/protocol.md, "Perceptual hash").
        static func wireHex(_ hash: PerceptualHash) -> String {
            (0..<4).flatMap { i in (0..<8).map { UInt8(truncatingIfNeeded: hash.word(i) >> (8 * $0)) } }
                .map { b in (b < 16 ? "0" : "") + String(b, radix: 16) }.joined()
        }
    }
}

/// `homeward photo embed` output (JSON keys are the field names).
struct EmbeddedPhotos: Encodable {
    var photos: [EmbeddedPhoto]
}

struct EmbeddedPhoto: Encodable {
    struct Box: Encodable { var left, top, right, bottom: Int }
    struct Face: Encodable {
        var box: Box
        var confidence: Float
        var embedding: [Float]
    }
    var file: String
    var photo_sha256: String
    var photo_phash: String?
    var faces: [Face]?
    var error: String?
}

import Foundation
import HomewardBasics

/// `homeward photo embed`: the faces and embeddings of photos, as one JSON
/// object, computed by the same pipeline and dlib models as the workers.
public struct EmbeddedPhotos: Encodable, Sendable {
    public var photos: [EmbeddedPhoto]

    /// Embeds each photo; the models that cannot be loaded are a config failure (78).
    public init(files: [String], contents: [Data]) throws(CommandFailure) {
        let embedder: DlibFaceEmbedder
        do {
            embedder = try DlibFaceEmbedder()
        } catch {
            throw CommandFailure(exitCode: CommandFailure.config, message: "\(error)")
        }
        photos = zip(files, contents).map { file, data in EmbeddedPhoto(PhotoBytes([UInt8](data)), file: file, embedder: embedder) }
    }

    /// Reads the files (66 if one cannot be read, before anything is printed),
    /// prints the JSON, and fails with 65 when a photo could not be decoded.
    public static func printJSON(files: [String]) throws {
        let embedded = try EmbeddedPhotos(files: files, contents: CommandLineFiles.photos(files))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        FileHandle.standardOutput.write(try encoder.encode(embedded) + Data("\n".utf8))
        if embedded.photos.contains(where: { $0.error != nil }) {
            throw CommandFailure(exitCode: CommandFailure.refused, message: "some photos could not be decoded; see their \"error\"")
        }
    }
}

import HomewardBasics
import HomewardProtocol

extension Homeward_V1_FaceInput {
    /// The faces of a case or sighting from the files an operator names:
    /// photos (sent whole; faces are found in them) and a file of embeddings,
    /// one per line. The embeddings file is read first.
    public static func read(photos: [String], embeddings: String?) throws(CommandFailure) -> [Homeward_V1_FaceInput] {
        let vectors = try embeddings.map { path throws(CommandFailure) in try CommandLineFiles.embeddings(path) } ?? []
        let bytes = try CommandLineFiles.photos(photos)
        return bytes.map { p in var f = Homeward_V1_FaceInput(); f.photo.data = p; return f }
            + vectors.map { v in var f = Homeward_V1_FaceInput(); f.embedding.values = v; return f }
    }
}

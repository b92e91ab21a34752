import ArgumentParser
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
            try EmbeddedPhotos.printJSON(files: files)
        }
    }
}

import Foundation
import HomewardBasics
import HomewardClient
import HomewardProtocol
import Testing

/// The face inputs of `case add` and `sighting submit`, from the files named
/// on the command line; an unusable file is exit 66 with a message naming it.
@Suite struct FaceInputFilesTests {
    @Test func embeddingsAreNumbersSeparatedByCommasOrSpacesOnePerLine() throws {
        let vectors = try CommandLineFiles.embeddings(text: "0.5, 1 -2\n\n  \n3,4,5\n", path: "e.txt")
        #expect(vectors == [[0.5, 1, -2], [3, 4, 5]])
    }

    @Test func anUnusableEmbeddingsFileNamesItsProblem() {
        #expect(throws: CommandFailure(exitCode: CommandFailure.noInput, message: "e.txt line 2: not a list of numbers")) {
            try CommandLineFiles.embeddings(text: "1,2\n1,x\n", path: "e.txt")
        }
        #expect(throws: CommandFailure(exitCode: CommandFailure.noInput, message: "e.txt holds no embeddings")) {
            try CommandLineFiles.embeddings(text: "\n \n", path: "e.txt")
        }
        #expect(throws: CommandFailure(exitCode: CommandFailure.noInput, message: "cannot read embeddings from /nonexistent/e.txt")) {
            try CommandLineFiles.embeddings("/nonexistent/e.txt")
        }
    }

    @Test func photosComeFirstThenEmbeddingsAndTheEmbeddingsFileIsReadFirst() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("homeward-faces-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let photo = dir.appendingPathComponent("p.jpg").path, embeddings = dir.appendingPathComponent("e.txt").path
        try Data([0xFF, 0xD8, 0xFF]).write(to: URL(fileURLWithPath: photo))
        try "1,2,3\n".write(toFile: embeddings, atomically: true, encoding: .utf8)
        let faces = try Homeward_V1_FaceInput.read(photos: [photo], embeddings: embeddings)
        #expect(faces.count == 2)
        #expect(faces[0].photo.data == Data([0xFF, 0xD8, 0xFF]))
        #expect(faces[1].embedding.values == [1, 2, 3])
        // Both files missing: the embeddings file is the one named.
        #expect(throws: CommandFailure(exitCode: CommandFailure.noInput, message: "cannot read embeddings from /nonexistent/e.txt")) {
            try Homeward_V1_FaceInput.read(photos: ["/nonexistent/p.jpg"], embeddings: "/nonexistent/e.txt")
        }
        #expect(throws: CommandFailure(exitCode: CommandFailure.noInput, message: "cannot read the photo /nonexistent/p.jpg")) {
            try Homeward_V1_FaceInput.read(photos: ["/nonexistent/p.jpg"], embeddings: nil)
        }
    }
}

import PhotoPipeline
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

@Suite struct ModelFilesTests {
    @Test func standardModelsVerify() throws {
        try FaceModelFiles.standard.verify()
    }

    @Test func missingModelsNameTheSetupCommand() {
        let files = FaceModelFiles(directory: "/nonexistent/homeward-models")
        #expect(throws: PhotoError.modelFileMissing(path: files.shapePredictorPath)) { try files.verify() }
        let message = PhotoError.modelFileMissing(path: files.shapePredictorPath).description
        #expect(message.contains("ops/setup") && message.contains("HOMEWARD_MODEL_DIR"))
    }

    @Test func corruptModelIsRejected() throws {
        var template = Array("/tmp/homeward-models-XXXXXX".utf8CString)
        let made = template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!).map { String(cString: $0) } }
        let dir = try #require(made)
        defer {
            for name in [FaceModelFiles.shapePredictorName, FaceModelFiles.recognitionModelName] { unlink(dir + "/" + name) }
            rmdir(dir)
        }
        for name in [FaceModelFiles.shapePredictorName, FaceModelFiles.recognitionModelName] {
            let file = fopen(dir + "/" + name, "wb")
            fputs("not a model", file)
            fclose(file)
        }
        #expect {
            try FaceModelFiles(directory: dir).verify()
        } throws: { error in
            guard case .modelFileCorrupt? = error as? PhotoError else { return false }
            return "\(error)".contains("ops/setup")
        }
    }
}

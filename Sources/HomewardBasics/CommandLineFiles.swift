import Foundation

/// Reads the files an operator names on the command line: photos as bytes,
/// face embeddings as text. A file that cannot be read or holds nothing usable
/// is a `CommandFailure` with exit code 66 (`noInput`).
public enum CommandLineFiles {
    public static func photos(_ paths: [String]) throws(CommandFailure) -> [Data] {
        try paths.map { path throws(CommandFailure) in
            guard let data = FileManager.default.contents(atPath: path) else {
                throw CommandFailure(exitCode: CommandFailure.noInput, message: "cannot read the photo \(path)")
            }
            return data
        }
    }

    /// One vector per line, numbers separated by commas or spaces (as a photo
    /// pipeline or another tool wrote them).
    public static func embeddings(_ path: String) throws(CommandFailure) -> [[Float]] {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw CommandFailure(exitCode: CommandFailure.noInput, message: "cannot read embeddings from \(path)")
        }
        return try embeddings(text: text, path: path)
    }

    /// The parsing of `embeddings(_:)`; `path` only names the file in errors.
    public static func embeddings(text: String, path: String) throws(CommandFailure) -> [[Float]] {
        var vectors: [[Float]] = []
        for (n, line) in text.split(whereSeparator: \.isNewline).enumerated() where !line.allSatisfy(\.isWhitespace) {
            let fields = line.split(whereSeparator: { $0 == "," || $0.isWhitespace })
            let values = fields.compactMap { Float($0) }
            guard values.count == fields.count else {
                throw CommandFailure(exitCode: CommandFailure.noInput, message: "\(path) line \(n + 1): not a list of numbers")
            }
            vectors.append(values)
        }
        guard !vectors.isEmpty else { throw CommandFailure(exitCode: CommandFailure.noInput, message: "\(path) holds no embeddings") }
        return vectors
    }
}

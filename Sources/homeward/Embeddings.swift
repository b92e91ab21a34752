import ArgumentParser
import Foundation

/// Reads embeddings for operator commands: one vector per line, numbers
/// separated by commas or spaces (as a photo pipeline or another tool wrote them).
enum Embeddings {
    static func read(_ path: String) throws -> [[Float]] {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw CLIFailure(exitCode: CLIFailure.noInput, message: "cannot read embeddings from \(path)")
        }
        var vectors: [[Float]] = []
        for (n, line) in text.split(whereSeparator: \.isNewline).enumerated() where !line.allSatisfy(\.isWhitespace) {
            let fields = line.split(whereSeparator: { $0 == "," || $0.isWhitespace })
            let values = fields.compactMap { Float($0) }
            guard values.count == fields.count else {
                throw CLIFailure(exitCode: CLIFailure.noInput, message: "\(path) line \(n + 1): not a list of numbers")
            }
            vectors.append(values)
        }
        guard !vectors.isEmpty else { throw CLIFailure(exitCode: CLIFailure.noInput, message: "\(path) holds no embeddings") }
        return vectors
    }
}

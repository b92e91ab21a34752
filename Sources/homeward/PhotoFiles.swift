import ArgumentParser
import Foundation

/// Reads photo files given on the command line.
enum PhotoFiles {
    static func read(_ paths: [String]) throws -> [Data] {
        try paths.map { path in
            guard let data = FileManager.default.contents(atPath: path) else {
                throw CLIFailure(exitCode: CLIFailure.noInput, message: "cannot read the photo \(path)")
            }
            return data
        }
    }
}

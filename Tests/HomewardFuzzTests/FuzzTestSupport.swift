import Foundation
import PhotoPipeline

/// Paths and plain references the fuzzer tests share with the other suites' fixtures.
enum FuzzTestSupport {
    static let testsRoot: String = {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().path
    }()

    /// cluster-config/local.json, the config fuzzer's valid seed file.
    static var localConfigPath: String { testsRoot + "/../cluster-config/local.json" }

    /// A photo from the photo pipeline's fixtures (Tests/PhotoPipelineTests/Fixtures).
    static func photo(_ path: String) -> PhotoBytes {
        PhotoBytes([UInt8](FileManager.default.contents(atPath: testsRoot + "/PhotoPipelineTests/Fixtures/" + path)!))
    }

    /// CRC-32 (PNG's) computed bit by bit: the plain reference for the fuzzer's table version.
    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for b in bytes {
            crc ^= UInt32(b)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return ~crc
    }
}

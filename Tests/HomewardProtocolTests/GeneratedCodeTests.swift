import Foundation
import Testing

/// CI cannot rebuild protoc-gen-swift (ten minutes), so this checks the
/// committed Swift against the .proto sources the cheap way: every message,
/// enum value and field name in proto/ must appear in the generated file of
/// the same name. A proto edit without `ops/gen-proto` fails here.
@Suite struct GeneratedCodeTests {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test(arguments: ["common", "client", "alerts", "worker"])
    func generatedSwiftCoversEveryProtoName(_ name: String) throws {
        let proto = try String(
            contentsOf: Self.root.appendingPathComponent("proto/homeward/v1/\(name).proto"), encoding: .utf8)
        let swift = try String(
            contentsOf: Self.root.appendingPathComponent("Sources/HomewardProtocol/Generated/homeward_v1_\(name).pb.swift"),
            encoding: .utf8)
        var names: [String] = []
        for raw in proto.split(separator: "\n") {
            let line = raw.split(separator: "//", maxSplits: 1, omittingEmptySubsequences: false)[0]
            let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
            if let first = words.first, ["syntax", "package", "option", "import"].contains(first) { continue }
            if let eq = words.firstIndex(of: "="), eq > 0 {
                names.append(words[eq - 1])  // field or enum value name
            } else if let first = words.first, ["message", "enum"].contains(first), words.count > 1 {
                names.append(words[1])
            }
        }
        #expect(names.count > 5)
        for protoName in names {
            // Field and value names appear verbatim in the generated name maps;
            // message and enum names in the type names and protoMessageName.
            #expect(swift.contains(protoName), "\(name).proto: \(protoName) missing from generated Swift; run ops/gen-proto")
        }
    }
}

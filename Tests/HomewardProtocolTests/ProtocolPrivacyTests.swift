import Foundation
import Testing
@testable import HomewardProtocol

/// Workers must never receive names, contacts or free text (PRODUCT.md,
/// "Reliability and security"). The worker schema makes that structural: it
/// imports nothing that holds personal data and has no string or bytes field
/// beyond an allow-list. These tests read the .proto sources, so adding such a
/// field (or importing client.proto) fails here.
@Suite struct ProtocolPrivacyTests {
    static let protoDir = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("proto/homeward/v1")

    /// (message, field) pairs of type string or bytes, and imports, of one file.
    static func scan(_ name: String) throws -> (textFields: [String], imports: [String]) {
        let text = try String(contentsOf: protoDir.appendingPathComponent(name), encoding: .utf8)
        var message: [String] = []
        var fields: [String] = [], imports: [String] = []
        for raw in text.split(separator: "\n") {
            let line = raw.split(separator: "//", maxSplits: 1, omittingEmptySubsequences: false)[0]
                .trimmingCharacters(in: .whitespaces)
            let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
            guard let first = words.first else { continue }
            if first == "import" { imports.append(words.last!.trimmingCharacters(in: CharacterSet(charactersIn: "\";"))) }
            if first == "message" || first == "enum" || first == "oneof" { message.append(words[1]) }
            if first == "}" { _ = message.popLast() }
            let typeWord = first == "repeated" || first == "optional" ? words.dropFirst().first : first
            if typeWord == "string" || typeWord == "bytes" || typeWord == "map" || typeWord == "google.protobuf.Any" {
                let fieldName = words[words.firstIndex(of: "=")! - 1]
                fields.append((message.filter { $0 != "change" && $0 != "event" } + [fieldName]).joined(separator: "."))
            }
        }
        return (fields, imports)
    }

    @Test func workerSchemaHasNoFieldThatCouldCarryPersonalData() throws {
        let (fields, imports) = try Self.scan("worker.proto")
        #expect(imports == ["homeward/v1/common.proto"])
        // The photo for face extraction is the one image a worker sees (docs/protocol.md).
        #expect(Set(fields) == ["WorkerReady.worker_id", "Vector.f32le", "ExtractFaces.photo"])
    }

    @Test func commonSchemaHasNoTextAtAll() throws {
        let (fields, imports) = try Self.scan("common.proto")
        #expect(imports.isEmpty)
        #expect(fields.isEmpty)
    }

    @Test func personalDataLivesOnlyInClientMessages() throws {
        let (fields, _) = try Self.scan("client.proto")
        #expect(fields.contains("CasePersonal.child_name"))
        #expect(fields.contains("CasePersonal.guardian_contact"))
        // The alert stream carries no personal data either.
        let (alertFields, alertImports) = try Self.scan("alerts.proto")
        #expect(alertImports == ["homeward/v1/common.proto"])
        #expect(Set(alertFields) == [
            "Alert.alert_id", "Alert.provinces", "Alert.topic", "AlertsHeartbeat.topic", "CaseClosed.topic",
        ])
    }
}

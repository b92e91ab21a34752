/// A parsed multipart/form-data body (RFC 7578): fields by name, file parts
/// with their bytes. Only what the console's forms send; anything malformed is
/// a specific error naming what is wrong.
public struct MultipartForm: Sendable, Equatable {
    public struct Part: Sendable, Equatable {
        public var name: String
        public var filename: String?
        public var contentType: String?
        public var body: [UInt8]
    }

    public var parts: [Part]

    public func value(_ name: String) -> String? {
        parts.first { $0.name == name && $0.filename == nil }.map { String(decoding: $0.body, as: UTF8.self) }
    }

    public func values(_ name: String) -> [String] {
        parts.filter { $0.name == name && $0.filename == nil }.map { String(decoding: $0.body, as: UTF8.self) }
    }

    public func files(_ name: String) -> [Part] { parts.filter { $0.name == name && $0.filename != nil && !$0.body.isEmpty } }

    public enum ParseError: Error, Equatable, CustomStringConvertible {
        case noBoundary, malformed(String)
        public var description: String {
            switch self {
            case .noBoundary: "Content-Type must be multipart/form-data with a boundary"
            case .malformed(let m): "malformed multipart body: \(m)"
            }
        }
    }

    /// The boundary parameter of a Content-Type header value.
    public static func boundary(contentType: String) -> String? {
        guard contentType.lowercased().hasPrefix("multipart/form-data") else { return nil }
        for param in contentType.split(separator: ";").dropFirst() {
            let kv = param.trimmingCharacters(in: .whitespaces)
            if kv.lowercased().hasPrefix("boundary=") {
                let value = kv.dropFirst("boundary=".count)
                return String(value.hasPrefix("\"") && value.hasSuffix("\"") && value.count >= 2 ? value.dropFirst().dropLast() : value)
            }
        }
        return nil
    }

    public init(parts: [Part]) { self.parts = parts }

    public init(body: [UInt8], contentType: String) throws(ParseError) {
        guard let boundary = Self.boundary(contentType: contentType), !boundary.isEmpty else { throw .noBoundary }
        let delimiter = Array("--\(boundary)".utf8)
        var parts: [Part] = []
        guard var cursor = Self.find(delimiter, in: body, from: 0) else { throw .malformed("no opening boundary") }
        cursor += delimiter.count
        while true {
            // After a delimiter: "--" ends the body, CRLF starts a part.
            if body.count >= cursor + 2, body[cursor] == UInt8(ascii: "-"), body[cursor + 1] == UInt8(ascii: "-") { break }
            guard body.count >= cursor + 2, body[cursor] == 13, body[cursor + 1] == 10 else { throw .malformed("no CRLF after a boundary") }
            cursor += 2
            guard let headerEnd = Self.find(Array("\r\n\r\n".utf8), in: body, from: cursor) else { throw .malformed("part headers do not end") }
            let headers = String(decoding: body[cursor..<headerEnd], as: UTF8.self)
            let bodyStart = headerEnd + 4
            guard let next = Self.find(Array("\r\n".utf8) + delimiter, in: body, from: bodyStart) else { throw .malformed("part does not end with the boundary") }
            var part = Part(name: "", filename: nil, contentType: nil, body: Array(body[bodyStart..<next]))
            for line in headers.split(separator: "\r\n") {
                let lower = line.lowercased()
                if lower.hasPrefix("content-disposition:") {
                    part.name = Self.parameter("name", in: String(line)) ?? ""
                    part.filename = Self.parameter("filename", in: String(line))
                } else if lower.hasPrefix("content-type:") {
                    part.contentType = line.dropFirst("content-type:".count).trimmingCharacters(in: .whitespaces)
                }
            }
            guard !part.name.isEmpty else { throw .malformed("a part has no name") }
            parts.append(part)
            cursor = next + 2 + delimiter.count
        }
        self.parts = parts
    }

    static func parameter(_ key: String, in header: String) -> String? {
        for piece in header.split(separator: ";").dropFirst() {
            let kv = piece.trimmingCharacters(in: .whitespaces)
            guard kv.hasPrefix(key + "=") else { continue }
            var value = kv.dropFirst(key.count + 1)
            if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 { value = value.dropFirst().dropLast() }
            return String(value)
        }
        return nil
    }

    static func find(_ needle: [UInt8], in hay: [UInt8], from start: Int) -> Int? {
        guard !needle.isEmpty, hay.count >= needle.count else { return nil }
        var i = start
        let last = hay.count - needle.count
        while i <= last {
            if hay[i] == needle[0] {
                var j = 1
                while j < needle.count, hay[i + j] == needle[j] { j += 1 }
                if j == needle.count { return i }
            }
            i += 1
        }
        return nil
    }
}

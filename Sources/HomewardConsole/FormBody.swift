/// An application/x-www-form-urlencoded body (the console's plain forms).
public struct FormBody: Sendable, Equatable {
    public var fields: [(String, String)]

    public static func == (a: FormBody, b: FormBody) -> Bool { a.fields.elementsEqual(b.fields, by: { $0 == $1 }) }

    public init(_ text: String) {
        fields = text.split(separator: "&").map { pair in
            let kv = pair.split(separator: "=", maxSplits: 1).map { Self.decode(String($0)) }
            return (kv.first ?? "", kv.count > 1 ? kv[1] : "")
        }
    }

    public subscript(_ name: String) -> String? { fields.first { $0.0 == name }?.1 }

    static func decode(_ s: String) -> String {
        var bytes: [UInt8] = []
        var it = Array(s.utf8).makeIterator()
        while let b = it.next() {
            if b == UInt8(ascii: "+") {
                bytes.append(UInt8(ascii: " "))
            } else if b == UInt8(ascii: "%"), let h = it.next(), let l = it.next(),
                      let v = UInt8(String(decoding: [h, l], as: UTF8.self), radix: 16) {
                bytes.append(v)
            } else {
                bytes.append(b)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

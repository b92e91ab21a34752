import Foundation
import HomewardBasics
import ClusterCore

extension ConfigFuzzer {
    /// Walks a random path into the JSON tree and changes what it finds there.
    static func mutateTree(_ value: inout Any, depth: Int, using rng: inout SeededGenerator) {
        if var object = value as? [String: Any], !object.isEmpty, depth < 5, rng.below(10) < 7 {
            let keys = object.keys.sorted()
            let key = keys[rng.below(keys.count)]
            switch rng.below(10) {
            case 0: object[key] = nil  // a missing key
            case 1: object["unknown\(rng.below(3))"] = replacement(using: &rng)
            default:
                var child = object[key]!
                mutateTree(&child, depth: depth + 1, using: &rng)
                object[key] = child
            }
            value = object
            return
        }
        if var array = value as? [Any], !array.isEmpty, depth < 5, rng.below(10) < 7 {
            let i = rng.below(array.count)
            switch rng.below(8) {
            case 0: array.append(array[i])  // a duplicate worker, shard, replica or province
            case 1: array.remove(at: i)
            case 2 where array.count < 300:  // many copies (bounded, so nested copies stay small)
                array += [Any](repeating: array[i], count: 1 + rng.below(300 - array.count))
            case 3: array.reverse()
            default:
                var child = array[i]
                mutateTree(&child, depth: depth + 1, using: &rng)
                array[i] = child
            }
            value = array
            return
        }
        value = rng.below(4) == 0 ? sibling(of: value, using: &rng) : replacement(using: &rng)
    }

    /// A value of the same JSON type, at an edge of its range.
    static func sibling(of value: Any, using rng: inout SeededGenerator) -> Any {
        if let s = value as? String {
            let options = ["", s + s, String(s.dropLast()), "\u{0}" + s, String(repeating: s, count: 300), s.uppercased(), "w1", "north"]
            return options[rng.below(options.count)]
        }
        if let n = value as? NSNumber, !(value is Bool) {
            let d = n.doubleValue
            let options: [Any] = [-d, d * 1000, d + 1, d - 1, d / 3, Int(clamping: Int64(exactly: d.rounded()) ?? 0) &* 1_000_000]
            // JSON has no infinity: keep the tree serialisable (raw `1e999` is made in the text).
            let pick = options[rng.below(options.count)]
            return (pick as? Double).map { $0.isFinite ? $0 : 1e308 } ?? pick
        }
        return replacement(using: &rng)
    }

    /// Any JSON value, biased towards wrong types and out-of-range numbers.
    static func replacement(using rng: inout SeededGenerator) -> Any {
        switch rng.below(5) {
        case 0:
            let strings = ["", "NaN", "Infinity", "-Infinity", "nan", "1e999", "-0", "128", "w1", "north", "110000",
                           "\u{0}", "省", String(repeating: "x", count: 5000), "tcp://127.0.0.1:99999", "../../etc/passwd"]
            return strings[rng.below(strings.count)]
        case 1, 2:
            let numbers: [Any] = [0, -1, 1, 2, 127, 128, 512, 1000, 1001, -0.5, 0.5, 1e-300, 1e300, -1e300,
                                  Int.max, Int.min, Int64.max - 1, UInt64.max, 9_007_199_254_740_993 as Int64,
                                  3_600_000, 86_400_001, -86_400, 4.7e18, 1e19]
            return numbers[rng.below(numbers.count)]
        case 3:
            let others: [Any] = [true, false, NSNull(), [Any](), [String: Any](), ["id": "w9"], [["id": "w1"]],
                                 ["maxElapsedSeconds": -1, "reachKm": 0], [1, "two", NSNull()]]
            return others[rng.below(others.count)]
        default:  // moderate nesting inside the tree (deep nesting is made in the text)
            var v: Any = replacement(using: &rng)
            for _ in 0..<(1 + rng.below(40)) { v = rng.below(2) == 0 ? [v] : ["k": v] }
            return v
        }
    }

    /// Changes the file's bytes: what a tree mutation cannot express (syntax
    /// errors, raw tokens JSON does not allow, invalid UTF-8, deep nesting).
    static func mutateText(_ text: inout [UInt8], using rng: inout SeededGenerator) {
        switch rng.below(9) {
        case 0 where !text.isEmpty:  // flip bits
            for _ in 0...rng.below(4) { text[rng.below(text.count)] ^= 1 << UInt8(rng.below(8)) }
        case 1:  // JSON punctuation, escapes and invalid UTF-8
            let tokens = ["{", "}", "[", "]", ",", ":", "\"", "\\", "\\u", "\\uD800", "\u{FEFF}", "\u{0}", "-", "e", "."]
            var bytes = Array(tokens[rng.below(tokens.count)].utf8)
            if rng.below(4) == 0 { bytes = [[0xFF], [0xC3, 0x28], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80]][rng.below(4)] }
            text.insert(contentsOf: bytes, at: rng.below(text.count + 1))
        case 2 where !text.isEmpty:  // truncate
            text.removeLast(1 + rng.below(text.count))
        case 3 where !text.isEmpty:  // delete a run
            let start = rng.below(text.count)
            text.removeSubrange(start..<min(text.count, start + 1 + rng.below(40)))
        case 4:  // a number replaced by a raw token
            let tokens = ["NaN", "Infinity", "-Infinity", "1e999", "-1e999", "00", "1.", ".5", "0x10", "+1", "-0",
                          "18446744073709551616", "9223372036854775808", "-9223372036854775809", "1e-999",
                          String(repeating: "9", count: 400), "true", "null"]
            replaceNumber(&text, with: Array(tokens[rng.below(tokens.count)].utf8), using: &rng)
        case 5:  // deep nesting, closed or not
            let depth = [10, 100, 600, 5_000, 100_000][rng.below(5)]
            let open = rng.below(2) == 0 ? "[" : "{\"a\":"
            let close = open == "[" ? "]" : "}"
            let closed = rng.below(3) != 0
            let nest = Array(String(repeating: open, count: depth).utf8) + (closed ? Array("1".utf8) + Array(String(repeating: close, count: depth).utf8) : [])
            if rng.below(2) == 0 { text = nest } else { replaceNumber(&text, with: nest, using: &rng) }
        case 6 where text.count > 2:  // duplicate a run (duplicate keys, members)
            let start = rng.below(text.count)
            let run = Array(text[start..<min(text.count, start + 1 + rng.below(200))])
            text.insert(contentsOf: run, at: rng.below(text.count + 1))
        case 7:  // a duplicate key in the top object
            let keys = ["\"workers\":[]", "\"shards\":[]", "\"matching\":{\"topK\":0}", "\"heartbeat\":{\"intervalMilliseconds\":-5}", "\"workers\":[{\"id\":\"w1\"},{\"id\":\"w1\"}]"]
            if let brace = text.firstIndex(of: UInt8(ascii: "{")) {
                text.insert(contentsOf: Array((keys[rng.below(keys.count)] + ",").utf8), at: brace + 1)
            }
        default:  // a random printable or control byte
            text.insert(UInt8(truncatingIfNeeded: rng.next() % 128), at: rng.below(text.count + 1))
        }
    }

    /// Replaces the digits of a random number in `text` (or inserts at a random place).
    static func replaceNumber(_ text: inout [UInt8], with token: [UInt8], using rng: inout SeededGenerator) {
        let digits = text.indices.filter { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(text[$0]) && ($0 == 0 || text[$0 - 1] == UInt8(ascii: ":")) }
        guard !digits.isEmpty else {
            text.insert(contentsOf: token, at: rng.below(text.count + 1))
            return
        }
        let start = digits[rng.below(digits.count)]
        var end = start
        while end < text.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(text[end]) || text[end] == UInt8(ascii: ".") { end += 1 }
        text.replaceSubrange(start..<end, with: token)
    }
}

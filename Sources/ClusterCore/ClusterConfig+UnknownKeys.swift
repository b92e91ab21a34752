import Foundation

extension ClusterConfig {
    /// Refuses a key the config does not know (a misspelling would otherwise be
    /// ignored silently and its default used), naming its JSON path and the
    /// nearest known key.
    ///
    /// The known keys at each level are read off the decoded value itself
    /// (`Mirror`: every stored property, including optionals left out), so a
    /// field added to the config is known here without a second list to keep.
    static func checkKnownKeys(_ given: Any, decoded: ClusterConfig) throws(LoadError) {
        if let problem = unknownKey(in: given, value: decoded, path: "") {
            throw LoadError(file: "", problem: problem)
        }
    }

    private static func unknownKey(in json: Any, value: Any, path: String) -> String? {
        let mirror = unwrapped(Mirror(reflecting: value))
        if let object = json as? [String: Any] {
            // A dictionary-typed field takes any key: only its values are checked.
            guard mirror.displayStyle == .struct || mirror.displayStyle == .class else { return nil }
            var fields: [String: Any] = [:]
            for child in mirror.children { if let label = child.label { fields[label] = child.value } }
            for key in object.keys.sorted() {
                let here = path.isEmpty ? key : "\(path).\(key)"
                guard let field = fields[key] else {
                    let hint = nearest(key, among: Array(fields.keys)).map { " (did you mean `\($0)`?)" } ?? ""
                    return "unknown key `\(here)`\(hint); remove it or correct its spelling"
                }
                if let problem = unknownKey(in: object[key]!, value: field, path: here) { return problem }
            }
        } else if let array = json as? [Any], mirror.displayStyle == .collection {
            let elements = Array(mirror.children.map(\.value))
            for (i, element) in array.enumerated() where i < elements.count {
                if let problem = unknownKey(in: element, value: elements[i], path: "\(path)[\(i)]") { return problem }
            }
        }
        return nil
    }

    /// The mirror of the wrapped value of an optional (or the mirror itself).
    private static func unwrapped(_ mirror: Mirror) -> Mirror {
        guard mirror.displayStyle == .optional else { return mirror }
        guard let some = mirror.children.first else { return mirror }
        return unwrapped(Mirror(reflecting: some.value))
    }

    /// The known key closest to `key` by edit distance (ignoring case), if any is close enough
    /// to be a likely misspelling.
    static func nearest(_ key: String, among known: [String]) -> String? {
        let scored = known.map { ($0, editDistance(key.lowercased(), $0.lowercased())) }
        guard let best = scored.min(by: { $0.1 < $1.1 || ($0.1 == $1.1 && $0.0 < $1.0) }) else { return nil }
        return best.1 <= max(2, key.count / 3) ? best.0 : nil
    }

    /// Levenshtein distance over characters.
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        guard !a.isEmpty else { return b.count }
        guard !b.isEmpty else { return a.count }
        var previous = Array(0...b.count)
        var current = previous
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}

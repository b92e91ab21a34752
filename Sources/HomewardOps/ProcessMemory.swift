import Foundation

/// The process's resident memory, read from /proc (Linux); nil elsewhere.
enum ProcessMemory {
    static func residentBytes() -> Int? {
        // /proc/self/statm: size resident shared text lib data dt, in pages.
        guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return nil }
        let fields = text.split(separator: " ")
        guard fields.count > 1, let pages = Int(fields[1]) else { return nil }
        return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
    }
}

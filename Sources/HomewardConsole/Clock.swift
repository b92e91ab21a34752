import Foundation

/// The shell's wall clock (the pure parts take times as arguments).
enum Clock {
    static func now() -> Int64 { Int64(Date().timeIntervalSince1970) }
}

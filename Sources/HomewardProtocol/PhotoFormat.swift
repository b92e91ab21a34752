/// Image formats the photo pipeline accepts, recognised by magic number only
/// (decoding and its own checks belong to the pipeline).
public enum PhotoFormat: Sendable, Equatable {
    case jpeg
    case png

    public static func sniff(_ data: some Collection<UInt8>) -> PhotoFormat? {
        let head = Array(data.prefix(8))
        if head.starts(with: [0xFF, 0xD8, 0xFF]) { return .jpeg }
        if head == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] { return .png }
        return nil
    }
}

import Foundation
import PhotoPipeline

/// The face photos a `photo-surge` run is made of: the project's test fixtures
/// (`Tests/PhotoPipelineTests/Fixtures`, sources and licences in its README).
/// Each identity folder (two photos or more) gives its first photo to a case;
/// every other JPEG is a source of unique photos. Left out: `dlib-faces/`
/// (dogs, no face; a 24-face collage that costs as much as 20 photos) and PNGs
/// (the one PNG is the same shot as `obama2.jpg`, so it would be a repost).
struct PhotoFixtures {
    struct Identity {
        var name: String
        var casePhoto: PhotoBytes
    }

    struct Source {
        var path: String
        /// The identity folder it is in, nil for group photos (`multi/`).
        var identity: String?
        var photo: PhotoBytes
        /// The first source (by path) of its shot: fixtures whose perceptual
        /// hashes are within 31 bits, directly or through others, are one shot
        /// (two of dlib's aligned John_Salley chips are), and a repost of one may
        /// rightly collapse onto another.
        var shot = ""
    }

    var identities: [Identity] = []
    var sources: [Source] = []

    struct Missing: Error, CustomStringConvertible {
        var description: String
    }

    init(directory: String) throws {
        let fm = FileManager.default
        guard let walker = fm.enumerator(atPath: directory) else {
            throw Missing(description: "no fixture folder at \(directory) (run from the repository root)")
        }
        var byFolder: [String: [String]] = [:]
        while let item = walker.nextObject() as? String {
            guard item.lowercased().hasSuffix(".jpg") || item.lowercased().hasSuffix(".jpeg") else { continue }
            let folder = (item as NSString).deletingLastPathComponent
            if folder.hasPrefix("dlib-faces") { continue }
            byFolder[folder, default: []].append(item)
        }
        func read(_ item: String) throws -> PhotoBytes {
            let path = (directory as NSString).appendingPathComponent(item)
            guard let data = fm.contents(atPath: path) else { throw Missing(description: "cannot read \(path)") }
            return PhotoBytes([UInt8](data))
        }
        for folder in byFolder.keys.sorted() {
            let files = byFolder[folder]!.sorted()
            let isIdentity = files.count >= 2 && !folder.hasSuffix("multi")
            if isIdentity { identities.append(Identity(name: folder, casePhoto: try read(files[0]))) }
            for file in isIdentity ? Array(files.dropFirst()) : files {
                sources.append(Source(path: file, identity: isIdentity ? folder : nil, photo: try read(file)))
            }
        }
        guard !identities.isEmpty, !sources.isEmpty else {
            throw Missing(description: "\(directory) has no identity folders with photos")
        }
        try groupShots()
    }

    /// Sets every source's `shot`: connected groups under "within 31 bits".
    mutating func groupShots() throws {
        let decoder = PhotoDecoder()
        let hashes = try sources.map { PerceptualHasher.hash(try decoder.decode($0.photo)) }
        var parent = Array(sources.indices)
        func root(_ i: Int) -> Int { var i = i; while parent[i] != i { i = parent[i] }; return i }
        for a in sources.indices {
            for b in sources.indices where b > a && hashes[a].quality >= 50 && hashes[b].quality >= 50
                && hashes[a].hash.distance(to: hashes[b].hash) <= PerceptualHash.nearDuplicateDistance {
                let (ra, rb) = (root(a), root(b))
                parent[max(ra, rb)] = min(ra, rb)
            }
        }
        for i in sources.indices { sources[i].shot = sources[root(i)].path }
    }
}

import Foundation
import PhotoPipeline

/// Face extraction throughput on E extractors (issue 16 item 2): photos per
/// wall-clock second through a `FaceExtractionPool` of E dlib services (one
/// model copy and one thread each, OpenBLAS on one thread), with 2E photos in
/// flight as a worker's bounded queue keeps them. Every photo's faces are
/// checked against a one-at-a-time pass (same count and boxes, embeddings
/// with dot > 0.9999, as FaceExtractionServiceTests checks two real services):
/// a parallel run that answered differently is reported, not hidden.
enum PhotoBenchScaling {
    struct Result {
        var extractors: Int
        var photosPerSecond: Double
        /// Photos extracted in the timed run, and those whose faces differ from the reference pass's.
        var checked: Int
        var mismatched: Int
        /// Process CPU seconds per wall second during the run: how many cores the
        /// extractors actually got (on a shared machine, less than `extractors`).
        var coresUsed: Double
    }

    /// The faces of every photo, one at a time on one service: the reference.
    static func reference(_ photos: [PhotoBytes]) async throws -> [[DetectedFace]] {
        let pool = try FaceExtractionPool(size: 1)
        var out: [[DetectedFace]] = []
        for photo in photos { out.append(try await pool.faces(in: photo)) }
        return out
    }

    static func measure(photos: [PhotoBytes], expected: [[DetectedFace]], extractors: Int, rounds: Int) async throws -> Result {
        let pool = try FaceExtractionPool(size: extractors)
        _ = try await pool.faces(in: photos[0])  // warm-up
        let jobs = (0..<max(1, rounds) * photos.count).map { $0 % photos.count }
        let clock = ContinuousClock()
        let start = clock.now
        let cpuStart = processCPUSeconds()
        var mismatched = 0
        try await withThrowingTaskGroup(of: (Int, [DetectedFace]).self) { group in
            var next = 0
            while next < min(jobs.count, 2 * extractors) {
                let index = jobs[next]
                group.addTask { (index, try await pool.faces(in: photos[index])) }
                next += 1
            }
            while let done = try await group.next() {
                if !same(done.1, expected[done.0]) { mismatched += 1 }
                if next < jobs.count {
                    let index = jobs[next]
                    group.addTask { (index, try await pool.faces(in: photos[index])) }
                    next += 1
                }
            }
        }
        let seconds = (clock.now - start) / .seconds(1)
        return Result(extractors: extractors, photosPerSecond: Double(jobs.count) / seconds,
                      checked: jobs.count, mismatched: mismatched, coresUsed: (processCPUSeconds() - cpuStart) / seconds)
    }

    static func same(_ a: [DetectedFace], _ b: [DetectedFace]) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { $0.box == $1.box && $0.embedding.dot($1.embedding) > 0.9999 }
    }
}

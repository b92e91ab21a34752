/// One photo out with a worker for face extraction.
struct ExtractionJob: Sendable {
    enum Owner: Sendable, Hashable {
        /// A sighting's photo (the sighting is `extracting`).
        case sighting(UInt64)
        /// A case registration's photo, for the shell request `ticket`.
        case caseRequest(ticket: UInt64)
    }

    var owner: Owner
    var photoIndex: Int
    var photo: [UInt8]
    var worker: WorkerID?
    var startedAt: MonotonicTime
    var attempts: Int
}

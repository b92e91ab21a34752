/// Why a worker refuses to start.
public struct WorkerStartError: Error, CustomStringConvertible, Sendable {
    public var description: String
}

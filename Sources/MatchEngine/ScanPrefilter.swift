/// Whether the case scan runs the bf16 prefilter (`BF16Prefilter`) in front of
/// the fp32 kernel. Results are the same either way; only the speed differs.
public enum ScanPrefilter: String, Sendable, CaseIterable, CustomStringConvertible {
    /// fp32 only.
    case none
    /// The bf16 prefilter for kernel calls of at most `BF16Prefilter.maxQueries`
    /// queries (where it was measured faster), fp32 for the rest.
    case bf16
    /// The bf16 prefilter for every kernel call (tests and benchmarks).
    case bf16Always

    public var description: String { rawValue }

    /// Whether a kernel call of `queryCount` queries runs the prefilter.
    public func runs(queryCount: Int) -> Bool {
        switch self {
        case .none: false
        case .bf16: queryCount <= BF16Prefilter.maxQueries
        case .bf16Always: true
        }
    }
}

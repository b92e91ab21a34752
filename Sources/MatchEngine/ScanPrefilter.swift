/// Which prefilter, if any, the case scan runs in front of the fp32 kernel
/// (`BF16Prefilter`, `Int8Prefilter`). Results are the same whichever runs;
/// only the speed differs.
public enum ScanPrefilter: String, Sendable, CaseIterable, CustomStringConvertible {
    /// fp32 only.
    case none
    /// bf16 for every kernel call (tests and benchmarks).
    case bf16
    /// int8 for every kernel call (tests and benchmarks; needs AVX-512 VNNI
    /// unless the kernel is `.scalar`).
    case int8
    /// What was measured fastest (the engine's default): where the CPU has
    /// AVX-512 VNNI, int8 for calls of at most `Int8Prefilter.maxQueries`
    /// queries and fp32 above; elsewhere bf16 for calls of at most
    /// `BF16Prefilter.maxQueries` queries (memory bound) and fp32 above.
    case automatic

    public var description: String { rawValue }

    /// What a kernel call runs.
    public enum Choice: Sendable { case fp32, bf16, int8 }

    /// What a kernel call of `queryCount` queries runs.
    public func choice(queryCount: Int) -> Choice {
        switch self {
        case .none: .fp32
        case .bf16: .bf16
        case .int8: .int8
        case .automatic where Int8Prefilter.isAvailable: queryCount <= Int8Prefilter.maxQueries ? .int8 : .fp32
        case .automatic: queryCount <= BF16Prefilter.maxQueries ? .bf16 : .fp32
        }
    }

    /// False for `.int8` on a CPU without AVX-512 VNNI (fine with the scalar kernel, in tests).
    public var isSupported: Bool { self != .int8 || Int8Prefilter.isAvailable }

    var keepsBF16: Bool { self == .bf16 || (self == .automatic && !Int8Prefilter.isAvailable) }
    var keepsInt8: Bool { self == .int8 || (self == .automatic && Int8Prefilter.isAvailable) }
}

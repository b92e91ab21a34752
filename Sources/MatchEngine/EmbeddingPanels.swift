#if canImport(Glibc)
import Glibc
#endif
import MatchKernels

/// Growable storage of fp32 embedding rows in `PanelLayout` (panels of 16 rows,
/// dimension-major inside a panel), 64-byte aligned, zero-padded to whole panels;
/// with `keepsBF16`, also a bf16 copy of every row in `BF16Layout` for the
/// prefilter (`BF16Prefilter`).
///
/// Not Sendable: one actor owns it (a `MatcherActor`).
final class EmbeddingPanels {
    let dimension: Int
    /// Whether stores of 2 MiB and more ask for transparent huge pages.
    let hugePages: Bool
    private(set) var count = 0
    private(set) var capacity = 0
    private(set) var base: UnsafeMutablePointer<Float>
    /// Whether the bf16 copy is kept.
    let keepsBF16: Bool
    /// Dimension pairs per bf16 row (an odd dimension is padded with a zero).
    var pairs: Int { BF16Layout.pairs(dimension: dimension) }
    /// The bf16 copy (`BF16Layout`); 16 zero dwords unless `keepsBF16`.
    private(set) var bf16: UnsafeMutablePointer<UInt32>
    /// Whether the int8 copy is kept (`Int8Layout`): codes by panel, and per
    /// row its bias, step, half step and L1 norm.
    let keepsInt8: Bool
    var quads: Int { Int8Layout.quads(dimension: dimension) }
    private(set) var i8: UnsafeMutablePointer<UInt32>
    private(set) var i8Bias: UnsafeMutablePointer<Int32>
    private(set) var i8Step: UnsafeMutablePointer<Float>
    private(set) var i8HalfStep: UnsafeMutablePointer<Float>
    private(set) var i8L1: UnsafeMutablePointer<Float>

    init(dimension: Int, hugePages: Bool = true, keepsBF16: Bool = false, keepsInt8: Bool = false) {
        self.dimension = dimension
        self.hugePages = hugePages
        self.keepsBF16 = keepsBF16
        self.keepsInt8 = keepsInt8
        base = Self.allocate(Float.self, count: 0, hugePages: hugePages)
        bf16 = Self.allocate(UInt32.self, count: 0, hugePages: hugePages)
        i8 = Self.allocate(UInt32.self, count: 0, hugePages: false)
        i8Bias = Self.allocate(Int32.self, count: 0, hugePages: false)
        i8Step = Self.allocate(Float.self, count: 0, hugePages: false)
        i8HalfStep = Self.allocate(Float.self, count: 0, hugePages: false)
        i8L1 = Self.allocate(Float.self, count: 0, hugePages: false)
    }

    deinit {
        base.deallocate()
        bf16.deallocate()
        i8.deallocate()
        i8Bias.deallocate()
        i8Step.deallocate()
        i8HalfStep.deallocate()
        i8L1.deallocate()
    }

    var panelCount: Int { (count + PanelLayout.width - 1) / PanelLayout.width }

    /// Transparent huge page size on x86-64 and most arm64 Linux kernels.
    static let hugePage = 2 << 20

    /// Zeroed, 64-byte aligned storage for `count` 4-byte values (floats or bf16 pairs).
    private static func allocate<T>(_: T.Type, count wanted: Int, hugePages: Bool) -> UnsafeMutablePointer<T> {
        precondition(MemoryLayout<T>.stride == 4, "EmbeddingPanels stores 4-byte values")
        let count = max(wanted, 16)
        // Stores of 2 MiB and more ask for transparent huge pages (Linux's default
        // THP mode is "madvise"): a 512 MB scan then walks 256 page tables, not
        // 131 072, and the memory-bound single-query scan runs faster.
        let huge = hugePages && count * 4 >= hugePage
        let bytes = huge ? (count * 4 + hugePage - 1) / hugePage * hugePage : count * 4
        let raw = UnsafeMutableRawPointer.allocate(byteCount: bytes, alignment: huge ? hugePage : 64)
        #if canImport(Glibc)
        if huge { _ = madvise(raw, bytes, MADV_HUGEPAGE) }
        #endif
        raw.initializeMemory(as: UInt8.self, repeating: 0, count: count * 4)
        return raw.bindMemory(to: T.self, capacity: count)
    }

    /// Appends a row and returns its index.
    func append(_ row: [Float]) -> Int {
        precondition(row.count == dimension, "EmbeddingPanels: row of wrong dimension")
        if count == capacity { grow() }
        set(row: count, row)
        count += 1
        return count - 1
    }

    func set(row: Int, _ values: [Float]) {
        for d in 0..<dimension { base[PanelLayout.offset(row: row, dim: d, dimension: dimension)] = values[d] }
        if keepsBF16 {
            for k in 0..<pairs {
                let hi = 2 * k + 1 < dimension ? values[2 * k + 1] : 0
                bf16[BF16Layout.offset(row: row, pair: k, dimension: dimension)] = BF16Layout.pack(values[2 * k], hi)
            }
        }
        if keepsInt8 {
            let q = Int8Layout.row(values)
            for k in 0..<quads { i8[Int8Layout.offset(row: row, quad: k, dimension: dimension)] = q.codes[k] }
            i8Bias[row] = q.bias
            i8Step[row] = q.step
            i8HalfStep[row] = q.step / 2
            i8L1[row] = q.l1
        }
    }

    func row(_ row: Int) -> [Float] {
        (0..<dimension).map { base[PanelLayout.offset(row: row, dim: $0, dimension: dimension)] }
    }

    /// Moves the last row into `row` and shrinks by one (swap-remove); returns the
    /// index that moved (the old last row), or nil when `row` was the last one.
    func swapRemove(_ row: Int) -> Int? {
        let last = count - 1
        let moved: Int? = row == last ? nil : last
        for d in 0..<dimension {
            let from = PanelLayout.offset(row: last, dim: d, dimension: dimension)
            if moved != nil { base[PanelLayout.offset(row: row, dim: d, dimension: dimension)] = base[from] }
            base[from] = 0  // keeps padding lanes zero
        }
        if keepsBF16 {
            for k in 0..<pairs {
                let from = BF16Layout.offset(row: last, pair: k, dimension: dimension)
                if moved != nil { bf16[BF16Layout.offset(row: row, pair: k, dimension: dimension)] = bf16[from] }
                bf16[from] = 0
            }
        }
        if keepsInt8 {
            for k in 0..<quads {
                let from = Int8Layout.offset(row: last, quad: k, dimension: dimension)
                if moved != nil { i8[Int8Layout.offset(row: row, quad: k, dimension: dimension)] = i8[from] }
                i8[from] = 0
            }
            if moved != nil {
                (i8Bias[row], i8Step[row], i8HalfStep[row], i8L1[row]) = (i8Bias[last], i8Step[last], i8HalfStep[last], i8L1[last])
            }
            (i8Bias[last], i8Step[last], i8HalfStep[last], i8L1[last]) = (0, 0, 0, 0)
        }
        count -= 1
        return moved
    }

    private func grow() {
        let newCapacity = max(PanelLayout.width * 4, capacity * 2)
        let fresh = Self.allocate(Float.self, count: newCapacity * dimension, hugePages: hugePages)
        fresh.update(from: base, count: capacity * dimension)
        base.deallocate()
        base = fresh
        if keepsBF16 {
            // Two bf16 values per dword: half the bytes of the fp32 rows.
            let freshBF16 = Self.allocate(UInt32.self, count: newCapacity * pairs, hugePages: hugePages)
            freshBF16.update(from: bf16, count: capacity * pairs)
            bf16.deallocate()
            bf16 = freshBF16
        }
        if keepsInt8 {
            i8 = Self.regrow(i8, from: capacity * quads, to: newCapacity * quads)
            i8Bias = Self.regrow(i8Bias, from: capacity, to: newCapacity)
            i8Step = Self.regrow(i8Step, from: capacity, to: newCapacity)
            i8HalfStep = Self.regrow(i8HalfStep, from: capacity, to: newCapacity)
            i8L1 = Self.regrow(i8L1, from: capacity, to: newCapacity)
        }
        capacity = newCapacity
    }

    private static func regrow<T>(_ old: UnsafeMutablePointer<T>, from: Int, to: Int) -> UnsafeMutablePointer<T> {
        let fresh = allocate(T.self, count: to, hugePages: false)
        fresh.update(from: old, count: from)
        old.deallocate()
        return fresh
    }
}

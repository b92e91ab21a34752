#if canImport(Glibc)
import Glibc
#endif
import MatchKernels

/// Growable storage of fp32 embedding rows in `PanelLayout` (panels of 16 rows,
/// dimension-major inside a panel), 64-byte aligned, zero-padded to whole panels.
///
/// Not Sendable: one actor owns it (a `MatcherActor`).
final class EmbeddingPanels {
    let dimension: Int
    /// Whether stores of 2 MiB and more ask for transparent huge pages.
    let hugePages: Bool
    private(set) var count = 0
    private(set) var capacity = 0
    private(set) var base: UnsafeMutablePointer<Float>

    init(dimension: Int, hugePages: Bool = true) {
        self.dimension = dimension
        self.hugePages = hugePages
        base = Self.allocate(floats: 0, hugePages: hugePages)
    }

    deinit { base.deallocate() }

    var panelCount: Int { (count + PanelLayout.width - 1) / PanelLayout.width }

    /// Transparent huge page size on x86-64 and most arm64 Linux kernels.
    static let hugePage = 2 << 20

    private static func allocate(floats: Int, hugePages: Bool) -> UnsafeMutablePointer<Float> {
        let count = max(floats, 16)
        // Stores of 2 MiB and more ask for transparent huge pages (Linux's default
        // THP mode is "madvise"): a 512 MB scan then walks 256 page tables, not
        // 131 072, and the memory-bound single-query scan runs faster.
        let huge = hugePages && count * 4 >= hugePage
        let bytes = huge ? (count * 4 + hugePage - 1) / hugePage * hugePage : count * 4
        let raw = UnsafeMutableRawPointer.allocate(byteCount: bytes, alignment: huge ? hugePage : 64)
        #if canImport(Glibc)
        if huge { _ = madvise(raw, bytes, MADV_HUGEPAGE) }
        #endif
        raw.initializeMemory(as: Float.self, repeating: 0, count: count)
        return raw.assumingMemoryBound(to: Float.self)
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
        count -= 1
        return moved
    }

    private func grow() {
        let newCapacity = max(PanelLayout.width * 4, capacity * 2)
        let fresh = Self.allocate(floats: newCapacity * dimension, hugePages: hugePages)
        fresh.update(from: base, count: capacity * dimension)
        base.deallocate()
        base = fresh
        capacity = newCapacity
    }
}

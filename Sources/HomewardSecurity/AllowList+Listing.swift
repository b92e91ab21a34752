extension AllowList {
    /// `homeward keys list`: one tab-separated line per key, by name: name,
    /// role, provinces (* for all), worker id (- for none), public key.
    public var listing: [String] {
        entries.sorted(by: { $0.name < $1.name }).map { e in
            "\(e.name)\t\(e.role)\t\((e.provinces ?? ["*"]).joined(separator: ","))\t\(e.workerID ?? "-")\t\(e.publicKey)"
        }
    }
}

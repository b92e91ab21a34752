/// The birth dates (Unix seconds) a sighting's age gate admits, inclusive;
/// empty when `earliest > latest`.
struct BirthWindow: Hashable, Sendable {
    var earliest: Int64
    var latest: Int64

    static let empty = BirthWindow(earliest: 1, latest: 0)

    func contains(_ birth: Int64) -> Bool { earliest <= birth && birth <= latest }
}

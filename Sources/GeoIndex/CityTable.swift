import Foundation

/// A prefecture-level city (or municipality / SAR row) from `cities.csv`.
public struct City: Hashable, Sendable {
    public let code: Int
    public let nameZh: String
    public let nameEn: String
    public let provinceCode: Int
    public let location: GeoPoint
    /// GeoNames population of the seat; a relative weight only. Nil when unknown.
    public let population: Int?

    public init(code: Int, nameZh: String, nameEn: String, provinceCode: Int, location: GeoPoint, population: Int?) {
        self.code = code
        self.nameZh = nameZh
        self.nameEn = nameEn
        self.provinceCode = provinceCode
        self.location = location
        self.population = population
    }
}

/// Parser for `cities.csv`: `code,name_zh,name_en,province_code,lat,lon,population`
/// (header first; no quoted fields; population may be empty).
public struct CityTable: Sendable {
    public let cities: [City]

    public static let header = "code,name_zh,name_en,province_code,lat,lon,population"

    public init(csv: String) throws(GeoDataError) {
        var lines = csv.split(omittingEmptySubsequences: true, whereSeparator: \.isNewline)
        guard let first = lines.first else { throw GeoDataError("cities CSV is empty; expected header \(Self.header)") }
        guard first.trimmingCharacters(in: .whitespaces) == Self.header else {
            throw GeoDataError("cities CSV header is \"\(first)\"; expected \"\(Self.header)\"")
        }
        lines.removeFirst()
        var cities: [City] = []
        for (i, line) in lines.enumerated() {
            let row = i + 2
            let f = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            guard f.count == 7 else { throw GeoDataError("cities CSV line \(row): \(f.count) fields; expected 7") }
            guard let code = Int(f[0]), let province = Int(f[3]) else {
                throw GeoDataError("cities CSV line \(row): code \"\(f[0])\" or province_code \"\(f[3])\" is not a number")
            }
            guard let lat = Double(f[4]), let lon = Double(f[5]) else {
                throw GeoDataError("cities CSV line \(row): lat \"\(f[4])\" / lon \"\(f[5])\" are not numbers")
            }
            let location = GeoPoint(latitude: lat, longitude: lon)
            guard location.isValid else { throw GeoDataError("cities CSV line \(row): \(location) is out of range") }
            let popText = f[6].trimmingCharacters(in: .whitespaces)
            var population: Int?
            if !popText.isEmpty {
                guard let p = Int(popText), p >= 0 else { throw GeoDataError("cities CSV line \(row): population \"\(popText)\" is not a count") }
                population = p
            }
            cities.append(City(code: code, nameZh: f[1], nameEn: f[2], provinceCode: province, location: location, population: population))
        }
        self.cities = cities
    }
}

import ArgumentParser
import GeoIndex
import HomewardDriver

struct GeoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "geo",
        abstract: "Geographic lookups, as the coordinator makes them.",
        subcommands: [Locate.self])

    struct Locate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the province (GB/T 2260 code and name) a point lies in: the alert topic it goes to.",
            discussion: """
                Uses the polygons next to the config (<config dir>/geo/\(GeoData.provincesFile)) and the \
                coordinator's rule: the containing polygon, else the nearest province within 10 km (a \
                point just off the coast), else 000000, the national desk. Prints CODE NAME_ZH NAME_EN, \
                and how it was found. For a negative coordinate put -- before the numbers.
                """)

        @OptionGroup var config: ConfigOptions
        @Argument(help: "Latitude, degrees (WGS84).") var lat: Double
        @Argument(help: "Longitude, degrees (WGS84).") var lon: Double

        func validate() throws {
            guard lat.isFinite, lon.isFinite, (-90...90).contains(lat), (-180...180).contains(lon) else {
                throw ValidationError("latitude must be in [-90, 90] and longitude in [-180, 180]")
            }
        }

        func run() throws {
            print(try GeoData.beside(config: config.config).locate(GeoPoint(latitude: lat, longitude: lon)))
        }
    }
}

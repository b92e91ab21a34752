/// The alert topic for matches with no province (both points off the map):
/// the national desk subscribes to it.
enum NationalTopic {
    static let code = "000000"
}

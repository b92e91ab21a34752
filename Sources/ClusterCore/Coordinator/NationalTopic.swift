/// The alert topic for matches with no province (both points off the map):
/// the national desk subscribes to it.
public enum NationalTopic {
    public static let code = "000000"
}

/// What goes wrong in the console, with a message fit for an operator (never personal data).
public enum ConsoleError: Error, CustomStringConvertible, Equatable {
    case config(String)
    case users(String)
    case photoKey(String)
    case photo(String)

    public var description: String {
        switch self {
        case .config(let m), .users(let m), .photoKey(let m), .photo(let m): m
        }
    }
}

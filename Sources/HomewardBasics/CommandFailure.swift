/// A runtime failure of a `homeward` command: the executable prints its
/// message alone (no usage text) and exits with `exitCode`. Argument errors
/// stay ArgumentParser's `ValidationError`s: usage text and exit 64. The codes
/// follow sysexits(3); `homeward --help` and the README list them.
public struct CommandFailure: Error, CustomStringConvertible, Sendable, Equatable {
    public var exitCode: Int32
    public var message: String

    public var description: String { message }

    public init(exitCode: Int32, message: String) {
        self.exitCode = exitCode
        self.message = message
    }

    /// 64: an argument is wrong in a way only the run finds out (a value that
    /// does not parse, a worker id the config does not list): printed with the
    /// usage text, as ArgumentParser's own argument errors are.
    public static let usage: Int32 = 64
    /// 65: the coordinator refused the request as it is (fix the request), or a photo cannot be decoded.
    public static let refused: Int32 = 65
    /// 66: a file named on the command line cannot be read or holds nothing usable.
    public static let noInput: Int32 = 66
    /// 67: the case, alert or sighting does not exist.
    public static let notFound: Int32 = 67
    /// 69: no answer in time, back-pressure or no worker: retry with the same --request-id.
    public static let unavailable: Int32 = 69
    /// 70: the coordinator reported an internal error (a bug).
    public static let `internal`: Int32 = 70
    /// 77: this client key may not make the request.
    public static let unauthorized: Int32 = 77
    /// 78: the cluster config or the face model files cannot be read.
    public static let config: Int32 = 78

    /// The help text's table of exit codes (also in the README).
    public static let exitCodeHelp = """
        Exit codes: 0 success; 64 bad arguments (usage is printed); 65 the coordinator refused \
        the request (fix it), or a photo cannot be decoded; 66 an input file cannot be read; \
        67 not found (case, alert, sighting); 69 unavailable: no reply in time, back-pressure or \
        no worker (retry with the same --request-id); 70 internal error in the coordinator; \
        77 not permitted for this key; 78 the config or the face model files cannot be read.
        """
}

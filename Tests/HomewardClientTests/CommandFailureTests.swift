import HomewardBasics
import HomewardClient
import HomewardProtocol
import Testing

/// How a failed call becomes the message and exit code an operator sees
/// (the table in `homeward --help`): the same mapping every client command uses.
@Suite struct CommandFailureTests {
    static func rejected(_ code: Homeward_V1_Error.Code, field: String = "", retryAfterMs: UInt32 = 0) -> ClientError {
        var e = Homeward_V1_Error()
        e.code = code
        e.field = field
        e.message = "because"
        e.retryAfterMs = retryAfterMs
        return .rejected(e)
    }

    @Test(arguments: [
        (Homeward_V1_Error.Code.notFound, CommandFailure.notFound),
        (.retryLater, CommandFailure.unavailable),
        (.unavailable, CommandFailure.unavailable),
        (.unauthorized, CommandFailure.unauthorized),
        (.internal, CommandFailure.internal),
        (.invalidArgument, CommandFailure.refused),
        (.noFace, CommandFailure.refused),
    ])
    func eachRefusalHasItsExitCode(code: Homeward_V1_Error.Code, exitCode: Int32) {
        #expect(CommandFailure(Self.rejected(code), requestID: nil).exitCode == exitCode)
    }

    @Test func aRefusalNamesTheCodeAsTheSchemaSpellsItAndTheField() {
        let failure = CommandFailure(Self.rejected(.invalidArgument, field: "lat"), requestID: "r-1")
        #expect(failure.message == "the coordinator refused the request: INVALID_ARGUMENT at lat: because")
        #expect(CommandFailure.name(.notFound) == "NOT_FOUND")
    }

    @Test func onlyRetryableFailuresOfAMutatingRequestAdviseTheRequestID() {
        let later = CommandFailure(Self.rejected(.retryLater, retryAfterMs: 200), requestID: "r-1")
        #expect(later.message.hasSuffix(": because; wait 200 ms (retry with --request-id r-1)"), "\(later.message)")
        let refused = CommandFailure(Self.rejected(.invalidArgument), requestID: "r-1")
        #expect(!refused.message.contains("--request-id"))
        let timedOutRead = CommandFailure(.timedOut(requestID: "r-2", afterMilliseconds: 1000), requestID: nil)
        #expect(timedOutRead.message == "no reply from the coordinator within 1000 ms")
        #expect(timedOutRead.exitCode == CommandFailure.unavailable)
        let timedOutWrite = CommandFailure(.timedOut(requestID: "r-2", afterMilliseconds: 1000), requestID: "r-2")
        #expect(timedOutWrite.message == "no reply from the coordinator within 1000 ms; it may have stored the request (retry with --request-id r-2)")
    }

    @Test func failuresWithoutAReply() {
        let notSent = CommandFailure(.notSent("queue full"), requestID: "r-3")
        #expect(notSent.exitCode == CommandFailure.unavailable)
        #expect(notSent.message == "the request was not sent (queue full) (retry with --request-id r-3)")
        let closed = CommandFailure(.closed, requestID: nil)
        #expect(closed.exitCode == CommandFailure.unavailable)
        #expect(closed.message == "the connection was closed before the reply")
        let bad = CommandFailure(.badReply("truncated"), requestID: "r-4")
        #expect(bad.exitCode == CommandFailure.internal)
        #expect(bad.message == "the coordinator's reply could not be read: truncated")
    }
}

import CZeroMQ

/// The one funnel every libzmq call goes through (the model is swift-nio's
/// `System.swift`): it reads `zmq_errno()` right after a failing call, retries
/// `EINTR` (a signal interrupted a blocking call; the call did nothing), and
/// throws the typed `ZMQError`.
@inline(__always)
@discardableResult
func zmqCall(_ operation: @autoclosure () -> String, _ body: () -> Int32) throws(ZMQError) -> Int32 {
    while true {
        let result = body()
        if result >= 0 { return result }
        let code = zmq_errno()
        if code == czmq_eintr() { continue }
        throw ZMQError.from(errno: code, operation: operation())
    }
}

/// The same funnel for libzmq calls that return a pointer (`NULL` on failure).
@inline(__always)
func zmqCall<T>(_ operation: @autoclosure () -> String, _ body: () -> T?) throws(ZMQError) -> T {
    while true {
        if let result = body() { return result }
        let code = zmq_errno()
        if code == czmq_eintr() { continue }
        throw ZMQError.from(errno: code, operation: operation())
    }
}

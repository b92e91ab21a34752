import CZeroMQ

extension ZMQSocket {
    /// Publishes this socket's connection events (`ZMQMonitorEvent`) on a PAIR
    /// bound at `endpoint` (`inproc://…`, same context): connect a PAIR there to
    /// read them. Call it before `connect` or `bind` to see every event.
    public func monitor(_ endpoint: String, events: ZMQMonitorEvent.Kind = .all) throws(ZMQError) {
        try checkOpen("zmq_socket_monitor")
        try zmqCall("zmq_socket_monitor \(endpoint)") { zmq_socket_monitor(handle, endpoint, Int32(bitPattern: events.rawValue)) }
    }
}

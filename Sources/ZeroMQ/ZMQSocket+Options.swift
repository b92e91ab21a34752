import CZeroMQ

extension ZMQSocket {
    func apply(_ options: ZMQSocketOptions) throws(ZMQError) {
        try setInt32(ZMQ_LINGER, options.lingerMs, name: "ZMQ_LINGER")
        try setInt32(ZMQ_SNDHWM, options.sendHighWaterMark, name: "ZMQ_SNDHWM")
        try setInt32(ZMQ_RCVHWM, options.receiveHighWaterMark, name: "ZMQ_RCVHWM")
        if let size = options.maxMessageSize { try setInt64(ZMQ_MAXMSGSIZE, size, name: "ZMQ_MAXMSGSIZE") }
        if options.routerMandatory { try setInt32(ZMQ_ROUTER_MANDATORY, 1, name: "ZMQ_ROUTER_MANDATORY") }
        if let id = options.routingID { try setBytes(czmq_routing_id_option(), id, name: "ZMQ_ROUTING_ID") }
        if let ms = options.receiveTimeoutMs { try setInt32(ZMQ_RCVTIMEO, ms, name: "ZMQ_RCVTIMEO") }
        if let ms = options.sendTimeoutMs { try setInt32(ZMQ_SNDTIMEO, ms, name: "ZMQ_SNDTIMEO") }
        if options.immediate { try setInt32(ZMQ_IMMEDIATE, 1, name: "ZMQ_IMMEDIATE") }
        if let ms = options.reconnectIntervalMs { try setInt32(ZMQ_RECONNECT_IVL, ms, name: "ZMQ_RECONNECT_IVL") }
        if let ms = options.reconnectIntervalMaxMs {
            try setInt32(ZMQ_RECONNECT_IVL_MAX, ms, name: "ZMQ_RECONNECT_IVL_MAX")
        }
        if let keepalive = options.tcpKeepalive {
            try setInt32(ZMQ_TCP_KEEPALIVE, 1, name: "ZMQ_TCP_KEEPALIVE")
            try setInt32(ZMQ_TCP_KEEPALIVE_IDLE, keepalive.idleSeconds, name: "ZMQ_TCP_KEEPALIVE_IDLE")
            try setInt32(ZMQ_TCP_KEEPALIVE_INTVL, keepalive.intervalSeconds, name: "ZMQ_TCP_KEEPALIVE_INTVL")
            try setInt32(ZMQ_TCP_KEEPALIVE_CNT, keepalive.count, name: "ZMQ_TCP_KEEPALIVE_CNT")
        }
        if let beat = options.heartbeat {
            try setInt32(ZMQ_HEARTBEAT_IVL, beat.intervalMs, name: "ZMQ_HEARTBEAT_IVL")
            try setInt32(ZMQ_HEARTBEAT_TIMEOUT, beat.timeoutMs, name: "ZMQ_HEARTBEAT_TIMEOUT")
            try setInt32(ZMQ_HEARTBEAT_TTL, beat.ttlMs, name: "ZMQ_HEARTBEAT_TTL")
        }
        if options.xpubManual { try setInt32(ZMQ_XPUB_MANUAL, 1, name: "ZMQ_XPUB_MANUAL") }
        if let domain = options.zapDomain { try setBytes(ZMQ_ZAP_DOMAIN, Array(domain.utf8), name: "ZMQ_ZAP_DOMAIN") }
        if let curve = options.curve { try apply(curve) }
        for prefix in options.subscriptions { try subscribe(prefix) }
    }

    func apply(_ curve: ZMQCurveRole) throws(ZMQError) {
        switch curve {
        case .server(let keys):
            try setInt32(ZMQ_CURVE_SERVER, 1, name: "ZMQ_CURVE_SERVER")
            try setBytes(ZMQ_CURVE_SECRETKEY, keys.secretKey.bytes, name: "ZMQ_CURVE_SECRETKEY")
        case .client(let keys, let serverKey):
            try setBytes(ZMQ_CURVE_SERVERKEY, serverKey.bytes, name: "ZMQ_CURVE_SERVERKEY")
            try setBytes(ZMQ_CURVE_PUBLICKEY, keys.publicKey.bytes, name: "ZMQ_CURVE_PUBLICKEY")
            try setBytes(ZMQ_CURVE_SECRETKEY, keys.secretKey.bytes, name: "ZMQ_CURVE_SECRETKEY")
        }
    }

    /// `ZMQ_SUBSCRIBE` on a SUB socket: receive messages whose first frame starts with `prefix`.
    public func subscribe(_ prefix: [UInt8]) throws(ZMQError) {
        try setBytes(ZMQ_SUBSCRIBE, prefix, name: "ZMQ_SUBSCRIBE")
    }

    public func unsubscribe(_ prefix: [UInt8]) throws(ZMQError) {
        try setBytes(ZMQ_UNSUBSCRIBE, prefix, name: "ZMQ_UNSUBSCRIBE")
    }

    public func setInt32(_ option: Int32, _ value: Int32, name: String) throws(ZMQError) {
        try checkOpen("zmq_setsockopt(\(name))")
        var v = value
        try zmqCall("zmq_setsockopt(\(name))") {
            zmq_setsockopt(handle, option, &v, MemoryLayout<Int32>.size)
        }
    }

    public func setInt64(_ option: Int32, _ value: Int64, name: String) throws(ZMQError) {
        try checkOpen("zmq_setsockopt(\(name))")
        var v = value
        try zmqCall("zmq_setsockopt(\(name))") {
            zmq_setsockopt(handle, option, &v, MemoryLayout<Int64>.size)
        }
    }

    public func setBytes(_ option: Int32, _ value: [UInt8], name: String) throws(ZMQError) {
        try checkOpen("zmq_setsockopt(\(name))")
        try zmqCall("zmq_setsockopt(\(name))") {
            value.withUnsafeBytes { zmq_setsockopt(handle, option, $0.baseAddress, $0.count) }
        }
    }

    public func int32Option(_ option: Int32, name: String) throws(ZMQError) -> Int32 {
        try checkOpen("zmq_getsockopt(\(name))")
        var value: Int32 = 0
        var size = MemoryLayout<Int32>.size
        try zmqCall("zmq_getsockopt(\(name))") { zmq_getsockopt(handle, option, &value, &size) }
        return value
    }

    public func int64Option(_ option: Int32, name: String) throws(ZMQError) -> Int64 {
        try checkOpen("zmq_getsockopt(\(name))")
        var value: Int64 = 0
        var size = MemoryLayout<Int64>.size
        try zmqCall("zmq_getsockopt(\(name))") { zmq_getsockopt(handle, option, &value, &size) }
        return value
    }

    public func bytesOption(_ option: Int32, capacity: Int, name: String) throws(ZMQError) -> [UInt8] {
        try checkOpen("zmq_getsockopt(\(name))")
        var buffer = [UInt8](repeating: 0, count: capacity)
        var size = capacity
        try zmqCall("zmq_getsockopt(\(name))") {
            buffer.withUnsafeMutableBytes { zmq_getsockopt(handle, option, $0.baseAddress, &size) }
        }
        return Array(buffer.prefix(size))
    }
}

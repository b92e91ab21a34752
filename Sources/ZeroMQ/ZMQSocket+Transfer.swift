import CZeroMQ

extension ZMQSocket {
    /// Sends one frame; libzmq copies the bytes before returning.
    /// With `dontWait`, a full queue throws `.wouldBlock`.
    public func sendFrame(_ bytes: UnsafeRawBufferPointer, more: Bool, dontWait: Bool = false) throws(ZMQError) {
        try checkOpen("zmq_send")
        let flags = (more ? ZMQ_SNDMORE : 0) | (dontWait ? ZMQ_DONTWAIT : 0)
        try zmqCall("zmq_send") { zmq_send(handle, bytes.baseAddress, bytes.count, flags) }
    }

    public func sendFrame(_ frame: [UInt8], more: Bool = false, dontWait: Bool = false) throws(ZMQError) {
        try checkOpen("zmq_send")
        let flags = (more ? ZMQ_SNDMORE : 0) | (dontWait ? ZMQ_DONTWAIT : 0)
        try zmqCall("zmq_send") {
            frame.withUnsafeBytes { zmq_send(handle, $0.baseAddress, $0.count, flags) }
        }
    }

    /// Sends a multipart message. libzmq delivers multipart messages atomically:
    /// all frames or none.
    public func send(_ frames: [[UInt8]], dontWait: Bool = false) throws(ZMQError) {
        let sent = try sendFrames(frames, from: 0, dontWait: dontWait)
        if sent < frames.count {
            // libzmq applies the high-water mark to the first frame only, so a
            // later frame refusing is unexpected; finish blocking rather than tear the message.
            _ = try sendFrames(frames, from: sent, dontWait: false)
        }
    }

    /// Sends `frames[start...]`; returns the index of the first frame not sent
    /// (`frames.count` when done). `EAGAIN` on the first frame throws, since
    /// nothing was sent; on a later frame it returns so the caller can finish later.
    func sendFrames(_ frames: [[UInt8]], from start: Int, dontWait: Bool) throws(ZMQError) -> Int {
        if frames.isEmpty { throw .usage("zmq_send: a message needs at least one frame") }
        var index = start
        while index < frames.count {
            do {
                try sendFrame(frames[index], more: index + 1 < frames.count, dontWait: dontWait)
            } catch .wouldBlock where index > 0 {
                return index
            }
            index += 1
        }
        return index
    }

    /// Receives one frame and lends its bytes to `body` without copying; the
    /// `zmq_msg_t` is closed when `body` returns. `more` tells whether frames follow.
    public func receiveFrame<R>(
        dontWait: Bool = false,
        _ body: (_ bytes: UnsafeRawBufferPointer, _ more: Bool) -> R
    ) throws(ZMQError) -> R {
        try checkOpen("zmq_msg_recv")
        let msg = scratch.pointer
        zmq_msg_init(msg)
        defer { zmq_msg_close(msg) }
        try zmqCall("zmq_msg_recv") { zmq_msg_recv(msg, handle, dontWait ? ZMQ_DONTWAIT : 0) }
        let bytes = UnsafeRawBufferPointer(start: zmq_msg_data(msg), count: zmq_msg_size(msg))
        return body(bytes, zmq_msg_more(msg) != 0)
    }

    /// Receives all frames of one message. Only the first frame can block or
    /// throw `.wouldBlock`: the rest of a multipart message has already arrived.
    public func receive(dontWait: Bool = false) throws(ZMQError) -> [[UInt8]] {
        try receiveMessage(dontWait: dontWait, readUserID: false).frames
    }

    /// Receives all frames of one message and, with `readUserID`, the ZAP `User-Id` of its sender.
    public func receiveMessage(dontWait: Bool = false, readUserID: Bool = false) throws(ZMQError) -> ZMQMessage {
        try checkOpen("zmq_msg_recv")
        var frames: [[UInt8]] = []
        var userID: String?
        let msg = scratch.pointer
        var more = true
        while more {
            zmq_msg_init(msg)
            defer { zmq_msg_close(msg) }
            let flags = frames.isEmpty && dontWait ? ZMQ_DONTWAIT : 0
            try zmqCall("zmq_msg_recv") { zmq_msg_recv(msg, handle, flags) }
            frames.append(Array(UnsafeRawBufferPointer(start: zmq_msg_data(msg), count: zmq_msg_size(msg))))
            // From the first frame that carries it: a ROUTER's routing-id frame
            // lacks the metadata when the message was prefetched by a poll
            // (libzmq 4.3.4), the frames from the peer always have it.
            if readUserID && userID == nil, let text = zmq_msg_gets(msg, "User-Id") {
                userID = String(cString: text)
            }
            more = zmq_msg_more(msg) != 0
        }
        return ZMQMessage(frames: frames, userID: userID)
    }
}

import Testing
@testable import ClusterActors

@Suite struct WireTests {
    @Test func requestFramesRoundTrip() throws {
        let request = ClusterWire.Request(
            requestID: 0xDEAD_BEEF_0102, timeoutMs: 1500, actorName: "shard-BE-1", target: "$s4main3FooC3baryyF",
            genericSubstitutions: ["Si", "SS"], arguments: [[1, 2], [], [3]])
        let frames = request.frames
        #expect(frames.count == 7)
        #expect(frames[0].count == 16)
        #expect(try ClusterWire.Request(frames: frames[...]) == request)
        let plain = ClusterWire.Request(requestID: 1, timeoutMs: 1, actorName: "a", target: "t", genericSubstitutions: [], arguments: [])
        #expect(plain.frames[3] == [])
        #expect(try ClusterWire.Request(frames: plain.frames[...]) == plain)
    }

    @Test func replyFramesRoundTrip() throws {
        let replies: [ClusterWire.Reply] = [
            .value([9, 9]), .void, .error(code: .codable, type: "T", message: "m", payload: [1]),
            .error(code: .actorNotFound, type: "", message: "", payload: []),
        ]
        for reply in replies {
            let (id, parsed) = try ClusterWire.Reply.parse(reply.frames(requestID: 77))
            #expect(id == 77 && parsed == reply)
        }
    }

    @Test func damagedFramesAreRejectedWithAReason() {
        var header = ClusterWire.Request(requestID: 1, timeoutMs: 1, actorName: "a", target: "t", genericSubstitutions: [], arguments: []).frames
        header[0][2] = 9  // version
        #expect(throws: ClusterCallError.badMessage("protocol version 9, this node speaks 1")) {
            try ClusterWire.Request(frames: header[...])
        }
        #expect(throws: ClusterCallError.self) { try ClusterWire.Request(frames: [[1, 2, 3]][...]) }
        #expect(throws: ClusterCallError.self) { try ClusterWire.Reply.parse([[0x48, 0x57, 1, 2]]) }
        let errorHeader = ClusterWire.Reply.error(code: .opaque, type: "", message: "", payload: []).frames(requestID: 1)[0]
        #expect(throws: ClusterCallError.self) { try ClusterWire.Reply.parse([errorHeader, [99], [], [], []]) }
    }
}

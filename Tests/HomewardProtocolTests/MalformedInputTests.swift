import Testing
@testable import HomewardProtocol

/// Truncated, mutated and random frames must never crash a decoder and must
/// always end in either a decoded message or a specific ProtocolError.
@Suite struct MalformedInputTests {
    static let payloadRules: Set<ValidationRule> = [.malformedPayload, .missingPayload]

    @Test func framingErrorsAreSpecific() {
        let good = ClientCodec.encode(Fixtures.allRequests()[5])
        func rule(_ body: [Frame]) -> ValidationRule? {
            do { _ = try ClientCodec.decodeRequest(body); return nil } catch { return error.rule }
        }
        #expect(rule(good) == nil)
        #expect(rule([good[0]]) == .frameCount)
        #expect(rule(good + [[1]]) == .frameCount)
        #expect(rule([]) == .frameCount)
        #expect(rule([Array("HWC2".utf8), good[1]]) == .unsupportedProtocolTag)
        #expect(rule([Array("HWW1".utf8), good[1]]) == .unknownProtocolTag)
        #expect(rule([Array("GET / HTTP/1.1".utf8), good[1]]) == .unknownProtocolTag)
        #expect(rule([good[0], []]) == .missingPayload)
        #expect(rule([good[0], [0xFF, 0xFF, 0xFF]]) == .malformedPayload)
        var small = ProtocolLimits.v1
        small.maxFrameBytes = 4
        do {
            _ = try ClientCodec.decodeRequest(good, limits: small)
            Issue.record("oversized frame accepted")
        } catch {
            #expect(error.rule == .frameTooLarge && error.code == .tooLarge && error.field == "frames[1]")
        }
    }

    @Test func envelopeSplitting() throws {
        #expect(throws: ProtocolError.self) { try Frames.split([[1], [2]]) }  // no delimiter
        let tooMany = Array(repeating: Frame([1]), count: Frames.maxFramesPerMessage) + [[]]
        do {
            _ = try Frames.split(tooMany)
            Issue.record("accepted \(tooMany.count) frames")
        } catch {
            #expect(error.rule == .frameCount)
        }
        let (route, body) = try Frames.split([[], [9]])
        #expect(route.isEmpty && body == [[9]])
    }

    @Test func workerFramingErrorsAreSpecific() {
        let good = WorkerCodec.encode(.heartbeat(Homeward_V1_Heartbeat()))
        func rule(_ body: [Frame]) -> ValidationRule? {
            do { _ = try WorkerCodec.decode(body, from: .worker); return nil } catch { return error.rule }
        }
        #expect(rule(good) == nil)
        #expect(rule(Array(good.prefix(2))) == .frameCount)
        #expect(rule([Array("HWW9".utf8), good[1], good[2]]) == .unsupportedProtocolTag)
        #expect(rule([good[0], [0], good[2]]) == .unknownCommand)
        #expect(rule([good[0], [99], good[2]]) == .unknownCommand)
        #expect(rule([good[0], [5, 5], good[2]]) == .unknownCommand)
        #expect(rule([good[0], [1], [0x0A, 0xFF]]) == .malformedPayload)
    }

    @Test func alertFramingErrorsAreSpecific() {
        let good = AlertStreamCodec.encode(AlertStreamCodec.event(Fixtures.alert()), topic: "110000")
        func rule(_ frames: [Frame]) -> ValidationRule? {
            do { _ = try AlertStreamCodec.decode(frames); return nil } catch { return error.rule }
        }
        #expect(rule(good) == nil)
        #expect(rule([good[0]]) == .frameCount)
        #expect(rule([Array("11000".utf8), good[1]]) == .provinceCode)
        #expect(rule([Array("120000".utf8), good[1]]) == .topicMismatch)
        #expect(rule([good[0], [0x08]]) == .malformedPayload)
        var wrongVersion = AlertStreamCodec.event(Fixtures.alert())
        wrongVersion.protocolVersion = 2
        #expect(rule([good[0], Frames.serialize(wrongVersion)]) == .unsupportedVersion)
        #expect(rule([good[0], Frames.serialize(Homeward_V1_AlertEvent())]) == .unsupportedVersion)
    }

    /// Every prefix of every valid payload: decodes (a field boundary) or is
    /// rejected as malformed; never anything else, never a crash.
    @Test func everyTruncationIsHandled() {
        for request in Fixtures.allRequests() {
            let body = ClientCodec.encode(request)
            for length in 0..<body[1].count {
                let truncated = [body[0], Array(body[1].prefix(length))]
                do {
                    let decoded = try ClientCodec.decodeRequest(truncated)
                    try RequestValidator().validate(decoded, now: Fixtures.now)
                } catch {
                    #expect(error.code != .internal)
                    #expect(!error.message.isEmpty)
                }
            }
            // Cutting inside the last field is always malformed.
            let cut = [body[0], Array(body[1].dropLast())]
            #expect(throws: ProtocolError.self) { try ClientCodec.decodeRequest(cut) }
        }
        for message in Fixtures.allWorkerMessages() {
            let body = WorkerCodec.encode(message)
            for length in 0..<body[2].count {
                _ = try? WorkerCodec.decodeValidated(
                    [body[0], body[1], Array(body[2].prefix(length))], from: .either, validator: WorkerValidator(),
                    now: Fixtures.now)
            }
        }
    }

    /// Seeded mutation fuzzing: flip, insert and delete bytes of valid
    /// messages and feed them to every decoder and validator.
    @Test(arguments: [1, 2, 3] as [UInt64])
    func mutatedMessagesNeverCrash(seed: UInt64) {
        var rng = SeededRNG(seed: seed)
        let clientPayloads = Fixtures.allRequests().map { ClientCodec.encode($0)[1] }
        let workerBodies = Fixtures.allWorkerMessages().map { WorkerCodec.encode($0) }
        var decoded = 0, rejected = 0
        for _ in 0..<1500 {
            var payload = clientPayloads.randomElement(using: &rng)!
            mutate(&payload, using: &rng)
            do {
                _ = try ClientCodec.decodeValidated(
                    [ClientCodec.tag, payload], validator: RequestValidator(), now: Fixtures.now)
                decoded += 1
            } catch {
                #expect(error.code != .internal)
                rejected += 1
            }
            var body = workerBodies.randomElement(using: &rng)!
            mutate(&body[2], using: &rng)
            if rng.next() % 8 == 0 { body[1] = [UInt8(truncatingIfNeeded: rng.next())] }
            do {
                _ = try WorkerCodec.decodeValidated(body, from: .either, validator: WorkerValidator(), now: Fixtures.now)
            } catch {
                #expect(error.code != .internal)
            }
            let reply = [ClientCodec.tag, randomBytes(using: &rng)]
            _ = try? ClientCodec.decodeReply(reply)
            _ = try? AlertStreamCodec.decode([Array("110000".utf8), randomBytes(using: &rng)])
        }
        // Both outcomes occur, so the fuzzer is exercising real paths.
        #expect(decoded > 0 && rejected > 0)
    }

    private func mutate(_ bytes: inout [UInt8], using rng: inout SeededRNG) {
        for _ in 0..<(1 + Int(rng.next() % 4)) {
            let op = rng.next() % 3
            if bytes.isEmpty || op == 0 {
                bytes.insert(UInt8(truncatingIfNeeded: rng.next()), at: Int(rng.next() % UInt64(bytes.count + 1)))
            } else if op == 1 {
                bytes[Int(rng.next() % UInt64(bytes.count))] ^= UInt8(1 << (rng.next() % 8))
            } else {
                bytes.remove(at: Int(rng.next() % UInt64(bytes.count)))
            }
        }
    }

    private func randomBytes(using rng: inout SeededRNG) -> [UInt8] {
        (0..<Int(rng.next() % 64)).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
    }
}

@Suite struct WorkerDirectionTests {
    @Test func eachCommandIsAcceptedFromItsSenderAndFromEither() throws {
        for message in Fixtures.allWorkerMessages() {
            let body = WorkerCodec.encode(message)
            let sender = WorkerMessage.sender(of: message.command)!
            #expect(try WorkerCodec.decode(body, from: .either) == message)
            switch sender {
            case .worker:
                #expect(try WorkerCodec.decode(body, from: .worker) == message)
                #expect(throws: ProtocolError.self) { try WorkerCodec.decode(body, from: .coordinator) }
            case .coordinator:
                #expect(try WorkerCodec.decode(body, from: .coordinator) == message)
                #expect(throws: ProtocolError.self) { try WorkerCodec.decode(body, from: .worker) }
            case .either:
                #expect(try WorkerCodec.decode(body, from: .worker) == message)
                #expect(try WorkerCodec.decode(body, from: .coordinator) == message)
            }
        }
    }
}

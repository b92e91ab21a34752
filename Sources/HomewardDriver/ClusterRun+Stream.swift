import Foundation
import HomewardClient
import HomewardProtocol

extension ClusterRun {
    func stream(client: HomewardClient, obs: RunObservations, log: @escaping @Sendable (String) -> Void) async throws -> RunReport {
        try await Task.sleep(for: .milliseconds(300))   // let the SUB connection join before alerts flow

        // 1. The initial case base, many requests in flight.
        let startRegister = ContinuousClock.now
        try await registerCases(0..<workload.spec.initialCases, client: client, obs: obs)
        log("registered \(workload.spec.initialCases) cases in \(ContinuousClock.now - startRegister)")
        if let afterRegistering {
            let startWait = ContinuousClock.now
            try await afterRegistering()
            log("workers hold the case base \(ContinuousClock.now - startWait) later")
        }

        // 2. The stream, open-loop, with the status poller beside it.
        let polling = RunningFlag(timeline != nil)
        async let polled: Void = pollStatus(while: polling)
        let offeredSeconds: Double
        do {
            offeredSeconds = try await send(client: client, obs: obs)
            polling.stop()
            await polled
        } catch {
            polling.stop()
            await polled
            throw error
        }

        // 3. Wait for the expected alerts (or the settle time).
        let expected = expectedPairs(obs)
        let settleDeadline = ContinuousClock.now + settle
        while ContinuousClock.now < settleDeadline {
            let missing = obs.state.withLock { s in expected.subtracting(s.alertPairs).count }
            if missing == 0 { break }
            try await Task.sleep(for: .milliseconds(50))
        }
        try await Task.sleep(for: .milliseconds(200))   // late duplicates would show here
        if !catchUpTopics.isEmpty {
            let missing = obs.state.withLock { s in expected.subtracting(s.alertPairs).count }
            if missing > 0 {
                // Catch-up is a desk's request, not intake's: its own connection and key.
                let desk = try await HomewardClient(endpoint: clientEndpoint, timeoutMilliseconds: requestTimeoutMilliseconds, curve: keys.desk)
                do { try await catchUp(client: desk, obs: obs) } catch { await desk.close(); throw error }
                await desk.close()
            }
        }
        return report(obs, expected: expected, offeredSeconds: offeredSeconds)
    }

    /// Sends every stream event when it is due, whether or not earlier ones
    /// were answered, plus the retries the coordinator asked for; returns the
    /// seconds the offered load took and waits until everything is answered.
    func send(client: HomewardClient, obs: RunObservations) async throws -> Double {
        let start = ContinuousClock.now
        let startNs = RunObservations.nowNs()
        obs.state.withLock { $0.streamStartNs = startNs }
        timeline?.start(atNs: startNs)
        let inflight = InFlightCounter()
        var retriesCheckedAt = start
        for (i, event) in workload.stream.enumerated() {
            let due = start + .seconds(offsets?[i] ?? Double(i) / rate)
            let now = ContinuousClock.now
            if now - retriesCheckedAt > .milliseconds(5) {
                retriesCheckedAt = now
                sendDueRetries(client: client, obs: obs, inflight: inflight)
            }
            // Wake at most once a millisecond and send everything due by then:
            // at 35,000/s a sleep per event would cost the driver more than the sending.
            if due > now { try await Task.sleep(until: max(due, now + .milliseconds(1)), clock: .continuous) }
            switch event {
            case .registerCase(let index):
                register(index, client: client, obs: obs, inflight: inflight)
            case .submitSighting(let index):
                let sentAt = RunObservations.nowNs()
                obs.state.withLock { $0.submittedAt[index] = sentAt }
                timeline?.record(atNs: sentAt) { $0.offered += 1 }
                submit(index, request: RequestBuilder.submit(workload.sightings[index], photo: sightingPhotos?[index]), attempt: 1, sentAt: sentAt,
                       client: client, obs: obs, inflight: inflight)
            }
        }
        let offeredSeconds = (ContinuousClock.now - start).seconds
        while inflight.count > 0 || obs.state.withLock({ !$0.retryQueue.isEmpty }) {
            sendDueRetries(client: client, obs: obs, inflight: inflight)
            try await Task.sleep(for: .milliseconds(10))
        }
        return offeredSeconds
    }

    /// Sends one sighting submission; its acknowledgement (or error) lands in `obs`.
    func submit(_ index: Int, request: Homeward_V1_Request, attempt: Int, sentAt: UInt64,
                client: HomewardClient, obs: RunObservations, inflight: InFlightCounter) {
        inflight.add()
        client.send(request) { [timeline, maxAttempts, progress] result in
            defer { inflight.done() }
            let now = RunObservations.nowNs()
            switch result {
            case .success(let reply) where reply.sightingAccepted.sightingID != 0:
                let a = reply.sightingAccepted
                progress?.recordAcknowledgement()
                timeline?.record(atNs: now) { row in
                    row.acknowledged += 1
                    if a.hasRepostOf { row.reposts += 1 }
                }
                obs.state.withLock { s in
                    s.sightingIDs[index] = a.sightingID
                    s.sightingIndexByID[a.sightingID] = index
                    s.acked += 1
                    if a.hasRepostOf {
                        s.reposts += 1
                        s.repostOf[a.sightingID] = a.repostOf
                    }
                    if s.firstAckNs == 0 { s.firstAckNs = now }
                    s.lastAckNs = now
                    _ = s.ackLatency.record((now - sentAt) / 1_000)
                }
            case .success(let reply) where (reply.error.code == .retryLater || (reply.error.code == .unavailable && reply.error.retryAfterMs > 0))
                                            && attempt < maxAttempts:
                // RETRY_LATER, or UNAVAILABLE with a wait (no worker could take a
                // photo now: the extractors' queues are full): nothing was stored.
                timeline?.record(atNs: now) { $0.retryLater += 1 }
                let wait = UInt64(max(10, reply.error.retryAfterMs)) * 1_000_000
                obs.retry(.init(dueNs: now + wait, index: index, request: request, attempt: attempt + 1))
            case .failure(let e) where e.isRetryable && attempt < maxAttempts:
                // Our own send queue was full (the coordinator pushes back over TCP),
                // or no answer came in time: the same request id goes again later,
                // which is idempotent (a stored one gets its first reply back).
                timeline?.record(atNs: now) { $0.retryLater += 1 }
                obs.retry(.init(dueNs: now + 500_000_000, index: index, request: request, attempt: attempt + 1))
            case .success(let reply):
                timeline?.record(atNs: now) { $0.errors += 1 }
                obs.error("sighting:\(reply.error.code)@\(reply.error.field)")
            case .failure(let e):
                timeline?.record(atNs: now) { $0.errors += 1 }
                obs.error("sighting:\(Self.kind(e))")
                if case .timedOut = e { obs.state.withLock { $0.unanswered += 1 } }
            }
        }
    }

    /// Sends again, with their first request ids, the submissions whose retry time has come.
    func sendDueRetries(client: HomewardClient, obs: RunObservations, inflight: InFlightCounter) {
        let now = RunObservations.nowNs()
        // Retries are queued in the order they were refused, with nearly the same
        // wait, so the due ones are (close enough to) a prefix.
        let due: [RunObservations.Retry] = obs.state.withLock { s in
            let ready = s.retryQueue.prefix { $0.dueNs <= now }.count
            guard ready > 0 else { return [] }
            defer { s.retryQueue.removeFirst(ready) }
            return Array(s.retryQueue.prefix(ready))
        }
        for r in due {
            if r.isCase {
                register(r.index, request: r.request, attempt: r.attempt, client: client, obs: obs, inflight: inflight)
                continue
            }
            let sentAt = obs.state.withLock { $0.submittedAt[r.index] } ?? now
            submit(r.index, request: r.request, attempt: r.attempt, sentAt: sentAt, client: client, obs: obs, inflight: inflight)
        }
    }

    /// Polls the coordinator's status once a second into the timeline while `running`.
    func pollStatus(while running: RunningFlag) async {
        guard let timeline, running.isRunning,
              let client = try? await HomewardClient(endpoint: clientEndpoint, timeoutMilliseconds: 2_000, curve: keys.admin) else { return }
        var next = ContinuousClock.now
        while running.isRunning {
            if let status = try? await client.call(HomewardClient.request { $0.status = .init() }).clusterStatus {
                timeline.record(atNs: RunObservations.nowNs()) { row in
                    row.urgentQueue = max(row.urgentQueue, Int(status.urgentQueueDepth))
                    row.bulkQueue = max(row.bulkQueue, Int(status.bulkQueueDepth))
                    row.workersInFlight = max(row.workersInFlight, status.workers.reduce(0) { $0 + Int($1.inFlight) })
                }
            }
            next += .seconds(1)
            while running.isRunning && ContinuousClock.now < next { try? await Task.sleep(for: .milliseconds(50)) }
        }
        await client.close()
    }

    func registerCases(_ range: Range<Int>, client: HomewardClient, obs: RunObservations) async throws {
        let inflight = InFlightCounter()
        for index in range {
            while inflight.count >= 512 { try await Task.sleep(for: .milliseconds(1)) }
            register(index, client: client, obs: obs, inflight: inflight)
        }
        while inflight.count > 0 { try await Task.sleep(for: .milliseconds(5)) }
    }

    /// Sends one case registration; its id (or error) lands in `obs`. One that
    /// never left this client (send queue full) is sent again later, as an
    /// operator's tool would.
    func register(_ index: Int, request: Homeward_V1_Request? = nil, attempt: Int = 1,
                  client: HomewardClient, obs: RunObservations, inflight: InFlightCounter) {
        if request == nil { obs.state.withLock { $0.caseSentAt[index] = RunObservations.nowNs() } }
        let request = request ?? RequestBuilder.register(workload.cases[index], photo: casePhotos[index])
        inflight.add()
        client.send(request) { [maxAttempts] result in
            defer { inflight.done() }
            switch result {
            case .success(let reply) where reply.caseRegistered.caseID != 0:
                obs.state.withLock { $0.caseIDs[index] = reply.caseRegistered.caseID }
            case .success(let reply) where (reply.error.code == .retryLater || (reply.error.code == .unavailable && reply.error.retryAfterMs > 0))
                                            && attempt < maxAttempts:
                // A case with a photo meets the same back-pressure as a sighting's.
                obs.retry(.init(dueNs: RunObservations.nowNs() + UInt64(max(10, reply.error.retryAfterMs)) * 1_000_000, index: index,
                                request: request, attempt: attempt + 1, isCase: true))
            case .success(let reply): obs.error("case:\(reply.error.code)@\(reply.error.field)")
            case .failure(let e) where e.isRetryable && attempt < maxAttempts:
                obs.retry(.init(dueNs: RunObservations.nowNs() + 500_000_000, index: index, request: request,
                                attempt: attempt + 1, isCase: true))
            case .failure(let e): obs.error("case:\(Self.kind(e))")
            }
        }
    }
}

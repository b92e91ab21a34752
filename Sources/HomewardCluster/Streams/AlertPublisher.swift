import ClusterCore
import HomewardProtocol
import HomewardStore

/// The one path by which anything reaches the alert stream: store, number per
/// topic, append, publish. Alerts (skipping ids already stored: a redone
/// match makes no second alert), case-closed notices and the matched marks
/// go into one transaction; the messages are handed to the PUB socket on the
/// writer thread right after the commit, so every topic's sequence is
/// published in order and only once it is durable.
struct AlertPublisher: Sendable {
    let store: SQLiteWriter
    let outbox: CoordinatorOutbox
    let topics: TopicSequences
    let clock: WallClock

    /// Carries out a `.record` directive; returns how many alerts were new.
    func record(_ p: CoordinatorDirective.Publications) async throws -> Int {
        let now = clock.unixSeconds(), nowMs = clock.unixMilliseconds()
        let alerts = p.alerts.map(PendingAlert.init)
        let closures = p.closures, matched = p.matched
        let outbox = self.outbox, topics = self.topics
        let batch = try await store.write({ db -> PublishedBatch in
            let s = CoordinatorStore(db)
            var out: [Publication] = []
            func append(_ event: Homeward_V1_AlertEvent, topic: String, seq: UInt64) throws {
                try s.appendPublication(topic: topic, seq: seq, payload: Frames.serialize(event))
                out.append(Publication(topic: topic, seq: seq, frames: AlertStreamCodec.encode(event, topic: topic)))
            }
            let fresh = Set(try s.insertAlerts(alerts.map(\.record)).map(\.id))
            for alert in alerts where fresh.contains(alert.record.id) {
                for topic in alert.provinces {
                    var message = alert.message
                    message.topic = topic
                    message.sequence = try s.lastSequence(topic: topic) + 1
                    message.publishedAtMs = nowMs
                    try append(AlertStreamCodec.event(message), topic: topic, seq: message.sequence)
                }
            }
            for closure in closures {
                var notice = Homeward_V1_CaseClosed()
                notice.caseID = closure.caseID
                notice.found = closure.found
                notice.closedAt = closure.closedAt
                notice.topic = closure.topic
                notice.sequence = try s.lastSequence(topic: closure.topic) + 1
                notice.publishedAtMs = nowMs
                try append(AlertStreamCodec.event(notice), topic: closure.topic, seq: notice.sequence)
            }
            try s.markMatched(matched, at: now)
            return PublishedBatch(newAlerts: fresh.count, messages: out)
        }, afterCommit: { result in
            for m in result.messages {
                topics.set(m.topic, m.seq)
                outbox.publish(m.frames)
            }
        })
        return batch.newAlerts
    }

    /// A heartbeat on every topic that has published, with its last sequence,
    /// so subscribers notice a gap even when no new alert follows it.
    func publishHeartbeats() {
        let nowMs = clock.unixMilliseconds()
        for (topic, last) in topics.snapshot() {
            var h = Homeward_V1_AlertsHeartbeat()
            h.topic = topic
            h.lastSequence = last
            h.sentAtMs = nowMs
            outbox.publish(AlertStreamCodec.encode(AlertStreamCodec.event(h), topic: topic))
        }
    }
}

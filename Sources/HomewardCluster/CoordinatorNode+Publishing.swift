import ClusterCore
import HomewardProtocol
import HomewardStore

extension CoordinatorNode {
    /// Stores new alerts (skipping ids already stored: a retried match makes no
    /// second alert), numbers one message per province topic, stores those, and
    /// marks sightings matched — one transaction. The messages are handed to the
    /// PUB socket on the writer thread right after the commit, so every topic's
    /// sequence is published in order and only once it is durable.
    func storeAndPublish(_ alerts: [PendingAlert], markMatched ids: [UInt64]) async throws {
        let now = clock.unixSeconds()
        let nowMs = clock.unixMilliseconds()
        let outbox = self.outbox
        let topics = self.topics
        let batch = try await store.write({ db -> PublishedBatch in
            let s = CoordinatorStore(db)
            let fresh = Set(try s.insertAlerts(alerts.map(\.record)).map(\.id))
            var out: [Publication] = []
            for alert in alerts where fresh.contains(alert.record.id) {
                for topic in alert.provinces {
                    let seq = try s.lastSequence(topic: topic) + 1
                    var message = alert.message
                    message.topic = topic
                    message.sequence = seq
                    message.publishedAtMs = nowMs
                    let event = AlertStreamCodec.event(message)
                    try s.appendPublication(topic: topic, seq: seq, payload: Frames.serialize(event))
                    out.append(Publication(topic: topic, seq: seq, frames: AlertStreamCodec.encode(event, topic: topic)))
                }
            }
            try s.markMatched(ids, at: now)
            return PublishedBatch(newAlerts: fresh.count, messages: out)
        }, afterCommit: { result in
            for m in result.messages {
                topics.set(m.topic, m.seq)
                outbox.publish(m.frames)
            }
        })
        counters.alerts += UInt64(batch.newAlerts)
    }

    /// Publishes case-closed notices, numbered on their topics like alerts.
    func publish(closures: [(Homeward_V1_CaseClosed, String)]) async {
        let nowMs = clock.unixMilliseconds()
        let outbox = self.outbox
        let topics = self.topics
        do {
            try await store.write({ db -> [Publication] in
                let s = CoordinatorStore(db)
                return try closures.map { notice, topic in
                    var n = notice
                    n.topic = topic
                    n.sequence = try s.lastSequence(topic: topic) + 1
                    n.publishedAtMs = nowMs
                    let event = AlertStreamCodec.event(n)
                    try s.appendPublication(topic: topic, seq: n.sequence, payload: Frames.serialize(event))
                    return Publication(topic: topic, seq: n.sequence, frames: AlertStreamCodec.encode(event, topic: topic))
                }
            }, afterCommit: { messages in
                for m in messages {
                    topics.set(m.topic, m.seq)
                    outbox.publish(m.frames)
                }
            })
        } catch {
            logger.error("publishing a case closure failed", metadata: ["error": "\(error)"])
        }
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


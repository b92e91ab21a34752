import HomewardProtocol

extension HomewardClient {
    /// Every event stored on `topic` from sequence `from` on, page by page
    /// (`AlertCatchUp`): how a subscriber fills a gap or a late one starts.
    public func catchUp(topic: String, from: UInt64 = 1) async throws(ClientError) -> [Homeward_V1_AlertEvent] {
        var events: [Homeward_V1_AlertEvent] = []
        var next = from
        while true {
            let request = HomewardClient.request { r in
                r.alertCatchUp.province = topic
                r.alertCatchUp.fromSequence = next
                r.alertCatchUp.maxCount = 1000
            }
            let batch = try await call(request).alertBatch
            events += batch.events
            guard batch.more, let last = batch.events.last else { return events }
            next = Self.sequence(of: last) + 1
        }
    }

    /// An event's number on its topic (heartbeats carry the topic's last one).
    public static func sequence(of event: Homeward_V1_AlertEvent) -> UInt64 {
        switch event.event {
        case .alert(let a)?: a.sequence
        case .caseClosed(let c)?: c.sequence
        case .heartbeat(let h)?: h.lastSequence
        case nil: 0
        }
    }
}

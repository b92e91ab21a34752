import Foundation
import HomewardClient
import HomewardProtocol
import HTTPTypes
import Hummingbird
import ServiceLifecycle

extension ConsoleServer {
    /// Server-sent events: what the viewer's scope may see after Last-Event-ID,
    /// then live. The browser's EventSource resends the last id on reconnect.
    func events(_ request: Request) async throws -> Response {
        guard let v = await viewer(request) else { return ConsoleHTTP.json("{\"error\":\"unauthenticated\"}", status: 401) }
        let last = request.headers[ConsoleHTTP.lastEventID] ?? request.uri.queryParameters.get("last").map { String($0) }
        let (replay, live, id) = await hub.listen(scope: v.user.scope, lastEventID: last)
        let hub = self.hub
        let epoch = hub.epoch
        @Sendable func frame(_ e: BoardEvent) -> ByteBuffer {
            let data = (try? JSONEncoder().encode(e)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
            return ByteBuffer(string: "id: \(epoch)-\(e.id)\ndata: \(data)\n\n")
        }
        let headers: HTTPFields = [.contentType: "text/event-stream", .cacheControl: "no-store", HTTPField.Name("X-Accel-Buffering")!: "no"]
        return Response(status: .ok, headers: headers, body: ResponseBody { writer in
            do {
                try await writer.write(ByteBuffer(string: "retry: 1000\n\n"))
                for e in replay { try await writer.write(frame(e)) }
                // Graceful shutdown (SIGTERM) ends the stream, so open pages do not hold the server.
                for await e in live.cancelOnGracefulShutdown() {
                    try await writer.write(e.map(frame) ?? ByteBuffer(string: ": ping\n\n"))
                }
            } catch {
                // The page went away; fall through to forget it.
            }
            await hub.stopListening(id)
            try? await writer.finish(nil)
        })
    }

    func reviewPage(_ v: Viewer, alertID: String, message: String?) async throws -> Response {
        guard let alert = await hub.alert(alertID, scope: v.user.scope) else { return notFound(v) }
        var shown: Homeward_V1_CaseShown?
        var sighting: [String: String]?
        var casePhotos: [String] = []
        var sightingPhoto = false
        if v.user.role.mayReview {
            // Reading the case (age, sex, marks, last seen) is audited by the coordinator with this purpose.
            let request = HomewardClient.request { r in
                r.showCase.caseID = alert.caseID
                r.showCase.operator = v.user.name
                r.showCase.purpose = "review of alert \(alert.alertID) in the operator console"
            }
            shown = try? await client.call(request).caseShown
        }
        if v.user.role.maySeePhotos {
            await fetchMissingPhotos(v, caseID: alert.caseID, sightingID: alert.sightingID)
            casePhotos = await vault.casePhotoNames(caseID: alert.caseID)
            sightingPhoto = await vault.hasSighting(alert.sightingID)
            sighting = (try? await vault.open(name: "sighting-\(alert.sightingID)"))?.details
        }
        // The console remembers age, sex and marks only of sightings it took; the others' come from the coordinator.
        if v.user.role.mayReview, !SightingDetails.remembered(sighting),
           let asked = await coordinatorSightingDetails(sightingID: alert.sightingID) {
            sighting = (sighting ?? [:]).merging(asked) { _, asked in asked }
        }
        let page = ReviewPage(viewer: v, alert: alert, candidates: await hub.candidates(sightingID: alert.sightingID, scope: v.user.scope),
                              caseShown: shown, sighting: sighting, sightingPhoto: sightingPhoto, casePhotos: casePhotos,
                              map: map, now: Clock.now(), message: message)
        return ConsoleHTTP.html(page.render(), status: message == nil ? .ok : .unprocessableContent)
    }

    /// Confirm or reject: forwarded as ReviewAlert (audited by the coordinator),
    /// then put on the board, which tells every page in scope at once.
    func decide(_ v: Viewer, alertID: String, form: FormBody) async throws -> Response {
        guard v.user.role.mayReview else { return forbidden(v) }
        guard let alert = await hub.alert(alertID, scope: v.user.scope) else { return notFound(v) }
        let reason = (form["reason"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        let confirm: Bool
        switch form["decision"] {
        case "confirm": confirm = true
        case "reject": confirm = false
        default: return try await reviewPage(v, alertID: alertID, message: "请选择确认或否决 Choose confirm or reject.")
        }
        if !confirm, reason.isEmpty { return try await reviewPage(v, alertID: alertID, message: "否决需要理由 A rejection needs a reason.") }
        let request = HomewardClient.request { r in
            r.reviewAlert.alertID = alert.alertID
            r.reviewAlert.reviewer = v.user.name
            r.reviewAlert.decision = confirm ? .confirm : .reject
            r.reviewAlert.reason = reason
        }
        do {
            let reviewed = try await client.call(request).reviewed
            await hub.decide(alertID: alert.alertID, decision: BoardDecision(confirmed: confirm, reviewer: v.user.name, at: reviewed.recordedAt))
        } catch .rejected(let e) where e.code == .alreadyExists {
            return try await reviewPage(v, alertID: alertID, message: "此警报已有不同决定 This alert already has a different decision.")
        } catch {
            return try await reviewPage(v, alertID: alertID, message: "协调器未接受 The coordinator did not take it: \(error.description)")
        }
        // Keyboard flow: straight on to the next pending alert.
        let next = await hub.pending(scope: v.user.scope).first
        return ConsoleHTTP.redirect(next.map { "/alerts/\($0.alertID)" } ?? "/queue")
    }

    /// A kept photo, for roles that may see photos and only within scope.
    func photo(_ v: Viewer, name: String) async throws -> Response {
        guard v.user.role.maySeePhotos else { return forbidden(v) }
        let parts = name.split(separator: "-")
        let allowed: Bool
        if parts.count == 2, parts[0] == "sighting", let id = UInt64(parts[1]) {
            allowed = await hub.sees(sightingID: id, scope: v.user.scope)
        } else if parts.count == 3, parts[0] == "case", let id = UInt64(parts[1]), Int(parts[2]) != nil {
            allowed = await hub.sees(caseID: id, scope: v.user.scope)
        } else {
            allowed = false
        }
        guard allowed else { return notFound(v) }
        if parts.count == 2, let id = UInt64(parts[1]) {
            await fetchMissingPhotos(v, caseID: nil, sightingID: id)
        } else if let id = UInt64(parts[1]) {
            await fetchMissingPhotos(v, caseID: id, sightingID: nil)
        }
        guard let item = try await vault.open(name: name) else { return notFound(v) }
        return Response(status: .ok, headers: [.contentType: item.contentType, .cacheControl: "private, no-store"],
                        body: .init(byteBuffer: ByteBuffer(bytes: item.photo)))
    }

    func notFound(_ v: Viewer) -> Response {
        ConsoleHTTP.html(Html.layout(title: "未找到 Not found", page: "error", viewer: v,
                                     body: "<h1>未找到 Not found</h1><p>不存在或不在你的省份范围内 It does not exist or is outside your provinces.</p>"), status: .notFound)
    }
}

import Foundation
import HomewardClient
import HomewardProtocol
import Hummingbird

extension ConsoleServer {
    func routes(_ router: Router<BasicRequestContext>) {
        router.get("/static/console.css") { _, _ in ConsoleHTTP.text(ConsoleAssets.css, status: .ok, contentType: "text/css; charset=utf-8") }
        router.get("/static/console.js") { _, _ in ConsoleHTTP.text(ConsoleAssets.js, status: .ok, contentType: "text/javascript; charset=utf-8") }
        router.get("/signin") { _, _ in signInPage(error: nil) }
        router.post("/signin") { request, _ in try await signIn(request) }
        router.post("/signout") { request, _ in try await page(request, form: true) { v, _ in
            await sessions.close(id: v.sessionID)
            return ConsoleHTTP.redirect("/signin", cookies: [ConsoleHTTP.setCookie("hw_session", "", secure: secure, maxAge: 0)])
        } }
        router.get("/") { request, _ in try await page(request) { v, _ in
            let alerts = await hub.recent(scope: v.user.scope, limit: 500)
            return ConsoleHTTP.html(MapPage.render(viewer: v, map: map, alerts: alerts, lastEventID: await hub.lastEventID()))
        } }
        router.get("/queue") { request, _ in try await page(request) { v, _ in
            let pending = await hub.pending(scope: v.user.scope)
            if request.uri.queryParameters.get("fragment") != nil { return ConsoleHTTP.html(QueuePage.table(pending, map: map)) }
            return ConsoleHTTP.html(QueuePage.render(viewer: v, alerts: pending, map: map))
        } }
        router.get("/events") { request, _ in try await events(request) }
        router.get("/api/status") { request, _ in try await page(request) { _, _ in try await status() } }
        router.get("/alerts/:id") { request, context in try await page(request) { v, _ in
            try await reviewPage(v, alertID: context.parameters.get("id") ?? "", message: nil)
        } }
        router.post("/alerts/:id/decision") { request, context in try await page(request, form: true) { v, form in
            try await decide(v, alertID: context.parameters.get("id") ?? "", form: form)
        } }
        router.get("/photos/:name") { request, context in try await page(request) { v, _ in
            try await photo(v, name: context.parameters.get("name") ?? "")
        } }
        router.get("/sightings/new") { request, _ in try await page(request) { v, _ in ConsoleHTTP.html(FormPages.sighting(viewer: v, result: nil)) } }
        router.post("/sightings/new") { request, _ in try await webSighting(request) }
        router.post("/api/v1/sightings") { request, _ in try await apiSighting(request) }
        router.get("/cases") { request, _ in try await page(request, cases: true) { v, _ in ConsoleHTTP.html(FormPages.cases(viewer: v, message: nil)) } }
        router.post("/cases/show") { request, _ in try await page(request, form: true, cases: true) { v, form in try await showCase(v, form: form) } }
        router.post("/cases/close") { request, _ in try await page(request, form: true, cases: true) { v, form in try await closeCase(v, form: form) } }
        router.post("/cases/reopen") { request, _ in try await page(request, form: true, cases: true) { v, form in try await reopenCase(v, form: form) } }
        router.post("/cases/new") { request, _ in try await registerCase(request) }
    }

    /// The signed-in viewer of a request, or nil.
    func viewer(_ request: Request) async -> Viewer? {
        guard let id = ConsoleHTTP.cookie(request, "hw_session"), let session = await sessions.touch(id: id),
              let user = users.user(named: session.user), user.role.mayUsePages else { return nil }
        return Viewer(user: user, csrf: session.csrf, sessionID: id)
    }

    /// Runs `handler` for a signed-in viewer; with `form`, the body is an
    /// urlencoded form whose CSRF token must match the session's.
    func page(_ request: Request, form: Bool = false, cases: Bool = false,
              _ handler: (Viewer, FormBody) async throws -> Response) async throws -> Response {
        guard let v = await viewer(request) else {
            if request.uri.path.hasPrefix("/api/") || request.uri.path == "/events" {
                return ConsoleHTTP.json("{\"error\":\"unauthenticated\"}", status: 401)
            }
            return ConsoleHTTP.redirect("/signin")
        }
        if cases, !v.user.role.mayManageCases { return forbidden(v) }
        var body = FormBody("")
        if form {
            body = FormBody(String(decoding: try await ConsoleHTTP.body(request, limit: 64 << 10), as: UTF8.self))
            guard ConsoleHTTP.same(body["csrf"] ?? "", v.csrf) else { return csrfRejected() }
        }
        return try await handler(v, body)
    }

    func forbidden(_ v: Viewer) -> Response {
        ConsoleHTTP.html(Html.layout(title: "禁止 Forbidden", page: "error", viewer: v,
                                     body: "<h1>无权限 Not allowed</h1><p>你的角色不能做这件事 Your role may not do this.</p>"), status: .forbidden)
    }

    func csrfRejected() -> Response {
        ConsoleHTTP.text("请求缺少有效的表单令牌 The form token is missing or stale; reload the page and try again.", status: .forbidden)
    }

    func signInPage(error: String?) -> Response {
        let pre = ConsoleUsers.randomHex(bytes: 16)
        return ConsoleHTTP.html(FormPages.signIn(preToken: pre, error: error), status: error == nil ? .ok : .unauthorized,
                                cookies: [ConsoleHTTP.setCookie("hw_pre", pre, secure: secure)])
    }

    /// Sign-in checks a double-submit token (the form's against a pre-session
    /// cookie), so another site cannot sign a browser into an account.
    func signIn(_ request: Request) async throws -> Response {
        let form = FormBody(String(decoding: try await ConsoleHTTP.body(request, limit: 16 << 10), as: UTF8.self))
        guard let pre = ConsoleHTTP.cookie(request, "hw_pre"), ConsoleHTTP.same(form["csrf"] ?? "", pre) else { return csrfRejected() }
        guard let user = users.signIn(name: form["user"] ?? "", password: form["password"] ?? "") else {
            return signInPage(error: "用户名或密码错误 Wrong user or password.")
        }
        let (id, _) = await sessions.open(user: user.name)
        logger.info("console sign-in", metadata: ["user": "\(user.name)", "role": "\(user.role.rawValue)"])
        return ConsoleHTTP.redirect(user.role == .desk ? "/" : "/queue", cookies: [
            ConsoleHTTP.setCookie("hw_session", id, secure: secure), ConsoleHTTP.setCookie("hw_pre", "", secure: secure, maxAge: 0),
        ])
    }

    func status() async throws -> Response {
        let request = HomewardClient.request { $0.status = Homeward_V1_Status() }
        do {
            let s = try await client.call(request).clusterStatus
            let workers = s.workers.map { "{\"id\":\(IntakeAnswer.quote($0.workerID)),\"state\":\(IntakeAnswer.quote("\($0.state)".uppercased()))}" }
            let shards = Set(s.workers.flatMap(\.shards)).count
            return ConsoleHTTP.json("{\"workers\":[\(workers.joined(separator: ","))],\"shards\":\(shards),\"intake\":\(s.intakeQueueDepth),\"urgent\":\(s.urgentQueueDepth),\"bulk\":\(s.bulkQueueDepth),\"openCases\":\(s.openCases),\"alerts\":\(s.alerts)}")
        } catch {
            return ConsoleHTTP.json("{\"error\":\"unavailable\"}", status: 503)
        }
    }
}

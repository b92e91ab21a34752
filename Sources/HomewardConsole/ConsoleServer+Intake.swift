import Foundation
import HomewardClient
import HomewardProtocol
import Hummingbird

extension ConsoleServer {
    /// `POST /api/v1/sightings` (docs/openapi.yaml): multipart with an intake
    /// token (`Authorization: Bearer …`), answered like the ZeroMQ intake.
    func apiSighting(_ request: Request) async throws -> Response {
        let auth = request.headers[.authorization] ?? ""
        guard auth.hasPrefix("Bearer "), let user = users.intakeUser(token: String(auth.dropFirst(7))) else {
            return answer(.problem(status: 401, code: "unauthenticated", field: "", message: "send an intake token: Authorization: Bearer TOKEN"))
        }
        return answer(await submit(request, submitter: user.name))
    }

    /// The console's own sighting form (a signed-in user; CSRF token in the form).
    func webSighting(_ request: Request) async throws -> Response {
        guard let v = await viewer(request) else { return ConsoleHTTP.redirect("/signin") }
        let result = await submit(request, submitter: v.user.name, csrf: v.csrf)
        let text: String
        if result.status == 201 {
            text = "<p class=\"notice\" role=\"status\" id=\"result\">已提交 Submitted: \(Html.esc(result.json))</p>"
        } else {
            text = "<p class=\"error\" role=\"alert\" id=\"result\">未提交 Not submitted (\(result.status)): \(Html.esc(result.json))</p>"
        }
        return ConsoleHTTP.html(FormPages.sighting(viewer: v, result: text), status: HTTPResponse.Status(code: result.status == 201 ? 200 : result.status))
    }

    func answer(_ a: IntakeAnswer) -> Response { ConsoleHTTP.json(a.json, status: a.status, retryAfter: a.retryAfterSeconds) }

    /// Parses, forwards as SubmitSighting, and keeps the photo (sealed) for review.
    func submit(_ request: Request, submitter: String, csrf: String? = nil) async -> IntakeAnswer {
        let bytes: [UInt8]
        do {
            bytes = try await ConsoleHTTP.body(request, limit: ProtocolLimits().maxPhotoBytes + (256 << 10))
        } catch {
            return .problem(status: 413, code: "too_large", field: "photo", message: "the request is larger than a 4 MiB photo and its fields")
        }
        let form: MultipartForm
        do {
            form = try MultipartForm(body: bytes, contentType: request.headers[.contentType] ?? "")
        } catch {
            return .problem(status: 415, code: "unsupported_media_type", field: "", message: error.description)
        }
        if let csrf, !ConsoleHTTP.same(form.value("csrf") ?? "", csrf) {
            return .problem(status: 403, code: "csrf", field: "csrf", message: "the form token is missing or stale; reload the page")
        }
        let now = Clock.now()
        let sighting: SightingForm
        do {
            sighting = try SightingForm(form: form, submitter: submitter, now: now)
        } catch {
            return .problem(status: 422, code: "invalid_argument", field: error.field, message: error.message)
        }
        let call = HomewardClient.request { $0.submitSighting = sighting.submission }
        let accepted: Homeward_V1_SightingAccepted
        do {
            accepted = try await client.call(call).sightingAccepted
        } catch {
            return .failed(error)
        }
        if !accepted.hasRepostOf {
            var details = sighting.details
            details["box"] = await faces.faceBox(sighting.photo)
            do {
                try await vault.keepSighting(sightingID: accepted.sightingID,
                                             item: KeptItem(photo: sighting.photo, contentType: sighting.contentType, details: details), now: now)
            } catch {
                logger.error("could not keep a sighting photo for review", metadata: ["sighting": "\(accepted.sightingID)", "error": "\(error)"])
            }
        }
        return .accepted(accepted)
    }
}

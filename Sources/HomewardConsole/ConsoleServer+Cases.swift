import Foundation
import HomewardClient
import HomewardProtocol
import Hummingbird

extension ConsoleServer {
    /// Show a case: the purpose is asked and goes to the coordinator's audit log.
    func showCase(_ v: Viewer, form: FormBody) async throws -> Response {
        guard let id = UInt64(form["case"] ?? ""), let purpose = form["purpose"]?.trimmingCharacters(in: .whitespaces), !purpose.isEmpty else {
            return ConsoleHTTP.html(FormPages.cases(viewer: v, message: "需要案件号和目的 A case id and a purpose are needed."), status: .unprocessableContent)
        }
        let request = HomewardClient.request { r in
            r.showCase.caseID = id
            r.showCase.operator = v.user.name
            r.showCase.purpose = purpose
        }
        do {
            let shown = try await client.call(request).caseShown
            guard v.user.scope.covers(shown.province) else { return notFound(v) }
            return ConsoleHTTP.html(FormPages.caseCard(viewer: v, shown: shown, photos: await vault.casePhotoNames(caseID: id)))
        } catch .rejected(let e) where e.code == .notFound {
            return notFound(v)
        } catch {
            return ConsoleHTTP.html(FormPages.cases(viewer: v, message: Html.esc(error.description)), status: .badGateway)
        }
    }

    /// Close a case (found or withdrawn). The province check reads the case
    /// first, which the coordinator audits with the stated purpose.
    func closeCase(_ v: Viewer, form: FormBody) async throws -> Response {
        guard let id = UInt64(form["case"] ?? "") else {
            return ConsoleHTTP.html(FormPages.cases(viewer: v, message: "需要案件号 A case id is needed."), status: .unprocessableContent)
        }
        do {
            guard try await inScope(v, caseID: id, purpose: "province check before closing the case in the operator console") else { return notFound(v) }
            let request = HomewardClient.request { r in
                r.closeCase.caseID = id
                r.closeCase.outcome = form["outcome"] == "withdrawn" ? .withdrawn : .found
                r.closeCase.note = form["note"] ?? ""
            }
            _ = try await client.call(request)
            return ConsoleHTTP.html(FormPages.cases(viewer: v, message: "案件 \(id) 已结 Case \(id) closed."))
        } catch .rejected(let e) where e.code == .notFound {
            return notFound(v)
        } catch {
            return ConsoleHTTP.html(FormPages.cases(viewer: v, message: Html.esc(error.description)), status: .badGateway)
        }
    }

    /// Reopen a case closed by mistake; the reason goes to the coordinator's
    /// audit log. The case's alerts are pending again on every page at once
    /// (the stream carries no reopen notice; other consoles learn it from ShowReviews).
    func reopenCase(_ v: Viewer, form: FormBody) async throws -> Response {
        guard let id = UInt64(form["case"] ?? ""), let reason = form["reason"]?.trimmingCharacters(in: .whitespaces), !reason.isEmpty else {
            return ConsoleHTTP.html(FormPages.cases(viewer: v, message: "需要案件号和原因 A case id and a reason are needed."), status: .unprocessableContent)
        }
        do {
            guard try await inScope(v, caseID: id, purpose: "province check before reopening the case in the operator console") else { return notFound(v) }
            let request = HomewardClient.request { r in
                r.reopenCase.caseID = id
                r.reopenCase.reason = reason
            }
            _ = try await client.call(request)
            await hub.reopen(caseID: id)
            return ConsoleHTTP.html(FormPages.cases(viewer: v, message: "案件 \(id) 已重新立案 Case \(id) reopened."))
        } catch .rejected(let e) where e.code == .notFound {
            return notFound(v)
        } catch {
            return ConsoleHTTP.html(FormPages.cases(viewer: v, message: Html.esc(error.description)), status: .badGateway)
        }
    }

    /// Whether a provincial operator's provinces cover the case. The check
    /// reads the case, which the coordinator audits with `purpose`; a national
    /// operator needs no read.
    func inScope(_ v: Viewer, caseID: UInt64, purpose: String) async throws(ClientError) -> Bool {
        if v.user.scope.isNational { return true }
        let check = HomewardClient.request { r in
            r.showCase.caseID = caseID
            r.showCase.operator = v.user.name
            r.showCase.purpose = purpose
        }
        return v.user.scope.covers(try await client.call(check).caseShown.province)
    }

    /// Register a case with photos (multipart); the photos are kept sealed for review.
    func registerCase(_ request: Request) async throws -> Response {
        guard let v = await viewer(request) else { return ConsoleHTTP.redirect("/signin") }
        guard v.user.role.mayManageCases else { return forbidden(v) }
        let limits = ProtocolLimits()
        let form: MultipartForm
        do {
            let bytes = try await ConsoleHTTP.body(request, limit: limits.maxCasePhotos * limits.maxPhotoBytes + (256 << 10))
            form = try MultipartForm(body: bytes, contentType: request.headers[.contentType] ?? "")
        } catch {
            return ConsoleHTTP.html(FormPages.cases(viewer: v, message: "表单无法读取 The form could not be read (at most 8 photos of 4 MiB)."), status: .badRequest)
        }
        guard ConsoleHTTP.same(form.value("csrf") ?? "", v.csrf) else { return csrfRejected() }
        func fail(_ m: String) -> Response { ConsoleHTTP.html(FormPages.cases(viewer: v, message: Html.esc(m)), status: .unprocessableContent) }
        let photos = form.files("photo")
        guard (1...limits.maxCasePhotos).contains(photos.count) else { return fail("需要 1-8 张照片 1-8 photos are needed.") }
        guard let lat = Double(form.value("lat") ?? ""), let lon = Double(form.value("lon") ?? "") else { return fail("最后出现位置无效 Last seen latitude/longitude are numbers.") }
        let birth: Int64, missing: Int64
        do {
            birth = try SightingForm.time(form.value("birth"), now: 0)
            missing = try SightingForm.time(form.value("missing"), now: 0)
        } catch {
            return fail("日期无效 Birth date and missing-since are dates.")
        }
        var r = Homeward_V1_RegisterCase()
        r.personal.childName = form.value("name") ?? ""
        r.personal.guardianContact = form.value("contact") ?? ""
        r.personal.notes = form.value("notes") ?? ""
        r.sex = form.value("sex") == "female" ? .female : form.value("sex") == "male" ? .male : .unknown
        r.birthDate = birth
        r.missingSince = missing
        r.lastSeen.latitude = lat
        r.lastSeen.longitude = lon
        r.markTags = (form.value("marks") ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        r.photos = photos.map { p in
            var f = Homeward_V1_FaceInput()
            f.photo.data = Data(p.body)
            return f
        }
        let call = HomewardClient.request { $0.registerCase = r }
        do {
            let registered = try await client.call(call).caseRegistered
            for (i, p) in photos.enumerated() {
                let type = p.body.starts(with: [0x89, 0x50]) ? "image/png" : "image/jpeg"
                try await vault.keepCasePhoto(caseID: registered.caseID, index: i, item: KeptItem(photo: p.body, contentType: type), now: Clock.now())
            }
            return ConsoleHTTP.html(FormPages.cases(viewer: v, message: "已登记案件 Registered case <span id=\"case-id\">\(registered.caseID)</span> (\(registered.photosAccepted) 张照片有人脸 photos with a face)."))
        } catch let error as ClientError {
            return fail("协调器未接受 The coordinator did not take it: \(error.description)")
        }
    }
}

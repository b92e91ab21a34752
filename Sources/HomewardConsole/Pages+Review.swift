import Foundation
import HomewardProtocol

/// One alert for review: the sighting's photo beside the case's photos, the
/// sighting's other candidates, distance and elapsed time on a small map, age,
/// sex and marks of both sides, and the decision form (keyboard: C confirms,
/// R rejects after a reason). Desks see the same page without photos or form.
struct ReviewPage {
    let viewer: Viewer
    let alert: BoardAlert
    let candidates: [BoardAlert]
    let caseShown: Homeward_V1_CaseShown?
    let sighting: [String: String]?
    let sightingPhoto: Bool
    let casePhotos: [String]
    let map: ProvinceMap
    let now: Int64
    let message: String?

    func render() -> String {
        let role = viewer.user.role
        var photos = ""
        if role.maySeePhotos {
            let box = sighting?["box"].flatMap(FaceBoxText.rect).map {
                "<svg class=\"facebox\" viewBox=\"0 0 100 100\" preserveAspectRatio=\"none\" aria-label=\"人脸 face\">\($0)</svg>"
            } ?? ""
            let sightingImg = sightingPhoto
                ? "<div class=\"photo-box\"><img id=\"sighting-photo\" src=\"/photos/sighting-\(alert.sightingID)\" alt=\"线索照片 Sighting photo\">\(box)</div>"
                : "<p class=\"nophoto\">没有保留线索照片 No sighting photo kept (submitted as embeddings, or past its retention).</p>"
            let caseImgs = casePhotos.isEmpty
                ? "<p class=\"nophoto\">没有保留案件照片 No case photo kept.</p>"
                : casePhotos.map { "<img class=\"case-photo\" src=\"/photos/\($0)\" alt=\"案件照片 Case photo\">" }.joined()
            photos = """
            <section class="photos">
              <figure><figcaption>线索 Sighting #\(alert.sightingID)</figcaption>\(sightingImg)</figure>
              <figure><figcaption>案件 Case #\(alert.caseID)</figcaption>\(caseImgs)</figure>
            </section>
            """
        } else {
            photos = "<p class=\"nophoto\">照片仅供审核员查看 Photos are shown to reviewers only.</p>"
        }
        let body = """
        <h1>\(Html.tier(alert.urgent)) 警报 Alert \(alert.alertID)</h1>
        <div id="decision-state" class="decision" aria-live="assertive">\(decisionText(alert))</div>
        \(message.map { "<p class=\"error\" role=\"alert\">\(Html.esc($0))</p>" } ?? "")
        \(photos)
        <section class="facts">
          <dl>
            <dt>分数 Score</dt><dd>\(String(format: "%.3f", alert.score)) (脸 face \(String(format: "%.3f", alert.face)), 特征 marks \(String(format: "%.2f", alert.marks)))</dd>
            <dt>距离 Distance</dt><dd>\(String(format: "%.1f", alert.distanceKm)) km</dd>
            <dt>失踪后 Elapsed</dt><dd>\(Html.duration(alert.elapsedSeconds))</dd>
            <dt>看到时间 Seen at</dt><dd>\(Html.time(alert.observedAt))</dd>
            <dt>省份 Provinces</dt><dd>\(Html.esc(alert.provinces.map { map.name(of: $0) }.joined(separator: ", ")))</dd>
          </dl>
          \(sides())
          \(miniMap())
        </section>
        \(decisionForm())
        <section><h2>同一线索的其他候选 Other candidates of this sighting</h2>\(candidateList())</section>
        """
        return Html.layout(title: "警报 Alert", page: "review", viewer: viewer, body: body, data: ["alert": alert.alertID])
    }

    func decisionText(_ a: BoardAlert) -> String {
        if let d = a.decision {
            return d.confirmed ? "已确认 Confirmed by \(Html.esc(d.reviewer))" : "已否决 Rejected by \(Html.esc(d.reviewer))"
        }
        return a.caseClosed ? "案件已结 Case closed" : "待审 Pending"
    }

    func sides() -> String {
        var caseCells = ["—", "—", "—"]
        if let c = caseShown {
            let years = Double(now - c.birthDate) / (365.25 * 86_400)
            caseCells = [String(format: "%.1f 岁 years", years), sexText(c.sex), c.markTags.isEmpty ? "—" : c.markTags.joined(separator: ", ")]
        }
        let s = sighting ?? [:]
        let sightingCells = [s["age"] ?? "—", s["sex"] ?? "—", s["marks"].flatMap { $0.isEmpty ? nil : $0 } ?? "—"]
        let rows = zip(["年龄 Age", "性别 Sex", "特征 Marks"], zip(sightingCells, caseCells)).map {
            "<tr><th>\($0.0)</th><td>\(Html.esc($0.1.0))</td><td>\(Html.esc($0.1.1))</td></tr>"
        }.joined()
        return "<table class=\"sides\"><thead><tr><th></th><th>线索 Sighting</th><th>案件 Case</th></tr></thead><tbody>\(rows)</tbody></table>"
    }

    func sexText(_ s: Homeward_V1_Sex) -> String {
        switch s {
        case .female: "女 female"
        case .male: "男 male"
        default: "未知 unknown"
        }
    }

    /// Sighting and the case's last-seen point over the province outlines, zoomed to both.
    func miniMap() -> String {
        let (sx, sy) = ProvinceMap.project(lat: alert.lat, lon: alert.lon)
        var points = [(sx, sy)]
        var caseMark = ""
        if let c = caseShown {
            let (cx, cy) = ProvinceMap.project(lat: c.lastSeen.latitude, lon: c.lastSeen.longitude)
            points.append((cx, cy))
            caseMark = "<line x1=\"\(f(sx))\" y1=\"\(f(sy))\" x2=\"\(f(cx))\" y2=\"\(f(cy))\" class=\"link\"/><circle cx=\"\(f(cx))\" cy=\"\(f(cy))\" r=\"4\" class=\"lastseen\"><title>最后出现 Last seen</title></circle>"
        }
        let minX = points.map { $0.0 }.min()! - 40, maxX = points.map { $0.0 }.max()! + 40
        let minY = points.map { $0.1 }.min()! - 40, maxY = points.map { $0.1 }.max()! + 40
        let shapes = map.provinces.map { "<path class=\"prov\" d=\"\($0.path)\"/>" }.joined()
        return """
        <svg class="minimap" viewBox="\(f(minX)) \(f(minY)) \(f(maxX - minX)) \(f(maxY - minY))" role="img" aria-label="距离地图 Distance map">
        \(shapes)\(caseMark)<circle cx="\(f(sx))" cy="\(f(sy))" r="4" class="seen"><title>线索 Sighting</title></circle></svg>
        <p class="legend"><span class="seen">●</span> 线索 sighting <span class="lastseen">●</span> 最后出现 last seen</p>
        """
    }

    func decisionForm() -> String {
        guard viewer.user.role.mayReview, alert.isPending else { return "" }
        return """
        <form id="decide" method="post" action="/alerts/\(alert.alertID)/decision" class="decide">
          \(Html.csrfField(viewer))
          <label for="reason">理由 Reason (否决时必填 required to reject)</label>
          <textarea id="reason" name="reason" rows="2" maxlength="2000"></textarea>
          <button name="decision" value="confirm" accesskey="c" id="confirm">确认 Confirm (C)</button>
          <button name="decision" value="reject" accesskey="r" id="reject">否决 Reject (R)</button>
        </form>
        """
    }

    func candidateList() -> String {
        let rows = candidates.map { c in
            let me = c.alertID == alert.alertID
            return "<li\(me ? " class=\"current\"" : "")>#\(c.rank) <a href=\"/alerts/\(c.alertID)\">案件 case \(c.caseID)</a> \(String(format: "%.3f", c.score)) · \(String(format: "%.0f", c.distanceKm)) km \(c.decision.map { $0.confirmed ? "✔" : "✘" } ?? "")</li>"
        }.joined()
        return "<ol class=\"candidates\">\(rows)</ol>"
    }

    private func f(_ v: Double) -> String { String(format: "%.1f", v) }
}

import Foundation

/// The live map: provinces as SVG, alert dots placed by the page's script from
/// server-sent events (the first picture comes with the page), filters by
/// province and tier, and the health strip.
enum MapPage {
    static func render(viewer: Viewer, map: ProvinceMap, alerts: [BoardAlert], lastEventID: String) -> String {
        let scope = viewer.user.scope
        let shapes = map.provinces.map { p in
            let mine = scope.covers(p.code)
            return "<path class=\"prov\(mine ? " mine" : "")\" data-code=\"\(p.code)\" d=\"\(p.path)\"><title>\(Html.esc(p.nameZh)) \(Html.esc(p.nameEn))</title></path>"
        }.joined()
        let options = map.provinces.filter { scope.covers($0.code) }.map {
            "<option value=\"\($0.code)\">\(Html.esc($0.nameZh)) \(Html.esc($0.nameEn))</option>"
        }.joined()
        let initial = alerts.map { dot($0) }.joined()
        let feed = alerts.prefix(50).map { feedItem($0, map: map) }.joined()
        let body = """
        <div id="health" class="health" aria-live="polite">健康 Health: …</div>
        <div class="filters">
          <label>省份 Province <select id="f-province"><option value="">全部 All</option>\(options)</select></label>
          <label>级别 Tier <select id="f-tier"><option value="">全部 All</option><option value="urgent">紧急 Urgent</option><option value="review">复核 Review</option></select></label>
          <span id="live" class="live">连接中 connecting…</span>
        </div>
        <div class="mapwrap">
          <svg id="map" viewBox="0 0 \(ProvinceMap.width) \(ProvinceMap.height)" role="img" aria-label="中国省份地图 Map of China's provinces">
            <g id="provinces">\(shapes)</g><g id="dots">\(initial)</g>
          </svg>
          <ol id="feed" class="feed">\(feed)</ol>
        </div>
        """
        return Html.layout(title: "地图 Map", page: "map", viewer: viewer, body: body, data: [
            "min-lon": "\(ProvinceMap.minLon)", "max-lat": "\(ProvinceMap.maxLat)", "scale": "\(ProvinceMap.scale)",
            "lon-factor": "\(ProvinceMap.lonFactor)", "last-event": lastEventID,
        ])
    }

    static func dot(_ a: BoardAlert) -> String {
        let (x, y) = ProvinceMap.project(lat: a.lat, lon: a.lon)
        let state = a.decision.map { $0.confirmed ? " confirmed" : " rejected" } ?? (a.caseClosed ? " closed" : "")
        return "<a href=\"/alerts/\(a.alertID)\" class=\"dot\(a.urgent ? " urgent" : "")\(state)\" data-alert=\"\(a.alertID)\" data-provinces=\"\(a.provinces.joined(separator: " "))\" data-tier=\"\(a.urgent ? "urgent" : "review")\"><circle cx=\"\(String(format: "%.1f", x))\" cy=\"\(String(format: "%.1f", y))\" r=\"\(a.urgent ? 9 : 6)\"><title>\(a.alertID)</title></circle></a>"
    }

    static func feedItem(_ a: BoardAlert, map: ProvinceMap) -> String {
        let state = a.decision.map { $0.confirmed ? "已确认 confirmed" : "已否决 rejected" } ?? (a.caseClosed ? "已结案 closed" : "待审 pending")
        return "<li data-alert=\"\(a.alertID)\" data-provinces=\"\(a.provinces.joined(separator: " "))\" data-tier=\"\(a.urgent ? "urgent" : "review")\">\(Html.tier(a.urgent)) <a href=\"/alerts/\(a.alertID)\">\(a.alertID)</a> \(Html.esc(a.provinces.map { map.name(of: $0) }.joined(separator: ", "))) · \(String(format: "%.0f", a.distanceKm)) km · <span class=\"state\">\(state)</span></li>"
    }
}

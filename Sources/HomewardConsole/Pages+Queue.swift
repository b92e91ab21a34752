/// The review queue: pending alerts of the viewer's provinces, urgent first.
/// The page's script reloads the table (`?fragment=1`) on every live event.
enum QueuePage {
    static func table(_ alerts: [BoardAlert], map: ProvinceMap) -> String {
        guard !alerts.isEmpty else { return "<p id=\"queue\" class=\"empty\">没有待审警报 No pending alerts.</p>" }
        let rows = alerts.map { a in
            """
            <tr data-alert="\(a.alertID)"><td>\(Html.tier(a.urgent))</td><td><a href="/alerts/\(a.alertID)">\(a.alertID)</a></td>
            <td>\(Html.esc(a.provinces.map { map.name(of: $0) }.joined(separator: ", ")))</td>
            <td>\(String(format: "%.3f", a.score))</td><td>\(String(format: "%.0f", a.distanceKm)) km</td>
            <td>\(Html.duration(a.elapsedSeconds))</td><td>#\(a.rank)</td></tr>
            """
        }.joined()
        return """
        <table id="queue"><thead><tr><th>级别 Tier</th><th>警报 Alert</th><th>省份 Provinces</th><th>分数 Score</th>
        <th>距离 Distance</th><th>失踪后 Elapsed</th><th>排名 Rank</th></tr></thead><tbody>\(rows)</tbody></table>
        """
    }

    static func render(viewer: Viewer, alerts: [BoardAlert], map: ProvinceMap) -> String {
        let body = """
        <h1>待审队列 Review queue <small>(\(alerts.count))</small></h1>
        <p class="hint">键盘 Keyboard: Tab 选择 select, Enter 打开 open.</p>
        <div id="queue-wrap">\(table(alerts, map: map))</div>
        """
        return Html.layout(title: "待审 Queue", page: "queue", viewer: viewer, body: body)
    }
}

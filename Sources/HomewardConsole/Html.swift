import Foundation

/// Small helpers for server-rendered pages: escaping and the shared layout.
/// Every label is bilingual (Chinese first, English after).
enum Html {
    static func esc(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for c in s {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(c)
            }
        }
        return out
    }

    /// The page frame: navigation for signed-in users, the CSRF token in a
    /// meta tag for scripts, `page` names the script's behaviour.
    static func layout(title: String, page: String, viewer: Viewer?, body: String, data: [String: String] = [:]) -> String {
        let attrs = data.sorted { $0.key < $1.key }.map { " data-\($0.key)=\"\(esc($0.value))\"" }.joined()
        var nav = ""
        if let v = viewer {
            var links = [("/", "地图 Map"), ("/queue", "待审 Queue")]
            if v.user.role.mayManageCases { links.append(("/cases", "案件 Cases")) }
            links.append(("/sightings/new", "提交线索 Sighting"))
            nav = """
            <nav><strong>寻子 Homeward</strong>
            \(links.map { "<a href=\"\($0.0)\">\($0.1)</a>" }.joined(separator: " "))
            <span class="who">\(esc(v.user.name)) · \(v.user.role.rawValue) · \(v.user.scope.isNational ? "全国 national" : esc(v.user.provinces.joined(separator: ",")))</span>
            <form method="post" action="/signout" class="inline"><input type="hidden" name="csrf" value="\(esc(v.csrf))"><button>退出 Sign out</button></form>
            </nav>
            """
        }
        return """
        <!doctype html>
        <html lang="zh-Hans"><head><meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="csrf" content="\(esc(viewer?.csrf ?? ""))">
        <title>\(esc(title)) · Homeward</title>
        <link rel="stylesheet" href="/static/console.css">
        <script src="/static/console.js" defer></script>
        </head><body data-page="\(page)"\(attrs)>
        \(nav)
        <main>\(body)</main>
        </body></html>
        """
    }

    static func csrfField(_ viewer: Viewer) -> String {
        "<input type=\"hidden\" name=\"csrf\" value=\"\(esc(viewer.csrf))\">"
    }

    static func duration(_ seconds: Int64) -> String {
        let s = max(0, seconds)
        if s < 3600 { return "\(s / 60) 分 min" }
        if s < 172_800 { return "\(s / 3600) 小时 h \((s % 3600) / 60) 分 min" }
        return "\(s / 86_400) 天 days"
    }

    static func time(_ unix: Int64) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "Asia/Shanghai")
        f.dateFormat = "yyyy-MM-dd HH:mm"
        return f.string(from: Date(timeIntervalSince1970: TimeInterval(unix))) + " CST"
    }

    static func tier(_ urgent: Bool) -> String {
        urgent ? "<span class=\"tag urgent\">紧急 URGENT</span>" : "<span class=\"tag review\">复核 review</span>"
    }
}

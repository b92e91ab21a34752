import Foundation
import HomewardProtocol

/// Sign-in, case and sighting forms, and the case card.
enum FormPages {
    static func signIn(preToken: String, error: String?) -> String {
        let body = """
        <h1>寻子控制台 Homeward console</h1>
        <form method="post" action="/signin" class="card narrow">
          <input type="hidden" name="csrf" value="\(Html.esc(preToken))">
          \(error.map { "<p class=\"error\" role=\"alert\">\(Html.esc($0))</p>" } ?? "")
          <label>用户名 User <input name="user" autocomplete="username" required autofocus></label>
          <label>密码 Password <input name="password" type="password" autocomplete="current-password" required></label>
          <button>登录 Sign in</button>
        </form>
        """
        return Html.layout(title: "登录 Sign in", page: "signin", viewer: nil, body: body)
    }

    static func sighting(viewer: Viewer, result: String?) -> String {
        let body = """
        <h1>提交线索 Submit a sighting</h1>
        \(result ?? "")
        <form method="post" action="/sightings/new" enctype="multipart/form-data" class="card">
          \(Html.csrfField(viewer))
          <label>照片 Photo (JPEG/PNG) <input type="file" name="photo" accept="image/jpeg,image/png" required></label>
          <label>纬度 Latitude <input name="lat" inputmode="decimal" required></label>
          <label>经度 Longitude <input name="lon" inputmode="decimal" required></label>
          <label>时间 Time (UTC, 空为现在 empty: now) <input name="time" type="datetime-local"></label>
          <label>年龄 Age (e.g. 6-9) <input name="age"></label>
          <label>性别 Sex <select name="sex"><option value="">未知 unknown</option><option value="female">女 female</option><option value="male">男 male</option></select></label>
          <label>特征 Marks (逗号分隔 comma-separated) <input name="marks"></label>
          <button id="submit-sighting">提交 Submit</button>
        </form>
        """
        return Html.layout(title: "线索 Sighting", page: "sighting", viewer: viewer, body: body)
    }

    static func cases(viewer: Viewer, message: String?) -> String {
        let body = """
        <h1>案件 Cases</h1>
        \(message.map { "<p class=\"notice\" role=\"status\">\($0)</p>" } ?? "")
        <section class="card"><h2>查看 Show a case</h2>
        <form method="post" action="/cases/show">\(Html.csrfField(viewer))
          <label>案件号 Case id <input name="case" inputmode="numeric" required></label>
          <label>目的 Purpose (记入审计 audited) <input name="purpose" required maxlength="500"></label>
          <button>查看 Show</button></form></section>
        <section class="card"><h2>结案 Close a case</h2>
        <form method="post" action="/cases/close">\(Html.csrfField(viewer))
          <label>案件号 Case id <input name="case" inputmode="numeric" required></label>
          <label>结果 Outcome <select name="outcome"><option value="found">找到 found</option><option value="withdrawn">撤回 withdrawn</option></select></label>
          <label>备注 Note <input name="note" maxlength="2000"></label>
          <button>结案 Close</button></form></section>
        <section class="card"><h2>重新立案 Reopen a case</h2>
        <form method="post" action="/cases/reopen">\(Html.csrfField(viewer))
          <label>案件号 Case id <input name="case" inputmode="numeric" required></label>
          <label>原因 Reason (记入审计 audited) <input name="reason" required maxlength="2000"></label>
          <button id="reopen-case">重新立案 Reopen</button></form></section>
        <section class="card"><h2>登记 Register a case</h2>
        <form method="post" action="/cases/new" enctype="multipart/form-data">\(Html.csrfField(viewer))
          <label>儿童姓名 Child's name <input name="name" required maxlength="200"></label>
          <label>监护人联系方式 Guardian contact <input name="contact" required maxlength="500"></label>
          <label>备注 Notes <textarea name="notes" maxlength="4000"></textarea></label>
          <label>性别 Sex <select name="sex"><option value="">未知 unknown</option><option value="female">女 female</option><option value="male">男 male</option></select></label>
          <label>出生日期 Birth date <input name="birth" type="date" required></label>
          <label>失踪时间 Missing since (UTC) <input name="missing" type="datetime-local" required></label>
          <label>最后出现纬度 Last seen latitude <input name="lat" inputmode="decimal" required></label>
          <label>最后出现经度 Last seen longitude <input name="lon" inputmode="decimal" required></label>
          <label>特征 Marks (逗号分隔 comma-separated) <input name="marks"></label>
          <label>照片 Photos (1-8) <input type="file" name="photo" accept="image/jpeg,image/png" multiple required></label>
          <button id="register-case">登记 Register</button></form></section>
        """
        return Html.layout(title: "案件 Cases", page: "cases", viewer: viewer, body: body)
    }

    static func caseCard(viewer: Viewer, shown c: Homeward_V1_CaseShown, photos: [String]) -> String {
        let state: String = switch c.state {
        case .open: "未结 open"
        case .found: "已找到 found"
        case .withdrawn: "已撤回 withdrawn"
        default: "?"
        }
        let body = """
        <h1>案件 Case \(c.caseID) <small>\(state)</small></h1>
        <p class="hint">此次查看已记入审计日志 This reading was recorded in the audit log.</p>
        <dl class="card">
          <dt>姓名 Name</dt><dd>\(Html.esc(c.personal.childName))</dd>
          <dt>监护人 Guardian</dt><dd>\(Html.esc(c.personal.guardianContact))</dd>
          <dt>备注 Notes</dt><dd>\(Html.esc(c.personal.notes))</dd>
          <dt>出生 Born</dt><dd>\(Html.time(c.birthDate))</dd>
          <dt>失踪 Missing since</dt><dd>\(Html.time(c.missingSince))</dd>
          <dt>最后出现 Last seen</dt><dd>\(String(format: "%.4f, %.4f", c.lastSeen.latitude, c.lastSeen.longitude))</dd>
          <dt>特征 Marks</dt><dd>\(Html.esc(c.markTags.joined(separator: ", ")))</dd>
          <dt>照片 Photos</dt><dd>\(c.photoCount)</dd>
        </dl>
        \(viewer.user.role.maySeePhotos ? photos.map { "<img class=\"case-photo\" src=\"/photos/\($0)\" alt=\"案件照片 Case photo\">" }.joined() : "")
        """
        return Html.layout(title: "案件 Case", page: "case", viewer: viewer, body: body)
    }
}

"""Browser tests of the operator console against a real local cluster.

Run by ops/test-console (which builds, makes the venv and passes the binary):
    .venv-console/bin/python ops/console-test/test_console.py BINARY
Chromium is Debian's (/usr/bin/chromium), driven by Playwright for Python.
"""
import re
import sqlite3
import subprocess
import sys
import time
import unittest

import requests
from playwright.sync_api import sync_playwright

from harness import FIXTURES, ROOT, Cluster, launch_browser, sign_in, wait_for
from shedding_coordinator import SheddingCoordinator

GUANGZHOU = (23.13, 113.26)
BINARY = None

CASE_PHOTO = FIXTURES / "dlib-johns/John_Salley/000179_02159509.jpg"
SIGHTING_PHOTO = FIXTURES / "dlib-johns/John_Salley/000183_02159543.jpg"
SECOND_SIGHTING = FIXTURES / "dlib-johns/John_Salley/000186_02159346.jpg"
FORM_SIGHTING = FIXTURES / "dlib-johns/John_Salley/000189_02159361.jpg"
ZMQ_SIGHTING = FIXTURES / "dlib-johns/John_Salley/000190_02159501.jpg"


class ConsoleBrowserTests(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.cluster = Cluster(BINARY, {
            "op": ("operator", []),
            "rev": ("reviewer", ["440000"]),
            "desk-gd": ("desk", ["440000"]),
            "desk-bj": ("desk", ["110000"]),
            "rev-bj": ("reviewer", ["110000"]),
            "feed": ("intake", []),
        }).start()
        try:
            cls.op = cls.cluster.http_session("op")
            cls.cluster.wait_ready(cls.op)
            cls.case_id = cls.cluster.register_case(cls.op, CASE_PHOTO, *GUANGZHOU)
            cls.pw = sync_playwright().start()
            cls.browser = launch_browser(cls.pw)
        except Exception:
            print(cls.cluster.logs(), file=sys.stderr)
            cls.cluster.stop()
            raise

    @classmethod
    def tearDownClass(cls):
        try:
            cls.browser.close()
            cls.pw.stop()
        finally:
            cls.cluster.stop()

    def test_1_live_alert_review_and_decision_reach_the_right_desks(self):
        c = self.cluster
        rev = sign_in(self.browser, c, "rev")
        rev.goto(c.url + "/")
        desk_gd = sign_in(self.browser, c, "desk-gd")
        desk_gd.goto(c.url + "/")
        desk_bj = sign_in(self.browser, c, "desk-bj")
        desk_bj.goto(c.url + "/")
        for page in (rev, desk_gd, desk_bj):
            page.wait_for_selector("#live.on", timeout=5000)

        # An alert appears on the map within 2 s of its submission.
        started = time.monotonic()
        r = c.submit_sighting(c.tokens["feed"], SIGHTING_PHOTO, 23.2, 113.3, sex="male", age="8-11")
        self.assertEqual(r.status_code, 201, r.text)
        sighting_id = r.json()["sighting_id"]
        self.assertTrue(r.json()["durable"])
        dot = rev.wait_for_selector("#dots a.dot.urgent", timeout=2000)
        self.assertLess(time.monotonic() - started, 2.0)
        alert_id = dot.get_attribute("data-alert")
        type(self).confirmed_alert = alert_id
        self.assertEqual(int(alert_id.split("-")[1], 16), sighting_id)
        desk_gd.wait_for_selector(f'#dots [data-alert="{alert_id}"]', timeout=2000)

        # The review page shows both photos, loaded.
        rev.goto(c.url + "/queue")
        rev.wait_for_selector(f'#queue tr[data-alert="{alert_id}"]')
        rev.click(f'#queue a[href="/alerts/{alert_id}"]')
        rev.wait_for_selector("#sighting-photo")
        for selector in ("#sighting-photo", "img.case-photo"):
            wait_for(lambda: rev.eval_on_selector(selector, "img => img.complete && img.naturalWidth > 0"), 5, selector + " loaded")
        self.assertIn("8-11", rev.inner_text("table.sides"))
        desk_gd.goto(c.url + f"/alerts/{alert_id}")
        self.assertEqual(desk_gd.query_selector_all("img"), [])  # desks see no photos
        self.assertIsNone(desk_gd.query_selector("#decide"))

        # Confirm by keyboard; the other desk's page shows it at once.
        # The form's POST then moves the reviewer on: let that navigation end before the next goto.
        with rev.expect_navigation():
            rev.keyboard.press("c")
        # Selectors, not wait_for_function: the console's CSP forbids eval, which Playwright's polling uses.
        desk_gd.wait_for_selector("#decision-state:has-text('Confirmed by rev')", timeout=2000)
        rev.goto(c.url + "/queue")
        self.assertIsNone(rev.query_selector(f'#queue tr[data-alert="{alert_id}"]'))

        # The Beijing desk never sees it: not on its map, not in its queue, not by URL.
        self.assertEqual(desk_bj.query_selector_all(f'[data-alert="{alert_id}"]'), [])
        desk_bj.goto(c.url + "/queue")
        self.assertNotIn(alert_id, desk_bj.content())
        self.assertEqual(desk_bj.goto(c.url + f"/alerts/{alert_id}").status, 404)
        rev_bj = c.http_session("rev-bj")
        self.assertEqual(rev_bj.get(c.url + f"/photos/sighting-{sighting_id}").status_code, 404)
        self.assertEqual(rev_bj.get(c.url + f"/photos/case-{self.case_id}-0").status_code, 404)
        desk = c.http_session("desk-gd")
        self.assertEqual(desk.get(c.url + f"/photos/sighting-{sighting_id}").status_code, 403)
        with rev_bj.get(c.url + "/events", stream=True, timeout=5) as events:
            head = next(events.iter_content(chunk_size=None)).decode()
        self.assertNotIn(alert_id, head)

    def test_2_web_form_sighting(self):
        c = self.cluster
        rev = sign_in(self.browser, c, "rev")
        rev.goto(c.url + "/sightings/new")
        rev.set_input_files("input[name=photo]", str(FORM_SIGHTING))
        rev.fill("input[name=lat]", "23.1")
        rev.fill("input[name=lon]", "113.2")
        rev.fill("input[name=marks]", "")
        rev.click("#submit-sighting")
        rev.wait_for_selector("#result")
        self.assertIn("sighting_id", rev.inner_text("#result"))

    def test_3_reconnect_catches_up_without_a_gap(self):
        c = self.cluster
        rev = c.http_session("rev")

        def first_ids(headers):
            with rev.get(c.url + "/events", headers=headers, stream=True, timeout=5) as r:
                text = ""
                for chunk in r.iter_content(chunk_size=None):
                    text += chunk.decode()
                    if text.count("\nid: ") >= 1 or text.startswith("id: "):
                        break
            return [line[4:] for line in text.splitlines() if line.startswith("id: ")]

        ids = first_ids({})
        self.assertTrue(ids)
        last = ids[-1]
        # A new alert while "disconnected"; reconnecting from the last id gets exactly it.
        r = c.submit_sighting(c.tokens["feed"], SECOND_SIGHTING, 23.15, 113.25)
        self.assertEqual(r.status_code, 201, r.text)
        sighting_id = r.json()["sighting_id"]
        with rev.get(c.url + "/events", headers={"Last-Event-ID": last}, stream=True, timeout=5) as events:
            text = ""
            deadline = time.monotonic() + 5
            for chunk in events.iter_content(chunk_size=None):
                text += chunk.decode()
                if f"{sighting_id:016x}" in text or time.monotonic() > deadline:
                    break
        epoch, n = last.rsplit("-", 1)
        replayed = [line[4:] for line in text.splitlines() if line.startswith("id: ")]
        self.assertTrue(replayed, text)
        self.assertEqual(replayed[0], f"{epoch}-{int(n) + 1}")
        self.assertIn(f"{sighting_id:016x}", text)

    def test_4_web_intake_api_answers_like_the_zeromq_intake(self):
        c = self.cluster
        token = c.tokens["feed"]
        url = c.url + "/api/v1/sightings"
        self.assertEqual(requests.post(url, files={"photo": ("a.jpg", SIGHTING_PHOTO.read_bytes())}).status_code, 401)
        self.assertEqual(requests.post(url, headers={"Authorization": "Bearer " + "0" * 64}).status_code, 401)
        r = requests.post(url, headers={"Authorization": "Bearer " + token}, data="x", timeout=10)
        self.assertEqual(r.status_code, 415)
        r = c.submit_sighting(token, SIGHTING_PHOTO, 123, 113.3)
        self.assertEqual((r.status_code, r.json()["field"]), (422, "lat"))
        r = requests.post(url, headers={"Authorization": "Bearer " + token}, data={"lat": "23", "lon": "113"},
                          files={"photo": ("a.gif", b"GIF89a....")})
        self.assertEqual((r.status_code, r.json()["field"]), (422, "photo"))
        # The same photo again is a repost of the first sighting.
        first = c.submit_sighting(token, SIGHTING_PHOTO, 23.2, 113.3)
        self.assertEqual(first.status_code, 201, first.text)
        self.assertIsNotNone(first.json()["repost_of"], first.text)
        # A signed-in page's form needs its CSRF token.
        op = c.http_session("op")
        r = op.post(c.url + "/cases/close", data={"case": str(self.case_id), "outcome": "found"})
        self.assertEqual(r.status_code, 403)

    def queue_ids(self, session):
        page = session.get(self.cluster.url + "/queue?fragment=1").text
        return [part.split('"')[0] for part in page.split('<tr data-alert="')[1:]]

    def test_5_close_and_reopen_a_case(self):
        c = self.cluster
        prefix = f"{self.case_id:016x}-"
        rev = c.http_session("rev")
        wait_for(lambda: any(i.startswith(prefix) for i in self.queue_ids(rev)), 10, "a pending alert of the case")
        op = sign_in(self.browser, c, "op")
        op.goto(c.url + "/cases")
        op.fill('form[action="/cases/close"] input[name=case]', str(self.case_id))
        op.click('form[action="/cases/close"] button')
        op.wait_for_selector("p.notice:has-text('closed')")
        # The closure reaches the board through the alert stream (CaseClosed).
        wait_for(lambda: not [i for i in self.queue_ids(rev) if i.startswith(prefix)], 5, "the case's alerts to leave the queue")
        # A reason is required; reviewers may not reopen; a foreign CSRF token is refused.
        api = c.http_session("op")
        self.assertEqual(c.csrf_post(api, "/cases/reopen", {"case": str(self.case_id), "reason": " "}).status_code, 422)
        self.assertEqual(c.csrf_post(rev, "/cases/reopen", {"case": str(self.case_id), "reason": "x"}).status_code, 403)
        self.assertEqual(api.post(c.url + "/cases/reopen", data={"case": str(self.case_id), "reason": "x"}).status_code, 403)
        op.goto(c.url + "/cases")
        op.fill('form[action="/cases/reopen"] input[name=case]', str(self.case_id))
        op.fill('form[action="/cases/reopen"] input[name=reason]', "closed by mistake: wrong case id")
        op.click("#reopen-case")
        op.wait_for_selector("p.notice:has-text('reopened')")
        # Its undecided alerts are pending again, for every reviewer at once.
        wait_for(lambda: [i for i in self.queue_ids(rev) if i.startswith(prefix)], 5, "the case's alerts back in the queue")
        # The coordinator audited it under the console's key.
        audit = subprocess.run([c.binary, "audit", "show", "--config", str(ROOT / "cluster-config/local.json"),
                                "--database", str(c.dir / "coordinator.sqlite")], capture_output=True, text=True, check=True)
        self.assertIn(f"reopen-case\tcase:{self.case_id}", audit.stdout)

    def test_6_review_state_survives_a_restart_and_cli_decisions(self):
        c = self.cluster
        rev = c.http_session("rev")
        pending = self.queue_ids(rev)
        self.assertGreaterEqual(len(pending), 2, "test_2 and test_3 leave two pending alerts")
        decided_by_cli, still_pending = pending[0], pending[1:]
        # A decision made with the CLI shows as decided in the console.
        out = c.cli("review", decided_by_cli, "--reject", "--reason", "not the same child")
        self.assertEqual(out.returncode, 0, out.stderr)
        wait_for(lambda: decided_by_cli not in self.queue_ids(rev), 10, "the CLI decision to reach the console")
        self.assertIn("已否决 Rejected", rev.get(c.url + f"/alerts/{decided_by_cli}").text)
        # After a restart the queue shows what is pending and what was decided.
        c.restart_console()
        rev = c.http_session("rev")
        wait_for(lambda: self.queue_ids(rev) == still_pending, 15, "the queue to come back as before the restart")
        self.assertIn("已否决 Rejected by reviewer", rev.get(c.url + f"/alerts/{decided_by_cli}").text)
        self.assertIn("已确认 Confirmed by console/rev", rev.get(c.url + f"/alerts/{self.confirmed_alert}").text)

    def test_7_a_zeromq_sighting_photo_is_kept_for_review(self):
        # Submitted with the CLI (ZeroMQ), not through the console: the
        # coordinator keeps the photo, sealed, and the review page shows it,
        # with the age, sex and marks the CLI sent (read with ShowSighting).
        c = self.cluster
        out = c.cli("sighting", "submit", "--lat", "23.12", "--lon", "113.27", "--photo", str(ZMQ_SIGHTING), "--sex", "male",
                    "--age", "7.5-10", "--marks", "scar-arm,glasses")
        self.assertEqual(out.returncode, 0, out.stderr)
        sighting_id = int(re.search(r"sighting_id: (\d+)", out.stdout).group(1))
        rev_http = c.http_session("rev")
        suffix = f"-{sighting_id:016x}"
        alert_id = wait_for(lambda: next((i for i in self.queue_ids(rev_http) if i.endswith(suffix)), None), 10, "the CLI sighting's alert")
        with sqlite3.connect(f"file:{c.dir / 'coordinator.sqlite'}?mode=ro", uri=True) as db:
            (kept,) = db.execute("SELECT photo FROM kept_sighting_photos WHERE sighting_id = ?", (sighting_id,)).fetchone()
            (case_photo,) = db.execute("SELECT photo FROM kept_case_photos WHERE case_id = ? AND idx = 0", (self.case_id,)).fetchone()
        photo = ZMQ_SIGHTING.read_bytes()
        self.assertNotIn(photo[:64], kept, "the kept photo must be sealed")
        self.assertNotEqual(kept[:3], b"\xff\xd8\xff")
        self.assertNotEqual(case_photo[:3], b"\xff\xd8\xff")
        rev = sign_in(self.browser, c, "rev")
        rev.goto(c.url + f"/alerts/{alert_id}")
        for selector in ("#sighting-photo", "img.case-photo"):
            wait_for(lambda: rev.eval_on_selector(selector, "img => img.complete && img.naturalWidth > 0"), 5, selector + " loaded")
        cells = {row.query_selector("th").inner_text(): [td.inner_text() for td in row.query_selector_all("td")]
                 for row in rev.query_selector_all("table.sides tbody tr")}
        self.assertEqual(cells["年龄 Age"][0], "7.5-10 岁 years", cells)
        self.assertEqual(cells["性别 Sex"][0], "男 male", cells)
        self.assertEqual(cells["特征 Marks"][0], "scar-arm, glasses", cells)
        self.assertEqual(rev_http.get(c.url + f"/photos/sighting-{sighting_id}").content, photo)
        self.assertEqual(c.http_session("desk-gd").get(c.url + f"/photos/sighting-{sighting_id}").status_code, 403)
        self.assertEqual(c.http_session("rev-bj").get(c.url + f"/photos/sighting-{sighting_id}").status_code, 404)
        audit = subprocess.run([c.binary, "audit", "show", "--config", str(ROOT / "cluster-config/local.json"),
                                "--database", str(c.dir / "coordinator.sqlite")], capture_output=True, text=True, check=True)
        self.assertIn(f"console/rev\tconsole\tread-photos\tsighting:{sighting_id}", audit.stdout)

    def test_9_sigterm_ends_open_event_streams(self):
        # Last: it stops the console. An open page must not hold the shutdown.
        c = self.cluster
        rev = c.http_session("rev")
        stream = rev.get(c.url + "/events", stream=True, timeout=30)
        next(stream.iter_content(chunk_size=None))
        console = dict(c.procs)["console"]
        console.terminate()
        console.wait(timeout=10)
        self.assertEqual(console.returncode, 0, c.logs())
        stream.close()


class IntakeSheddingTests(unittest.TestCase):
    """The web intake answers 429 with Retry-After when the coordinator sheds
    (a stand-in coordinator that sheds every sighting; a real HTTP client)."""

    def test_web_intake_answers_429_with_retry_after_when_the_coordinator_sheds(self):
        fake = SheddingCoordinator(retry_after_ms=2500)
        cluster = Cluster(BINARY, {"feed": ("intake", [])})
        try:
            cluster.start_console(fake.client_endpoint, fake.alerts_endpoint, keys=False)
            r = cluster.submit_sighting(cluster.tokens["feed"], SIGHTING_PHOTO, 23.2, 113.3)
            self.assertEqual(r.status_code, 429, r.text)
            self.assertEqual(r.headers.get("Retry-After"), "3")
            self.assertEqual(r.json()["error"], "retry_later")
            self.assertEqual(fake.submissions, 1)
        except Exception:
            print(cluster.logs(), file=sys.stderr)
            raise
        finally:
            cluster.stop()
            fake.stop()


if __name__ == "__main__":
    BINARY = sys.argv[1]
    unittest.main(argv=[sys.argv[0], "-v"])

"""Screenshots of the console for docs/console.md: a local cluster with a few
cases and sightings (fixture photos of adults standing in for children), the
national reviewer's map, the queue, a review page, the operator's cases page,
and the map on a phone.
Usage (ops/console-screenshots DIR): python screenshots.py BINARY DIR"""
import sys
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

from harness import FIXTURES, Cluster, launch_browser, sign_in, wait_for

J = FIXTURES / "dlib-johns"
F = FIXTURES / "face_recognition"
# (case photo, last seen, hours missing, sighting photo, sighting place)
STORIES = [
    (J / "John_Salley/000179_02159509.jpg", (23.13, 113.26), 3, J / "John_Salley/000183_02159543.jpg", (23.02, 113.75)),
    (J / "John_Savage/000264_01099001.jpg", (39.90, 116.40), 24 * 40, J / "John_Savage/000274_01099061.jpg", (39.08, 117.20)),
    (J / "John_Schneider/" , (30.66, 104.06), 5, None, (29.56, 106.55)),
    (F / "obama/obama.jpg", (31.23, 121.47), 24 * 5, F / "obama/obama2.jpg", (30.27, 120.15)),
    (F / "biden/biden.jpg", (34.34, 108.94), 10, F / "biden/biden2.jpg", (34.75, 113.62)),
]


def main(binary, out):
    out = Path(out)
    cluster = Cluster(binary, {"op": ("operator", []), "rev": ("reviewer", []), "feed": ("intake", [])}).start()
    try:
        op = cluster.http_session("op")
        cluster.wait_ready(op)
        sightings = []
        for photo, seen, hours, sighting, place in STORIES:
            if photo.is_dir():
                files = sorted(photo.iterdir())
                photo, sighting = files[0], files[1]
            cluster.register_case(op, photo, *seen, missing_hours_ago=hours)
            sightings.append((sighting, place))
        with sync_playwright() as pw:
            browser = launch_browser(pw)
            rev = sign_in(browser, cluster, "rev")
            rev.goto(cluster.url + "/")
            rev.wait_for_selector("#live.on")
            for sighting, place in sightings:
                r = cluster.submit_sighting(cluster.tokens["feed"], sighting, *place, age="7-10", sex="male")
                assert r.status_code == 201, r.text
                time.sleep(0.3)
            wait_for(lambda: len(rev.query_selector_all("#dots a.dot")) >= 3, 10, "alerts on the map")
            rev.wait_for_timeout(5500)  # the health strip's next poll counts the new alerts
            rev.wait_for_selector("#health:has-text('Workers')")
            rev.screenshot(path=str(out / "map.png"))
            rev.goto(cluster.url + "/queue")
            rev.screenshot(path=str(out / "queue.png"))
            rev.click("#queue tbody tr a")
            rev.wait_for_selector("#decide")
            rev.wait_for_timeout(500)
            rev.screenshot(path=str(out / "review.png"), full_page=True)
            cases = sign_in(browser, cluster, "op")
            cases.goto(cluster.url + "/cases")
            cases.screenshot(path=str(out / "cases.png"), full_page=True)
            phone = sign_in(browser, cluster, "rev", viewport={"width": 390, "height": 844})
            phone.goto(cluster.url + "/")
            phone.wait_for_selector("#live.on")
            phone.screenshot(path=str(out / "phone-map.png"))
            browser.close()
        print(f"screenshots in {out}")
    except Exception:
        print(cluster.logs(), file=sys.stderr)
        raise
    finally:
        cluster.stop()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])

"""A real local cluster (coordinator + two workers, separate processes on
loopback, ephemeral ports) plus `homeward console`, for the browser tests and
the screenshots. Everything runs from one temporary folder and is stopped by
process id on exit."""
import json
import os
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "Tests/PhotoPipelineTests/Fixtures"
PASSWORD = "console-test-password"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(predicate, timeout, what):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.1)
    raise TimeoutError(f"timed out after {timeout}s waiting for {what}")


class Cluster:
    """`users` maps name -> (role, provinces); intake users get tokens in `tokens`."""

    def __init__(self, binary, users, retention_days=30):
        self.binary = str(binary)
        self.dir = Path(tempfile.mkdtemp(prefix="homeward-console-"))
        self.procs = []
        self.tokens = {}
        self.users = users
        self.retention_days = retention_days

    def _spawn(self, name, args):
        log = open(self.dir / f"{name}.log", "a")
        p = subprocess.Popen([self.binary] + args, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        log.close()  # the child holds its own descriptor
        self.procs.append((name, p))
        return p

    def start(self):
        config = ROOT / "cluster-config/local.json"
        endpoints = self.dir / "endpoints"
        # CURVE on every socket (issue 13): the config's keys, the console's among them.
        subprocess.run([self.binary, "keys", "init", "--config", str(config)], check=True, capture_output=True)
        self._spawn("coordinator", ["coordinator", "--config", str(config), "--database", str(self.dir / "coordinator.sqlite"),
                                    "--ephemeral-ports", "--endpoints-file", str(endpoints)])
        wait_for(lambda: endpoints.exists() and len(endpoints.read_text().split()) == 4, 120, "the coordinator's endpoints")
        client, alerts, workers, control = endpoints.read_text().split()
        for w in ("w1", "w2"):
            self._spawn(w, ["worker", "--config", str(config), "--id", w, "--coordinator", workers, "--control", control, "--matchers", "1"])
        self.client_endpoint = client
        return self.start_console(client, alerts, keys=True)

    def cli(self, *args):
        """A `homeward` client command against this cluster (the local config's keys)."""
        return subprocess.run([self.binary, *args, "--config", str(ROOT / "cluster-config/local.json"),
                               "--endpoint", self.client_endpoint], capture_output=True, text=True, timeout=60)

    def start_console(self, client, alerts, keys):
        """The console alone, against `client`/`alerts` (with `keys`: the local
        cluster's CURVE keys; without: plain text, for a stand-in coordinator)."""
        console_config = self.dir / "console.json"
        settings = {
            "host": "127.0.0.1", "port": 0, "clientEndpoint": client, "alertsEndpoint": alerts,
            "geoDirectory": str(ROOT / "cluster-config/geo"), "usersFile": "users.json",
            "photos": {"directory": "photos", "keyFile": "keys/photo.key", "retentionDays": self.retention_days},
        }
        if keys:
            settings["keys"] = {"directory": str(ROOT / "var/local/keys")}
        console_config.write_text(json.dumps(settings))
        for name, (role, provinces) in self.users.items():
            out = subprocess.run([self.binary, "console", "user", "add", "--config", str(console_config), "--name", name,
                                  "--role", role, "--provinces", ",".join(provinces)],
                                 input=PASSWORD + "\n", capture_output=True, text=True, check=True)
            if role == "intake":
                self.tokens[name] = out.stdout.strip()
        return self._run_console()

    def _run_console(self):
        port_file = self.dir / "console.port"
        port_file.unlink(missing_ok=True)
        self._spawn("console", ["console", "--config", str(self.dir / "console.json"), "--port", str(free_port()), "--port-file", str(port_file)])
        port = wait_for(lambda: port_file.exists() and port_file.read_text().strip(), 60, "the console")
        self.url = f"http://127.0.0.1:{port}"
        return self

    def restart_console(self):
        """Stops the console (SIGTERM) and starts it again on the same folder:
        its sessions and board are gone; users, photos and the coordinator stay."""
        console = dict(self.procs)["console"]
        console.terminate()
        console.wait(timeout=10)
        return self._run_console()

    def csrf_post(self, session, path, data, page="/cases"):
        return session.post(self.url + path, data=dict(data, csrf=self.csrf(session, page)))

    def wait_ready(self, session):
        def ready():
            r = session.get(self.url + "/api/status")
            if r.status_code != 200:
                return False
            s = r.json()
            return len(s["workers"]) == 2 and all(w["state"] == "READY" for w in s["workers"])
        wait_for(ready, 120, "two ready workers")

    def http_session(self, user):
        """A requests session signed in as `user` (for setup and API checks)."""
        s = requests.Session()
        r = s.get(self.url + "/signin")
        token = r.text.split('name="csrf" value="')[1].split('"')[0]
        r = s.post(self.url + "/signin", data={"csrf": token, "user": user, "password": PASSWORD})
        assert r.status_code == 200 and "hw_session" in s.cookies, f"sign-in of {user} failed: {r.status_code}"
        return s

    def csrf(self, session, path="/"):
        return session.get(self.url + path).text.split('<meta name="csrf" content="')[1].split('"')[0]

    def register_case(self, session, photo, lat, lon, missing_hours_ago=2, sex="male", marks=""):
        now = time.time()
        missing = time.strftime("%Y-%m-%dT%H:%M", time.gmtime(now - missing_hours_ago * 3600))
        birth = time.strftime("%Y-%m-%d", time.gmtime(now - 9 * 365 * 86400))
        files = {"photo": (Path(photo).name, Path(photo).read_bytes(), "image/jpeg")}
        data = {"csrf": self.csrf(session, "/cases"), "name": "Test Child", "contact": "test guardian 000", "notes": "",
                "sex": sex, "birth": birth, "missing": missing, "lat": str(lat), "lon": str(lon), "marks": marks}
        r = session.post(self.url + "/cases/new", data=data, files=files)
        assert r.status_code == 200 and 'id="case-id"' in r.text, f"case registration failed: {r.status_code} {r.text[-400:]}"
        return int(r.text.split('id="case-id">')[1].split("<")[0])

    def submit_sighting(self, token, photo, lat, lon, **fields):
        files = {"photo": (Path(photo).name, Path(photo).read_bytes(), "image/jpeg")}
        data = {"lat": str(lat), "lon": str(lon)}
        data.update({k: str(v) for k, v in fields.items()})
        return requests.post(self.url + "/api/v1/sightings", headers={"Authorization": "Bearer " + token}, data=data, files=files)

    def stop(self):
        for _, p in reversed(self.procs):
            if p.poll() is None:
                p.terminate()
        for name, p in reversed(self.procs):
            try:
                p.wait(timeout=10)
            except subprocess.TimeoutExpired:
                p.kill()
                p.wait()
                print(f"{name} did not stop within 10 s of SIGTERM", flush=True)
        if not os.environ.get("HOMEWARD_KEEP_TEST_DIR"):
            shutil.rmtree(self.dir, ignore_errors=True)

    def logs(self):
        return "\n".join(f"--- {name} ---\n" + (self.dir / f"{name}.log").read_text()[-3000:] for name, _ in self.procs)


def launch_browser(playwright):
    return playwright.chromium.launch(executable_path=os.environ.get("CHROMIUM", "/usr/bin/chromium"),
                                      args=["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"])


def sign_in(browser, cluster, user, viewport=None):
    context = browser.new_context(viewport=viewport or {"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(cluster.url + "/signin")
    page.fill("input[name=user]", user)
    page.fill("input[name=password]", PASSWORD)
    page.click("button")
    page.wait_for_load_state()
    assert "/signin" not in page.url, f"{user} could not sign in"
    return page

#!/usr/bin/env python3
"""Homeward example client: registers a case, submits a sighting of the same
child, and waits for the alert on the province's alert stream.

    pip install -r requirements.txt
    python client.py --client tcp://127.0.0.1:7700 --alerts tcp://127.0.0.1:7701 --province 110000

Exit status 0 when the alert for (case, sighting) arrives, 1 otherwise.
Everything sent is synthetic; no real personal data.
"""

import argparse
import math
import os
import random
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from homeward_client import AlertSubscriber, HomewardClient, alert_id  # noqa: E402
from homeward.v1 import client_pb2, common_pb2  # noqa: E402


def synthetic_embedding(seed, noise=0.0, base_seed=None):
    """A 128-d unit vector; with noise, a perturbed copy of seed's vector."""
    rng = random.Random(seed)
    values = [rng.gauss(0, 1) for _ in range(128)]
    if noise:
        jitter = random.Random(base_seed if base_seed is not None else seed + 1)
        values = [v + jitter.gauss(0, noise) for v in values]
    norm = math.sqrt(sum(v * v for v in values))
    return [v / norm for v in values]


def curve_from_args(args):
    if not args.server_key:
        return None
    return dict(server_key=args.server_key, public_key=args.public_key, secret_key=args.secret_key)


def curve_from_keys_dir(keys_dir, name):
    """CURVE settings for key NAME of a `homeward keys` folder: NAME.key
    (secret), NAME.pub and the coordinator's coordinator.pub."""
    import os

    def read(file):
        with open(os.path.join(keys_dir, file)) as f:
            return f.read().strip()
    return dict(server_key=read("coordinator.pub"), public_key=read(name + ".pub"), secret_key=read(name + ".key"))


def run(args):
    now = int(time.time())
    # Roles (docs/security.md): intake registers and submits; a desk receives
    # alerts and catches up. One key each, so two connections.
    if args.keys_dir:
        intake_curve = curve_from_keys_dir(args.keys_dir, args.intake_key)
        desk_curve = curve_from_keys_dir(args.keys_dir, args.desk_key)
    else:
        intake_curve = desk_curve = curve_from_args(args)
    client = HomewardClient(args.client, curve=intake_curve, timeout_s=args.request_timeout)
    desk = HomewardClient(args.client, curve=desk_curve, timeout_s=args.request_timeout)
    subscriber = AlertSubscriber(args.alerts, desk, [args.province], curve=desk_curve)
    try:
        birth = (now - 6 * 365 * 86400) // 86400 * 86400  # midnight UTC, about 6 years ago
        seed = args.seed
        case = client.register_case(
            personal=client_pb2.CasePersonal(
                child_name="Example Child %d" % seed, guardian_contact="example-guardian@invalid",
                home_province=args.province),
            sex=common_pb2.SEX_FEMALE,
            birth_date=birth,
            missing_since=now - 1800,
            last_seen=common_pb2.LatLon(latitude=args.lat, longitude=args.lon),
            mark_tags=args.mark,
            photos=[client_pb2.FaceInput(embedding=client_pb2.Embedding(values=synthetic_embedding(seed)))],
        )
        print("registered case %d" % case.case_id)
        sighting = client.submit_sighting(
            observed_at=now,
            location=common_pb2.LatLon(latitude=args.lat + 0.05, longitude=args.lon + 0.05),
            sex=common_pb2.SEX_FEMALE,
            estimated_age=common_pb2.AgeRange(lo_years=4, hi_years=8),
            mark_tags=args.mark,
            faces=[client_pb2.FaceInput(embedding=client_pb2.Embedding(
                values=synthetic_embedding(seed, noise=0.05)))],
            submitter="example-client",
        )
        print("submitted sighting %d (durable=%s)" % (sighting.sighting_id, sighting.durable))
        wanted = alert_id(case.case_id, sighting.sighting_id)
        deadline = time.monotonic() + args.timeout
        while time.monotonic() < deadline:
            got = subscriber.next_event(deadline - time.monotonic())
            if got is None:
                break
            topic, event = got
            if event.WhichOneof("event") == "alert" and event.alert.alert_id == wanted:
                a = event.alert
                print("alert %s topic %s seq %d score %.3f face %.3f tier %s" % (
                    a.alert_id, topic, a.sequence, a.score, a.face,
                    a.Tier.Name(a.tier)))
                return 0
        print("no alert %s within %.0f s" % (wanted, args.timeout), file=sys.stderr)
        return 1
    finally:
        subscriber.close()
        desk.close()
        client.close()


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--client", required=True, help="coordinator client endpoint (ROUTER), e.g. tcp://127.0.0.1:7700")
    p.add_argument("--alerts", required=True, help="coordinator alert endpoint (PUB), e.g. tcp://127.0.0.1:7701")
    p.add_argument("--province", default="110000", help="6-digit province code of the case and sighting")
    p.add_argument("--lat", type=float, default=39.9042, help="last-seen latitude (default Beijing)")
    p.add_argument("--lon", type=float, default=116.4074, help="last-seen longitude")
    p.add_argument("--mark", action="append", default=[], help="mark tag (repeatable; must be in the vocabulary)")
    p.add_argument("--seed", type=int, default=1, help="seed of the synthetic face")
    p.add_argument("--timeout", type=float, default=20.0, help="seconds to wait for the alert")
    p.add_argument("--request-timeout", type=float, default=5.0, help="seconds per request attempt")
    p.add_argument("--keys-dir", help="CURVE: a `homeward keys` folder (coordinator.pub, NAME.key, NAME.pub)")
    p.add_argument("--intake-key", default="intake", help="with --keys-dir: the key that registers and submits")
    p.add_argument("--desk-key", default="desk", help="with --keys-dir: the key that receives alerts and catches up")
    p.add_argument("--server-key", help="CURVE: coordinator public key (Z85)")
    p.add_argument("--public-key", help="CURVE: this client's public key (Z85)")
    p.add_argument("--secret-key", help="CURVE: this client's secret key (Z85)")
    return run(p.parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Checks the Python side of the protocol without a cluster:

1. The golden fixtures in ./fixtures were written by the Swift encoder
   (Tests/HomewardProtocolTests/GoldenFixtureTests.swift); Python builds the
   same messages and must produce and parse exactly those bytes.
2. client.py runs end to end against a small in-process stand-in for the
   coordinator (ROUTER + PUB on loopback), once with the live alert delivered
   and once with it lost, so the catch-up path must find it.

    python -m unittest test_interop -v
"""

import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import zmq  # noqa: E402

import client as example  # noqa: E402
from homeward_client import CLIENT_TAG, alert_id, decode_alert_message  # noqa: E402
from homeward.v1 import alerts_pb2, client_pb2, common_pb2  # noqa: E402

EMBEDDING = [((i % 7) - 3) * 0.25 for i in range(128)]


def golden(name):
    with open(os.path.join(HERE, "fixtures", name), "rb") as f:
        return f.read()


class GoldenFixtureTest(unittest.TestCase):
    def test_register_case(self):
        r = client_pb2.Request(protocol_version=1, request_id="golden-1")
        c = r.register_case
        c.personal.child_name = "Golden Child"
        c.personal.guardian_contact = "guardian@example.org"
        c.personal.home_province = "110000"
        c.sex = common_pb2.SEX_FEMALE
        c.birth_date = 1577836800
        c.missing_since = 1795906800
        c.last_seen.latitude, c.last_seen.longitude = 39.9042, 116.4074
        c.mark_tags.append("scar_left_cheek")
        c.photos.add().embedding.values.extend(EMBEDDING)
        self.assertEqual(r.SerializeToString(), golden("request_register_case.bin"))
        parsed = client_pb2.Request.FromString(golden("request_register_case.bin"))
        self.assertEqual(parsed, r)
        self.assertEqual(list(parsed.register_case.photos[0].embedding.values), EMBEDDING)

    def test_submit_sighting(self):
        r = client_pb2.Request(protocol_version=1, request_id="golden-2")
        s = r.submit_sighting
        s.observed_at = 1795910000
        s.location.latitude, s.location.longitude = 31.2304, 121.4737
        s.sex = common_pb2.SEX_FEMALE
        s.estimated_age.lo_years, s.estimated_age.hi_years = 5, 8
        s.mark_tags.append("scar_left_cheek")
        s.faces.add().embedding.values.extend(EMBEDDING)
        s.submitter = "volunteer-1"
        self.assertEqual(r.SerializeToString(), golden("request_submit_sighting.bin"))

    def test_reply(self):
        reply = client_pb2.Reply.FromString(golden("reply_sighting_accepted.bin"))
        self.assertEqual(reply.request_id, "golden-2")
        self.assertEqual(reply.WhichOneof("result"), "sighting_accepted")
        self.assertEqual(reply.sighting_accepted.sighting_id, 77)
        self.assertTrue(reply.sighting_accepted.durable)
        self.assertFalse(reply.sighting_accepted.HasField("repost_of"))
        self.assertEqual(reply.SerializeToString(), golden("reply_sighting_accepted.bin"))

    def test_alert_event(self):
        topic, event = decode_alert_message([b"310000", golden("alert_event.bin")])
        a = event.alert
        self.assertEqual(a.alert_id, alert_id(42, 77))
        self.assertEqual(a.alert_id, "000000000000002a-000000000000004d")
        self.assertEqual((a.case_id, a.sighting_id, a.sequence, a.topic), (42, 77, 3, topic))
        self.assertEqual(a.tier, alerts_pb2.Alert.URGENT)
        self.assertEqual(list(a.provinces), ["110000", "310000"])
        self.assertEqual(event.SerializeToString(), golden("alert_event.bin"))


class GeneratedCodeTest(unittest.TestCase):
    """The committed *_pb2.py files are what protoc makes of proto/ today."""

    def test_generated_python_is_current(self):
        protoc = shutil.which("protoc")
        self.assertIsNotNone(protoc, "protoc not found: install Debian's protobuf-compiler (ops/setup)")
        root = os.path.abspath(os.path.join(HERE, "..", "..", ".."))
        protos = sorted(os.listdir(os.path.join(root, "proto", "homeward", "v1")))
        with tempfile.TemporaryDirectory() as out:
            subprocess.run(
                [protoc, "-I", os.path.join(root, "proto"), "--python_out=" + out]
                + [os.path.join(root, "proto", "homeward", "v1", p) for p in protos],
                check=True)
            for p in protos:
                name = p.replace(".proto", "_pb2.py")
                with open(os.path.join(out, "homeward", "v1", name), "rb") as fresh, \
                        open(os.path.join(HERE, "homeward", "v1", name), "rb") as committed:
                    self.assertEqual(fresh.read(), committed.read(), name + " is stale: run ops/gen-proto")


class FakeCoordinator(threading.Thread):
    """Just enough of the coordinator's client side to exercise client.py."""

    def __init__(self, context, drop_live_alert):
        super().__init__(daemon=True)
        self.router = context.socket(zmq.ROUTER)
        # XPUB, not PUB: it hears subscriptions, so the live alert is published only
        # once the client is subscribed (no slow-joiner loss to hide behind catch-up).
        self.pub = context.socket(zmq.XPUB)
        for s in (self.router, self.pub):
            s.setsockopt(zmq.LINGER, 0)
        self.client_endpoint = "tcp://127.0.0.1:%d" % self.router.bind_to_random_port("tcp://127.0.0.1")
        self.alert_endpoint = "tcp://127.0.0.1:%d" % self.pub.bind_to_random_port("tcp://127.0.0.1")
        self.drop_live_alert = drop_live_alert
        self.events = {"110000": []}  # topic -> stored AlertEvents, sequence = index + 1
        # An older alert already on the stream: the client must not report it.
        self._publish("110000", 1, 1, live=False)
        self.stop = threading.Event()
        self.case_id = 0
        self.seen_request_ids = {}
        self.subscribed = set()
        # Sequences that reached the client through catch-up rather than live.
        self.caught_up_sequences = set()

    def _publish(self, topic, case_id, sighting_id, live=True):
        seq = len(self.events[topic]) + 1
        a = alerts_pb2.Alert(
            alert_id=alert_id(case_id, sighting_id), case_id=case_id, sighting_id=sighting_id,
            score=0.97, face=0.97, tier=alerts_pb2.Alert.URGENT, provinces=[topic], topic=topic,
            sequence=seq, published_at_ms=int(time.time() * 1000))
        event = alerts_pb2.AlertEvent(protocol_version=1, alert=a)
        self.events[topic].append(event)
        if live:
            self._wait_for_subscriber(topic)
            self.pub.send_multipart([topic.encode(), event.SerializeToString()])

    def _wait_for_subscriber(self, topic, timeout_s=5.0):
        deadline = time.monotonic() + timeout_s
        while topic not in self.subscribed and time.monotonic() < deadline:
            self._read_subscriptions(50)

    def _read_subscriptions(self, timeout_ms):
        if self.pub.poll(timeout_ms):
            frame = self.pub.recv()
            if frame[:1] == b"\x01":
                self.subscribed.add(frame[1:].decode("ascii"))

    def _answer(self, request):
        reply = client_pb2.Reply(protocol_version=1, request_id=request.request_id)
        which = request.WhichOneof("body")
        if which == "register_case":
            self.case_id = 42
            reply.case_registered.case_id = self.case_id
        elif which == "submit_sighting":
            reply.sighting_accepted.sighting_id = 77
            reply.sighting_accepted.durable = True
            self._publish("110000", self.case_id, 77, live=not self.drop_live_alert)
        elif which == "alert_catch_up":
            q = request.alert_catch_up
            stored = self.events.get(q.province, [])
            batch = reply.alert_batch
            batch.province = q.province
            batch.last_sequence = len(stored)
            batch.first_available = 1
            start = q.from_sequence - 1
            chosen = stored[start:start + q.max_count] if start < len(stored) else []
            batch.events.extend(chosen)
            self.caught_up_sequences.update(e.alert.sequence for e in chosen if e.WhichOneof("event") == "alert")
            batch.more = start + len(chosen) < len(stored)
        else:
            reply.error.code = client_pb2.Error.INVALID_ARGUMENT
            reply.error.message = "not supported by the test stand-in"
        return reply

    def run(self):
        last_heartbeat = 0.0
        while not self.stop.is_set():
            self._read_subscriptions(0)
            if self.router.poll(50):
                identity, delimiter, tag, payload = self.router.recv_multipart()
                assert delimiter == b"" and tag == CLIENT_TAG
                request = client_pb2.Request.FromString(payload)
                # Idempotency: a retried request_id gets the stored reply.
                reply = self.seen_request_ids.get(request.request_id) or self._answer(request)
                self.seen_request_ids[request.request_id] = reply
                self.router.send_multipart([identity, b"", CLIENT_TAG, reply.SerializeToString()])
            if time.monotonic() - last_heartbeat > 0.2:
                last_heartbeat = time.monotonic()
                hb = alerts_pb2.AlertEvent(protocol_version=1, heartbeat=alerts_pb2.AlertsHeartbeat(
                    topic="110000", last_sequence=len(self.events["110000"])))
                self.pub.send_multipart([b"110000", hb.SerializeToString()])
        self.router.close()
        self.pub.close()


class ClientEndToEndTest(unittest.TestCase):
    def run_client(self, drop_live_alert):
        context = zmq.Context()
        fake = FakeCoordinator(context, drop_live_alert)
        fake.start()
        try:
            status = example.main([
                "--client", fake.client_endpoint, "--alerts", fake.alert_endpoint,
                "--province", "110000", "--timeout", "10"])
        finally:
            fake.stop.set()
            fake.join()
            context.term()
        return status, fake

    def test_live_alert(self):
        status, fake = self.run_client(drop_live_alert=False)
        self.assertEqual(status, 0)
        # It must have arrived live: catch-up would also make the client succeed.
        self.assertNotIn(2, fake.caught_up_sequences)

    def test_lost_alert_is_caught_up(self):
        status, fake = self.run_client(drop_live_alert=True)
        self.assertEqual(status, 0)
        self.assertIn(2, fake.caught_up_sequences)


if __name__ == "__main__":
    unittest.main()

"""A small Homeward client library: the client protocol over a DEALER socket
and the alert stream over a SUB socket, with gap-free catch-up.

Written from docs/protocol.md alone. Depends on pyzmq and protobuf only; the
generated message classes are in ./homeward/v1 (regenerate with ops/gen-proto).
"""

import os
import sys
import time
import uuid

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import zmq  # noqa: E402

from homeward.v1 import alerts_pb2, client_pb2, common_pb2  # noqa: E402,F401

CLIENT_TAG = b"HWC1"
PROTOCOL_VERSION = 1
MAX_SEQUENCE = 2**64 - 1


def alert_id(case_id, sighting_id):
    """The deterministic alert id: 16 hex digits of each id joined by '-'."""
    return "%016x-%016x" % (case_id, sighting_id)


def encode_request(request):
    """Frames a DEALER sends: empty delimiter, protocol tag, payload."""
    return [b"", CLIENT_TAG, request.SerializeToString()]


def decode_reply(frames):
    """Parses the frames a DEALER receives into a Reply."""
    if len(frames) != 3 or frames[0] != b"" or frames[1] != CLIENT_TAG:
        raise ValueError("not a Homeward HWC1 reply: %d frames" % len(frames))
    reply = client_pb2.Reply()
    reply.ParseFromString(frames[2])
    if reply.protocol_version != PROTOCOL_VERSION:
        raise ValueError("unsupported reply version %d" % reply.protocol_version)
    return reply


def decode_alert_message(frames):
    """Parses a PUB message: [topic, AlertEvent]. Returns (topic, event)."""
    if len(frames) != 2:
        raise ValueError("alert message has %d frames, expected 2" % len(frames))
    event = alerts_pb2.AlertEvent()
    event.ParseFromString(frames[1])
    return frames[0].decode("ascii"), event


class HomewardError(Exception):
    """A Reply.error from the coordinator."""

    def __init__(self, error):
        self.code = client_pb2.Error.Code.Name(error.code)
        self.field = error.field
        self.retry_after_ms = error.retry_after_ms
        super().__init__("%s at %s: %s" % (self.code, self.field or "-", error.message))


def _apply_curve(socket, curve):
    """curve = dict(server_key=..., public_key=..., secret_key=...) in Z85."""
    if not curve:
        return
    socket.curve_serverkey = curve["server_key"].encode()
    socket.curve_publickey = curve["public_key"].encode()
    socket.curve_secretkey = curve["secret_key"].encode()


class HomewardClient:
    """Request/reply over a DEALER socket, with idempotent retries."""

    def __init__(self, endpoint, context=None, curve=None, timeout_s=5.0, attempts=5):
        self.context = context or zmq.Context.instance()
        self.socket = self.context.socket(zmq.DEALER)
        self.socket.setsockopt(zmq.LINGER, 0)
        _apply_curve(self.socket, curve)
        self.socket.connect(endpoint)
        self.timeout_s = timeout_s
        self.attempts = attempts

    def close(self):
        self.socket.close()

    def call(self, fill):
        """Sends one request (fill(request) sets its body) and returns the
        Reply's result message. Retries with the same request_id on timeout or
        RETRY_LATER, so the coordinator applies it at most once."""
        request = client_pb2.Request(protocol_version=PROTOCOL_VERSION, request_id=uuid.uuid4().hex)
        fill(request)
        for _ in range(self.attempts):
            self.socket.send_multipart(encode_request(request))
            reply = self._await(request.request_id)
            if reply is None:
                continue  # timed out: resend, same request_id
            which = reply.WhichOneof("result")
            if which == "error":
                if reply.error.code == client_pb2.Error.RETRY_LATER:
                    time.sleep(max(reply.error.retry_after_ms, 10) / 1000.0)
                    continue
                raise HomewardError(reply.error)
            return getattr(reply, which)
        raise TimeoutError("no reply to %s after %d attempts" % (request.request_id, self.attempts))

    def _await(self, request_id):
        deadline = time.monotonic() + self.timeout_s
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0 or not self.socket.poll(int(remaining * 1000)):
                return None
            reply = decode_reply(self.socket.recv_multipart())
            if reply.request_id == request_id:
                return reply
            # A late reply to an earlier attempt: ignore it.

    # Requests -------------------------------------------------------------

    def register_case(self, **fields):
        return self.call(lambda r: r.register_case.CopyFrom(client_pb2.RegisterCase(**fields)))

    def close_case(self, case_id, outcome, note=""):
        return self.call(lambda r: r.close_case.CopyFrom(
            client_pb2.CloseCase(case_id=case_id, outcome=outcome, note=note)))

    def submit_sighting(self, **fields):
        return self.call(lambda r: r.submit_sighting.CopyFrom(client_pb2.SubmitSighting(**fields)))

    def review_alert(self, alert_id, reviewer, decision, reason=""):
        return self.call(lambda r: r.review_alert.CopyFrom(client_pb2.ReviewAlert(
            alert_id=alert_id, reviewer=reviewer, decision=decision, reason=reason)))

    def status(self):
        return self.call(lambda r: r.status.SetInParent())

    def catch_up(self, province, from_sequence, max_count=1000):
        return self.call(lambda r: r.alert_catch_up.CopyFrom(client_pb2.AlertCatchUp(
            province=province, from_sequence=from_sequence, max_count=max_count)))


class AlertSubscriber:
    """Alerts of some provinces, each exactly once and in sequence order per
    topic: live events from SUB, gaps filled with AlertCatchUp requests."""

    def __init__(self, endpoint, client, provinces, context=None, curve=None, from_now=True):
        self.client = client
        self.socket = (context or zmq.Context.instance()).socket(zmq.SUB)
        self.socket.setsockopt(zmq.LINGER, 0)
        _apply_curve(self.socket, curve)
        for province in provinces:
            self.socket.setsockopt(zmq.SUBSCRIBE, province.encode("ascii"))
        self.socket.connect(endpoint)
        self.delivered = {}
        for province in provinces:
            # from_sequence past the end returns no events, only the head.
            self.delivered[province] = self.client.catch_up(province, MAX_SEQUENCE, 1).last_sequence if from_now else 0
        self.pending = []

    def close(self):
        self.socket.close()

    def _catch_up(self, topic, through=None):
        """Fetch and queue every stored event after what was delivered."""
        while True:
            batch = self.client.catch_up(topic, self.delivered[topic] + 1)
            if batch.first_available > self.delivered[topic] + 1:
                # Older events were pruned from the store: they cannot be had.
                print("homeward: topic %s events %d-%d are no longer stored" % (
                    topic, self.delivered[topic] + 1, batch.first_available - 1), file=sys.stderr)
                self.delivered[topic] = batch.first_available - 1
            for event in batch.events:
                self._accept(topic, event)
            if not batch.more or not batch.events or (through is not None and self.delivered[topic] >= through):
                return

    def _accept(self, topic, event):
        which = event.WhichOneof("event")
        inner = getattr(event, which)
        if inner.sequence <= self.delivered[topic]:
            return True  # duplicate
        if inner.sequence != self.delivered[topic] + 1:
            return False  # gap
        self.delivered[topic] = inner.sequence
        self.pending.append((topic, event))
        return True

    def next_event(self, timeout_s):
        """The next Alert or CaseClosed event (topic, AlertEvent), or None."""
        deadline = time.monotonic() + timeout_s
        while not self.pending:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return None
            if not self.socket.poll(int(min(remaining, 1.0) * 1000)):
                # Quiet: ask the store, in case the subscription was late.
                for topic in self.delivered:
                    self._catch_up(topic)
                continue
            topic, event = decode_alert_message(self.socket.recv_multipart())
            if topic not in self.delivered:
                continue
            which = event.WhichOneof("event")
            if which == "heartbeat":
                if event.heartbeat.last_sequence > self.delivered[topic]:
                    self._catch_up(topic, event.heartbeat.last_sequence)
            elif which is not None and not self._accept(topic, event):
                self._catch_up(topic, getattr(event, which).sequence)
                self._accept(topic, event)
        return self.pending.pop(0)

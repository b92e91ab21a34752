"""A stand-in coordinator that sheds every sighting (RETRY_LATER with
retry_after_ms), for the web intake's 429 test: a real coordinator sheds only
under a burst whose timing a test cannot pin down. It speaks the client
protocol in plain text (the console runs without `keys`, loopback only) and
answers what the console asks at start: alert catch-up (no events), review
states (none), status (no workers). Runs in a thread of the test process."""
import sys
import threading

import zmq

from harness import ROOT

sys.path.insert(0, str(ROOT / "docs/examples/python"))
from homeward.v1 import client_pb2  # noqa: E402

TAG = b"HWC1"


class SheddingCoordinator:
    def __init__(self, retry_after_ms=2500):
        self.retry_after_ms = retry_after_ms
        self.context = zmq.Context()
        self.router = self.context.socket(zmq.ROUTER)
        self.router.setsockopt(zmq.LINGER, 0)
        port = self.router.bind_to_random_port("tcp://127.0.0.1")
        self.client_endpoint = f"tcp://127.0.0.1:{port}"
        self.pub = self.context.socket(zmq.XPUB)
        self.pub.setsockopt(zmq.LINGER, 0)
        self.alerts_endpoint = f"tcp://127.0.0.1:{self.pub.bind_to_random_port('tcp://127.0.0.1')}"
        self.submissions = 0
        self.stopping = threading.Event()
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _answer(self, request):
        reply = client_pb2.Reply(protocol_version=1, request_id=request.request_id)
        body = request.WhichOneof("body")
        if body == "submit_sighting":
            self.submissions += 1
            reply.error.code = client_pb2.Error.RETRY_LATER
            reply.error.message = "the coordinator is at its intake limit; retry later"
            reply.error.retry_after_ms = self.retry_after_ms
        elif body == "alert_catch_up":
            reply.alert_batch.SetInParent()
        elif body == "show_reviews":
            reply.reviews_shown.SetInParent()
        elif body == "status":
            reply.cluster_status.SetInParent()
        else:
            reply.error.code = client_pb2.Error.UNAVAILABLE
            reply.error.message = "stand-in coordinator: not served"
        return reply

    def _serve(self):
        poller = zmq.Poller()
        poller.register(self.router, zmq.POLLIN)
        poller.register(self.pub, zmq.POLLIN)
        while not self.stopping.is_set():
            for sock, _ in poller.poll(100):
                frames = sock.recv_multipart()
                if sock is self.pub:
                    continue  # subscriptions: nothing is ever published
                route, rest = frames[:-3], frames[-3:]
                if rest[0] != b"" or rest[1] != TAG:
                    continue
                request = client_pb2.Request()
                request.ParseFromString(rest[2])
                self.router.send_multipart(route + [b"", TAG, self._answer(request).SerializeToString()])

    def stop(self):
        self.stopping.set()
        self.thread.join(timeout=5)
        self.router.close()
        self.pub.close()
        self.context.term()

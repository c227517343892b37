"""Real servers that receive what the system sends: an SMTP server (aiosmtpd) and an HTTP server
that answers as an SMS gateway, Alibaba Cloud's SendSms and a WeCom group robot do.  Each can be
stopped and started again on the same port, made slow, or made to hang on chosen messages."""

from __future__ import annotations

import asyncio
import json
import queue
import re
import socket
import sys
import threading
import time
from collections import Counter
from email import message_from_bytes, policy
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl

from aiosmtpd.controller import Controller

from admin_site.senders import aliyun_signature

NOTIFICATION_ID = re.compile(r"notification-(\d+)")
NOTIFICATION_ID_BYTES = re.compile(rb"Message-ID:\s*<[^>]*notification-(\d+)@", re.IGNORECASE)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Hangs:
    """Make the server take chosen messages and then stall before answering, until released, to
    catch a sender mid-send.  ``arrivals`` reports each chosen message as it arrives."""

    def __init__(self):
        self.waiting: dict[int, threading.Event] = {}
        self.arrivals: queue.Queue[int] = queue.Queue()

    def hang_on(self, *message_ids: int) -> None:
        for message_id in message_ids:
            self.waiting[message_id] = threading.Event()

    def wait_if_chosen(self, message_id: int | None) -> None:
        release = self.waiting.get(message_id)
        if release is not None:
            self.arrivals.put(message_id)
            release.wait(120)

    def release(self) -> None:
        for event in self.waiting.values():
            event.set()


class SmtpReceiver:
    """An aiosmtpd server on a fixed port; ``messages`` are the emails it accepted, parsed."""

    def __init__(self):
        self.port = free_port()
        self.received: list[bytes] = []
        self.hangs = Hangs()
        self.controller: Controller | None = None

    async def handle_DATA(self, server, session, envelope):
        match = NOTIFICATION_ID_BYTES.search(envelope.content)
        message_id = int(match.group(1)) if match else None
        self.received.append(envelope.content)
        # Counted once accepted; stalling here keeps the sender waiting for the final reply.
        await asyncio.to_thread(self.hangs.wait_if_chosen, message_id)
        return "250 OK"

    def start(self) -> SmtpReceiver:
        self.controller = Controller(self, hostname="127.0.0.1", port=self.port)
        self.controller.start()
        return self

    def stop(self) -> None:
        if self.controller is not None:
            self.controller.stop()
            self.controller = None

    @property
    def messages(self) -> list:
        return [message_from_bytes(content, policy=policy.default) for content in self.received]

    def ids(self) -> Counter:
        return Counter(int(NOTIFICATION_ID_BYTES.search(content).group(1)) for content in self.received)


class QuietServer(ThreadingHTTPServer):
    """Senders killed mid-request leave broken connections behind: expected here, not worth a traceback."""

    daemon_threads = True

    def handle_error(self, request, client_address):
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


class HttpReceiver:
    """One HTTP server for the SMS gateway (``/sms``), Alibaba Cloud (``/aliyun``) and the WeCom robot
    (``/robot``).  ``requests`` holds what each path received; ``answer`` may override the reply."""

    ALIYUN_SECRET = "test-secret"

    def __init__(self):
        self.port = free_port()
        self.requests: list[tuple[str, dict]] = []
        self.hangs = Hangs()
        self.answer = None  # a function (path, body) -> (status, dict) or None for the normal answer
        self.server: ThreadingHTTPServer | None = None
        self.lock = threading.Lock()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> HttpReceiver:
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"  # keep-alive, as real gateways offer

            def setup(self):
                super().setup()
                # Headers and body leave in two writes: without this, Nagle holds the body back
                # until the client's delayed ACK (40 ms a request).
                self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

            def do_POST(self):
                length = int(self.headers.get("Content-Length", 0))
                raw = self.rfile.read(length)
                if self.headers.get("Content-Type", "").startswith("application/json"):
                    body = json.loads(raw)
                else:
                    body = dict(parse_qsl(raw.decode()))
                special = receiver.answer(self.path, body) if receiver.answer else None
                if special is None:
                    with receiver.lock:
                        receiver.requests.append((self.path, body))
                    receiver.hangs.wait_if_chosen(receiver.message_id(self.path, body))
                    status, answer = 200, receiver.normal_answer(self.path, body)
                else:
                    status, answer = special
                payload = json.dumps(answer).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            def log_message(self, *args):
                pass

        self.server = QuietServer(("127.0.0.1", self.port), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        if self.server is not None:
            self.server.shutdown()
            self.server.server_close()
            self.server = None

    @staticmethod
    def message_id(path: str, body: dict) -> int | None:
        if path == "/sms":
            return int(NOTIFICATION_ID.search(body["id"]).group(1))
        if path == "/aliyun":
            return int(body["OutId"])
        return None

    def normal_answer(self, path: str, body: dict) -> dict:
        if path == "/sms":
            return {"id": f"gw-{body['id']}"}
        if path == "/aliyun":
            signature = body.pop("Signature")
            if signature != aliyun_signature("POST", body, self.ALIYUN_SECRET):
                return {"Code": "SignatureDoesNotMatch", "Message": "Specified signature is not matched"}
            return {"Code": "OK", "Message": "OK", "BizId": f"biz-{body['OutId']}", "RequestId": "r"}
        return {"errcode": 0, "errmsg": "ok"}

    def ids(self, path: str = "/sms") -> Counter:
        with self.lock:
            return Counter(self.message_id(p, dict(body)) for p, body in self.requests if p == path)


def wait_until(condition, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)

"""A local stand-in for the LINE Messaging API that records every request.

It answers 200 (202 for the loading animation) unless told to fail: `fail(path, status,
times, message)` makes the next `times` requests to `path` answer with that status.
"""
from __future__ import annotations

import http.server
import json
import threading
import time
from dataclasses import dataclass
from typing import Any, Callable, Dict, List, Tuple


@dataclass
class Recorded:
    """One request the stand-in received, and the status it answered."""

    path: str
    headers: Dict[str, str]
    body: Any
    status: int


class LineStandIn:
    """The stand-in server, run in a background thread on a free port."""

    def __init__(self) -> None:
        self.records: List[Recorded] = []
        self.failures: Dict[str, List[Tuple[int, str]]] = {}
        self.lock = threading.Lock()
        stand_in = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 - http.server's name
                raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                status, message = stand_in.answer_for(self.path)
                try:
                    body = json.loads(raw)
                except ValueError:
                    body = raw
                with stand_in.lock:
                    stand_in.records.append(Recorded(self.path, dict(self.headers), body, status))
                reply = json.dumps({"message": message} if message else {}).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(reply)))
                self.end_headers()
                self.wfile.write(reply)

            def log_message(self, *args: Any) -> None:
                """Quiet."""

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        """Base URL to use as LINE_API_BASE_URL."""
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def start(self) -> "LineStandIn":
        """Starts serving in the background."""
        self.thread.start()
        return self

    def stop(self) -> None:
        """Stops serving."""
        self.server.shutdown()
        self.server.server_close()

    def fail(self, path: str, status: int, times: int = 1, message: str = "") -> None:
        """The next `times` requests to `path` answer `status` with LINE's error `message`."""
        with self.lock:
            self.failures.setdefault(path, []).extend([(status, message)] * times)

    def answer_for(self, path: str) -> Tuple[int, str]:
        """The programmed failure for this path, else success."""
        with self.lock:
            queue = self.failures.get(path)
            if queue:
                return queue.pop(0)
        return (202 if path.endswith("/loading/start") else 200), ""

    def reset(self) -> None:
        """Forgets records and pending failures."""
        with self.lock:
            self.records.clear()
            self.failures.clear()

    def matching(self, predicate: Callable[[Recorded], bool]) -> List[Recorded]:
        """Recorded requests that satisfy the predicate."""
        with self.lock:
            return [r for r in self.records if predicate(r)]

    def wait_for(
        self, predicate: Callable[[Recorded], bool], count: int = 1, timeout: float = 30.0
    ) -> List[Recorded]:
        """Polls until `count` matching requests were recorded; fails after `timeout`."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = self.matching(predicate)
            if len(found) >= count:
                return found
            time.sleep(0.05)
        raise AssertionError(
            f"expected {count} matching LINE API requests, got {self.matching(predicate)}")


def replies_to(token: str) -> Callable[[Recorded], bool]:
    """Matches reply calls with this reply token."""
    return lambda r: r.path == "/v2/bot/message/reply" and r.body.get("replyToken") == token


def pushes_to(user_id: str) -> Callable[[Recorded], bool]:
    """Matches push calls to this user."""
    return lambda r: r.path == "/v2/bot/message/push" and r.body.get("to") == user_id


def mentions(value: str) -> Callable[[Recorded], bool]:
    """Matches any call whose body mentions the value (a user id or reply token)."""
    return lambda r: value in json.dumps(r.body)


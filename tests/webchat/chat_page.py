"""Page object for the web chat, a request log, and a TCP forwarder that plays a server coming back."""
from __future__ import annotations

import json
import socket
import threading
from typing import Any, Dict, List, Optional

WEBHOOK = "/webhooks/rest/webhook"


class ChatPage:
    """The standalone page with the widget, driven like a person would (selectors pierce the shadow root)."""

    def __init__(self, page, url: str) -> None:
        self.page = page
        self.url = url
        self.posts: List[Dict[str, Any]] = []  # bodies of the webhook POSTs, in order
        self.dialogs: List[str] = []
        self.errors: List[str] = []
        page.on("request", self._record)
        page.on("dialog", lambda dialog: (self.dialogs.append(dialog.message), dialog.dismiss()))
        page.on("pageerror", lambda error: self.errors.append(str(error)))

    def _record(self, request) -> None:
        if request.method == "POST" and request.url.endswith(WEBHOOK):
            self.posts.append(json.loads(request.post_data or "{}"))

    # --- navigation -------------------------------------------------------
    def open(self) -> "ChatPage":
        """Loads the page; the standalone page opens the chat by itself."""
        self.page.goto(self.url)
        self.page.wait_for_selector(".kc-panel:not([hidden])")
        return self

    # --- locators ---------------------------------------------------------
    @property
    def panel(self):
        return self.page.locator(".kc-panel")

    @property
    def input(self):
        return self.page.locator("#kc-input")

    @property
    def launcher(self):
        return self.page.locator(".kc-launcher")

    def bot_bubbles(self):
        return self.page.locator(".kc-bot .kc-bubble")

    def user_bubbles(self):
        return self.page.locator(".kc-user .kc-bubble")

    def texts(self, locator) -> List[str]:
        return [t for t in locator.all_text_contents()]

    def messages_sent(self) -> List[str]:
        return [p.get("message") for p in self.posts]

    # --- actions -----------------------------------------------------------
    def wait_bot_count(self, count: int, timeout: float = 30_000) -> None:
        """Waits until at least `count` bot bubbles are shown and no answer is pending."""
        self.page.wait_for_function(
            """n => {
                const root = document.querySelector('#kyosai-chat').shadowRoot;
                return root.querySelectorAll('.kc-bot .kc-bubble').length >= n
                    && root.querySelector('.kc-typing').hidden;
            }""",
            arg=count, timeout=timeout,
        )

    def idle(self, timeout: float = 30_000) -> None:
        """Waits until no answer is pending (typing indicator hidden)."""
        self.page.wait_for_function(
            "() => document.querySelector('#kyosai-chat').shadowRoot.querySelector('.kc-typing').hidden",
            timeout=timeout,
        )

    def send(self, text: str) -> None:
        """Types a message and presses Enter."""
        self.input.fill(text)
        self.input.press("Enter")

    def storage(self) -> Dict[str, Any]:
        """The widget's saved conversation (localStorage)."""
        return self.page.evaluate("() => JSON.parse(localStorage.getItem('kyosai-chat:v1'))")

    def screenshot(self, path) -> None:
        self.page.screenshot(path=str(path))


class Forwarder:
    """Listens on a port and forwards every connection to another: a server that 'comes back'."""

    def __init__(self, listen_port: int, target_port: int) -> None:
        self.listen_port = listen_port
        self.target_port = target_port
        self.server: Optional[socket.socket] = None
        self.sockets: List[socket.socket] = []
        self.stopped = threading.Event()

    def __enter__(self) -> "Forwarder":
        self.server = socket.socket()
        self.server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.server.bind(("127.0.0.1", self.listen_port))
        self.server.listen(16)
        self.server.settimeout(0.2)
        threading.Thread(target=self._accept, daemon=True).start()
        return self

    def __exit__(self, *exc) -> None:
        self.stopped.set()
        for sock in [self.server, *self.sockets]:
            try:
                sock.close()
            except OSError:
                pass

    def _accept(self) -> None:
        while not self.stopped.is_set():
            try:
                client, _ = self.server.accept()
            except socket.timeout:
                continue
            except OSError:
                return
            client.settimeout(None)
            upstream = socket.create_connection(("127.0.0.1", self.target_port))
            self.sockets += [client, upstream]
            threading.Thread(target=self._pump, args=(client, upstream), daemon=True).start()
            threading.Thread(target=self._pump, args=(upstream, client), daemon=True).start()

    @staticmethod
    def _pump(source: socket.socket, target: socket.socket) -> None:
        try:
            while True:
                data = source.recv(65536)
                if not data:
                    break
                target.sendall(data)
        except OSError:
            pass
        finally:
            for sock in (source, target):
                try:
                    sock.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass

"""Starts the façade, the action server, Rasa and the web chat page together, and stops them cleanly.

Used by `make run` (fixed ports 8000/5055/5005/8080), `make shell` (façade and actions on
free ports, then `rasa shell` in the terminal) and by the integration and web chat
tests (free ports, temporary databases). Each service runs in its own process group
and logs to its own file in one log folder. `stack.py webchat` is the web chat server:
it serves bot/webchat/ and a generated /config.js that tells the page Rasa's port.
"""
from __future__ import annotations

import argparse
import http.server
import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, List, Optional
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
BOT_BIN = ROOT / ".venv" / "bot" / "bin"
API_BIN = ROOT / ".venv" / "api" / "bin"
DEFAULT_MODEL = ROOT / "models" / "current.tar.gz"
SECRETS_FILE = ROOT / "var" / "secrets.env"
SECRET_NAMES = ("RASA_AUTH_TOKEN", "FACADE_SERVICE_TOKEN", "ACTION_SERVER_TOKEN", "OPERATOR_PASSWORD")
LINE_API_BASE_URL = "https://api.line.me"
WEBCHAT_DIR = ROOT / "bot" / "webchat"
PRIVATE_UMASK = 0o077  # logs and databases hold conversations: readable by their owner only


def free_port() -> int:
    """A TCP port that is free on the loopback interface right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def load_dev_secrets(path: Path = SECRETS_FILE) -> Dict[str, str]:
    """Secrets from the environment, else from a local (git-ignored) file made on first use."""
    stored: Dict[str, str] = {}
    if path.exists():
        for line in path.read_text().splitlines():
            name, _, value = line.partition("=")
            stored[name.strip()] = value.strip()
    changed = False
    for name in SECRET_NAMES:
        if not stored.get(name):
            stored[name] = secrets.token_urlsafe(32)
            changed = True
    if changed:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("".join(f"{k}={v}\n" for k, v in stored.items()))
        path.chmod(0o600)
    return {name: os.environ.get(name) or stored[name] for name in SECRET_NAMES}


def random_secrets() -> Dict[str, str]:
    """Fresh secrets for a throw-away stack (tests, benchmarks)."""
    return {name: secrets.token_urlsafe(24) for name in SECRET_NAMES}


@dataclass
class Service:
    """One long-running process with a health URL."""

    name: str
    command: List[str]
    health_url: str
    log_path: Path
    process: Optional[subprocess.Popen] = None

    def start(self, env: Dict[str, str]) -> None:
        """Starts the process in its own process group, logging to its file."""
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        log = open(os.open(self.log_path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600), "ab")
        self.process = subprocess.Popen(
            self.command,
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
            umask=PRIVATE_UMASK,
        )
        log.close()

    def is_healthy(self) -> bool:
        """True when the health URL answers 200."""
        try:
            with urllib.request.urlopen(self.health_url, timeout=2) as reply:
                return reply.status == 200
        except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
            return False

    def wait_healthy(self, timeout: float) -> None:
        """Blocks until healthy; raises with the log's tail if it dies or times out."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process and self.process.poll() is not None:
                raise RuntimeError(f"{self.name} exited early.\n{self.log_tail()}")
            if self.is_healthy():
                return
            time.sleep(0.5)
        raise RuntimeError(f"{self.name} not healthy after {timeout:.0f}s.\n{self.log_tail()}")

    def stop(self, grace: float = 15.0) -> None:
        """SIGTERM to the whole process group, SIGKILL after the grace period."""
        if not self.process or self.process.poll() is not None:
            return
        try:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(timeout=grace)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()
        except ProcessLookupError:
            pass

    def log_tail(self, lines: int = 40) -> str:
        """The last lines of the service's log."""
        if not self.log_path.exists():
            return ""
        return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])


@dataclass
class StackConfig:
    """Ports, storage and secrets of one running stack."""

    facade_port: int = 8000
    actions_port: int = 5055
    rasa_port: int = 5005
    log_dir: Path = ROOT / "logs"
    facade_db_url: str = f"sqlite:///{ROOT / 'var' / 'facade.db'}"
    tracker_store_url: str = f"sqlite:///{ROOT / 'var' / 'tracker.db'}"
    model: Path = DEFAULT_MODEL
    webchat_origins: List[str] = field(
        default_factory=lambda: ["http://localhost:8080", "http://127.0.0.1:8080"]
    )
    extra_env: Dict[str, str] = field(default_factory=dict)
    seed_as_of: Optional[str] = None  # YYYY-MM-DD the demo data is relative to (default: today)
    webchat_port: Optional[int] = 8080  # None: no web chat server
    analytics_port: Optional[int] = 8090  # None: no operator report page

    @classmethod
    def isolated(cls, workdir: Path, **overrides: Any) -> "StackConfig":
        """Free ports, SQLite files and logs inside `workdir`, no web chat (tests, benchmarks)."""
        fields: Dict[str, Any] = dict(
            facade_port=free_port(), actions_port=free_port(), rasa_port=free_port(),
            webchat_port=None, analytics_port=None, log_dir=workdir / "logs",
            facade_db_url=f"sqlite:///{workdir / 'facade.db'}",
            tracker_store_url=f"sqlite:///{workdir / 'tracker.db'}",
        )
        fields.update(overrides)
        return cls(**fields)

    @classmethod
    def from_env(cls) -> "StackConfig":
        """Defaults overridden by DATABASE_URL, TRACKER_STORE_URL and WEBCHAT_ORIGINS."""
        config = cls()
        config.facade_db_url = os.environ.get("DATABASE_URL", config.facade_db_url)
        config.tracker_store_url = os.environ.get("TRACKER_STORE_URL", config.tracker_store_url)
        origins = os.environ.get("WEBCHAT_ORIGINS")
        if origins:
            config.webchat_origins = origins.split()
        return config


class Stack:
    """The three services, started in dependency order."""

    def __init__(self, config: StackConfig, secrets_env: Dict[str, str]) -> None:
        self.config = config
        self.secrets = secrets_env
        c = config
        self.env = self._environment()
        self.facade = Service(
            "façade",
            [str(API_BIN / "uvicorn"), "app.main:app", "--app-dir", "api",
             "--host", "127.0.0.1", "--port", str(c.facade_port),
             "--no-access-log"],  # access lines would carry raw paths and queries
            f"http://127.0.0.1:{c.facade_port}/health",
            c.log_dir / "facade.log",
        )
        self.actions = Service(
            "action server",
            [str(BOT_BIN / "python"), "-m", "actions.server", "--port", str(c.actions_port)],
            f"http://127.0.0.1:{c.actions_port}/health",
            c.log_dir / "actions.log",
        )
        self.rasa = Service(
            "Rasa",
            [str(BOT_BIN / "rasa"), "run", "--model", str(c.model),
             "--port", str(c.rasa_port), "--interface", "127.0.0.1",
             "--endpoints", "endpoints.yml", "--credentials", self.credentials_file,
             "--enable-api", f"--auth-token={secrets_env['RASA_AUTH_TOKEN']}",  # "=": a token may start with "-"
             "--cors", *self.cors_origins],
            f"http://127.0.0.1:{c.rasa_port}/",
            c.log_dir / "rasa.log",
        )
        self.webchat: Optional[Service] = None
        if c.webchat_port:
            self.webchat = Service(
                "web chat",
                [str(BOT_BIN / "python"), str(ROOT / "scripts" / "stack.py"), "webchat",
                 "--port", str(c.webchat_port), "--rasa-port", str(c.rasa_port)],
                f"http://127.0.0.1:{c.webchat_port}/",
                c.log_dir / "webchat.log",
            )

        self.analytics: Optional[Service] = None
        if c.analytics_port:
            self.analytics = Service(
                "operator report",
                [str(BOT_BIN / "python"), "-m", "analytics.server", "--port", str(c.analytics_port)],
                f"http://127.0.0.1:{c.analytics_port}/health",
                c.log_dir / "analytics.log",
            )

    @property
    def cors_origins(self) -> List[str]:
        """WEBCHAT_ORIGINS plus the web chat page's own origins (localhost and 127.0.0.1)."""
        origins = list(self.config.webchat_origins)
        if self.config.webchat_port:
            port = self.config.webchat_port
            origins += [f"http://localhost:{port}", f"http://127.0.0.1:{port}"]
        return list(dict.fromkeys(origins))

    @property
    def credentials_file(self) -> str:
        """credentials.line.yml (REST and LINE) when LINE_CHANNEL_SECRET is set, else REST only."""
        return "credentials.line.yml" if self.env.get("LINE_CHANNEL_SECRET") else "credentials.yml"

    @property
    def services(self) -> List[Service]:
        """Start order: façade, actions, Rasa, web chat, operator report."""
        optional = [service for service in (self.webchat, self.analytics) if service]
        return [self.facade, self.actions, self.rasa] + optional

    @property
    def webchat_url(self) -> Optional[str]:
        """The standalone web chat page (None when the stack serves no web chat)."""
        if not self.config.webchat_port:
            return None
        return f"http://127.0.0.1:{self.config.webchat_port}/"

    @property
    def rasa_url(self) -> str:
        """Base URL of the Rasa server."""
        return f"http://127.0.0.1:{self.config.rasa_port}"

    @property
    def facade_url(self) -> str:
        """Base URL of the façade."""
        return f"http://127.0.0.1:{self.config.facade_port}"

    def _environment(self) -> Dict[str, str]:
        c = self.config
        env = dict(os.environ)
        env.update(self.secrets)
        env.update(
            PYTHONPATH=f"{ROOT}{os.pathsep}{ROOT / 'api'}",
            RASA_TELEMETRY_ENABLED="false",
            DATABASE_URL=c.facade_db_url,
            TRACKER_STORE_URL=c.tracker_store_url,
            ACTION_ENDPOINT_URL=f"http://127.0.0.1:{c.actions_port}/webhook",
            FACADE_URL=f"http://127.0.0.1:{c.facade_port}",
            LOCK_STORE_TYPE=os.environ.get("LOCK_STORE_TYPE", "in_memory"),
            REDIS_HOST=os.environ.get("REDIS_HOST", "127.0.0.1"),
            REDIS_PORT=os.environ.get("REDIS_PORT", "6379"),
            OPERATOR_USER=os.environ.get("OPERATOR_USER", "operator"),
        )
        env.update(c.extra_env)
        env["LINE_API_BASE_URL"] = env.get("LINE_API_BASE_URL") or LINE_API_BASE_URL
        return env

    def prepare_facade_db(self) -> None:
        """Applies the façade's migrations and seeds the demo contracts (idempotent)."""
        for args in (
            [str(API_BIN / "alembic"), "-c", "api/alembic.ini", "upgrade", "head"],
            [str(API_BIN / "python"), "-m", "app.seed"]
            + (["--as-of", self.config.seed_as_of] if self.config.seed_as_of else []),
        ):
            subprocess.run(args, cwd=ROOT, env=self.env, check=True,
                           stdout=subprocess.DEVNULL, umask=PRIVATE_UMASK)

    def start(self, timeout: float = 240.0, only: Optional[List[Service]] = None) -> None:
        """Prepares the DB, then starts each service (or `only` these) and waits for its health check."""
        services = only or self.services
        busy = [s for s in services if s.is_healthy()]
        if busy:  # another stack holds the ports: its health checks would pass for ours
            raise RuntimeError(
                f"{busy[0].name}: {busy[0].health_url} already answers. "
                "Is another `make run` or `make shell` running? Stop it first.")
        for directory in (ROOT / "var", self.config.log_dir):
            directory.mkdir(mode=0o700, parents=True, exist_ok=True)
        self.prepare_facade_db()
        try:
            for service in services:
                service.start(self.env)
                service.wait_healthy(timeout)
        except BaseException:
            self.stop()
            raise

    def stop(self) -> None:
        """Stops all services, last started first."""
        for service in reversed(self.services):
            service.stop()


MAX_RESTARTS, RESTART_WINDOW_SECONDS = 5, 300.0


def restart_crashed(service: Service, env: Dict[str, str], history: List[float]) -> bool:
    """Restarts a service that exited, logging why; False when it keeps crashing (give up)."""
    code = service.process.returncode if service.process else None
    now = time.monotonic()
    history[:] = [t for t in history if now - t < RESTART_WINDOW_SECONDS] + [now]
    print(f"{service.name} stopped unexpectedly (exit code {code}):\n{service.log_tail(15)}", flush=True)
    if len(history) > MAX_RESTARTS:
        print(f"{service.name} crashed {len(history)} times in {RESTART_WINDOW_SECONDS:.0f} s; "
              "stopping everything.", flush=True)
        return False
    print(f"Restarting {service.name} (restart {len(history)} of at most {MAX_RESTARTS} "
          f"in {RESTART_WINDOW_SECONDS:.0f} s)...", flush=True)
    service.start(env)
    try:
        service.wait_healthy(240.0)
    except RuntimeError as error:
        print(f"{service.name} did not come back: {error}", flush=True)
        return len(history) < MAX_RESTARTS
    print(f"{service.name} is running again.", flush=True)
    return True


def run_forever(stack: Stack) -> None:
    """Starts the stack, prints where to chat, and stops everything on Ctrl-C."""
    stopping = False

    def request_stop(signum: int, frame: object) -> None:
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGINT, request_stop)
    signal.signal(signal.SIGTERM, request_stop)
    print("Starting the façade, the action server, Rasa, the web chat and the operator report (about a minute)...",
          flush=True)
    stack.start()
    c = stack.config
    chat = f"  Web chat:          http://localhost:{c.webchat_port}/\n" if c.webchat_port else ""
    if c.analytics_port:
        chat += (f"  Operator report:   http://localhost:{c.analytics_port}/ (user "
                 f"{stack.env['OPERATOR_USER']}, password OPERATOR_PASSWORD in {SECRETS_FILE})\n")
    print(
        "\nEverything is up:\n"
        f"{chat}"
        f"  Rasa REST channel: POST {stack.rasa_url}/webhooks/rest/webhook\n"
        f"  Action server:     http://127.0.0.1:{c.actions_port}/health\n"
        f"  Contract façade:   {stack.facade_url}/health\n"
        f"  Logs:              {c.log_dir}/\n"
        "Try it:\n"
        f"  curl -s -H 'Content-Type: application/json' -d '{{\"sender\":\"demo\",\"message\":\"こんにちは\"}}' "
        f"{stack.rasa_url}/webhooks/rest/webhook\n"
        "Press Ctrl-C to stop.",
        flush=True,
    )
    restarts: Dict[str, List[float]] = {}
    try:
        while not stopping:
            for service in stack.services:
                if service.process and service.process.poll() is not None:
                    stopping = not restart_crashed(service, stack.env, restarts.setdefault(service.name, []))
            time.sleep(0.5)
    finally:
        print("Stopping...", flush=True)
        stack.stop()
        print("All services stopped.", flush=True)


def run_shell(stack: Stack) -> int:
    """Starts the façade and the action server, chats in this terminal (`rasa shell`), stops both."""
    print("Starting the façade and the action server (about 30 seconds)...", flush=True)
    stack.start(only=[stack.facade, stack.actions])
    shell = [str(BOT_BIN / "rasa"), "shell", "--model", str(stack.config.model),
             "--endpoints", "endpoints.yml", "--port", str(stack.config.rasa_port)]
    try:
        return subprocess.run(shell, cwd=ROOT, env=stack.env).returncode
    except KeyboardInterrupt:
        return 0
    finally:
        print("Stopping the façade and the action server...", flush=True)
        stack.stop()


class WebchatHandler(http.server.SimpleHTTPRequestHandler):
    """Serves bot/webchat/ (no listings) and /config.js, with a strict CSP on the page."""

    rasa_port = 5005
    extensions_map = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".html": "text/html; charset=utf-8",
        ".js": "text/javascript; charset=utf-8",
        ".css": "text/css; charset=utf-8",
        ".svg": "image/svg+xml",
    }
    served_suffixes = (".html", ".js", ".css", ".svg", ".png", ".ico")

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, directory=str(WEBCHAT_DIR), **kwargs)

    def config_js(self) -> bytes:
        """The page's configuration: Rasa's port (on the host the page was loaded from)."""
        return (
            "// Generated by scripts/stack.py: the page talks to Rasa on this port of its own host.\n"
            f"window.KYOSAI_CHAT_CONFIG = {json.dumps({'rasaPort': self.rasa_port})};\n"
        ).encode()

    def respond(self, head_only: bool) -> None:
        """config.js is generated; other paths must be files with a web suffix."""
        path = urlsplit(self.path).path
        if path == "/config.js":
            body = self.config_js()
            self.send_response(200)
            self.send_header("Content-Type", "text/javascript; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if not head_only:
                self.wfile.write(body)
        elif path != "/" and (not path.endswith(self.served_suffixes) or "/." in path):
            self.send_error(404)
        elif head_only:
            super().do_HEAD()
        else:
            super().do_GET()

    def do_GET(self) -> None:
        """GET: see respond()."""
        self.respond(head_only=False)

    def do_HEAD(self) -> None:
        """HEAD: see respond()."""
        self.respond(head_only=True)

    def list_directory(self, path):  # noqa: ANN001 - http.server's signature
        """No directory listings."""
        self.send_error(404)
        return None

    def end_headers(self) -> None:
        """No caching during development; the page may only talk to itself and Rasa."""
        self.send_header("Cache-Control", "no-cache")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Referrer-Policy", "no-referrer")
        self.send_header(
            "Content-Security-Policy",
            "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            "connect-src 'self' http://localhost:* http://127.0.0.1:*; "
            "base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
        )
        super().end_headers()


def serve_webchat(port: int, rasa_port: int) -> None:
    """The web chat server (a service of the stack): blocks until killed."""
    WebchatHandler.rasa_port = rasa_port
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), WebchatHandler)
    print(f"Serving {WEBCHAT_DIR} on http://127.0.0.1:{port}/ (Rasa port {rasa_port})", flush=True)
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(0))
    try:
        server.serve_forever()
    finally:
        server.server_close()


def main(argv: Optional[List[str]] = None) -> int:
    """Entry point for `make run` (`run`), `make shell` (`shell`) and the web chat service (`webchat`)."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("command", choices=["run", "shell", "webchat"])
    parser.add_argument("--port", type=int, default=8080, help="webchat: port to serve on")
    parser.add_argument("--rasa-port", type=int, default=5005, help="webchat: Rasa's port")
    args = parser.parse_args(argv)
    if args.command == "webchat":
        serve_webchat(args.port, args.rasa_port)
        return 0
    config = StackConfig.from_env()
    if args.command == "shell":  # free ports: works beside a running `make run`
        config.facade_port, config.actions_port, config.rasa_port = free_port(), free_port(), free_port()
        config.webchat_port = None
    stack = Stack(config, load_dev_secrets())
    try:
        if args.command == "shell":
            return run_shell(stack)
        run_forever(stack)
    except RuntimeError as error:
        print(f"Start-up failed: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

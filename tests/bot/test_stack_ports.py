"""The stack refuses to start over another stack, whose health checks would pass for ours."""
import http.server
import threading

import pytest

from scripts.stack import Stack, StackConfig, random_secrets


class Healthy(http.server.BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802 - http.server's name
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def running_rasa():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Healthy)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server.server_address[1]
    server.shutdown()


def test_start_refuses_when_a_port_already_answers(tmp_path, running_rasa):
    stack = Stack(StackConfig.isolated(tmp_path, rasa_port=running_rasa), random_secrets())
    with pytest.raises(RuntimeError, match="Rasa: .* already answers"):
        stack.start(timeout=5)
    assert all(service.process is None for service in stack.services)
    assert not (tmp_path / "facade.db").exists()

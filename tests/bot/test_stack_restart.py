"""A service that crashes is restarted and logged; one that keeps crashing stops the stack."""
import os
import signal
import sys

from scripts.stack import MAX_RESTARTS, Service, free_port, restart_crashed


def http_service(tmp_path, command=None) -> Service:
    port = free_port()
    return Service("demo", command or [sys.executable, "-m", "http.server", str(port),
                                       "--bind", "127.0.0.1", "--directory", str(tmp_path)],
                   f"http://127.0.0.1:{port}/", tmp_path / "demo.log")


def test_a_killed_service_comes_back(tmp_path, capsys):
    service = http_service(tmp_path)
    service.start(dict(os.environ))
    try:
        service.wait_healthy(20)
        os.killpg(service.process.pid, signal.SIGKILL)
        service.process.wait()
        assert restart_crashed(service, dict(os.environ), [])
        assert service.process.poll() is None and service.is_healthy()
        out = capsys.readouterr().out
        assert "demo stopped unexpectedly (exit code -9)" in out and "demo is running again." in out
    finally:
        service.stop()


def test_a_service_that_keeps_crashing_gives_up(tmp_path, capsys):
    service = http_service(tmp_path, [sys.executable, "-c", "raise SystemExit(3)"])
    history: list = []
    results = []
    for _ in range(MAX_RESTARTS + 1):
        service.start(dict(os.environ))
        service.process.wait()
        results.append(restart_crashed(service, dict(os.environ), history))
    assert results[-1] is False
    assert "stopping everything" in capsys.readouterr().out

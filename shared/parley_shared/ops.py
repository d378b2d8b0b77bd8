"""A tiny HTTP server for the ``/health`` and ``/metrics`` endpoints of services that have no web API.

Health callables return a JSON-able dict whose ``status`` is ``"ok"`` when the service is healthy;
anything else is answered with 503 so orchestrators restart or stop routing to it.
"""

from __future__ import annotations

import json
import logging
import signal
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import FrameType
from typing import Any

from prometheus_client import CONTENT_TYPE_LATEST, REGISTRY, generate_latest

log = logging.getLogger(__name__)

HealthCheck = Callable[[], dict[str, Any]]


class CachedHealth:
    """Remembers a health result for ``ttl_s`` seconds, so frequent probes don't each hit the broker."""

    def __init__(self, check: HealthCheck, ttl_s: float = 5.0) -> None:
        self._check = check
        self._ttl_s = ttl_s
        self._lock = threading.Lock()
        self._expires_at = 0.0
        self._result: dict[str, Any] = {}

    def __call__(self) -> dict[str, Any]:
        with self._lock:
            now = time.monotonic()
            if now >= self._expires_at:
                self._result = self._check()
                self._expires_at = now + self._ttl_s
            return self._result


def _handler_for(health: HealthCheck) -> type[BaseHTTPRequestHandler]:
    class OpsHandler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            path = self.path.split("?", 1)[0]
            if path == "/health":
                try:
                    report = health()
                except Exception as exc:  # a failing check is an unhealthy service, not a crashed server
                    log.exception("health check failed")
                    report = {"status": "error", "error": f"{type(exc).__name__}: {exc}"}
                code = 200 if report.get("status") == "ok" else 503
                self._reply(code, "application/json", json.dumps(report, default=str).encode("utf-8"))
            elif path == "/metrics":
                self._reply(200, CONTENT_TYPE_LATEST, generate_latest(REGISTRY))
            else:
                self._reply(404, "application/json", b'{"detail": "not found: try /health or /metrics"}')

        def _reply(self, code: int, content_type: str, body: bytes) -> None:
            self.send_response(code)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: Any) -> None:
            log.debug("ops request: " + format, *args)

    return OpsHandler


def start_ops_server(port: int, host: str, health: HealthCheck) -> ThreadingHTTPServer:
    """Serve ``GET /health`` and ``GET /metrics`` on ``host:port`` from a daemon thread.

    :param port: TCP port; 0 picks a free one (read it back from ``server.server_address``).
    :param host: interface to bind, e.g. ``127.0.0.1`` (``0.0.0.0`` inside a container).
    :param health: returns ``{"status": "ok", ...}`` when healthy; other statuses answer 503.
    :returns: the running server; call ``shutdown()`` and ``server_close()`` to stop it.
    """
    server = ThreadingHTTPServer((host, port), _handler_for(health))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name=f"ops-http-{port}", daemon=True)
    thread.start()
    log.info("ops server listening", extra={"address": f"http://{host}:{server.server_address[1]}"})
    return server


@contextmanager
def ops_server(port: int, host: str, health: HealthCheck) -> Iterator[ThreadingHTTPServer]:
    """:func:`start_ops_server` for the duration of a ``with`` block, closed however it ends."""
    server = start_ops_server(port, host, health)
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


def _exit_cleanly(signum: int, _frame: FrameType | None) -> None:
    raise SystemExit(0)


def exit_cleanly_on_signals() -> None:
    """Make SIGTERM and SIGINT end the process through ``SystemExit(0)``.

    uvicorn handles both signals while it serves (it stops accepting requests and lets running ones
    finish), then restores these handlers and raises the signal again: exiting through SystemExit
    lets a service's clean-up run, where the default action would kill it with work unflushed.
    """
    signal.signal(signal.SIGTERM, _exit_cleanly)
    signal.signal(signal.SIGINT, _exit_cleanly)


def stop_event_on_signals() -> threading.Event:
    """An event set by SIGTERM or SIGINT: a consumer loop polls it and finishes its batch first."""
    stop = threading.Event()

    def request_stop(signum: int, _frame: FrameType | None) -> None:
        logging.getLogger(__name__).info("stopping", extra={"signal": signal.Signals(signum).name})
        stop.set()

    signal.signal(signal.SIGTERM, request_stop)
    signal.signal(signal.SIGINT, request_stop)
    return stop

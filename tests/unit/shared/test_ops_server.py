import json
import urllib.error
import urllib.request

import pytest
from parley_shared.ops import CachedHealth, start_ops_server
from prometheus_client import Counter

PINGS = Counter("parley_test_ops_pings_total", "Counted by the ops server test.")


@pytest.fixture
def serve():
    servers = []

    def start(health):
        server = start_ops_server(0, "127.0.0.1", health)
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}"

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


def get(url):
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.headers["Content-Type"], response.read().decode()
    except urllib.error.HTTPError as error:
        with error:
            return error.code, error.headers["Content-Type"], error.read().decode()


def test_health_is_200_when_ok_and_503_otherwise(serve):
    healthy = serve(lambda: {"status": "ok", "kafka": "reachable"})
    sick = serve(lambda: {"status": "unavailable", "kafka": "connection refused"})

    assert get(healthy + "/health")[0] == 200
    code, content_type, body = get(sick + "/health")
    assert (code, content_type) == (503, "application/json")
    assert json.loads(body) == {"status": "unavailable", "kafka": "connection refused"}


def test_a_crashing_health_check_is_reported_not_fatal(serve):
    def explode():
        raise RuntimeError("no broker configured")

    url = serve(explode)

    code, _, body = get(url + "/health")
    assert code == 503
    assert json.loads(body)["error"] == "RuntimeError: no broker configured"
    assert get(url + "/health")[0] == 503  # the server still answers


def test_metrics_are_prometheus_text_and_unknown_paths_404(serve):
    PINGS.inc()
    url = serve(lambda: {"status": "ok"})

    code, content_type, body = get(url + "/metrics")
    assert code == 200 and content_type.startswith("text/plain")
    assert "parley_test_ops_pings_total 1.0" in body
    assert get(url + "/nope")[0] == 404


def test_cached_health_calls_the_check_once_per_ttl():
    calls = []
    health = CachedHealth(lambda: calls.append(1) or {"status": "ok", "n": len(calls)}, ttl_s=60)

    assert health() == health() == {"status": "ok", "n": 1}
    assert len(calls) == 1

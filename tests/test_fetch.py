"""--fetch: http(s) only, private addresses refused unless allowed, redirects re-checked, caps."""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from parley.errors import BlockedAddress, FetchError, TooLarge
from parley.ingestion.fetch import check_url, fetch_url

from helpers import PAGE


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):  # quiet
        pass

    def do_GET(self):
        if self.path == "/page":
            body = PAGE.encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        elif self.path == "/redirect":
            self.send_response(302)
            self.send_header("Location", "/page")
            self.end_headers()
        elif self.path == "/big":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            try:
                for _ in range(200):
                    self.wfile.write(b"x" * 10_000)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client stopped reading at its cap, as it should
        else:
            self.send_response(404)
            self.end_headers()


@pytest.fixture(scope="module")
def server():
    srv = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    t = threading.Thread(target=srv.serve_forever, daemon=True)
    t.start()
    yield f"http://127.0.0.1:{srv.server_address[1]}"
    srv.shutdown()


def test_loopback_is_refused_by_default(server):
    with pytest.raises(BlockedAddress) as exc:
        fetch_url(server + "/page")
    assert "--allow-private" in exc.value.hint


def test_allowed_with_allow_private_and_redirects_followed(server):
    doc = fetch_url(server + "/redirect", allow_private=True)
    assert doc.format == "url" and "Envoys meet in Corvo" in doc.html and doc.meta.url.endswith("/page")


def test_size_cap(server):
    with pytest.raises(TooLarge):
        fetch_url(server + "/big", allow_private=True, limit=100_000)


def test_http_errors_and_schemes(server):
    with pytest.raises(FetchError):
        fetch_url(server + "/missing", allow_private=True)
    for url in ("file:///etc/passwd", "ftp://example.org/x", "gopher://x"):
        with pytest.raises(FetchError):
            check_url(url, allow_private=True)


@pytest.mark.parametrize("host", ["10.0.0.1", "192.168.1.1", "169.254.169.254", "[::1]", "0.0.0.0", "224.0.0.1"])
def test_private_link_local_and_special_addresses(host):
    with pytest.raises(BlockedAddress):
        check_url(f"http://{host}/", allow_private=False)


def test_cli_ingest_with_fetch(server, tmp_path):
    from parley.ingestion.run import ingest

    r = ingest([server + "/page"], str(tmp_path / "f.db"), fetch=True, allow_private=True, analyze=False)
    assert len(r.added) == 1 and r.ok
    r2 = ingest([server + "/page"], str(tmp_path / "g.db"), fetch=True, analyze=False)
    assert not r2.added and r2.skipped[0].code == "E111"

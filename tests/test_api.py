"""The REST API and the web pages, against a real SQLite store (FastAPI's test client, no browser)."""

from __future__ import annotations

import io
import re

import pytest
from fastapi.testclient import TestClient

from parley.dossier import validate
from parley.errors import ALL_ERRORS

from conftest import EXAMPLES
from helpers import STORY


@pytest.fixture(scope="module")
def web(tmp_path_factory):
    from parley.ingestion.run import ingest
    from parley.present.web import create_app
    from parley.store.db import Store

    st = Store(str(tmp_path_factory.mktemp("web") / "web.db"))
    assert ingest([str(EXAMPLES)], st).ok
    with TestClient(create_app(st)) as client:
        yield client, st
    st.close()


def _main_story(client) -> str:
    return client.get("/api/stories").json()[0]["id"]


def assert_error_shape(r, status: int, code: str | None = None) -> dict:
    assert r.status_code == status, r.text
    body = r.json()
    assert set(body) == {"error"}
    assert set(body["error"]) == {"code", "message", "hint", "subject"}
    assert body["error"]["message"] and body["error"]["hint"]
    if code:
        assert body["error"]["code"] == code
    assert body["error"]["code"] in {e.code for e in ALL_ERRORS}
    return body["error"]


def test_stories_dossier_and_articles(web):
    client, _ = web
    stories = client.get("/api/stories").json()
    assert len(stories) == 3 and stories[0]["size"] == 7
    sid = stories[0]["id"]
    assert client.get(f"/api/stories/{sid}").json()["articles"] == stories[0]["articles"]
    d = client.get(f"/api/stories/{sid}/dossier").json()
    validate(d)
    assert d["format"] == "parley.dossier/1" and len(d["articles"]) == 7 and d["briefing"]
    rows = client.get("/api/articles", params={"limit": 3}).json()
    assert len(rows) == 3
    art = client.get(f"/api/articles/{rows[0]['id']}").json()
    assert art["text"] and art["article"]["id"] == rows[0]["id"] and art["story"]


def test_entities_quotes_claims_and_search(web):
    client, _ = web
    sid = _main_story(client)
    client.get(f"/api/stories/{sid}/dossier")
    hits = client.get("/api/entities", params={"q": "varga"}).json()
    assert hits and hits[0]["entity_id"] == "person:tomas-varga"
    e = client.get("/api/entities/person:tomas-varga").json()
    assert e["quotes"] and e["roles"] and e["timeline"] and e["stories"][0]["id"] == sid
    quotes = client.get(f"/api/stories/{sid}/quotes", params={"speaker": "Varga"}).json()
    assert quotes and all(q["speaker_name"] == "Tomas Varga" for q in quotes)
    contested = client.get(f"/api/stories/{sid}/claims", params={"status": "contested"}).json()
    assert len(contested) == 1 and contested[0]["contradict"]
    res = client.get("/api/search", params={"q": "prisoners"}).json()
    assert res["articles"] and "[" in res["articles"][0]["snippet"]


def test_every_error_has_one_json_shape(web):
    client, _ = web
    assert_error_shape(client.get("/api/stories/s-nope/dossier"), 404, "E300")
    assert_error_shape(client.get("/api/articles/ffffffffffff"), 404, "E300")
    assert_error_shape(client.get("/api/entities/person:nobody"), 404, "E300")
    assert_error_shape(client.get("/api/search"), 422, "E410")
    assert_error_shape(client.get("/api/stories", params={"limit": 0}), 422, "E410")
    sid = _main_story(client)
    assert_error_shape(client.get(f"/api/stories/{sid}/claims", params={"status": "maybe"}), 422, "E410")
    assert_error_shape(client.get("/api/nothing-here"), 404, "E300")
    assert_error_shape(client.post("/api/stories"), 405)
    assert_error_shape(client.post("/api/ingest"), 422, "E410")


def test_pages_render_and_send_a_content_security_policy(web):
    client, _ = web
    sid = _main_story(client)
    for path in ("/", f"/story/{sid}", "/entity/person:tomas-varga", "/search?q=Varga", "/upload", "/docs"):
        r = client.get(path)
        assert r.status_code == 200, path
        assert "script-src 'none'" in r.headers["content-security-policy"]
        assert r.headers["x-content-type-options"] == "nosniff"
        assert "<script" not in r.text
    page = client.get(f"/story/{sid}").text
    for section in ("briefing", "rounds", "positions", "agreements", "contested", "timeline", "quotes", "outlets"):
        assert f'id="{section}"' in page
    assert "<svg" in page  # charts inline
    link = re.search(r'href="(/article/[0-9a-f]+\?hl=(\d+)-(\d+)#hl)"', page)
    r = client.get(link.group(1))
    assert r.status_code == 200 and 'id="hl"' in r.text
    bad = client.get("/article/ffff0000")
    assert bad.status_code == 404 and "no article" in bad.text and "<h1>" in bad.text
    assert client.get("/article/" + link.group(1).split("/")[2].split("?")[0] + "?hl=9-3").status_code == 422


def test_openapi_documents_every_api_route(web):
    client, _ = web
    spec = client.get("/openapi.json").json()
    paths = set(spec["paths"])
    assert {"/api/stories", "/api/stories/{story_id}/dossier", "/api/articles", "/api/articles/{article_id}",
            "/api/entities", "/api/entities/{entity_id}", "/api/stories/{story_id}/quotes",
            "/api/stories/{story_id}/claims", "/api/search", "/api/ingest", "/api/jobs/{job_id}"} <= paths
    docs = client.get("/docs").text
    for p in paths:
        assert p in docs


def test_ingest_over_the_api_and_the_upload_page(tmp_path):
    from parley.present.web import create_app
    from parley.store.db import Store

    st = Store(str(tmp_path / "up.db"))
    with TestClient(create_app(st)) as client:
        files = [("files", ("talks.txt", io.BytesIO(STORY.encode()), "text/plain")),
                 ("files", ("empty.txt", io.BytesIO(b""), "text/plain"))]
        job = client.post("/api/ingest", params={"wait": "true"}, files=files).json()
        assert job["status"] == "done", job
        assert len(job["articles"]) == 1 and job["stories"]
        assert job["skipped"] and job["skipped"][0]["input"].endswith("empty.txt")
        assert client.get(f"/api/jobs/{job['id']}").json()["status"] == "done"
        # the same file again: nothing duplicated
        again = client.post("/api/ingest", params={"wait": "true"},
                            files=[("files", ("talks.txt", io.BytesIO(STORY.encode()), "text/plain"))]).json()
        assert again["articles"] == job["articles"] and st.count_articles() == 1
        # the browser form: redirected to a progress page that ends with the summary
        r = client.post("/upload", files=[("files", ("b.txt", io.BytesIO(b"Farmers in Besk harvested a record "
                                                                          b"crop this year, the ministry said."),
                                                     "text/plain"))], follow_redirects=False)
        assert r.status_code == 303 and r.headers["location"].startswith("/jobs/")
        job_id = r.headers["location"].rsplit("/", 1)[1]
        client.app.state.jobs.wait(client.app.state.jobs.get(job_id))
        page = client.get(r.headers["location"]).text
        assert "1 ingested" in page and "refresh" not in page
    st.close()


def test_writes_need_a_token_off_loopback_and_uploads_are_capped(tmp_path, monkeypatch):
    from parley.present.web import create_app
    from parley.store.db import Store

    st = Store(str(tmp_path / "tok.db"))
    files = {"files": ("t.txt", io.BytesIO(STORY.encode()), "text/plain")}
    with TestClient(create_app(st, host="0.0.0.0")) as client:  # no token configured: writes are off
        err = assert_error_shape(client.post("/api/ingest", files=files), 401, "E401")
        assert "PARLEY_API_TOKEN" in err["hint"]
        assert client.get("/api/stories").status_code == 200  # reads stay open
    with TestClient(create_app(st, host="0.0.0.0", token="s3cret")) as client:
        files = {"files": ("t.txt", io.BytesIO(STORY.encode()), "text/plain")}
        assert_error_shape(client.post("/api/ingest", files=files, headers={"Authorization": "Bearer nope"}), 401)
        files = {"files": ("t.txt", io.BytesIO(STORY.encode()), "text/plain")}
        ok = client.post("/api/ingest", files=files, params={"wait": "true"},
                         headers={"Authorization": "Bearer s3cret"})
        assert ok.status_code == 200 and ok.json()["status"] == "done"
    assert st.count_articles() == 1
    monkeypatch.setenv("PARLEY_UPLOAD_MAX_BYTES", "1000")
    with TestClient(create_app(st)) as client:
        big = {"files": ("big.txt", io.BytesIO(b"word " * 1000), "text/plain")}
        assert_error_shape(client.post("/api/ingest", files=big), 413, "E105")
    assert st.count_articles() == 1
    st.close()


def test_a_server_failure_answers_with_the_error_shape_too(tmp_path, monkeypatch):
    from parley.present import service
    from parley.present.web import create_app
    from parley.store.db import Store

    st = Store(str(tmp_path / "e.db"))

    def broken(*args, **kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr(service, "stories", broken)
    with TestClient(create_app(st), raise_server_exceptions=False) as client:
        err = assert_error_shape(client.get("/api/stories"), 500, "E900")
        assert "a bug" not in err["message"], "internals are logged, not shown"
        page = client.get("/")
        assert page.status_code == 500 and "E900" in page.text
    st.close()

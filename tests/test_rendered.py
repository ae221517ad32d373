"""Story pages and dossier JSON are rendered once per dossier version, and change when the story does."""

from __future__ import annotations

from fastapi.testclient import TestClient

from parley.ingestion.run import ingest
from parley.present.web import create_app
from parley.store.db import Store

A = ("Envoys meet in Corvo\n\nEnvoys from Arland and Besk met in Corvo on Monday for six hours of talks on the "
     "border, officials said. Arland's negotiator Mira Tal said the talks on the border would go on.\n")
B = ("Corvo talks on the border go on\n\nEnvoys from Arland and Besk met again in Corvo on Tuesday for talks on "
     "the border, officials said. Besk's negotiator Oren Vale said the border talks were useful.\n")


def test_pages_are_kept_per_version_and_change_with_the_story(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "a.txt").write_text(A, encoding="utf-8")
    (tmp_path / "b.txt").write_text(B, encoding="utf-8")
    st = Store(str(tmp_path / "t.db"))
    try:
        ingest([str(tmp_path / "a")], st)
        app = create_app(st)
        with TestClient(app) as client:
            sid = st.stories()[0]["id"]
            first = client.get(f"/story/{sid}")
            api = client.get(f"/api/stories/{sid}/dossier")
            assert first.status_code == 200 and api.status_code == 200
            assert client.get(f"/story/{sid}").text == first.text  # served from the cache
            assert client.get(f"/api/stories/{sid}/dossier").content == api.content
            assert app.state.rendered.hits == 2 and app.state.rendered.misses == 2
            ingest([str(tmp_path / "b.txt")], st)
            members = st.story(sid)["articles"]
            assert len(members) == 2, "the fictional articles should form one story"
            again = client.get(f"/story/{sid}")
            assert again.status_code == 200 and again.text != first.text
            assert "Oren Vale" in again.text and "Oren Vale" not in first.text
            assert len(client.get(f"/api/stories/{sid}/dossier").json()["articles"]) == 2
            assert app.state.rendered.misses == 4
    finally:
        st.close()

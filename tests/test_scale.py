"""Scale: Dask gives what the serial path gives; PostgreSQL gives what SQLite gives; incremental updates
give what a rebuild gives."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from parley.dossier import build, refresh_stories
from parley.ingestion.run import ingest
from parley.store import migrations, schema
from parley.store.db import Store

from conftest import DATA, EXAMPLES, SEEDS, pg_database

pytestmark = pytest.mark.slow


def _comparable(d) -> str:
    """A dossier without what may differ between two runs: the time it was made and where files were read."""
    data = dict(d.data)
    data.pop("generated")
    data["articles"] = [{k: v for k, v in a.items() if k not in ("path", "seq")} for a in data["articles"]]
    return json.dumps(data, sort_keys=True, ensure_ascii=False)


def _story_dossiers(st: Store) -> dict[str, str]:
    return {s["id"]: _comparable(build(st, story=s["id"])) for s in st.stories()}


def test_dask_and_serial_give_identical_dossiers(tmp_path):
    serial = Store(str(tmp_path / "serial.db"))
    assert ingest([str(EXAMPLES)], serial).ok
    dask = Store(str(tmp_path / "dask.db"))
    report = ingest([str(EXAMPLES)], dask, workers=2)
    assert report.ok and report.analyzed == 9
    assert _comparable(build(dask)) == _comparable(build(serial))
    serial.close()
    dask.close()


def test_postgresql_gives_what_sqlite_gives(tmp_path, pg_server):
    lite = Store(str(tmp_path / "lite.db"))
    pg = Store(pg_database(pg_server))
    assert pg.dialect == "postgresql"
    for st in (lite, pg):
        assert ingest([str(EXAMPLES)], st).ok
        assert ingest([str(EXAMPLES)], st).added == []  # again: nothing new
    assert _comparable(build(pg)) == _comparable(build(lite))
    assert _story_dossiers(pg) == _story_dossiers(lite)
    with pg.reader() as conn:
        version = conn.execute(select(schema.meta.c.value).where(schema.meta.c.key == "schema_version")).scalar()
    assert int(version) == migrations.LATEST
    pg.close()
    Store(pg.url).close()  # migrations are idempotent on PostgreSQL too
    lite.close()


def test_incremental_updates_match_a_rebuild(tmp_path):
    """Articles added in three ingests, dossiers refreshed after each, end where one ingest of all of them
    ends; each ingest rebuilds only the stories it touched."""
    batches = [[str(f) for f in sorted(SEEDS.glob("*.txt"))[:3]],
               [str(f) for f in sorted(SEEDS.glob("*.txt"))[3:]] + [str(DATA / "unrelated" / "cup_final.txt")],
               [str(DATA / "unrelated" / "harbour_fire.txt"), str(DATA / "unrelated" / "chip_results.txt")]]
    inc = Store(str(tmp_path / "inc.db"))
    for i, batch in enumerate(batches):
        report = ingest(batch, inc)  # ingest rebuilds the dossiers of the stories it touched, and only those
        assert report.ok
        if i == 2:  # two new unrelated articles: only their stories are rebuilt, the seeds' story is kept
            assert report.dossiers == 2, report.summary()
        assert refresh_stories(inc) == 0, "every dossier is already up to date"
    cached = {s["id"]: inc.cached_dossier(s["id"]) for s in inc.stories()}
    assert all(cached.values())
    scratch = Store(str(tmp_path / "scratch.db"))
    assert ingest([f for b in batches for f in b], scratch).ok
    assert _story_dossiers(inc) == _story_dossiers(scratch)
    inc.close()
    scratch.close()


def test_a_cached_dossier_is_not_served_after_its_story_grew(tmp_path):
    st = Store(str(tmp_path / "s.db"))
    seeds = sorted(SEEDS.glob("*.txt"))
    assert ingest([str(f) for f in seeds[:2]], st).ok
    (sid,) = [s["id"] for s in st.stories()]
    assert len(build(st, story=sid)["articles"]) == 2
    assert ingest([str(seeds[2])], st).ok
    assert st.story_of()[st.article_ids()[-1]] == sid
    assert len(build(st, story=sid)["articles"]) == 3
    st.close()

"""The store: stable ids, no duplicates on re-ingest, duplicates linked, batches atomic."""

from __future__ import annotations

import json
import sqlite3

import pytest
from sqlalchemy.exc import IntegrityError

from parley.ingestion.run import ingest
from parley.store import migrations
from parley.store.db import Store

from helpers import PAGE, STORY, write


def test_reingest_creates_no_duplicates_and_ids_are_stable(tmp_path, store):
    write(tmp_path / "in" / "a.txt", "Headline\n\n" + STORY)
    write(tmp_path / "in" / "b.html", PAGE)
    r1 = ingest([str(tmp_path / "in")], store, analyze=False)
    ids = sorted(a.article_id for a in r1.added)
    assert len(ids) == 2 and r1.ok
    r2 = ingest([str(tmp_path / "in")], store, analyze=False)
    assert not r2.added and len(r2.existing) == 2
    assert sorted(store.article_ids()) == ids
    # a second store gives the same ids for the same content
    other = Store(str(tmp_path / "other.db"))
    r3 = ingest([str(tmp_path / "in")], other, analyze=False)
    assert sorted(a.article_id for a in r3.added) == ids
    other.close()


def test_same_content_from_another_path_is_one_article_with_two_sources(tmp_path, store):
    a = write(tmp_path / "a.txt", "Headline\n\n" + STORY)
    b = write(tmp_path / "copy" / "a.txt", "Headline\n\n" + STORY + "\n")
    ingest([str(a), str(b)], store, analyze=False)
    (aid,) = store.article_ids()
    assert sorted(store.locators(aid)) == sorted([str(a), str(b)])


def test_syndicated_copy_is_linked_not_dropped(tmp_path, store):
    orig = "Headline\n\n" + " ".join([STORY] * 4)
    copy = "Another outlet's headline\n\nRepublished with permission.\n\n" + " ".join([STORY] * 4) + "\n\nShare this article"
    write(tmp_path / "a.txt", orig)
    write(tmp_path / "b.txt", copy)
    r = ingest([str(tmp_path / "a.txt"), str(tmp_path / "b.txt")], store, analyze=False)
    first, second = r.added
    assert first.status == "new" and second.status in ("near-duplicate", "duplicate")
    assert second.duplicate_of == first.article_id
    assert store.get_article(second.article_id).duplicate_of == first.article_id
    assert store.count_articles() == 2


def test_unrelated_articles_are_not_duplicates(tmp_path, store):
    write(tmp_path / "a.txt", "Headline\n\n" + STORY)
    write(tmp_path / "b.txt", "Other\n\nFarmers in Besk harvested a record crop this year, the ministry said on Tuesday, "
                              "as prices for grain fell to a five-year low across the region.")
    r = ingest([str(tmp_path)], store, analyze=False)
    assert [a.status for a in r.added] == ["new", "new"]


def test_bad_input_loses_nothing_stored(tmp_path, store):
    write(tmp_path / "good" / "a.txt", "Headline\n\n" + STORY)
    ingest([str(tmp_path / "good")], store, analyze=False)
    before = store.count_articles()
    write(tmp_path / "bad" / "x.json", "{broken")
    write(tmp_path / "bad" / "y.txt", b"\x00\x00\x00")
    r = ingest([str(tmp_path / "bad"), str(tmp_path / "good")], store, analyze=False)
    assert len(r.skipped) == 2 and not r.ok
    assert store.count_articles() == before and len(r.existing) == 1


def test_a_failing_batch_is_rolled_back_whole(tmp_path, store):
    from parley.ingestion.build import build_article
    from parley.ingestion.readers import read_source

    items = []
    for i in range(3):
        p = write(tmp_path / f"{i}.txt", f"Headline {i}\n\n{STORY} Item number {i} adds words of its own here.")
        (doc,) = read_source(str(p), limit=10**6)
        art, sig = build_article(doc)
        items.append((art, sig, str(p)))
    items[2][0].id = None  # violates NOT NULL inside the transaction
    with pytest.raises(IntegrityError):
        store.add_articles(items)
    assert store.count_articles() == 0


def test_migrations_are_recorded_and_idempotent(tmp_path):
    path = tmp_path / "m.db"
    Store(str(path)).close()
    Store(str(path)).close()
    con = sqlite3.connect(path)
    (version,) = con.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()
    assert int(version) == migrations.LATEST
    assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"articles", "analyses", "lsh", "stories", "articles_fts"} <= tables
    con.close()


def test_article_roundtrip_and_search(tmp_path, store):
    write(tmp_path / "a.html", PAGE)
    ingest([str(tmp_path)], store, analyze=False)
    (aid,) = store.article_ids()
    art = store.get_article(aid[:6])
    assert art.title == "Envoys meet in Corvo" and art.published.date == "2024-02-05"
    assert art.authors == ["Rae Lund"]
    hits = store.search("negotiator Tal")
    assert hits and hits[0]["id"] == aid and "\x02Tal\x03" in hits[0]["snippet"]
    assert json.loads(json.dumps(store.article_rows()))[0]["id"] == aid


def test_missing_folder_for_the_store_is_a_clear_error(tmp_path):
    from parley.errors import StoreError

    with pytest.raises(StoreError) as exc:
        Store(str(tmp_path / "nope" / "x.db"))
    assert "folder" in exc.value.line()

"""Hostile input, crashes and concurrency: Parley keeps working, loses nothing, duplicates nothing.

The fuzz tests run a few dozen examples of each kind of bad input per CI run (hypothesis, fixed seed
derandomized so CI is repeatable); bench/reliability.py runs thousands and counts what happened
(docs/reliability.md).
"""

from __future__ import annotations

import gzip
import os
import signal
import subprocess
import sys
import threading
import time

import pytest
from hypothesis import HealthCheck, given, settings

from fuzzing import (
    malformed_feed,
    malformed_html,
    malformed_json,
    mixed_text,
    random_bytes,
    truncated,
)
from parley.ingestion.run import ingest
from parley.store.db import Store

from conftest import EXAMPLES, ROOT, SEEDS
from helpers import STORY, write

FUZZ = settings(max_examples=int(os.environ.get("PARLEY_FUZZ_EXAMPLES", "25")), deadline=None, derandomize=True,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                       HealthCheck.data_too_large])


@pytest.fixture(scope="module")
def fuzz_store(tmp_path_factory):
    st = Store(str(tmp_path_factory.mktemp("fuzz") / "fuzz.db"))
    assert ingest([str(SEEDS / sorted(os.listdir(SEEDS))[0])], st, analyze=False).ok
    yield st
    st.close()


def _check(store: Store, tmp_path, name: str, data: bytes) -> None:
    """Ingest one hostile input next to a good one: never an exception, every failure one clear line with a
    code, the good input read, nothing stored lost or duplicated."""
    before = set(store.article_ids())
    folder = tmp_path / f"in-{abs(hash((name, data))) % 10**9}"
    write(folder / name, data)
    write(folder / "zz-good.txt", "Headline\n\n" + STORY)
    report = ingest([str(folder)], store, analyze=False)
    for s in report.skipped:
        assert s.code.startswith("E1"), s
        assert "unexpected" not in s.message, f"a reader bug: {s.line()}"
        assert "\n" not in s.line()
    after = store.article_ids()
    assert len(after) == len(set(after)), "a duplicate row"
    assert before <= set(after), "something stored was lost"
    assert any(a.locator.endswith("zz-good.txt") for a in report.added + report.existing)


@FUZZ
@given(random_bytes())
def test_random_bytes(fuzz_store, tmp_path, case):
    _check(fuzz_store, tmp_path, *case)


@FUZZ
@given(truncated())
def test_truncated_gzip_and_warc(fuzz_store, tmp_path, case):
    _check(fuzz_store, tmp_path, *case)


@FUZZ
@given(malformed_feed())
def test_malformed_feeds(fuzz_store, tmp_path, case):
    _check(fuzz_store, tmp_path, *case)


@FUZZ
@given(malformed_html())
def test_malformed_and_deeply_nested_html(fuzz_store, tmp_path, case):
    _check(fuzz_store, tmp_path, *case)


@FUZZ
@given(malformed_json())
def test_malformed_json_and_records(fuzz_store, tmp_path, case):
    _check(fuzz_store, tmp_path, *case)


@FUZZ
@given(mixed_text())
def test_mixed_encodings_nul_bytes_and_huge_lines(fuzz_store, tmp_path, case):
    _check(fuzz_store, tmp_path, *case)


def test_decompression_bombs_are_refused(tmp_path, fuzz_store):
    for name in ("bomb.txt.gz", "bomb.jsonl.gz", "bomb.warc.gz"):
        write(tmp_path / name, gzip.compress(b" " * 30_000_000))
    report = ingest([str(tmp_path)], fuzz_store, analyze=False)
    assert len(report.skipped) == 3 and {s.code for s in report.skipped} <= {"E105", "E101"}
    assert all("bomb" in s.message or "limit" in s.message for s in report.skipped if s.code == "E105")


def test_the_cli_reports_bad_inputs_in_one_line_each_and_exits_one(tmp_path):
    write(tmp_path / "in" / "a.json", "{broken")
    write(tmp_path / "in" / "b.txt", b"\x00\x01\x02" * 10)
    write(tmp_path / "in" / "c.txt.gz", b"\x1f\x8b\x08\x00garbage")
    write(tmp_path / "in" / "d.txt", "Headline\n\n" + STORY)
    r = subprocess.run([sys.executable, "-m", "parley.cli", "ingest", str(tmp_path / "in"), "--db",
                        str(tmp_path / "c.db"), "--no-analyze", "-q"], capture_output=True, text=True, cwd=ROOT)
    assert r.returncode == 1
    skipped = [x for x in r.stderr.splitlines() if x.startswith("skipped")]
    assert len(skipped) == 3 and "Traceback" not in r.stderr
    assert "1 ingested" in r.stdout and "3 skipped" in r.stdout


# ----------------------------------------------------------------------------- crashes

CRASH_SCRIPT = """
import sys
from parley.ingestion import run
from parley.ingestion.run import ingest
run.BATCH = 4
ingest([sys.argv[1]], sys.argv[2], analyze=False,
       progress=lambda stage, n, total: print(f"{stage} {n}", flush=True))
"""


@pytest.mark.parametrize("kill_after", [3, 9, 17])
def test_sigkill_in_the_middle_of_a_batch_loses_and_duplicates_nothing(tmp_path, kill_after):
    src = tmp_path / "in"
    for i in range(24):
        write(src / f"{i:02d}.txt", f"Headline {i}\n\nReport number {i}. {STORY} The count for this one is {i * 7}.")
    db = tmp_path / "k.db"
    proc = subprocess.Popen([sys.executable, "-c", CRASH_SCRIPT, str(src), str(db)], stdout=subprocess.PIPE,
                            text=True, cwd=ROOT)
    for line in proc.stdout:  # kill it as it reads article number kill_after, mid-batch
        if line.strip() == f"read {kill_after}":
            proc.send_signal(signal.SIGKILL)
            break
    proc.wait(30)
    assert proc.returncode == -signal.SIGKILL
    st = Store(str(db))
    assert st.integrity_check() == "ok"
    stored = st.count_articles()
    assert stored % 4 == 0 and stored < 24, "only whole batches were committed"
    for art in st.iter_articles():  # no partial article: text, metadata and story are all there
        assert art.text and art.title and st.story_of([art.id])
    report = ingest([str(src)], st, analyze=False)
    assert report.ok and len(report.existing) == stored and len(report.added) == 24 - stored
    ids = st.article_ids()
    assert len(ids) == 24 == len(set(ids))
    assert sum(s["size"] for s in st.stories()) == 24
    st.close()


# ----------------------------------------------------------------------------- concurrency

def test_two_ingest_processes_on_one_sqlite_store(tmp_path):
    db = tmp_path / "two.db"
    Store(str(db)).close()
    dirs = []
    for k in range(2):
        d = tmp_path / f"in{k}"
        for i in range(30):
            write(d / f"{i:02d}.txt", f"Headline {k}-{i}\n\nDispatch {k}-{i}. {STORY} Figure {k * 100 + i}.")
        dirs.append(d)
    script = "import sys; from parley.ingestion.run import ingest; r = ingest([sys.argv[1]], sys.argv[2], " \
             "analyze=False); print(r.summary()); sys.exit(0 if r.ok else 1)"
    procs = [subprocess.Popen([sys.executable, "-c", script, str(d), str(db)], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True, cwd=ROOT) for d in dirs]
    outs = [p.communicate(120) for p in procs]
    assert all(p.returncode == 0 for p in procs), outs
    st = Store(str(db))
    ids = st.article_ids()
    assert len(ids) == 60 == len(set(ids))
    assert sum(s["size"] for s in st.stories()) == 60
    assert st.integrity_check() == "ok"
    st.close()


def test_api_reads_during_an_ingest(tmp_path):
    from fastapi.testclient import TestClient

    from parley.present.web import create_app

    db = tmp_path / "rw.db"
    st = Store(str(db))
    assert ingest([str(EXAMPLES)], st, analyze=False).ok
    src = tmp_path / "more"
    for i in range(40):
        write(src / f"{i:02d}.txt", f"Headline {i}\n\nMore news {i}. {STORY} Number {i}.")
    proc = subprocess.Popen([sys.executable, "-c", "import sys; from parley.ingestion.run import ingest; "
                             "ingest([sys.argv[1]], sys.argv[2], analyze=False)", str(src), str(db)], cwd=ROOT)
    errors: list[str] = []
    seen: list[int] = []
    with TestClient(create_app(st)) as client:
        while proc.poll() is None:
            for path in ("/api/stories", "/api/articles?limit=1000", "/api/search?q=news", "/"):
                r = client.get(path)
                if r.status_code != 200:
                    errors.append(f"{path}: {r.status_code} {r.text[:200]}")
            seen.append(len(client.get("/api/articles", params={"limit": 1000}).json()))
            time.sleep(0.05)
        assert proc.returncode == 0
        assert not errors, errors[:5]
        assert seen == sorted(seen), "a reader never sees rows disappear"
        assert len(client.get("/api/articles", params={"limit": 1000}).json()) == 49
    st.close()


def test_writer_lock_makes_writers_queue_not_fail(tmp_path):
    """A writer that holds the store for a while makes another wait (busy timeout), not fail."""
    db = tmp_path / "lock.db"
    a, b = Store(str(db)), Store(str(db))
    done = threading.Event()

    def hold():
        with a.writer():
            time.sleep(1.0)
        done.set()

    t = threading.Thread(target=hold)
    t.start()
    time.sleep(0.1)
    write(tmp_path / "x" / "a.txt", "Headline\n\n" + STORY)
    report = ingest([str(tmp_path / "x")], b, analyze=False)
    assert done.is_set() and report.ok and b.count_articles() == 1
    t.join()
    a.close()
    b.close()


@pytest.mark.parametrize("kind", ["gz", "warc", "warc.gz", "rss"])
def test_every_prefix_of_a_valid_archive_or_feed_reads_or_is_refused(kind):
    """Exhaustive: cut a valid input at every byte; each cut is read or refused with an input error."""
    from fuzzing import _whole
    from parley.errors import InputError
    from parley.ingestion.build import build_article
    from parley.ingestion.readers import read_bytes

    from helpers import RSS

    whole = RSS.encode() if kind == "rss" else _whole(kind)
    step = max(1, len(whole) // 400)
    for cut in range(0, len(whole), step):
        for item in read_bytes(whole[:cut], f"x.{kind}", None, 10**7):
            if isinstance(item, InputError):
                assert item.code.startswith("E1")
                continue
            try:
                build_article(item)
            except InputError:
                pass

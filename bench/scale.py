"""Scale figures on the AllSides sample (3,000 real articles, ../shared/data/allsides-news-sample).

    .venv/bin/python bench/scale.py build            # the analysed 3,000-article store, bench/out/allsides.db
    .venv/bin/python bench/scale.py throughput [N]   # analysis: articles/s serial and on 2 Dask workers (N=200)
    .venv/bin/python bench/scale.py reconcile        # stories + every story dossier at 500..3,000 articles
    .venv/bin/python bench/scale.py incremental      # one article added to 2,999 vs rebuilding
    .venv/bin/python bench/scale.py page             # server time of the dossier page
    .venv/bin/python bench/scale.py all

Each figure is measured in this process or in a child process run by it, against a baseline measured the
same way (ratios). Stores of each size are copies of the master store's articles and analyses (the same
content-hash ids), so reconciliation is measured apart from the analysis.
"""

from __future__ import annotations

import json
import math
import os
import resource
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data" / "allsides-news-sample" / "articles.jsonl.gz"
OUT = ROOT / "bench" / "out"
MASTER = OUT / "allsides.db"
SIZES = [500, 1000, 2000, 3000]


def _records(n: int | None = None, skip: int = 0) -> list[dict]:
    import gzip

    rows = []
    with gzip.open(DATA, "rt", encoding="utf-8") as fh:
        for i, line in enumerate(fh):
            if i < skip:
                continue
            if n is not None and len(rows) >= n:
                break
            rows.append(json.loads(line))
    return rows


def _write_jsonl(rows: list[dict], path: Path) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return path


def build() -> None:
    """The master store: all 3,000 articles ingested and analysed (2 Dask workers, to save time)."""
    from parley.ingestion.run import ingest
    from parley.store.db import Store

    OUT.mkdir(parents=True, exist_ok=True)
    if MASTER.exists():
        st = Store(str(MASTER))
        from parley.analysis.pipeline import VERSION

        if st.count_articles() == 3000 and not st.missing_analyses(VERSION):
            print(f"master store {MASTER} is up to date")
            st.close()
            return
        st.close()
        for p in OUT.glob("allsides.db*"):
            p.unlink()
    t0 = time.perf_counter()
    report = ingest([str(DATA)], str(MASTER), workers=2)
    print(f"master store: {report.summary()} in {time.perf_counter() - t0:.0f} s")


def throughput(n: int = 200, rounds: int = 3) -> dict:
    """Analysis throughput, serial and on a local 2-worker Dask cluster, over the same n articles (stored
    first, so only the analysis is timed). The model is loaded before the clock starts in both (the cluster
    is started and each worker's model loaded once, outside the timing). This machine's speed drifts by
    up to a fifth from minute to minute, so the two are measured in alternation, ``rounds`` times, and the
    medians compared."""
    import dask
    from dask.distributed import Client, LocalCluster

    from parley.analysis.pipeline import analyze_many, load_model
    from parley.analysis.runner import analyze_store
    from parley.ingestion.run import ingest
    from parley.scale.dask_runner import WORKER_CONFIG, analyze_chunk
    from parley.store import schema
    from parley.store.db import Store

    rows = _records(n)
    rates: dict[str, list[float]] = {"serial": [], "dask-2": []}
    with tempfile.TemporaryDirectory() as tmp:
        src = _write_jsonl(rows, Path(tmp) / "in.jsonl")
        st = Store(os.path.join(tmp, "t.db"))
        ingest([str(src)], st, analyze=False)
        warm = list(st.iter_articles(st.article_ids()[:3]))
        list(analyze_many(warm, load_model()))
        with dask.config.set(WORKER_CONFIG):
            cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                                   silence_logs=40)
        client = Client(cluster)
        client.run(analyze_chunk, warm)
        for r in range(rounds):
            for label in ("serial", "dask-2"):
                with st.writer() as conn:
                    conn.execute(schema.analyses.delete())
                t0 = time.perf_counter()
                done, failed = analyze_store(st, scheduler=cluster.scheduler_address if label != "serial" else None,
                                             workers=0)
                dt = time.perf_counter() - t0
                assert done == n and not failed, failed[:3]
                rates[label].append(n / dt)
                print(f"round {r + 1} {label:>7}: {n} articles in {dt:6.1f} s = {n / dt:5.2f} articles/s", flush=True)
        client.close()
        cluster.close()
        st.close()
    out = {k: statistics.median(v) for k, v in rates.items()}
    out["ratio"] = out["dask-2"] / out["serial"]
    print(f"  median: serial {out['serial']:.2f}, dask-2 {out['dask-2']:.2f} articles/s; ratio {out['ratio']:.2f}")
    return out


def _copy_store(n: int, path: Path, skip_last: bool = False) -> None:
    """A store holding the master's first n articles and their analyses, with no stories yet."""
    from parley.store.db import Store

    Store(str(path)).close()  # schema
    con = sqlite3.connect(path)
    con.execute("ATTACH DATABASE ? AS m", (str(MASTER),))
    limit = n - 1 if skip_last else n
    con.execute("INSERT INTO articles SELECT * FROM m.articles WHERE seq <= ?", (limit,))
    for table in ("article_sources", "lsh", "analyses"):
        con.execute(f"INSERT INTO {table} SELECT * FROM m.{table} WHERE article_id IN (SELECT id FROM articles)")
    con.commit()
    con.close()


def _backup(src: Path, dst: Path) -> None:
    """A consistent copy of a SQLite store, its write-ahead log included."""
    with sqlite3.connect(src) as a, sqlite3.connect(dst) as b:
        a.backup(b)


def reconcile_once(n: int) -> dict:
    """In a child process: stories from scratch, then every story's dossier, for n articles."""
    from parley.dossier import refresh_stories
    from parley.store.db import Store

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "r.db"
        _copy_store(n, path)
        st = Store(str(path))
        base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        t0 = time.perf_counter()
        placed = st.assign_stories()
        t_stories = time.perf_counter() - t0
        built = refresh_stories(st)
        total = time.perf_counter() - t0
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        stories = st.stories()
        st.close()
    return {"n": n, "placed": placed, "stories": len(stories), "largest": max(s["size"] for s in stories),
            "dossiers": built, "stories_s": t_stories, "total_s": total, "peak_mb": peak / 1024,
            "start_mb": base / 1024}


def _child(fn: str, *args: str) -> dict:
    out = subprocess.run([sys.executable, __file__, "_child", fn, *args], check=True, capture_output=True,
                         text=True, cwd=ROOT)
    return json.loads(out.stdout.strip().splitlines()[-1])


def reconcile() -> list[dict]:
    rows = []
    for n in SIZES:
        r = _child("reconcile_once", str(n))
        rows.append(r)
        print(f"{n:>5} articles: {r['stories']} stories (largest {r['largest']}), stories {r['stories_s']:6.1f} s, "
              f"stories + {r['dossiers']} dossiers {r['total_s']:7.1f} s, peak RSS {r['peak_mb']:.0f} MB "
              f"(at start {r['start_mb']:.0f} MB)", flush=True)
    xs = [math.log(r["n"]) for r in rows]
    ys = [math.log(r["total_s"]) for r in rows]
    mx, my = statistics.mean(xs), statistics.mean(ys)
    slope = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sum((x - mx) ** 2 for x in xs)
    print(f"  fitted growth exponent (time ~ n^k): k = {slope:.2f}")
    peaks = [r["peak_mb"] for r in rows]
    print(f"  peak RSS from {min(peaks):.0f} to {max(peaks):.0f} MB across sizes")
    return rows


def incremental_once() -> dict:
    """In a child process: the master's first 2,999 articles, stories and dossiers built; then the 3,000th
    article is ingested (read, analysed, placed, its story's dossier rebuilt) and timed; then the same store
    is rebuilt from scratch (stories and every dossier) and timed."""
    from parley.dossier import refresh_stories
    from parley.ingestion.run import ingest
    from parley.store.db import Store

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "i.db"
        _copy_store(3000, path, skip_last=True)
        st = Store(str(path))
        st.assign_stories()
        refresh_stories(st)
        from parley.analysis.pipeline import analyze_many, load_model

        list(analyze_many(list(st.iter_articles(st.article_ids()[:2])), load_model()))  # model loaded, as a server
        last = _write_jsonl(_records(1, skip=2999), Path(tmp) / "last.jsonl")
        t0 = time.perf_counter()
        report = ingest([str(last)], st)
        touched = sorted(set(st.story_of([a.article_id for a in report.added]).values()))
        rebuilt = refresh_stories(st, touched)
        t_add = time.perf_counter() - t0
        assert report.ok and len(report.added) == 1
        st.reset_stories()  # forget every story and dossier: rebuild the corpus-wide stages
        t0 = time.perf_counter()
        st.assign_stories()
        n_dossiers = refresh_stories(st)
        t_rebuild = time.perf_counter() - t0
        st.close()
    return {"add_s": t_add, "rebuilt_stories": rebuilt, "rebuild_s": t_rebuild, "dossiers": n_dossiers}


def incremental() -> dict:
    r = _child("incremental_once")
    print(f"adding one article to 2,999 (read, analyse, place, rebuild its story's dossier): {r['add_s']:.2f} s")
    print(f"rebuilding stories and all {r['dossiers']} dossiers of 3,000 articles: {r['rebuild_s']:.1f} s")
    print(f"  ratio add / rebuild = {100 * r['add_s'] / r['rebuild_s']:.2f} %")
    return r


def page() -> dict:
    """Server time of the dossier page of the largest story, and of the story list, over the master store,
    in the app's process (FastAPI test client): cold (dossier not cached yet) and warm (median of 7)."""
    from fastapi.testclient import TestClient

    from parley.present.web import create_app
    from parley.store.db import Store

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "p.db"
        _backup(MASTER, path)
        st = Store(str(path))
        st.assign_stories()
        from parley.store import schema

        with st.writer() as conn:
            conn.execute(schema.story_cache.delete())
        client = TestClient(create_app(st))
        sid = st.stories()[0]["id"]
        size = st.stories()[0]["size"]

        def timed(url: str) -> float:
            t0 = time.perf_counter()
            r = client.get(url)
            assert r.status_code == 200, r.text[:300]
            return time.perf_counter() - t0

        cold = timed(f"/story/{sid}")
        warm = statistics.median(timed(f"/story/{sid}") for _ in range(7))
        index = statistics.median(timed("/") for _ in range(5))
        st.close()
    print(f"dossier page of the largest story ({size} articles): cold {cold:.2f} s (dossier built), "
          f"warm {warm * 1000:.0f} ms (median of 7); story list of 3,000 articles {index * 1000:.0f} ms")
    return {"cold_s": cold, "warm_s": warm, "index_s": index, "size": size}


def main(argv: list[str]) -> int:
    what = argv[0] if argv else "all"
    if what == "_child":
        fn = globals()[argv[1]]
        result = fn(*[int(a) for a in argv[2:]])
        print(json.dumps(result))
        return 0
    if what in ("build", "all"):
        build()
    if what in ("throughput", "all"):
        throughput(int(argv[1]) if len(argv) > 1 and what == "throughput" else 200)
    if what in ("reconcile", "all"):
        reconcile()
    if what in ("incremental", "all"):
        incremental()
    if what in ("page", "all"):
        page()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

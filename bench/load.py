"""Load benchmark: 8 concurrent readers of story pages on loopback, with and without the render cache.

Starts ``parley serve`` on a free loopback port on a copy of a store (default: the largest development store
in bench/out/devset/, else the examples ingested), then sends REQUESTS requests from CLIENTS threads to the
story pages and dossier JSON of the largest stories, round-robin. Reports p50/p95/max latency and errors,
cold (first requests after start) and warm, for PARLEY_RENDER_CACHE=0 (before) and the default (after), and
the ratios after/before. Bounded: two servers, 2 x 300 requests.

    PYTHONPATH=$PWD/src .venv/bin/python bench/load.py [STORE.db] [--requests 300] [--clients 8]
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> tuple[float, bool]:
    t = time.perf_counter()
    try:
        with urllib.request.urlopen(url, timeout=60) as r:
            r.read()
            ok = r.status == 200
    except Exception:
        ok = False
    return time.perf_counter() - t, ok


def stats(xs: list[float]) -> dict[str, float]:
    xs = sorted(xs)
    return {"p50": statistics.median(xs) * 1000, "p95": xs[min(len(xs) - 1, int(0.95 * len(xs)))] * 1000,
            "max": xs[-1] * 1000}


def run(db: str, cache: str, urls: list[str], n: int, clients: int) -> dict[str, object]:
    port = free_port()
    env = {**os.environ, "PARLEY_RENDER_CACHE": cache, "PYTHONPATH": str(ROOT / "src")}
    proc = subprocess.Popen([sys.executable, "-m", "parley.cli", "serve", "--db", db, "--port", str(port)],
                            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(600):
            try:
                urllib.request.urlopen(base + "/api/stories?limit=1", timeout=5).read()
                break
            except Exception:
                time.sleep(0.5)
        cold = [fetch(base + u) for u in urls]  # one pass, one at a time: each page's first render
        todo = [base + urls[i % len(urls)] for i in range(n)]
        with ThreadPoolExecutor(clients) as ex:
            warm = list(ex.map(fetch, todo))
    finally:
        proc.terminate()
        proc.wait(30)
    return {"cold": stats([t for t, _ in cold]), "warm": stats([t for t, _ in warm]),
            "errors": sum(not ok for _, ok in cold + warm)}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("db", nargs="?")
    ap.add_argument("--requests", type=int, default=300)
    ap.add_argument("--clients", type=int, default=8)
    ap.add_argument("--stories", type=int, default=5)
    args = ap.parse_args()
    from parley.store.db import Store

    with tempfile.TemporaryDirectory(prefix="parley-load-") as tmp:
        db = os.path.join(tmp, "load.db")
        src = args.db
        if src is None:
            dev = sorted((ROOT / "bench" / "out" / "devset").glob("*.db"), key=lambda p: -p.stat().st_size)
            src = str(dev[0]) if dev else None
        if src:
            shutil.copy(src, db)
        else:
            from parley.ingestion.run import ingest

            st = Store(db)
            ingest([str(ROOT / "examples" / "corpus")], st)
            st.close()
        st = Store(db)
        st.assign_stories()
        sids = [s["id"] for s in st.stories()[:args.stories]]
        print(f"store {src or 'examples'}: {st.count_articles()} articles; stories {sizes(st, sids)}")
        st.close()
        urls = [u for sid in sids for u in (f"/story/{sid}", f"/api/stories/{sid}/dossier")]
        before = run(db, "0", urls, args.requests, args.clients)
        after = run(db, "256", urls, args.requests, args.clients)
    for name, r in (("before (PARLEY_RENDER_CACHE=0)", before), ("after (render once per version)", after)):
        c, w = r["cold"], r["warm"]
        print(f"{name}: cold p50 {c['p50']:.0f} ms p95 {c['p95']:.0f} max {c['max']:.0f}; warm ({args.clients} "
              f"clients, {args.requests} requests) p50 {w['p50']:.0f} ms p95 {w['p95']:.0f} max {w['max']:.0f}; "
              f"errors {r['errors']}")
    print("warm after/before: " + ", ".join(f"{k} {after['warm'][k] / before['warm'][k]:.3f}"
                                             for k in ("p50", "p95", "max")))


def sizes(st, sids: list[str]) -> str:
    return ", ".join(str(st.story(s)["size"]) for s in sids)


if __name__ == "__main__":
    main()

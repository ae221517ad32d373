"""Reliability campaign: many hostile inputs per reader, crashes at many points, concurrent writers and
readers; counts what happened. Figures go to docs/reliability.md.

    .venv/bin/python bench/reliability.py [EXAMPLES_PER_KIND] [KILL_POINTS]

Each hostile input is ingested next to a good article into one store that already holds articles. An
outcome is "clean" when the run returns normally, every bad input is one line with an input-error code, the
good article is read, and nothing stored is lost or duplicated; a "crash" is an exception out of ingest or a
failure no reader rule foresaw ("unexpected"); "lost" and "duplicated" count store damage.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))


def _campaign(st, tmp: str, strategy, examples: int, prefix: str) -> Counter:
    from hypothesis import HealthCheck, given, settings

    from parley.ingestion.run import ingest

    from helpers import STORY, write

    c: Counter = Counter()
    seen: list[str] = []
    counter = iter(range(10**9))

    @settings(max_examples=examples, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    @given(strategy)
    def run(case: tuple[str, bytes]) -> None:
        name, data = case
        folder = Path(tmp) / f"{prefix}-{next(counter)}"
        write(folder / name, data)
        write(folder / "zz-good.txt", "Headline\n\n" + STORY)
        before = set(st.article_ids())
        c["inputs"] += 1
        try:
            report = ingest([str(folder)], st, analyze=False)
        except Exception as exc:  # noqa: BLE001 - counted
            c["crash"] += 1
            seen.append(f"{exc.__class__.__name__}: {exc}")
            return
        after = st.article_ids()
        c["lost"] += len(before - set(after))
        c["duplicated"] += len(after) - len(set(after))
        unexpected = [s for s in report.skipped if "unexpected" in s.message]
        c["crash"] += len(unexpected)
        seen.extend(s.message for s in unexpected)
        good = any(a.locator.endswith("zz-good.txt") for a in report.added + report.existing)
        c["good input lost"] += 0 if good else 1
        c["bad inputs refused, one line each"] += len([s for s in report.skipped
                                                       if not s.locator.endswith("zz-good.txt")])
        c["read as article(s)"] += sum(1 for a in report.added if not a.locator.endswith("zz-good.txt"))

    t0 = time.perf_counter()
    run()
    c["seconds"] = round(time.perf_counter() - t0)
    for m in sorted(set(seen))[:10]:
        print("   crash:", m[:200])
    return c


def fuzz(examples: int) -> dict[str, Counter]:
    from fuzzing import malformed_feed, malformed_html, malformed_json, mixed_text, random_bytes, truncated
    from parley.ingestion.run import ingest
    from parley.store.db import Store

    from helpers import STORY, write

    kinds = {"random bytes (any extension)": random_bytes(), "truncated or corrupted gzip / WARC": truncated(),
             "malformed RSS/Atom (cut, junk, entities, nesting)": malformed_feed(),
             "malformed or deeply nested HTML, huge lines": malformed_html(),
             "malformed JSON / JSONL records": malformed_json(),
             "mixed encodings, NUL bytes, BOMs, control characters": mixed_text()}
    out: dict[str, Counter] = {}
    with tempfile.TemporaryDirectory() as tmp:
        st = Store(os.path.join(tmp, "fuzz.db"))
        write(Path(tmp) / "seed" / "a.txt", "Headline\n\n" + STORY)
        ingest([str(Path(tmp) / "seed")], st, analyze=False)
        for label, strategy in kinds.items():
            out[label] = _campaign(st, tmp, strategy, examples, f"k{len(out)}")
            print(f"{label}: {dict(out[label])}", flush=True)
        st.close()
    return out


CRASH = """
import sys
from parley.ingestion import run
from parley.ingestion.run import ingest
run.BATCH = 5
ingest([sys.argv[1]], sys.argv[2], analyze=False,
       progress=lambda stage, n, total: print(f"{stage} {n}", flush=True))
"""


def crashes(points: int) -> Counter:
    """SIGKILL an ingest of 40 articles after k articles read (k = 1..points), rerun it, check the store."""
    from parley.ingestion.run import ingest
    from parley.store.db import Store

    from helpers import STORY, write

    c: Counter = Counter()
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "in"
        for i in range(40):
            write(src / f"{i:02d}.txt", f"Headline {i}\n\nReport {i}. {STORY} Count {i * 3}.")
        for k in range(1, points + 1):
            db = Path(tmp) / f"k{k}.db"
            proc = subprocess.Popen([sys.executable, "-c", CRASH, str(src), str(db)], stdout=subprocess.PIPE,
                                    text=True, cwd=ROOT)
            for line in proc.stdout:
                if line.strip() == f"read {k}":
                    proc.send_signal(signal.SIGKILL)
                    break
            proc.wait(60)
            c["killed"] += proc.returncode == -signal.SIGKILL
            st = Store(str(db))
            c["integrity ok"] += st.integrity_check() == "ok"
            stored = st.count_articles()
            c["partial batches"] += stored % 5 != 0
            report = ingest([str(src)], st, analyze=False)
            ids = st.article_ids()
            c["complete after rerun"] += len(ids) == 40 and report.ok
            c["duplicated"] += len(ids) - len(set(ids))
            c["lost"] += 40 - len(set(ids))
            c["story rows consistent"] += sum(s["size"] for s in st.stories()) == 40
            st.close()
    print(f"crash points: {dict(c)}", flush=True)
    return c


def concurrent(runs: int) -> Counter:
    """Two ingest processes on one SQLite store, `runs` times."""
    from parley.store.db import Store

    from helpers import STORY, write

    c: Counter = Counter()
    script = ("import sys; from parley.ingestion.run import ingest; r = ingest([sys.argv[1]], sys.argv[2], "
              "analyze=False); sys.exit(0 if r.ok else 1)")
    with tempfile.TemporaryDirectory() as tmp:
        for run in range(runs):
            db = Path(tmp) / f"c{run}.db"
            Store(str(db)).close()
            dirs = []
            for k in range(2):
                d = Path(tmp) / f"in{run}-{k}"
                for i in range(25):
                    write(d / f"{i:02d}.txt", f"Headline {run}-{k}-{i}\n\nItem {run}-{k}-{i}. {STORY} N {i}.")
                dirs.append(d)
            procs = [subprocess.Popen([sys.executable, "-c", script, str(d), str(db)], cwd=ROOT,
                                      stderr=subprocess.PIPE) for d in dirs]
            codes = [p.wait(120) for p in procs]
            c["runs"] += 1
            c["process errors"] += sum(1 for x in codes if x != 0)
            st = Store(str(db))
            ids = st.article_ids()
            c["lost"] += 50 - len(set(ids))
            c["duplicated"] += len(ids) - len(set(ids))
            c["integrity ok"] += st.integrity_check() == "ok"
            st.close()
    print(f"concurrent ingests: {dict(c)}", flush=True)
    return c


if __name__ == "__main__":
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 300
    k = int(sys.argv[2]) if len(sys.argv) > 2 else 12
    fuzz(n)
    crashes(k)
    concurrent(5)

"""Article-body extraction on the Zyte article-extraction-benchmark (181 pages).

Scores, in the same run and with that benchmark's own metric (word 4-gram
shingles with counts, per-page tp/fp/fn normalised to 1, precision and recall
averaged over pages, F1 of the averages):

- trafilatura alone (``trafilatura.extract`` with its defaults),
- Parley's HTML reader (trafilatura + Parley's cleaning; the body after the headline),
- the published trafilatura predictions shipped with the benchmark (a check of this metric code).

    .venv/bin/python bench/extraction.py
"""

from __future__ import annotations

import gzip
import json
import re
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data" / "article-extraction-benchmark"
_TOKEN = re.compile(r"\w+", re.UNICODE)


def shingles(text: str, n: int = 4) -> Counter:
    toks = _TOKEN.findall(text or "")
    return Counter(tuple(toks[i:i + n]) for i in range(max(1, len(toks) - n + 1)) if toks[i:i + n])


def tp_fp_fn(true: str, pred: str) -> tuple[float, float, float]:
    t, p = shingles(true), shingles(pred)
    tp = sum((t & p).values())
    fp = sum((p - t).values())
    fn = sum((t - p).values())
    s = tp + fp + fn
    return (tp / s, fp / s, fn / s) if s else (0.0, 0.0, 0.0)


def scores(triples: list[tuple[float, float, float]]) -> dict[str, float]:
    def prec(tp, fp, fn):
        return 1.0 if fp == fn == 0 else (0.0 if tp == fp == 0 else tp / (tp + fp))

    def rec(tp, fp, fn):
        return 1.0 if fp == fn == 0 else (0.0 if tp == fn == 0 else tp / (tp + fn))

    p = statistics.mean(prec(*x) for x in triples if x[0] + x[1] > 0)
    r = statistics.mean(rec(*x) for x in triples if x[0] + x[2] > 0)
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r)}


def main() -> int:
    import trafilatura

    from parley.errors import InputError
    from parley.ingestion.build import build_article
    from parley.ingestion.meta import RecordMeta
    from parley.ingestion.readers import RawDoc

    truth = json.loads((DATA / "ground-truth.json").read_text(encoding="utf-8"))
    published = json.loads((DATA / "output" / "trafilatura.json").read_text(encoding="utf-8"))
    published = published.get("output", published)
    runs: dict[str, list] = {"trafilatura alone": [], "parley html reader": [], "published trafilatura output": []}
    secs = {"trafilatura alone": 0.0, "parley html reader": 0.0}
    for key, item in sorted(truth.items()):
        html = gzip.decompress((DATA / "html" / f"{key}.html.gz").read_bytes()).decode("utf-8", "replace")
        t0 = time.perf_counter()
        alone = trafilatura.extract(html) or ""
        t1 = time.perf_counter()
        try:
            art, _ = build_article(RawDoc(locator=key, format="html", html=html, meta=RecordMeta(url=item.get("url"))))
            ours = art.text[art.text.find("\n", 0) + 1:] if art.title and art.text.startswith(art.title) else art.text
        except InputError:
            ours = ""
        t2 = time.perf_counter()
        secs["trafilatura alone"] += t1 - t0
        secs["parley html reader"] += t2 - t1
        runs["trafilatura alone"].append(tp_fp_fn(item["articleBody"], alone))
        runs["parley html reader"].append(tp_fp_fn(item["articleBody"], ours))
        runs["published trafilatura output"].append(
            tp_fp_fn(item["articleBody"], published.get(key, {}).get("articleBody", "")))
    print(f"article-extraction-benchmark: {len(truth)} pages")
    print(f"{'system':<30} {'precision':>9} {'recall':>7} {'F1':>6} {'s/page':>7}")
    for name, triples in runs.items():
        s = scores(triples)
        per = f"{secs[name] / len(truth):7.3f}" if name in secs else "      -"
        print(f"{name:<30} {s['precision']:9.3f} {s['recall']:7.3f} {s['f1']:6.3f} {per}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

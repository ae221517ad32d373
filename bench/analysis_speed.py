"""Cost of Parley's per-article analysis against a bare spaCy parse of the same texts, in one process.

Both runs use the same spaCy model and ``nlp.pipe`` batching over the same
articles (cleaned texts of the AllSides sample); the bare run is the model as it
comes, the full run is ``parley.analysis.pipeline.analyze_many`` (the parse plus
Parley's entity ruler, line-break sentence rule and every component). Each is
timed over several rounds, median reported.

    .venv/bin/python bench/analysis_speed.py [N_ARTICLES] [ROUNDS]
"""

from __future__ import annotations

import gzip
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data" / "allsides-news-sample" / "articles.jsonl.gz"


def articles(n: int):
    from parley.ingestion.build import build_article
    from parley.ingestion.readers import record_doc

    out = []
    with gzip.open(DATA, "rt", encoding="utf-8") as fh:
        for i, line in enumerate(fh):
            if len(out) >= n:
                break
            art, _ = build_article(record_doc(json.loads(line), f"allsides:{i}", None))
            out.append(art)
    return out


def main() -> int:
    import spacy

    from parley.analysis.pipeline import analyze_many, load_model, model_name, parse_text

    n = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    arts = articles(n)
    texts = [parse_text(a.text) for a in arts]
    words = sum(len(t.split()) for t in texts)
    bare = spacy.load(model_name())
    full = load_model()
    list(bare.pipe(texts[:5]))
    list(analyze_many(arts[:5], full))
    bare_t, full_t = [], []
    for _ in range(rounds):
        t0 = time.perf_counter()
        for _doc in bare.pipe(texts, batch_size=16):
            pass
        bare_t.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        results = list(analyze_many(arts, full))
        full_t.append(time.perf_counter() - t0)
        assert not [r for r in results if r.error], [r.error for r in results if r.error][:3]
    b, f = statistics.median(bare_t), statistics.median(full_t)
    print(f"{n} articles, {words:,} words, model {model_name()}, median of {rounds} rounds")
    print(f"bare spaCy parse      {b:7.2f} s   {1000 * b / words * 1000:6.1f} ms per 1,000 words")
    print(f"full Parley analysis  {f:7.2f} s   {1000 * f / words * 1000:6.1f} ms per 1,000 words")
    print(f"ratio full / bare     {f / b:7.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

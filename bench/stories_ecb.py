"""Story clustering on ECB+ (Cybulska & Vossen 2014): BCubed F1 against the gold story clusters.

Each ECB+ topic holds two seminal events (files *ecb.xml and *ecbplus.xml): 20 gold stories over 210
documents in the test topics 36-45. Parley's online clusterer sees the documents one at a time, in a
fixed shuffled order (documents of different topics interleaved, as a news stream is); the threshold is
chosen on the dev topics (2 5 12 18 21 23 34 35) and then applied once to the test topics.

    .venv/bin/python bench/stories_ecb.py
"""

from __future__ import annotations

import gzip
import random
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data" / "ecbplus" / "xml"
DEV = ["2", "5", "12", "18", "21", "23", "34", "35"]
TEST = [str(t) for t in range(36, 46)]


def split_url(text: str) -> tuple[str | None, str]:
    """ECB+ documents of the second event open with their source URL (tokenized): metadata, not text."""
    first, _, rest = text.partition("\n")
    if first.startswith("http"):
        return first.replace(" ", ""), rest
    return None, text


def docs(topics: list[str]) -> list[tuple[str, str, str]]:
    """(doc name, gold story, text) for the topics, in a fixed interleaved order."""
    out = []
    for t in topics:
        for f in sorted((DATA / t).glob("*.xml.gz")):
            xml = gzip.decompress(f.read_bytes()).decode("utf-8")
            toks = re.findall(r'<token[^>]*sentence="(\d+)"[^>]*>([^<]*)</token>', xml)
            sents: dict[str, list[str]] = {}
            for s, w in toks:
                sents.setdefault(s, []).append(w)
            text = "\n".join(" ".join(ws) for _, ws in sorted(sents.items(), key=lambda kv: int(kv[0])))
            gold = f"{t}-{'plus' if 'ecbplus' in f.name else 'ecb'}"
            out.append((f.name, gold, text))
    return out


def shuffled(items: list, seed: int) -> list:
    out = list(items)
    random.Random(seed).shuffle(out)
    return out


def bcubed(pred: dict[str, str], gold: dict[str, str]) -> tuple[float, float, float]:
    by_pred: dict[str, set[str]] = {}
    by_gold: dict[str, set[str]] = {}
    for d, c in pred.items():
        by_pred.setdefault(c, set()).add(d)
    for d, c in gold.items():
        by_gold.setdefault(c, set()).add(d)
    p = sum(len(by_pred[pred[d]] & by_gold[gold[d]]) / len(by_pred[pred[d]]) for d in gold) / len(gold)
    r = sum(len(by_pred[pred[d]] & by_gold[gold[d]]) / len(by_gold[gold[d]]) for d in gold) / len(gold)
    return p, r, 2 * p * r / (p + r)


DATES = "--no-dates" not in sys.argv
FEATURES: dict[str, object] = {}


def features(items: list[tuple[str, str, str]]) -> list:
    """Each document as the clusterer sees it (its URL is metadata: it gives the slug and the date)."""
    from parley.reconcile.stories import Doc
    from parley.textdate import date_from_url

    out = []
    for name, _gold, text in items:
        if name not in FEATURES:
            url, body = split_url(text)
            title = body.split("\n", 1)[0]
            FEATURES[name] = Doc.of(name, body, title, url, date_from_url(url) if DATES else None)
        out.append(FEATURES[name])
    return out


def run(items: list[tuple[str, str, str]], threshold: float) -> tuple[float, float, float, int]:
    from parley.reconcile.stories import Clusterer

    c = Clusterer(threshold)
    pred = {}
    for doc in features(items):
        pred[doc.id] = c.add(doc)
    pred = {d: c.assigned[d] for d in pred}  # where each document ended up, after later re-clustering
    p, r, f = bcubed(pred, {n: g for n, g, _ in items})
    return p, r, f, len(set(pred.values()))


SEEDS = range(1, 6)  # five stream orders: an online clusterer depends on the order it sees


def mean_run(items: list, threshold: float) -> tuple[float, float, float, float, float]:
    runs = [run(shuffled(items, s), threshold) for s in SEEDS]
    fs = [r[2] for r in runs]
    return (sum(r[0] for r in runs) / len(runs), sum(r[1] for r in runs) / len(runs), sum(fs) / len(fs),
            min(fs), max(fs))


def main() -> int:
    import parley.reconcile.stories as stories

    for arg in sys.argv[1:]:  # --set NAME=VALUE overrides a module constant, for experiments
        if "=" in arg and arg.split("=", 1)[0].isupper():
            name, value = arg.split("=", 1)
            setattr(stories, name, type(getattr(stories, name))(eval(value)))
    dev, test = docs(DEV), docs(TEST)
    grid = [round(0.14 + 0.02 * i, 2) for i in range(10)]
    scores = [(mean_run(dev, t)[2], t) for t in grid]
    best_f, best_t = max(scores)
    print(f"dev topics ({len(dev)} docs): best threshold {best_t} (mean BCubed F1 over {len(SEEDS)} orders {best_f:.3f})")
    if "--dev" in sys.argv:
        return 0
    p, r, f, lo, hi = mean_run(test, best_t)
    print(f"test topics 36-45 ({len(test)} docs, 20 gold stories), mean of {len(SEEDS)} stream orders:")
    print(f"BCubed precision {p:.3f}  recall {r:.3f}  F1 {f:.3f} (range {lo:.3f}-{hi:.3f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())

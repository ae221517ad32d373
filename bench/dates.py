"""Publication dates: how often Parley dates an article right, wrong, or not at all.

    .venv/bin/python bench/dates.py                 # all three parts
    .venv/bin/python bench/dates.py htmldate        # the htmldate benchmark (1000 HTML pages)
    .venv/bin/python bench/dates.py devset [-v]     # the development negotiations without their dates
    .venv/bin/python bench/dates.py seeds           # the seeds and the example corpus

1. ``../shared/data/htmldate-eval/`` (htmldate's published benchmark; metric as its SOURCE.md restates it:
   a page is right only on the exact day of its original publication; no answer is a miss, any other
   answer a wrong date). Parley's HTML reader (``build_article`` on the page, no URL given, as in the
   benchmark) against htmldate alone (``find_date``, original date, fast and extensive), in the same run.
2. ``../shared/data/negotiations-dev/*/articles.jsonl`` with each record's ``date`` removed (text and URL
   kept): every article is read by the ingest library, analysed, and the undated ones estimated from their
   negotiation's other articles (``reconcile.dates.anchor_corpus``, as the dossier does); the date is
   compared with the reader's date in ``index.json`` (``date``, else ``date_inferred``), per source kind.
3. The seeds (against ``../shared/gold/seeds.json``'s publication dates) and ``examples/corpus`` (against
   ``examples/expected.json``), ingested into a store and dated as the dossier dates them.
"""

from __future__ import annotations

import gzip
import json
import os
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
HTMLDATE = SHARED / "data" / "htmldate-eval"
DEV = SHARED / "data" / "negotiations-dev"
NAMES = ("korea", "china", "shutdown", "taliban")


# ----------------------------------------------------------------------------- 1. htmldate-eval

def _load_page(path: Path) -> str | bytes:
    """As the benchmark's loader: strict UTF-8, else the detected charset, else the raw bytes."""
    raw = gzip.decompress(path.read_bytes())
    try:
        return raw.decode("utf-8").replace("\r\n", "\n").replace("\r", "\n")
    except UnicodeDecodeError:
        from charset_normalizer import from_bytes

        best = from_bytes(raw).best()
        if best is not None and best.encoding:
            try:
                return raw.decode(best.encoding)
            except (UnicodeDecodeError, LookupError):
                pass
        return raw


def _score(results: list[tuple[str | None, object]]) -> dict[str, float]:
    tp = sum(1 for got, gold in results if got is not None and got == gold)
    fn = sum(1 for got, _ in results if got is None)
    fp = len(results) - tp - fn
    n = len(results)
    return {"tp": tp, "fp": fp, "fn": fn, "precision": tp / max(tp + fp, 1), "recall": tp / max(tp + fn, 1),
            "accuracy": tp / n, "f1": 2 * tp / max(2 * tp + fp + fn, 1), "wrong_rate": fp / n}


def htmldate_eval(limit: int | None = None) -> list[tuple[str, dict[str, float], float]]:
    from htmldate import find_date

    from parley.errors import InputError
    from parley.ingestion.build import build_article
    from parley.ingestion.readers import RawDoc

    pages = json.loads((HTMLDATE / "eval_mediacloud_2020.json").read_text(encoding="utf-8"))
    pages.update(json.loads((HTMLDATE / "eval_default.json").read_text(encoding="utf-8")))
    items = list(pages.items())[:limit]
    runs: dict[str, list] = {"htmldate fast": [], "htmldate extensive": [], "parley html reader": []}
    secs = dict.fromkeys(runs, 0.0)
    crashed: list[str] = []
    for _url, entry in items:
        doc = _load_page(HTMLDATE / "html" / f"{entry['file']}.gz")
        gold = entry["date"]  # NaN (a float) on the pages without a date: any answer there is wrong
        for name, extensive in (("htmldate fast", False), ("htmldate extensive", True)):
            t = time.perf_counter()
            try:
                got = find_date(doc, original_date=True, extensive_search=extensive)
            except Exception:  # noqa: BLE001 - a tool failing on a page is a page without an answer
                got = None
            secs[name] += time.perf_counter() - t
            runs[name].append((got, gold))
        html = doc if isinstance(doc, str) else doc.decode("utf-8", "replace")
        t = time.perf_counter()
        try:
            art, _ = build_article(RawDoc(locator=entry["file"], format="html", html=html))
            got = art.published.date
        except InputError:
            got = None  # no article text in the page: Parley stores nothing, so no date
        except Exception as exc:  # noqa: BLE001 - ingest reports these as E100; here they are counted
            got = None
            crashed.append(f"{entry['file']}: {exc.__class__.__name__}: {exc}")
        secs["parley html reader"] += time.perf_counter() - t
        runs["parley html reader"].append((got, gold))
    for line in crashed:
        print(f"  Parley failed on {line}")
    base = secs["htmldate fast"] or 1.0
    return [(name, _score(res), secs[name] / base) for name, res in runs.items()]


def print_htmldate(rows: list[tuple[str, dict[str, float], float]]) -> None:
    n = rows[0][1]["tp"] + rows[0][1]["fp"] + rows[0][1]["fn"]
    print(f"\nhtmldate-eval: {n} pages; right = exact day of the original publication")
    print("| system | right (tp) | wrong (fp) | none (fn) | precision | recall | accuracy | F1 | wrong-date rate | time |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for name, s, rel in rows:
        print(f"| {name} | {s['tp']} | {s['fp']} | {s['fn']} | {s['precision']:.3f} | {s['recall']:.3f} | "
              f"{s['accuracy']:.3f} | {s['f1']:.3f} | {s['wrong_rate']:.3f} | {rel:.1f}x |")


# ----------------------------------------------------------------------------- 2. development set

def kind_of(pub: dict) -> str:
    """The source kind of a dossier article's published date."""
    if not pub.get("date"):
        return "none"
    src, basis = pub.get("source"), pub.get("basis", "")
    if src == "dateline":
        return "dateline"
    if src == "explicit":
        return "page line"
    if src == "metadata":
        return "url" if basis.startswith("url path") else "metadata"
    if src == "relative":
        return "estimate (story)" if basis.startswith("estimated from the story") else "estimate (text)"
    return src or "none"


def devset(names: tuple[str, ...] = NAMES, verbose: bool = False) -> dict[str, Counter]:
    from parley.analysis.pipeline import analyze_many
    from parley.dossier import article_entry
    from parley.ingestion.build import build_article
    from parley.ingestion.readers import record_doc
    from parley.reconcile.dates import anchor_corpus

    out: dict[str, Counter] = {}
    for name in names:
        index = {e["id"]: e for e in json.loads((DEV / name / "index.json").read_text(encoding="utf-8"))}
        arts, gold = [], {}
        for n, line in enumerate((DEV / name / "articles.jsonl").read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            rec = json.loads(line)
            rec.pop("date", None)
            art, _ = build_article(record_doc(rec, f"{name}:{n}", None))
            e = index[rec["id"]]
            arts.append(art)
            gold[art.id] = (e.get("date") or e.get("date_inferred"), rec["id"], rec.get("url"))
        analyses = {a.article_id: a for a in analyze_many(arts)}
        items = [(a, analyses[a.id]) for a in arts if analyses[a.id].error is None]
        estimates = anchor_corpus(items)
        c: Counter = Counter()
        for art in arts:
            pub = article_entry(art)["published"]
            est = estimates.get(art.id)
            if est is not None and not art.published.date and est.date:
                pub = {"date": est.date, "source": "relative", "basis": est.basis}
            want, rid, url = gold[art.id]
            kind = kind_of(pub)
            verdict = "none" if not pub["date"] else ("right" if pub["date"] == want else "wrong")
            c[(kind, verdict)] += 1
            if verbose and verdict != "right":
                print(f"  {name} {rid} {verdict}: got {pub['date']} want {want} [{kind}] {pub.get('basis', '')[:90]}"
                      f" {url}")
        out[name] = c
    return out


def print_devset(res: dict[str, Counter]) -> None:
    total: Counter = Counter()
    for c in res.values():
        total.update(c)
    n = sum(total.values())
    print(f"\nnegotiations-dev without dates: {n} articles")
    print("| negotiation | articles | right | wrong | none | right rate | wrong rate |")
    print("|---|---|---|---|---|---|---|")
    for name, c in [*res.items(), ("all", total)]:
        k = sum(c.values())
        r = sum(v for (_, verdict), v in c.items() if verdict == "right")
        w = sum(v for (_, verdict), v in c.items() if verdict == "wrong")
        print(f"| {name} | {k} | {r} | {w} | {k - r - w} | {r / k:.3f} | {w / k:.3f} |")
    print("\n| source kind | right | wrong | none |")
    print("|---|---|---|---|")
    for kind in sorted({k for k, _ in total}):
        print(f"| {kind} | {total[(kind, 'right')]} | {total[(kind, 'wrong')]} | {total[(kind, 'none')]} |")


# ----------------------------------------------------------------------------- 3. seeds and examples

def _dossier_dates(src: Path) -> dict[str, dict]:
    from parley.ingestion.run import ingest
    from parley.reconcile.assemble import load_items, sections
    from parley.store.db import Store

    with tempfile.TemporaryDirectory() as tmp:
        st = Store(os.path.join(tmp, "d.db"))
        ingest([str(src)], st)
        items = load_items(st)
        arts = {a["id"]: a for a in sections(items)["articles"]}
        by_file = {}
        for art, _ in items:
            for loc in st.locators(art.id):
                by_file[loc.split("/")[-1]] = arts[art.id]["published"]
        st.close()
    return by_file


def seeds() -> list[tuple[str, str, str | None, str | None, str]]:
    """(corpus, file, expected, got, verdict) for every seed and example article."""
    rows = []
    gold = json.loads((SHARED / "gold" / "seeds.json").read_text(encoding="utf-8"))["files"]
    for name, pub in sorted(_dossier_dates(SHARED / "seeds").items()):
        want = gold[name]["publication_date"]
        stated = want.get("confidence") == "high"
        rows.append(("seeds", name[:3], want["value"], pub["date"], _verdict(pub, want["value"], stated)))
    expected = json.loads((ROOT / "examples" / "expected.json").read_text(encoding="utf-8"))["articles"]
    for name, pub in sorted(_dossier_dates(ROOT / "examples" / "corpus").items()):
        want = expected[name]["date"]
        rows.append(("examples", name, want, pub["date"], _verdict(pub, want, want is not None)))
    return rows


def _verdict(pub: dict, want: str | None, stated: bool) -> str:
    got = pub["date"]
    if want is None:
        return "none" if got is None else "dated (truth unknown)"
    if got is None:
        return "none" + (" (states its date!)" if stated else "")
    return ("right" if got == want else "WRONG") + ("" if stated else " (estimate)")


def print_seeds(rows: list) -> None:
    print("\nseeds and example corpus (stated = the article states its date)")
    print("| corpus | article | expected | Parley | verdict |")
    print("|---|---|---|---|---|")
    for corpus, name, want, got, verdict in rows:
        print(f"| {corpus} | {name} | {want or '–'} | {got or '–'} | {verdict} |")


def main() -> int:
    args = [a for a in sys.argv[1:] if not a.startswith("-")]
    parts = args or ["htmldate", "devset", "seeds"]
    verbose = "-v" in sys.argv or "--verbose" in sys.argv
    for part in parts:
        t = time.perf_counter()
        if part == "htmldate":
            print_htmldate(htmldate_eval())
        elif part == "devset":
            print_devset(devset(verbose=verbose))
        elif part == "seeds":
            print_seeds(seeds())
        else:
            sys.exit(f"dates: no part {part!r} (have: htmldate, devset, seeds)")
        print(f"({part}: {time.perf_counter() - t:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

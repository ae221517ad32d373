"""Who said it, by review: a judged sample of quotes and of attribution sentences on the development set.

    .venv/bin/python bench/quote_review.py sample [N] [M] [SEED]  # writes bench/quote_review.json (verdicts kept)
    .venv/bin/python bench/quote_review.py score [FILE]           # the figures from the recorded verdicts

Population: the four development negotiations (``../shared/data/negotiations-dev/``, every article of each
folder), ingested into stores of their own under ``bench/out/quotes/`` (analyses are cached by the analysis
code's version, so a change to the quote code re-analyses).

Two samples, drawn by a hash of the seed and each item's id (an item that is still produced after a change of
the code stays in the sample, with its verdict, when the speaker and cue did not change):

- ``quotes``: N direct and N indirect quotes Parley produced, each with its kind, speaker, cue and the sentence
  with its neighbours. The reviewer sets ``verdict`` to ``correct`` (words someone said, with the right speaker:
  the named entity when the text names the speaker, or no entity when the text leaves the source unnamed),
  ``wrong`` (words someone said, with a wrong or missing speaker, or a wrong span) or ``not_quote`` (a title, a
  label, a scare quote, narration), and ``named`` to whether the text names who said it.
- ``sentences``: M sentences of the articles that contain an attribution cue ("said that", "according to",
  "told ... that", "said" + clause), drawn from the text without looking at Parley's output, each with the
  indirect quotes Parley made there. The reviewer sets ``attribution`` (true when the sentence reports what a
  source said without quoting it whole) and ``found`` (``correct``: an indirect quote of that content with the
  right speaker; ``wrong``: one with a wrong speaker; ``missed``: none).

``score`` prints named-speaker accuracy (direct, indirect, all), accuracy on unnamed sources, the share of
quotes that are not quotes, and the recall of indirect attributions, each with its counts.
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT.parent / "shared" / "data" / "negotiations-dev"
OUT = ROOT / "bench" / "quote_review.json"
STORES = ROOT / "bench" / "out" / "quotes"
NAMES = ("korea", "china", "shutdown", "taliban")

# an attribution cue in a sentence, found in the text alone (independent of Parley's analysis)
ATTRIBUTION = re.compile(
    r"\b(?:(?:said|says|say|told|tells|added|noted|argued|insisted|warned|claimed|stated|explained|announced|"
    r"acknowledged|suggested|indicated|reported|wrote|tweeted)\b(?!\s*[,:]?\s*[“\"])|according to\b)", re.I)


QUOTE_MARKS = "“\"‘'«"
QUOTED = re.compile(r"[“\"][^”\"]*[”\"]")


def _key(seed: int, ident: str) -> str:
    return hashlib.sha1(f"{seed}:{ident}".encode()).hexdigest()


def _items(name: str) -> list[tuple]:
    from parley.ingestion.run import ingest
    from parley.reconcile.assemble import load_items
    from parley.reconcile.entities import reconcile_entities
    from parley.store.db import Store

    STORES.mkdir(parents=True, exist_ok=True)
    db = STORES / f"{name}.db"
    fresh = not db.exists()
    st = Store(str(db))
    if fresh:
        ingest([str(DEV / name / "articles.jsonl")], st, analyze=False)
    items = load_items(st)
    st.close()
    entities, emap = reconcile_entities(items)
    names = {e.id: e.name for e in entities}
    return [(art, an, {k: names.get(emap.get((art.id, k)) or "", "") for k in {q.speaker for q in an.quotes}})
            for art, an in items]


def _context(text: str, sents: list[list[int]], a: int, b: int) -> str:
    """The sentences that overlap a:b and one on each side."""
    idx = [i for i, (s, e) in enumerate(sents) if s < b and e > a]
    if not idx:
        return text[max(0, a - 300):b + 300]
    lo, hi = max(0, idx[0] - 1), min(len(sents) - 1, idx[-1] + 1)
    return text[sents[lo][0]:sents[hi][1]]


def population() -> tuple[list[dict], list[dict]]:
    quotes, sentences = [], []
    for name in NAMES:
        for art, an, canon in _items(name):
            text = art.text
            for q in an.quotes:
                quotes.append({
                    "id": f"{name}/{art.id}/{q.kind}/{q.start}-{q.end}", "kind": q.kind, "text": q.text,
                    "speaker": (canon.get(q.speaker) or q.speaker_name) if q.speaker else None,
                    "speaker_text": q.speaker_name, "cue": q.cue, "resolved_by": q.resolved_by,
                    "context": _context(text, an.sentences, q.start, q.end)})
            for s, e in an.sentences:
                sent = text[s:e]
                if sent.lstrip()[:1] in QUOTE_MARKS or len(sent) > 600 or not ATTRIBUTION.search(
                        QUOTED.sub(" ", sent)):
                    continue  # a direct quote's sentence, or no cue outside quotation marks
                made = [q for q in an.quotes if q.kind == "indirect" and q.start < e and q.end > s]
                sentences.append({
                    "id": f"{name}/{art.id}/{s}", "sentence": sent,
                    "parley": [{"text": q.text, "speaker": (canon.get(q.speaker) or q.speaker_name) if q.speaker
                                else None, "speaker_text": q.speaker_name, "cue": q.cue} for q in made],
                    "context": _context(text, an.sentences, s, e)})
    return quotes, sentences


def sample(n: int, m: int, seed: int) -> None:
    old = json.loads(OUT.read_text(encoding="utf-8")) if OUT.exists() else {}
    old_q = {r["id"]: r for r in old.get("quotes", [])}
    old_s = {r["id"]: r for r in old.get("sentences", [])}
    quotes, sentences = population()
    picked: list[dict] = []
    for kind in ("direct", "indirect"):
        pool = sorted((q for q in quotes if q["kind"] == kind), key=lambda q: _key(seed, q["id"]))
        for q in pool[:n]:
            prev = old_q.get(q["id"])
            same = prev is not None and all(prev.get(k) == q[k] for k in ("text", "speaker", "cue"))
            q["verdict"] = prev.get("verdict") if same else None
            q["named"] = prev.get("named") if prev is not None else None  # what the text says, not Parley
            q["note"] = prev.get("note", "") if same else ""
            picked.append(q)
    sents = sorted(sentences, key=lambda s: _key(seed, s["id"]))[:m]
    for s in sents:
        prev = old_s.get(s["id"])
        s["attribution"] = prev.get("attribution") if prev is not None else None  # the text's, kept
        same = prev is not None and prev.get("parley") == s["parley"]
        s["found"] = prev.get("found") if same else None
        s["note"] = prev.get("note", "") if prev is not None and (same or not s["attribution"]) else ""
        s["expected_speaker"] = prev.get("expected_speaker", "") if prev is not None else ""
    counts = {k: sum(q["kind"] == k for q in quotes) for k in ("direct", "indirect")}
    OUT.write_text(json.dumps({"seed": seed, "population": {**counts, "attribution_sentences": len(sentences)},
                               "quotes": picked, "sentences": sents}, indent=1, ensure_ascii=False) + "\n",
                   encoding="utf-8")
    todo = sum(q["verdict"] is None for q in picked) + sum(
        s["attribution"] is None or (s["attribution"] and s["found"] is None) for s in sents)
    print(f"{len(picked)} quotes of {counts} and {len(sents)} of {len(sentences)} attribution sentences written "
          f"to {OUT.relative_to(ROOT)}; {todo} await a verdict")


def _ratio(hits: int, total: int) -> str:
    return f"{hits / total:.3f} ({hits}/{total})" if total else "n/a (0)"


def score(path: Path = OUT) -> int:
    if not path.exists():
        print(f"quote_review: {path} does not exist; run `quote_review.py sample` first", file=sys.stderr)
        return 2
    data = json.loads(path.read_text(encoding="utf-8"))
    qs = [q for q in data["quotes"] if q.get("verdict") in ("correct", "wrong", "not_quote")]
    print(f"quotes reviewed: {len(qs)} of {len(data['quotes'])} sampled (seed {data['seed']}, "
          f"population {data['population']})")
    for kind in ("direct", "indirect", None):
        mine = [q for q in qs if kind is None or q["kind"] == kind]
        named = [q for q in mine if q["verdict"] != "not_quote" and q.get("named")]
        unnamed = [q for q in mine if q["verdict"] != "not_quote" and not q.get("named")]
        label = kind or "all"
        print(f"  {label:8} named-speaker accuracy {_ratio(sum(q['verdict'] == 'correct' for q in named), len(named))}"
              f"; unnamed sources right {_ratio(sum(q['verdict'] == 'correct' for q in unnamed), len(unnamed))}"
              f"; quotes that are quotes {_ratio(sum(q['verdict'] != 'not_quote' for q in mine), len(mine))}")
    ss = [s for s in data["sentences"] if s.get("attribution") is not None]
    att = [s for s in ss if s["attribution"] and s.get("found") in ("correct", "wrong", "missed")]
    print(f"attribution sentences reviewed: {len(ss)} of {len(data['sentences'])} sampled, "
          f"{sum(bool(s['attribution']) for s in ss)} with an indirect attribution")
    print(f"  indirect attributions found with the right speaker {_ratio(sum(s['found'] == 'correct' for s in att), len(att))}"
          f"; found at all {_ratio(sum(s['found'] != 'missed' for s in att), len(att))}")
    return 0


def main() -> int:
    cmd = sys.argv[1] if len(sys.argv) > 1 else "score"
    if cmd == "sample":
        args = [int(a) for a in sys.argv[2:5]]
        n, m, seed = (args + [60, 60, 12][len(args):])[:3]
        sample(n, m, seed)
        return 0
    if cmd == "score":
        return score(Path(sys.argv[2]) if len(sys.argv) > 2 else OUT)
    print(f"quote_review: unknown command {cmd!r}; use `sample [N] [M] [SEED]` or `score`", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())

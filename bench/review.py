"""Precision by review: random samples of what Parley asserts, each judged against its evidence.

    .venv/bin/python bench/review.py sample KIND [N] [SEED]   # draw (or redraw) a sample; verdicts are kept
    .venv/bin/python bench/review.py show KIND [--pending]    # each sampled item with its evidence, to judge
    .venv/bin/python bench/review.py judge KIND ID key=value [key=value ...]   # record a verdict
    .venv/bin/python bench/review.py score [KIND ...] [--dir D]   # the figures from the recorded verdicts

KIND is one of:

- ``rounds``, ``agreements``, ``positions``, ``contested``: items of the development negotiations' dossiers
  (``bench/out/devset/NAME.json``, written by ``bench/negotiations.py``; run it first). Verdict ``correct``
  (every fact the item states is what its evidence says: a round's date, place, heads and mediators and that it
  was held; an agreement's parties, issue and that it was agreed; a position's holder, issue and stance; a
  contested claim's values answer one question and cannot both be true) or ``wrong``.
- ``events``: events coded on the five seeds and the example corpus; ``correct`` when type, actors and
  modality are right for what the evidence says.
- ``quotes``: direct and indirect quotes on the development set; ``verdict`` = ``correct`` (words someone
  said, with the right speaker: the named entity when the text names the speaker, no entity when it leaves the
  source unnamed), ``wrong`` (wrong or missing speaker, or a wrong span) or ``not_quote``; ``named`` = whether
  the text names who said it (true/false).
- ``titles``: story titles of the development stores (``bench/out/devset/NAME.db``); ``correct`` when the
  title says what the story is about (its event, or its subject and parties), judged against the headlines
  of its articles, ``wrong`` when it names another event or says nothing of the story.
- ``sentences``: sentences of the development set with an attribution cue outside quotation marks, drawn from
  the text alone; ``attribution`` = true when the sentence reports what a source said without quoting it
  whole; ``found`` = ``correct`` (an indirect quote of it with the right speaker), ``wrong`` or ``missed``.

The sample is drawn by a hash of the seed and each item's id. Only references are stored in
``bench/reviews/KIND.json``: the item's id (negotiation, article, offsets), a fingerprint of what Parley
asserted, and the verdict with a short note; no text of the articles. ``show`` prints the text from the
sources (``../shared``) and the dossiers. ``REVIEW_DOSSIERS=DIR`` reads the dossiers from another folder
(a copy of an earlier run's) and ``REVIEW_DIR=DIR`` keeps the sample in another folder (the review of an
earlier version of the code is kept in ``bench/reviews/before/``). When a redraw finds that Parley now asserts something else for an
item (another fingerprint), its verdict is dropped and the item awaits a new one.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
DEV = SHARED / "data" / "negotiations-dev"
DOSSIERS = Path(os.environ.get("REVIEW_DOSSIERS") or ROOT / "bench" / "out" / "devset")
STORES = ROOT / "bench" / "out" / "quotes"
OUT = Path(os.environ.get("REVIEW_DIR") or ROOT / "bench" / "reviews")
NAMES = ("korea", "china", "shutdown", "taliban")
KINDS = ("rounds", "agreements", "positions", "contested", "events", "quotes", "sentences", "titles")
DEFAULT_N = {"rounds": 30, "agreements": 30, "positions": 40, "contested": 30, "events": 50, "quotes": 60,
             "sentences": 60, "titles": 30}
SEEDS = {"events": 11, "quotes": 12, "sentences": 12}
# the judgement fields of each kind and the values they admit
FIELDS: dict[str, dict[str, tuple[Any, ...]]] = {
    "quotes": {"verdict": ("correct", "wrong", "not_quote"), "named": (True, False)},
    "sentences": {"attribution": (True, False), "found": ("correct", "wrong", "missed")},
}
VERDICT = {"verdict": ("correct", "wrong")}

# an attribution cue in a sentence, found in the text alone (independent of Parley's analysis)
ATTRIBUTION = re.compile(
    r"\b(?:(?:said|says|say|told|tells|added|noted|argued|insisted|warned|claimed|stated|explained|announced|"
    r"acknowledged|suggested|indicated|reported|wrote|tweeted)\b(?!\s*[,:]?\s*[“\"])|according to\b)", re.I)
QUOTE_MARKS = "“\"‘'«"
QUOTED = re.compile(r"[“\"][^”\"]*[”\"]")


def _hash(*parts: Any) -> str:
    return hashlib.sha1(json.dumps(parts, sort_keys=True, ensure_ascii=False).encode()).hexdigest()[:16]


def _key(seed: int, ident: str) -> str:
    return hashlib.sha1(f"{seed}:{ident}".encode()).hexdigest()


# -- populations: each item is {"id", "fp", "show": what a reviewer reads}

def _context(text: str, sents: list[list[int]], a: int, b: int) -> str:
    """The sentences that overlap a:b and one on each side."""
    idx = [i for i, (s, e) in enumerate(sents) if s < b and e > a]
    if not idx:
        return text[max(0, a - 300):b + 300]
    lo, hi = max(0, idx[0] - 1), min(len(sents) - 1, idx[-1] + 1)
    return text[sents[lo][0]:sents[hi][1]]


def _analysed(name: str) -> list[tuple]:
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


def _quotes_and_sentences() -> tuple[list[dict], list[dict]]:
    quotes, sentences = [], []
    for name in NAMES:
        for art, an, canon in _analysed(name):
            text = art.text
            for q in an.quotes:
                speaker = (canon.get(q.speaker) or q.speaker_name) if q.speaker else None
                quotes.append({"id": f"{name}/{art.id}/{q.kind}/{q.start}-{q.end}", "kind": q.kind,
                               "fp": _hash(q.text, speaker, q.cue),
                               "show": {"kind": q.kind, "quote": q.text, "speaker": speaker,
                                        "speaker_text": q.speaker_name, "cue": q.cue,
                                        "resolved_by": q.resolved_by,
                                        "context": _context(text, an.sentences, q.start, q.end)}})
            for s, e in an.sentences:
                sent = text[s:e]
                if sent.lstrip()[:1] in QUOTE_MARKS or len(sent) > 600 or not ATTRIBUTION.search(
                        QUOTED.sub(" ", sent)):
                    continue  # a direct quote's sentence, or no cue outside quotation marks
                made = [{"text": q.text, "speaker": (canon.get(q.speaker) or q.speaker_name) if q.speaker else None,
                         "speaker_text": q.speaker_name, "cue": q.cue}
                        for q in an.quotes if q.kind == "indirect" and q.start < e and q.end > s]
                sentences.append({"id": f"{name}/{art.id}/{s}", "fp": _hash(made),
                                  "show": {"sentence": sent, "parley": made,
                                           "context": _context(text, an.sentences, s, e)}})
    return quotes, sentences


def _events() -> list[dict]:
    from parley.dossier import build
    from parley.ingestion.run import ingest
    from parley.store.db import Store

    out = []
    for src in (SHARED / "seeds", ROOT / "examples" / "corpus"):
        with tempfile.TemporaryDirectory() as tmp:
            st = Store(os.path.join(tmp, "e.db"))
            ingest([str(src)], st)
            d = build(st).data
            st.close()
        nm = {e["id"]: e["name"] for e in d["entities"]}
        for e in d["events"]:
            shown = {"type": e["type"], "mode": e["mode"], "actors": [nm.get(a, a) for a in e["actors"]],
                     "targets": [nm.get(a, a) for a in e["targets"]], "modality": e["modality"],
                     "negated": e["negated"], "date": e["date"], "evidence": e["evidence"][0]["text"]}
            out.append({"id": f"{src.name}/{e['id']}",
                        "fp": _hash(shown["type"], shown["actors"], shown["targets"], shown["modality"],
                                    shown["evidence"]), "show": shown})
    return out


def _named(d: dict, value: Any, nm: dict[str, str]) -> Any:
    if isinstance(value, str) and value in nm:
        return nm[value]
    if isinstance(value, list):
        return [_named(d, v, nm) for v in value]
    if isinstance(value, dict):
        return {nm.get(k, k): _named(d, v, nm) for k, v in value.items()}
    return value


def _spans(obj: Any) -> list[dict]:
    """Every evidence span inside a dossier item."""
    if isinstance(obj, dict):
        if {"article", "start", "end", "text"} <= obj.keys():
            return [obj]
        return [s for v in obj.values() for s in _spans(v)]
    if isinstance(obj, list):
        return [s for v in obj for s in _spans(v)]
    return []


def _dossier_items(kind: str) -> list[dict]:
    out = []
    for name in NAMES:
        path = DOSSIERS / f"{name}.json"
        if not path.exists():
            raise SystemExit(f"review: {path} is missing; run `.venv/bin/python bench/negotiations.py` first")
        d = json.loads(path.read_text(encoding="utf-8"))
        nm = {e["id"]: e["name"] for e in d["entities"]}
        section = {"contested": "claims"}.get(kind, kind)
        for item in d.get(section, []):
            if kind == "contested" and item.get("status") != "contested":
                continue
            if kind == "rounds" and item.get("status", "held") != "held":
                continue  # the claim of a round is that it was held
            spans = _spans(item)
            anchor = [(s["article"], s["start"], s["end"]) for s in spans[:1]]
            shown = {k: _named(d, v, nm) for k, v in item.items() if k not in ("evidence",)}
            shown = json.loads(json.dumps(shown))
            fp = _hash({k: v for k, v in shown.items() if k not in ("id", "negotiation")},
                       [(s["article"], s["start"], s["end"]) for s in spans])
            ident = item.get("id") or _hash(kind, shown.get("party") or shown.get("parties"), shown.get("issue"),
                                            shown.get("stance"), anchor)
            out.append({"id": f"{name}/{ident}", "fp": fp,
                        "show": {"item": _strip_text(shown),
                                 "evidence": [{"article": s["article"], "text": s["text"]} for s in spans[:6]],
                                 "more_evidence": max(0, len(spans) - 6)}})
    return out


def _strip_text(obj: Any) -> Any:
    """A dossier item without the evidence texts nested in it (shown apart)."""
    if isinstance(obj, dict):
        if {"article", "start", "end", "text"} <= obj.keys():
            return f"[{obj['article']}:{obj['start']}-{obj['end']}]"
        return {k: _strip_text(v) for k, v in obj.items()}
    if isinstance(obj, list):
        return [_strip_text(v) for v in obj]
    return obj


def _titles() -> list[dict]:
    """Story titles of the development stores (``bench/out/devset/NAME.db``), each with its members' headlines."""
    sys.path.insert(0, str(ROOT / "src"))
    from parley.dossier import story_dossier
    from parley.present import service
    from parley.store.db import Store

    out = []
    for name in NAMES:
        path = DOSSIERS / f"{name}.db"
        if not path.exists():
            raise SystemExit(f"review: {path} is missing; run `.venv/bin/python bench/negotiations.py` first")
        st = Store(str(path))
        try:
            for r in service.stories(st, limit=10_000):
                d = story_dossier(st, r["id"])
                heads = [a.get("title") or "" for a in d["articles"]]
                basis = (d["stories"][0].get("title_basis") or {}).get("kind") if d["stories"] else None
                out.append({"id": f"{name}/{r['id']}", "fp": _hash(r["title"], sorted(a["id"] for a in d["articles"])),
                            "show": {"title": r["title"], "basis": basis, "headlines": heads[:8],
                                     "more": max(0, len(heads) - 8)}})
        finally:
            st.close()
    return out


def population(kind: str) -> list[dict]:
    if kind == "titles":
        return _titles()
    if kind in ("quotes", "sentences"):
        quotes, sentences = _quotes_and_sentences()
        return quotes if kind == "quotes" else sentences
    if kind == "events":
        return _events()
    return _dossier_items(kind)


# -- the stored sample

def _path(kind: str, where: Path | None = None) -> Path:
    return (where or OUT) / f"{kind}.json"


def _load(kind: str, where: Path | None = None) -> dict:
    p = _path(kind, where)
    return json.loads(p.read_text(encoding="utf-8")) if p.exists() else {"items": []}


def _save(kind: str, data: dict) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    _path(kind).write_text(json.dumps(data, indent=1, ensure_ascii=False, sort_keys=True) + "\n", encoding="utf-8")


def _fields(kind: str) -> dict[str, tuple[Any, ...]]:
    return FIELDS.get(kind, VERDICT)


def _kept(kind: str, prev: dict | None, fp: str) -> dict:
    """The judgement of a previous draw that still holds: all of it when Parley asserts the same; what the text
    alone decides (``named``, ``attribution``) even when it does not."""
    fields = _fields(kind)
    out: dict[str, Any] = {f: None for f in fields}
    out["note"] = ""
    if prev is None:
        return out
    same = prev.get("fp") == fp
    for f in fields:
        if same or f in ("named", "attribution"):
            out[f] = prev.get(f)
    if same:
        out["note"] = prev.get("note", "")
    return out


def sample(kind: str, n: int, seed: int) -> None:
    old = _load(kind)
    prev = {r["id"]: r for r in old["items"]}
    pool = population(kind)
    if kind == "quotes":  # n of each kind
        picked = []
        for k in ("direct", "indirect"):
            picked += sorted((q for q in pool if q["kind"] == k), key=lambda q: _key(seed, q["id"]))[:n]
    else:
        picked = sorted(pool, key=lambda q: _key(seed, q["id"]))[:n]
    items = [{"id": q["id"], "fp": q["fp"], **_kept(kind, prev.get(q["id"]), q["fp"])} for q in picked]
    _save(kind, {"kind": kind, "seed": seed, "population": len(pool), "items": items})
    print(f"{len(items)} of {len(pool)} {kind} written to {_path(kind)}; "
          f"{sum(_pending(kind, r) for r in items)} await a verdict")


def _pending(kind: str, r: dict) -> bool:
    if kind == "sentences":
        return r.get("attribution") is None or (bool(r["attribution"]) and r.get("found") is None)
    return any(r.get(f) is None for f in _fields(kind))


def show(kind: str, pending_only: bool) -> None:
    data = _load(kind)
    if not data["items"]:
        raise SystemExit(f"review: no sample of {kind}; run `bench/review.py sample {kind}` first")
    now = {q["id"]: q for q in population(kind)}
    for i, r in enumerate(data["items"], 1):
        if pending_only and not _pending(kind, r):
            continue
        q = now.get(r["id"])
        state = "gone (Parley no longer asserts it: redraw)" if q is None else (
            "changed since judged: redraw" if q["fp"] != r["fp"] else
            "pending" if _pending(kind, r) else "judged " + json.dumps({f: r.get(f) for f in _fields(kind)}))
        print(f"### {i}. {r['id']}   [{state}]")
        if q is not None:
            print(json.dumps(q["show"], indent=1, ensure_ascii=False))
        print()


def _parse(value: str) -> Any:
    return {"true": True, "false": False, "yes": True, "no": False, "none": None}.get(value.lower(), value)


def judge(kind: str, ident: str, pairs: list[str]) -> int:
    data = _load(kind)
    rows = [r for r in data["items"] if r["id"] == ident]
    if not rows:
        print(f"review: {ident!r} is not in the {kind} sample; `bench/review.py show {kind}` lists the ids",
              file=sys.stderr)
        return 2
    fields = _fields(kind)
    for pair in pairs:
        key, _, value = pair.partition("=")
        val = _parse(value) if key != "note" else value
        if key != "note" and (key not in fields or val not in fields[key]):
            allowed = ", ".join(f"{k}={'/'.join(str(v).lower() for v in vs)}" for k, vs in fields.items())
            print(f"review: {pair!r} is not a judgement of {kind}; use {allowed} or note=TEXT", file=sys.stderr)
            return 2
        rows[0][key] = val
    _save(kind, data)
    return 0


def _ratio(hits: int, total: int) -> str:
    return f"{hits / total:.3f} ({hits}/{total})" if total else "n/a (0)"


def score(kinds: list[str], where: Path | None = None) -> int:
    for kind in kinds:
        data = _load(kind, where)
        rows = data["items"]
        if not rows:
            print(f"{kind}: no sample (bench/review.py sample {kind})")
            continue
        head = f"{kind}: {len(rows)} sampled of {data['population']} (seed {data['seed']})"
        if kind == "quotes":
            print(head)
            qs = [r for r in rows if r.get("verdict")]
            for sub in ("direct", "indirect", None):
                mine = [r for r in qs if sub is None or f"/{sub}/" in r["id"]]
                named = [r for r in mine if r["verdict"] != "not_quote" and r.get("named")]
                unnamed = [r for r in mine if r["verdict"] != "not_quote" and r.get("named") is False]
                print(f"  {sub or 'all':8} named-speaker accuracy "
                      f"{_ratio(sum(r['verdict'] == 'correct' for r in named), len(named))}; unnamed sources "
                      f"right {_ratio(sum(r['verdict'] == 'correct' for r in unnamed), len(unnamed))}; quotes "
                      f"that are quotes {_ratio(sum(r['verdict'] != 'not_quote' for r in mine), len(mine))}")
        elif kind == "sentences":
            att = [r for r in rows if r.get("attribution") and r.get("found")]
            print(f"{head}; {sum(bool(r.get('attribution')) for r in rows)} with an indirect attribution")
            print(f"  indirect attributions found with the right speaker "
                  f"{_ratio(sum(r['found'] == 'correct' for r in att), len(att))}; found at all "
                  f"{_ratio(sum(r['found'] != 'missed' for r in att), len(att))}")
        else:
            judged = [r for r in rows if r.get("verdict")]
            print(f"{head}; judged precision {_ratio(sum(r['verdict'] == 'correct' for r in judged), len(judged))}")
            if kind not in ("events",):
                for name in NAMES:
                    mine = [r for r in judged if r["id"].startswith(name + "/")]
                    print(f"  {name:9} {_ratio(sum(r['verdict'] == 'correct' for r in mine), len(mine))}")
    return 0


def main(argv: list[str]) -> int:
    cmd = argv[0] if argv else "score"
    rest = argv[1:]
    if cmd == "score":
        where = None
        if "--dir" in rest:
            i = rest.index("--dir")
            where = Path(rest[i + 1]) if i + 1 < len(rest) else None
            rest = rest[:i] + rest[i + 2:]
        bad = [k for k in rest if k not in KINDS]
        if bad:
            print(f"review: unknown kind {bad[0]!r}; use one of {', '.join(KINDS)}", file=sys.stderr)
            return 2
        return score(rest or [k for k in KINDS if _path(k, where).exists()], where)
    if not rest or rest[0] not in KINDS:
        print(f"review: `{cmd}` needs a kind: one of {', '.join(KINDS)}", file=sys.stderr)
        return 2
    kind = rest[0]
    if cmd == "sample":
        nums = [int(a) for a in rest[1:3]]
        n = nums[0] if nums else DEFAULT_N[kind]
        seed = nums[1] if len(nums) > 1 else SEEDS.get(kind, 13)
        sample(kind, n, seed)
        return 0
    if cmd == "show":
        show(kind, "--pending" in rest)
        return 0
    if cmd == "judge" and len(rest) >= 3:
        return judge(kind, rest[1], rest[2:])
    print(f"review: unknown command {cmd!r}; use sample, show, judge KIND ID key=value, or score",
          file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""Score a dossier against a gold file in the format of shared/gold/seeds.json.

Measures (each a ratio, with the counts behind it):
- quotes: recall of gold direct quotes by named people (speaker a PERSON, labels excluded),
  and speaker accuracy on the quotes found;
- entities: share of multi-variant people whose every variant mention lands in one entity,
  and the number of entities that merge two different gold people;
- time: value accuracy on gold time expressions with a day value (compared to the day);
- evidence: share of evidence spans that read exactly the text they claim;
- cross-source: share of gold corroborated facts that a corroborated claim states with the gold evidence of
  at least two different articles (a claim's support spans hold the gold snippets), and share of contested
  claims that rest on a gold discrepancy (their spans hold the snippets of two of its values).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from typing import Any

from .gazetteer import fold
from .model import Analysis, Article


@dataclass
class Score:
    name: str
    hits: int
    total: int
    misses: list[str] = field(default_factory=list)

    @property
    def ratio(self) -> float:
        return self.hits / self.total if self.total else 0.0

    def line(self) -> str:
        return f"{self.name:<42} {self.ratio:6.3f}  ({self.hits}/{self.total})"


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"[^\w\s]", " ", fold(text))).strip()


def _same_person(a: str | None, b: str) -> bool:
    if not a:
        return False
    ta, tb = _norm(a).split(), _norm(b).split()
    if not ta or not tb:
        return False
    if ta == tb:
        return True
    return ta[-1] == tb[-1] and (len(ta) == 1 or len(tb) == 1 or ta[0][0] == tb[0][0])


def _by_file(items: list[tuple[Article, Analysis]]) -> dict[str, tuple[Article, Analysis]]:
    return {os.path.basename(a.path or ""): (a, an) for a, an in items}


def _line_pos(art: Article, line: int) -> int:
    """Where line ``line`` of the article's source file sits in its clean text (-1 if unknown)."""
    try:
        raw = open(art.path, encoding="utf-8").read().split("\n") if art.path else []
    except OSError:
        return -1
    text = raw[line - 1].strip() if 0 < line <= len(raw) else ""
    return art.text.find(text[:40]) if text else -1


def quote_scores(dossier: dict[str, Any], gold: dict[str, Any], items: list[tuple[Article, Analysis]]) -> tuple[Score, Score]:
    persons = {e["canonical"] for e in gold["entities"] if e["type"] == "PERSON"}
    files = _by_file(items)
    golds = [q for q in gold["quotes"] if q["speaker"] in persons and q.get("kind") != "term"]
    found, correct = 0, 0
    missed, wrong = [], []
    for g in golds:
        art = files.get(g["file"], (None, None))[0]
        if art is None:
            missed.append(f"{g['id']}: file not ingested")
            continue
        gt = _norm(g["text"])
        pos = _line_pos(art, g["line"])
        matches = []
        for q in dossier["quotes"]:
            if q["article"] != art.id or q["kind"] != "direct":
                continue
            st = _norm(q["text"])
            if gt and st and (gt in st or st in gt) and min(len(gt), len(st)) >= 0.5 * max(len(gt), len(st)) - 3:
                matches.append(q)
        # the quote on the gold line, when the same words are quoted twice (a subheading and the body)
        best = min(matches, key=lambda q: abs(q["evidence"][0]["start"] - pos)) if matches else None
        if best is None:
            missed.append(f"{g['id']}: {g['text'][:60]!r}")
            continue
        found += 1
        if _same_person(best["speaker_name"], g["speaker"]):
            correct += 1
        else:
            wrong.append(f"{g['id']}: {best['speaker_name']!r} for {g['speaker']!r}")
    return (Score("direct quotes by named people: recall", found, len(golds), missed),
            Score("speaker accuracy of quotes found", correct, found, wrong))


def entity_scores(gold: dict[str, Any], items: list[tuple[Article, Analysis]],
                  emap: dict[tuple[str, str], str]) -> tuple[Score, Score]:
    files = _by_file(items)
    groups = [e for e in gold["entities"] if e["type"] == "PERSON" and len(e["variants"]) > 1]
    merged = 0
    misses: list[str] = []
    owner: dict[str, set[str]] = {}
    for g in groups:
        # every variant must be found as a person mention somewhere it occurs, and all must land in one
        # entity (occurrences inside other names, "the Lenk administration", are not mentions of the person)
        ids: set[str | None] = set()
        for v in g["variants"]:
            found: set[str] = set()
            for f in v["files"]:
                art, an = files.get(f, (None, None))
                if art is None:
                    continue
                for m in re.finditer(re.escape(v["text"]), art.text):
                    hit = [x for x in an.mentions if x.label == "PERSON" and x.start < m.end() and m.start() < x.end]
                    # a variant may hold two names ("Putin's adviser, Vladimir Medinsky"): its name comes last
                    eid = emap.get((art.id, hit[-1].key)) if hit else None
                    if eid:
                        found.add(eid)
                        owner.setdefault(eid, set()).add(g["id"])
            ids |= found if found else {None}
        if len(ids) == 1 and None not in ids:
            merged += 1
        else:
            misses.append(f"{g['canonical']}: {sorted(map(str, ids))}")
    false = [f"{eid}: {sorted(gs)}" for eid, gs in owner.items() if len(gs) > 1]
    return (Score("person name variants merged into one entity", merged, len(groups), misses),
            Score("entities merging two different people", len(false), len(owner), false))


def time_score(dossier: dict[str, Any], gold: dict[str, Any], items: list[tuple[Article, Analysis]]) -> Score:
    files = _by_file(items)
    arts = {a["id"]: a for a in dossier["articles"]}
    golds = [t for t in gold["temporal"] if re.match(r"^\d{4}-\d{2}-\d{2}", t["value"])]
    hits, misses = 0, []
    for g in golds:
        art = files.get(g["file"], (None, None))[0]
        if art is None:
            misses.append(f"{g['file']}: not ingested")
            continue
        want = g["value"][:10]
        occ = [m.start() for m in re.finditer(re.escape(g["text"]), art.text)]
        if not occ:
            # the expression was page furniture (a date line): Parley keeps it as the article's date
            pub = arts[art.id]["published"]
            values = [pub["date"]] + [c["date"] for c in pub.get("conflicts", [])]
            ok = want in values
        else:
            pos = _line_pos(art, g["line"])
            target = min(occ, key=lambda o: abs(o - pos) if pos >= 0 else o)
            cands = [t for t in dossier["timexes"] if t["article"] == art.id
                     and t["evidence"][0]["start"] < target + len(g["text"]) and target < t["evidence"][0]["end"]]
            ok = any((t["value"] or "")[:10] == want for t in cands)
            if not ok:
                got = [t["value"] for t in cands]
                misses.append(f"{g['file'][:3]} {g['text']!r}: want {want}, got {got}")
                continue
        if ok:
            hits += 1
        else:
            misses.append(f"{g['file'][:3]} {g['text']!r}: want {want} (page date)")
    return Score("time expressions with a day value: value accuracy", hits, len(golds), misses)


def evidence_score(dossier: dict[str, Any], texts: dict[str, str]) -> Score:
    from .model import iter_spans

    total, ok, bad = 0, 0, []
    for sp in iter_spans({k: v for k, v in dossier.items() if k != "articles"}):
        total += 1
        if texts.get(sp["article"], "")[sp["start"]:sp["end"]] == sp["text"]:
            ok += 1
        elif len(bad) < 10:
            bad.append(f"{sp['article'][:8]}:{sp['start']}-{sp['end']} {sp['text'][:40]!r}")
    return Score("evidence spans that read exactly their text", ok, total, bad)


def _holds(spans: list[dict[str, Any]], file_of: dict[str, str], file: str, snippet: str) -> bool:
    want = _norm(snippet)
    return any(file_of.get(sp["article"]) == file and want in _norm(sp["text"]) for sp in spans)


def cross_source_scores(dossier: dict[str, Any], gold: dict[str, Any],
                        items: list[tuple[Article, Analysis]]) -> tuple[Score, Score]:
    file_of = {a.id: os.path.basename(a.path or "") for a, _ in items}
    claims = dossier.get("claims", [])
    hits, misses = 0, []
    facts = [f for f in gold["cross_source"]["corroborated"] if len({e["file"] for e in f.get("evidence", [])}) >= 2]
    for fact in facts:
        ok = False
        for c in claims:
            if c["status"] != "corroborated":
                continue
            files = {e["file"] for e in fact["evidence"] if _holds(c["support"], file_of, e["file"], e["snippet"])}
            if len(files) >= 2:
                ok = True
                break
        if ok:
            hits += 1
        else:
            misses.append(fact["fact"])
    recall = Score("gold corroborated facts found corroborated", hits, len(facts), misses)
    contested = [c for c in claims if c["status"] == "contested"]
    real, wrong = 0, []
    for c in contested:
        spans = c["support"] + [x["span"] for x in c["contradict"]]
        ok = any(sum(_holds(spans, file_of, v["file"], v["snippet"]) for v in d.get("values", [])) >= 2
                 for d in gold["cross_source"]["discrepancies"])
        if ok:
            real += 1
        else:
            wrong.append(c["statement"][:120])
    precision = Score("contested claims that are gold discrepancies", real, len(contested), wrong)
    return recall, precision


def evaluate(dossier: dict[str, Any], gold: dict[str, Any], items: list[tuple[Article, Analysis]],
             emap: dict[tuple[str, str], str]) -> list[Score]:
    q_recall, q_speaker = quote_scores(dossier, gold, items)
    merged, false = entity_scores(gold, items, emap)
    return [q_recall, q_speaker, merged, false, time_score(dossier, gold, items),
            evidence_score(dossier, {a.id: a.text for a, _ in items}), *cross_source_scores(dossier, gold, items)]

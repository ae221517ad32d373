"""Claims: what the outlets state, matched across articles, with independent corroboration and contradictions.

A claim is an atomic statement (subject, predicate, value) with the spans it rests on. Five kinds:

- ``number`` / ``duration`` / ``date``: a sentence that gives a value ("exchange 500 prisoners", "the talks
  lasted three hours"). Mentions are matched across articles of one story by the sentence embedding
  (all-MiniLM-L6-v2) of a window of words around the value, with the value masked, so "first direct talks
  in over two years" meets "the first time for two and a half years". Blocking: only mentions of one
  story, one value type and a comparable magnitude are compared, so the cost grows with the size of a story,
  not with the square of the corpus.
- ``round``: where and when a round of talks took place, and how long it lasted (from the ledger's rounds).
- ``head``: who led a delegation (from the roles the articles give a person).
- ``agreement``: what was agreed, or not (from the ledger's agreements).
- ``attribution``: who said the same words, when more than one article quotes them.

No natural-language-inference model installs offline here, so contradictions are rules on top of the
embeddings: two values contradict when they fall outside a tolerance (10 %, 20 % when either is hedged with
"about"; "over three years" is a lower bound), the windows around them are very similar, they share a
content word, and they do not speak of different kinds of event (a call is not the talks). Agreement
statuses contradict when "agreed" meets "no agreement" on one issue in near-identical sentences; quotes when
the same words are given to different people. Spelling variants of a name are entity variants, never claims.

Corroboration counts independent sources: a syndicated copy or near-duplicate counts with its original, an
outlet counts once, and sentences that cite a primary source ("Reuters reports", "according to TASS")
count once for that source, whoever repeats them.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from typing import Any

from ..analysis.timex import EVENT_CLASS
from ..model import Analysis, Article

WINDOW = 6  # words each side of a value that describe what it measures
SUPPORT_SIM = 0.45  # windows at least this similar state the same fact (when their values agree) ...
SUPPORT_SIM_DATE = 0.60  # ... stricter for a day: many things happen on one day
CONTRA_SIM = 0.50  # stricter for a contradiction: a false "contested" costs more than a missed one
TOLERANCE = 0.10  # relative difference of two exact values that still agree
TOLERANCE_APPROX = 0.20  # ... when either is hedged ("about two hours")
MAGNITUDE = 4.0  # values further apart than this factor never describe one fact
PLACEHOLDER = {"number": "<NUM>", "duration": "<DUR>", "date": "<DATE>"}
_OPPOSED = {"agreed": "not agreed", "implemented": "not agreed", "not agreed": "agreed"}
_WORD = re.compile(r"[A-Za-z][A-Za-z'-]+")
_REPORTING = {"said", "says", "say", "told", "tell", "added", "according", "reported", "reports", "noted"}


# ----------------------------------------------------------------------------- independence

@cache
def _primary_rx() -> re.Pattern[str]:
    from ..lexicon import load

    data = load("outlets.toml")
    names = set(data.get("wires", []))
    for o in data.get("outlet", []):
        names.add(o["name"])
        names.update(o.get("aliases", []))
    alt = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True) if len(n) > 1)
    agency = r"(?:news\s+agency\s+|agency\s+|state\s+(?:news\s+agency|media|television)\s+)?"
    return re.compile(
        rf"\b(?i:according\s+to|citing|cited\s+by|reported\s+by|quoted\s+by|told)\s+(?i:the\s+)?(?:[A-Z][a-z]+\s+)?"
        rf"{agency}(?P<a>{alt})\b"
        rf"|\b(?P<b>{alt})\s+(?:news\s+agency\s+)?(?:reports?|reported|quoted|cited|wrote|writes|said|says)\b")


def primary_source(sentence: str) -> str | None:
    """The primary source a sentence cites ("Reuters reports", "according to TASS"), if it cites one."""
    m = _primary_rx().search(sentence)
    if not m:
        return None
    from ..ingestion.meta import outlet_info

    name = m.group("a") or m.group("b")
    info = outlet_info(name)
    return info.name if info else name


class Sources:
    """Who stands behind a span: its article's original (a syndicated copy counts with it), that
    article's wire or outlet, or the primary source the sentence cites."""

    def __init__(self, arts: dict[str, Article]) -> None:
        self.arts = arts

    def root(self, aid: str) -> Article:
        art, seen = self.arts[aid], {aid}
        while art.duplicate_of and art.duplicate_of in self.arts and art.duplicate_of not in seen:
            seen.add(art.duplicate_of)
            art = self.arts[art.duplicate_of]
        return art

    def outlet(self, aid: str) -> str:
        a = self.arts[aid]
        return a.outlet or (a.agencies[0] if a.agencies else f"article {aid}")

    def key(self, aid: str, sentence: str | None = None) -> tuple[str, str | None]:
        via = primary_source(sentence) if sentence else None
        own = self.arts[aid]
        if via and via.lower() not in {own.source_key, (own.outlet or "").lower()}:
            return f"via:{via.lower()}", via
        return self.root(aid).source_key, None


# ----------------------------------------------------------------------------- value mentions

@dataclass
class Mention:
    article: str
    start: int  # the value
    end: int
    sent: tuple[int, int]
    value: dict[str, Any]
    window: str
    words: frozenset[str]
    events: frozenset[str]
    key: str = ""
    via: str | None = None
    attribution: str | None = None
    vec: Any = None

    @property
    def magnitude(self) -> float:
        v = self.value
        return float(v.get("days") if v["type"] == "duration" else v["value"] if v["type"] == "number" else 1.0)


def _words(text: str) -> frozenset[str]:
    from spacy.lang.en.stop_words import STOP_WORDS

    out = set()
    for w in _WORD.findall(text.lower()):
        if w in STOP_WORDS or w in _REPORTING or len(w) < 3:
            continue
        out.add(w[:-1] if len(w) > 4 and w.endswith("s") and not w.endswith("ss") else w)
    return frozenset(out)


def _events(text: str) -> frozenset[str]:
    low = text.lower()
    return frozenset(cls for noun, cls in EVENT_CLASS.items() if re.search(rf"\b{re.escape(noun)}\b", low))


def _mentions(items: list[tuple[Article, Analysis]], sources: Sources, skip: set[tuple[str, int]]) -> list[Mention]:
    out = []
    for art, an in items:
        text = art.text
        for st in an.statements:
            if st.kind != "claim":
                continue
            seen: set[tuple[str, Any]] = set()
            for v in st.values:
                if (art.id, v["start"]) in skip or (v["type"], v["value"]) in seen:
                    continue
                seen.add((v["type"], v["value"]))
                left = text[st.start:v["start"]].split()[-WINDOW:]
                right = text[v["end"]:st.end].split()[:WINDOW]
                window = " ".join([*left, PLACEHOLDER[v["type"]], *right])
                key, via = sources.key(art.id, st.text)
                out.append(Mention(art.id, v["start"], v["end"], (st.start, st.end), v, window,
                                   _words(" ".join(left + right)), _events(" ".join(left + right)),
                                   key, via, st.attribution))
    return out


def _agree(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Whether two values can describe the same fact, given their hedges and bounds."""
    if a["type"] == "date":
        return a["value"] == b["value"]
    x = float(a.get("days") or a["value"]) if a["type"] == "duration" else float(a["value"])
    y = float(b.get("days") or b["value"]) if b["type"] == "duration" else float(b["value"])
    ma, mb = a.get("mod"), b.get("mod")
    tol = TOLERANCE_APPROX if "~" in (ma, mb) else TOLERANCE
    lo_a, hi_a = (x * (1 - tol), float("inf")) if ma == ">" else (0.0, x * (1 + tol)) if ma == "<" else (
        x * (1 - tol), x * (1 + tol))
    if mb in (">", "<"):
        lo_b, hi_b = (y, float("inf")) if mb == ">" else (0.0, y)
        return lo_a <= hi_b and lo_b <= hi_a
    if ma in (">", "<"):
        return lo_a <= y <= hi_a
    return abs(x - y) <= tol * max(abs(x), abs(y))


def _comparable(a: Mention, b: Mention) -> bool:
    if a.value["type"] != b.value["type"]:
        return False
    if a.value["type"] == "number" and (a.value.get("unit") or None) != (b.value.get("unit") or None):
        return False
    if a.value["type"] == "date":
        import datetime as dt

        try:
            gap = abs((dt.date.fromisoformat(a.value["value"]) - dt.date.fromisoformat(b.value["value"])).days)
        except ValueError:
            return False
        return gap <= 7
    x, y = a.magnitude, b.magnitude
    return x > 0 and y > 0 and max(x, y) / min(x, y) <= MAGNITUDE


def _same_fact(a: Mention, b: Mention, sim: float) -> bool:
    if _agree(a.value, b.value):
        need = SUPPORT_SIM_DATE if a.value["type"] == "date" else SUPPORT_SIM
        return sim >= need and not (a.events and b.events and not a.events & b.events)
    # a contradiction: very similar windows that speak of the same kind of event or share a content word, and
    # no clash of event kinds
    if a.events and b.events and not a.events & b.events:
        return False
    return sim >= CONTRA_SIM and bool(a.words & b.words or a.events & b.events)


def _cluster(mentions: list[Mention], story_of: dict[str, str]) -> list[list[Mention]]:
    """Mentions of one fact, per block (story x value type): mentions whose values agree and whose windows say
    the same thing are linked (single link); then each group joins, at most once, the group it contradicts
    most clearly, so a contested claim holds both versions."""
    import numpy as np

    if not mentions:
        return []
    from ..embed import encode

    blocks: dict[tuple[str, str], list[Mention]] = defaultdict(list)
    for m in mentions:
        blocks[(story_of.get(m.article, ""), m.value["type"])].append(m)
    out: list[list[Mention]] = []
    # only blocks with two articles or more have anything to match: only their windows are embedded
    shared = [m for ms in blocks.values() if len({m.article for m in ms}) > 1 for m in ms]
    for m, v in zip(shared, encode([m.window for m in shared]), strict=True):
        m.vec = v
    for ms in blocks.values():
        if len({m.article for m in ms}) < 2:
            out.extend([m] for m in ms)
            continue
        n = len(ms)
        sims = np.array([m.vec for m in ms]) @ np.array([m.vec for m in ms]).T
        parent = list(range(n))

        def find(x: int, parent: list[int] = parent) -> int:
            while parent[x] != x:
                parent[x] = parent[parent[x]]
                x = parent[x]
            return x

        contra: list[tuple[float, int, int]] = []
        for i in range(n):
            for j in range(i + 1, n):
                a, b = ms[i], ms[j]
                if a.article == b.article or not _comparable(a, b) or sims[i, j] < SUPPORT_SIM:
                    continue
                if not _same_fact(a, b, float(sims[i, j])):
                    continue
                if _agree(a.value, b.value):
                    parent[find(i)] = find(j)
                else:
                    contra.append((float(sims[i, j]), i, j))
        merged: set[int] = set()
        for _sim, i, j in sorted(contra, reverse=True):
            ri, rj = find(i), find(j)
            if ri == rj or ri in merged or rj in merged:
                continue
            parent[ri] = rj
            merged.update((ri, rj))
        groups: dict[int, list[Mention]] = defaultdict(list)
        for i, m in enumerate(ms):
            groups[find(i)].append(m)
        out.extend(groups.values())
    return out


# ----------------------------------------------------------------------------- assembling claims

def _span(art: Article, start: int, end: int) -> dict[str, Any]:
    return {"article": art.id, "start": start, "end": end, "text": art.text[start:end]}


def _clause(art: Article, sent: tuple[int, int], at: int, limit: int = 220) -> str:
    s, e = sent
    text = art.text[s:e].strip()
    if len(text) <= limit:
        return text
    rel = at - s
    lo = max(0, rel - limit // 2)
    hi = min(len(text), lo + limit)
    return ("…" if lo else "") + text[lo:hi].strip() + ("…" if hi < len(text) else "")


def _cid(*parts: str) -> str:
    return "claim:" + hashlib.sha1("|".join(parts).encode()).hexdigest()[:10]


def _groups(ms: list[Mention]) -> list[list[Mention]]:
    """Partition mentions into sets of values that agree; exact values lead, bounds join the largest set."""
    ordered = sorted(ms, key=lambda m: (m.value.get("mod") in (">", "<"), m.value.get("mod") == "~"))
    groups: list[list[Mention]] = []
    for m in ordered:
        fits = [g for g in groups if all(_agree(m.value, o.value) and _agree(o.value, m.value) for o in g)]
        if fits:
            max(fits, key=lambda g: len({o.key for o in g})).append(m)
        else:
            groups.append([m])
    return sorted(groups, key=lambda g: (-len({o.key for o in g}), min(o.article for o in g)))


_UNITS = {"Y": "year", "M": "month", "W": "week", "D": "day"}
_TUNITS = {"H": "hour", "M": "minute", "S": "second"}


def human_duration(value: str) -> str:
    """"PT90M" -> "90 minutes", "P3.5Y" -> "3.5 years"."""
    m = re.match(r"^P(T?)(\d+(?:\.\d+)?)([YMWDHS])$", value or "")
    if not m:
        return value
    n = float(m.group(2))
    unit = (_TUNITS if m.group(1) else _UNITS).get(m.group(3), m.group(3))
    return f"{n:g} {unit}{'' if n == 1 else 's'}"


def _value_text(v: dict[str, Any]) -> str:
    return v.get("text") or str(v["value"])


class _Builder:
    def __init__(self, items: list[tuple[Article, Analysis]], sources: Sources) -> None:
        self.arts = {a.id: a for a, _ in items}
        self.sources = sources
        self.claims: list[dict[str, Any]] = []

    def emit(self, *, cid: str, kind: str, statement: str, support: list[tuple[str, int, int, str | None]],
             contradict: list[tuple[str, int, int, str, str | None]] | None = None, **extra: Any) -> dict[str, Any]:
        """support: (article, start, end, sentence or None); contradict: (article, start, end, value, sentence)."""
        contradict = contradict or []
        keys: dict[str, dict[str, Any]] = {}
        spans = []
        seen = set()
        for aid, s, e, sentence in support:
            if (aid, s, e) in seen:
                continue
            seen.add((aid, s, e))
            art = self.arts[aid]
            spans.append(_span(art, s, e))
            key, via = self.sources.key(aid, sentence)
            entry = keys.setdefault(key, {"key": key, "via": via, "outlets": [], "articles": []})
            if self.sources.outlet(aid) not in entry["outlets"]:
                entry["outlets"].append(self.sources.outlet(aid))
            if aid not in entry["articles"]:
                entry["articles"].append(aid)
        against = []
        against_keys = set()
        for aid, s, e, value, sentence in contradict:
            art = self.arts[aid]
            against.append({"span": _span(art, s, e), "value": value, "outlet": self.sources.outlet(aid)})
            against_keys.add(self.sources.key(aid, sentence)[0])
        n = len(keys)
        status = "contested" if against else "corroborated" if n >= 2 else "single-source"
        claim = {"id": cid, "kind": kind, "statement": statement, "status": status, "support": spans,
                 "contradict": against, "independent_sources": n, "sources": list(keys.values()),
                 "primary_sources": sorted({k["via"] for k in keys.values() if k["via"]}),
                 "articles": sorted({s["article"] for s in spans} | {c["span"]["article"] for c in against}),
                 **extra}
        if against:
            claim["contradicting_sources"] = len(against_keys)
        self.claims.append(claim)
        return claim


def build_claims(items: list[tuple[Article, Analysis]], sections: dict[str, Any],
                 story_of: dict[str, str] | None = None) -> list[dict[str, Any]]:
    """The claims of a corpus, from its analyses and the sections already laid out (entities, quotes,
    rounds, agreements)."""
    story_of = story_of or {}
    arts = {a.id: a for a, _ in items}
    sources = Sources(arts)
    b = _Builder(items, sources)
    names = {e["id"]: e["name"] for e in sections.get("entities", [])}
    consumed: set[tuple[str, int]] = set()

    from .claims_ledger import ledger_claims

    ledger_claims(b, sections, items, names, consumed)

    mentions = _mentions(items, sources, consumed)
    for cl in _cluster(mentions, story_of):
        _value_claim(b, cl, arts)
    order = {"contested": 0, "corroborated": 1, "single-source": 2}
    b.claims.sort(key=lambda c: (order[c["status"]], -c["independent_sources"], c["kind"], c["id"]))
    return b.claims


def _value_claim(b: _Builder, cl: list[Mention], arts: dict[str, Article]) -> None:
    groups = _groups(cl)
    main = groups[0]
    # a claim's values disagree only across articles: one article's own inconsistency is not a contest
    others = [g for g in groups[1:] if len({m.article for m in main} | {m.article for m in g}) >= 2]
    # the claim reads as the most typical sentence of a news report that states it in its own voice
    rep = max(main, key=lambda m: (arts[m.article].kind == "report", m.attribution is None,
                                   sum(float(m.vec @ o.vec) for o in main) if m.vec is not None else 0.0))
    v = rep.value
    art = arts[rep.article]
    values = []
    for g in [main, *others]:
        values.append({"value": g[0].value["value"], "text": _value_text(g[0].value),
                       "mods": sorted({m.value.get("mod") or "=" for m in g}),
                       "articles": sorted({m.article for m in g}), "independent_sources": len({m.key for m in g})})
    b.emit(cid=_cid("value", rep.article, str(rep.start)), kind=v["type"],
           statement=_clause(art, rep.sent, rep.start),
           support=[(m.article, m.sent[0], m.sent[1], arts[m.article].text[m.sent[0]:m.sent[1]]) for m in main],
           contradict=[(m.article, m.sent[0], m.sent[1], _value_text(m.value),
                        arts[m.article].text[m.sent[0]:m.sent[1]]) for g in others for m in g],
           subject=v.get("subject"), predicate=v.get("predicate"),
           value={"type": v["type"], "value": v["value"], "text": _value_text(v), "mod": v.get("mod")},
           values=values, value_spans=[_span(arts[m.article], m.start, m.end) for m in cl],
           attribution=sorted({m.attribution for m in cl if m.attribution}),
           date=min((arts[m.article].published.date for m in main if arts[m.article].published.date), default=None))

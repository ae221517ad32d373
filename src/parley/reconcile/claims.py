"""Claims: what the outlets state, matched across articles, with independent corroboration and contradictions.

A claim answers one **question** ("How long the talks in Port Salvo on 12 March lasted", "How many prisoners
the sides exchanged") with one or more **values**, each with the outlets and spans that give it, and a
**verdict**: ``corroborated`` (one value, two independent sources or more), ``single-source``, or
``contested`` (two values that cannot both be true). Kinds:

- ``number`` / ``duration`` / ``date``: a sentence that gives a value. Each value carries, from the parse of
  its clause (``analysis.statements``), what it measures (the thing counted, the thing that lasted, the event
  a date dates), the predicate, who acts, and the tense; a value that is one end of a range is marked.
  Mentions are compared within one negotiation (else one story), one value type and a comparable magnitude
  (so the cost grows with a negotiation, not with the corpus), by the sentence embedding (all-MiniLM-L6-v2) of the words around the value.
- ``round``, ``head``, ``agreement``, ``position``, ``event``, ``attribution``: from the ledger's sections and
  the quotes (``claims_ledger``).

Two values answer **the same question** only when they measure the same thing (the same counted noun, the
same meeting, the same event), with no clash of actors, at the same time reference (the same day when both
clauses are dated; for a state reported "now" or "so far", reports of the same day), with close
surroundings, in different articles of independent sources. They **contest** only when, on top of that, they
cannot both be true: what each value admits, by how precisely it is written, does not overlap (a plain count
admits at most 4% of itself: "30,000" does not admit 28,500; "35 days" does not admit 36; "about 13,000" does
not admit "about 14,000"), bounds taken into account ("over three years" agrees with three and a half). A round
count against a precise one is contested with ``differ: "rounding"`` (read as "about", the round figure would
admit the other: a fact-checker sees that the outlets differ and that one may have rounded); values whose
reports do not overlap in time (all of one more than SAME_TIME_DAYS before all of the other) carry ``differ:
"over time"`` (the figure may have changed between them); other contested values carry ``differ: "conflict"``.

A **standing count** (how many of something are kept in a place: "keeps 4,600 troops in X", "the 8,000
troops stationed in X", "pull some of the 8,000 troops out of X") answers one question whatever its clause's
verb or actor: it is keyed by the counted noun and the place (``_standing``), a named holder must not clash,
and reports up to ``STANDING_DAYS`` apart (in one negotiation) are compared. A count of what is sent, added or
withdrawn is not standing, and standing counts of two places never contest. Never contested: the two ends of a range, values of
different rounds or events, a report's own date or a dateline, counts of different things, approximations
that overlap, the same weekday that two articles' anchors value differently, and one article against itself.
Without a natural-language-inference model offline, the rules err towards "not contested".

Corroboration counts independent sources: a syndicated copy or near-duplicate counts with its original, an
outlet counts once, and sentences that cite a primary source ("Reuters reports", "according to TASS")
count once for that source, whoever repeats them.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from ..analysis.statements import SINCE_LAST
from ..analysis.timex import dateline_span
from ..model import Analysis, Article

WINDOW = 6  # words each side of a value that describe what it measures
SUPPORT_SIM = 0.45  # windows at least this similar state the same fact (when their values agree) ...
SUPPORT_SIM_DATE = 0.60  # ... stricter for a day: many things happen on one day
CONTRA_SIM = 0.50  # surroundings this close, on top of the same question, for a contradiction
MAGNITUDE = 4.0  # values further apart than this factor never describe one fact
STANDING_DAYS = 366  # counts of a standing quantity (troops kept in a country) change over a year, not a week
PLAIN_COUNT = 0.04  # what a plain count admits either way, at most, as a share of itself
SAME_TIME_DAYS = 10  # undated clauses of reports further apart than this may speak of different times
PLACEHOLDER = {"number": "<NUM>", "duration": "<DUR>", "date": "<DATE>"}
OPPOSED_STATUS = {"agreed": "not agreed", "implemented": "not agreed", "not agreed": "agreed"}
_WORD = re.compile(r"[A-Za-z][A-Za-z'-]+")
_REPORTING = {"said", "says", "say", "told", "tell", "added", "according", "reported", "reports", "noted"}
# reporting verbs (lemmas): the day someone said something is not the day of what they spoke of
_SAYING = {"say", "tell", "announce", "report", "state", "add", "note", "claim", "warn", "tweet", "write", "reveal",
           "confirm", "deny", "insist", "explain", "declare", "argue", "suggest", "indicate", "acknowledge", "told"}
_WEEKDAY = re.compile(r"\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|yesterday|tonight)\b", re.I)
# predicates too general to tell two facts apart, and those that state how many there are (not what happened to
# them): "keeps 28,500 troops", "about 14,000 troops are stationed", "has some 14,000 troops" ask one question
_LIGHT_PREDICATES = {"be", "have", "include", "make", "take", "get", "give", "put", "see", "say", "tell", "add",
                     "keep", "station", "base", "deploy", "remain", "number", "total", "stand", "maintain", "house",
                     "count", "estimate", "there"}
__all__ = ["ClaimSet", "Sources", "ValueMention", "build_claims", "claim_id", "human_duration", "primary_source",
           "same_question", "value_groups", "values_agree", "content_words", "OPPOSED_STATUS"]


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
class ValueMention:
    """One value as one article states it, with what it answers."""

    article: str
    start: int  # the value
    end: int
    sent: tuple[int, int]
    value: dict[str, Any]
    window: str = ""
    words: frozenset[str] = frozenset()
    events: frozenset[str] = frozenset()
    key: str = ""
    via: str | None = None
    attribution: str | None = None
    vec: Any = None
    measure: str | None = None  # what the value measures: a counted noun, the thing that lasted, a dated event
    measure_words: frozenset[str] = frozenset()
    predicate: str | None = None
    actors: frozenset[str] = frozenset()  # corpus entity ids (or "side:<name>") of who acts in the clause
    tense: str | None = None
    clause_day: str | None = None  # another day-valued expression of the same sentence: when it happened
    reported: str | None = None  # the article's date
    in_range: bool = False
    surface: str = ""  # the words of the value itself
    place: str | None = None  # a standing count's place ("troops in <country>"), as a country
    holder: str | None = None  # ... and whose they are ("<country>'s troops", "<adjective> troops")
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def magnitude(self) -> float:
        v = self.value
        return float(v.get("days") if v["type"] == "duration" else v["value"] if v["type"] == "number" else 1.0)


def content_words(text: str) -> frozenset[str]:
    """Lower-case content words of a text, stop words and reporting verbs left out (a crude stem)."""
    from spacy.lang.en.stop_words import STOP_WORDS

    out = set()
    for w in _WORD.findall(text.lower()):
        if w in STOP_WORDS or w in _REPORTING or len(w) < 3:
            continue
        out.add(w[:-1] if len(w) > 4 and w.endswith("s") and not w.endswith("ss") else w)
    return frozenset(out)


def _events(text: str) -> frozenset[str]:
    from ..analysis.timex import EVENT_CLASS

    low = text.lower()
    return frozenset(cls for noun, cls in EVENT_CLASS.items() if re.search(rf"\b{re.escape(noun)}\b", low))


def _clause_day(an: Analysis, sent: tuple[int, int], own: tuple[int, int]) -> str | None:
    for t in an.timexes:
        if sent[0] <= t.start < sent[1] and not (own[0] <= t.start < own[1]) and t.type in ("date", "time") \
                and t.value and re.match(r"\d{4}-\d{2}-\d{2}", t.value) and not (t.rel or {}).get("k") == "event":
            return t.value[:10]
    return None


class _Actors:
    """Who acts in a clause, as one key per party whatever the article called it: a person's corpus entity, a
    state or organization by its canonical name ("Moscow" in "Moscow said" and "Russia" are one)."""

    def __init__(self, items: list[tuple[Article, Analysis]], emap: dict[tuple[str, str], str]) -> None:
        from ..gazetteer import fold, lookup

        self.fold, self.lookup, self.emap = fold, lookup, emap
        self.kind = {(a.id, e.key): e.type for a, an in items for e in an.entities}
        self.name = {(a.id, e.key): e.name for a, an in items for e in an.entities}

    def _state(self, name: str) -> str:
        place = self.lookup(name)
        if place is not None and place.kind in ("country", "seat", "adj"):
            name = place.country or place.name
        return "party:" + self.fold(name)

    def key(self, aid: str, actor: str) -> str:
        if actor.startswith("side:"):
            return self._state(actor[5:])
        if self.kind.get((aid, actor)) in ("GPE", "ORG", "NORP"):
            return self._state(self.name[(aid, actor)])
        return self.emap.get((aid, actor), f"local:{aid}:{actor}")


_STANDING_PLACE = re.compile(r"^[^.;:]{0,40}?\b(?:in|inside|stationed\s+in|based\s+in|on\s+the\s+ground\s+in|from|out\s+of)"
                             r"\s+(?:the\s+)?((?:[A-Z][\w.'-]*)(?:\s+[A-Z][\w.'-]*){0,2})")
_DEFINITE = re.compile(r"\b(?:the|its|their|his|her|our|[A-Z][\w.'-]*'s?|some\s+of\s+the|all\s+of\s+the|all|of\s+the)\s+"
                       r"(?:(?:about|around|roughly|some|nearly|almost|approximately|estimated)\s+)?$")


def _country(words: str) -> str | None:
    """The country a run of capitalised words names, its longest leading part first ("South Korea and" ->
    South Korea; "U.S." -> United States)."""
    from ..gazetteer import lookup

    toks = words.split()
    for n in range(len(toks), 0, -1):
        place = lookup(" ".join(toks[:n]).rstrip(".,") if n > 1 else toks[0])
        if place is not None and place.kind in ("country", "seat", "adj"):
            return place.country or place.name
    return None


def _standing(text: str, sent: tuple[int, int], v: dict[str, Any]) -> tuple[str | None, str | None]:
    """Where a count of a standing quantity is, and whose: "the 28,500 troops stationed in <country>",
    "some of the 30,000 <adjective> troops in <country>", "keeps 28,500 troops in <country>". A count is standing
    when its clause only states that the things are there (a light predicate such as keep, station, have) or the
    count is a definite description of them ("the 30,000 troops", "its 28,500 troops"), and a country is named
    where they are. A count of what is moved or added ("sends 3,000 troops to <country>", "withdraws 4,000 from
    it") is not standing: it answers another question than how many there are."""
    if v["type"] != "number" or v.get("unit") or not v.get("measure") or not v.get("words"):
        return None, None
    pred = (v.get("predicate") or "").replace("not ", "")
    definite = bool(_DEFINITE.search(text[max(sent[0], v["start"] - 40):v["start"]]))
    if not definite and pred not in _LIGHT_PREDICATES:
        return None, None
    m = _STANDING_PLACE.match(text[v["end"]:sent[1]]) or _STANDING_PLACE.match(text[v["start"]:sent[1]])
    if m is None:
        return None, None
    # a known country by its name (an adjective or a capital stands for it), else the place as written
    place = _country(m.group(1)) or m.group(1).rstrip(".,'")
    if not definite and m.group(0).split()[0:1] in (["from"], ["out"]):
        return None, None  # "withdraw 4,000 troops from <country>": how many leave
    holder = None
    head = re.split(r"\s(?:in|inside|from|out|at|on|stationed|based|deployed|which|who|that)\s", text[v["start"]:v["end"]])[0]
    own = re.findall(r"[A-Z][\w.'-]*", head)  # "30,000 <adjective> troops", not the place after them
    before = re.search(r"([A-Z][\w.'-]*)'s?\s+(?:\w+\s+)?$", text[max(sent[0], v["start"] - 30):v["start"]])
    for w in own + ([before.group(1)] if before else []):
        if (c := _country(w)) is not None:
            holder = c
            break
    return place, (holder if holder != place else None)


def _mentions(items: list[tuple[Article, Analysis]], sources: Sources, skip: set[tuple[str, int]],
              emap: dict[tuple[str, str], str], reported: dict[str, str | None] | None = None) -> list[ValueMention]:
    out = []
    actor_key = _Actors(items, emap)
    for art, an in items:
        text = art.text
        dateline = dateline_span(art)
        for st in an.statements:
            if st.kind != "claim":
                continue
            seen: set[tuple[str, Any]] = set()
            for v in st.values:
                if (art.id, v["start"]) in skip or (v["type"], v["value"]) in seen:
                    continue
                if dateline and dateline[0] <= v["start"] < dateline[1]:
                    continue  # "KABUL, March 3 (Reuters) -": the report's own date, no claim
                seen.add((v["type"], v["value"]))
                left = text[st.start:v["start"]].split()[-WINDOW:]
                right = text[v["end"]:st.end].split()[:WINDOW]
                window = " ".join([*left, PLACEHOLDER[v["type"]], *right])
                key, via = sources.key(art.id, st.text)
                actors = frozenset(actor_key.key(art.id, a) for a in v.get("actors") or [])
                place, holder = _standing(text, (st.start, st.end), v)
                out.append(ValueMention(
                    art.id, v["start"], v["end"], (st.start, st.end), v, window,
                    content_words(" ".join(left + right)), _events(" ".join(left + right)), key, via,
                    st.attribution, measure=v.get("measure"), measure_words=frozenset(v.get("words") or []),
                    predicate=v.get("predicate"), actors=actors, tense=v.get("tense"),
                    clause_day=_clause_day(an, (st.start, st.end), (v["start"], v["end"])),
                    reported=(reported or {}).get(art.id) or art.published.date, in_range=bool(v.get("range")), surface=v.get("text") or "",
                    place=place, holder=holder))
    return out


def _precision(n: float) -> float:
    """The place of a number's last significant digit: 30,000 -> 10,000; 28,500 -> 100; 3.5 -> 0.1; 2 -> 1."""
    if n <= 0:
        return 1.0
    if abs(n - round(n)) < 1e-9:
        k, m = 1.0, int(round(n))
        while m and m % 10 == 0:
            m //= 10
            k *= 10
        return k
    txt = f"{n:.6f}".rstrip("0")
    return 10.0 ** -len(txt.split(".")[1])


def _amount(v: dict[str, Any]) -> tuple[float, float]:
    """A value as written and the place of its last digit, in the unit the comparison uses (days for a
    duration, as given for a number)."""
    if v["type"] == "duration":
        m = re.match(r"^P(T?)(\d+(?:\.\d+)?)([YMWDHS])$", str(v.get("value") or ""))
        days = float(v.get("days") or 0.0)
        if m and float(m.group(2)) > 0:
            n = float(m.group(2))
            return days, _precision(n) * days / n
        return days, _precision(days)
    x = float(v["value"])
    return x, _precision(x)


def _interval(v: dict[str, Any], loose: bool = False) -> tuple[float, float]:
    """What a value admits: a bound ("over three years": 3 years and more; "up to 100": 100 and less), a hedged
    value ("about 13,000": 12,500 to 13,500, half its last digit either way) or a plain one (a quarter of its last
    digit either way, at most a tenth of the value: "30,000" admits 28,500 but "1,000" not 1,200; "35 days" does
    not admit 36; "three years" does not admit three and a half). A hedge admits at most a quarter either way."""
    x, p = _amount(v)
    mod = v.get("mod")
    if mod == ">":
        return x, float("inf")
    if mod == "<":
        return 0.0, x
    if mod == "~":
        h = min(p * 0.5, abs(x) * 0.25)
    elif v["type"] == "number" and not loose:
        h = min(p * 0.25, abs(x) * PLAIN_COUNT)  # a plain count is a count: "30,000" is not 28,500
    else:
        h = min(p * 0.25, abs(x) * 0.10)
    return x - h, x + h


def values_agree(a: dict[str, Any], b: dict[str, Any], loose: bool = False) -> bool:
    """Whether two values can describe the same fact, given how precisely each is written, their hedges and
    their bounds (see ``_interval``): they agree when what they admit overlaps. ``loose`` reads a plain round
    count as a rounding ("30,000" admits 28,500): values that agree only so differ by rounding."""
    if a["type"] == "date":
        return a["value"] == b["value"]
    lo_a, hi_a = _interval(a, loose)
    lo_b, hi_b = _interval(b, loose)
    if a.get("mod") in (">", "<") or b.get("mod") in (">", "<"):
        return max(lo_a, lo_b) <= min(hi_a, hi_b)  # a bound admits its own figure ("over 100" and "100")
    return max(lo_a, lo_b) < min(hi_a, hi_b) - 1e-9 * max(1.0, abs(hi_a))  # touching ranges do not overlap


def _comparable(a: ValueMention, b: ValueMention) -> bool:
    if a.value["type"] != b.value["type"]:
        return False
    if a.value["type"] == "number" and (a.value.get("unit") or None) != (b.value.get("unit") or None):
        return False
    if a.value["type"] == "date":
        gap = _gap(a.value["value"], b.value["value"])
        return gap is not None and gap <= 7
    x, y = a.magnitude, b.magnitude
    return x > 0 and y > 0 and max(x, y) / min(x, y) <= MAGNITUDE


def _gap(a: str | None, b: str | None) -> int | None:
    try:
        return abs((dt.date.fromisoformat(str(a)[:10]) - dt.date.fromisoformat(str(b)[:10])).days)
    except ValueError:
        return None


def _same_measure(a: ValueMention, b: ValueMention) -> bool:
    if not a.measure or not b.measure:
        return False
    if a.measure == b.measure:
        return True
    # money and shares: what it is for ("$5 billion for the wall" = "$5.7 billion in wall funding")
    return a.value["type"] == "number" and bool(a.value.get("unit")) and bool(
        (a.measure_words & b.measure_words) - {"u.s.", "us", "american", "new", "more", "total"})


def same_question(a: ValueMention, b: ValueMention, sim: float) -> str | None:
    """None when two mentions (of two articles) answer the same question, else the reason they do not."""
    if a.article == b.article:
        return "one article"
    if a.in_range or b.in_range:
        return "one end of a range"
    if not _same_measure(a, b):
        return "different things measured"
    if a.value.get("negated") or b.value.get("negated"):
        return "negated"
    if a.place and a.place == b.place and a.measure == b.measure:
        # a standing count ("troops in <country>") is a question of its own, whatever the clause does with it
        if a.holder and b.holder and a.holder != b.holder:
            return "different holders"
        gap = _gap(a.reported, b.reported)
        return "different times" if gap is None or gap > STANDING_DAYS else None
    if a.place != b.place and a.place and b.place:
        return "different places"
    if a.actors and b.actors and not a.actors & b.actors:
        return "different actors"
    pa, pb = (a.predicate or "").replace("not ", ""), (b.predicate or "").replace("not ", "")
    if pa and pb and pa != pb and not ({pa, pb} <= _LIGHT_PREDICATES) and a.measure != SINCE_LAST:
        return "different predicates"  # "42 people were wounded" does not answer how many were killed
    if (a.tense == "future") != (b.tense == "future"):
        return "a plan against a fact"
    if a.value["type"] == "date":
        if a.value.get("measure") is None and not a.actors:
            return "no event"
        if {pa, pb} & (_LIGHT_PREDICATES | _SAYING):
            return "no event"  # "China said on Monday", "Congress has until Friday": when someone spoke, not a fact

        wa, wb = _WEEKDAY.findall(a.surface.lower()), _WEEKDAY.findall(b.surface.lower())
        if wa and wa == wb:
            return "the same words valued against two anchors"
        if not (a.actors and b.actors):
            return "no actor to tell the event"
        return None
    if a.clause_day and b.clause_day:
        if a.clause_day != b.clause_day:
            return "different days"
    elif a.clause_day or b.clause_day:
        return "one dated, the other not"  # "an attack late Monday that killed 16" may be another attack
    else:
        gap = _gap(a.reported, b.reported)
        # "has lasted 13 days", "closed for two weeks": a state measured as of each report grows day by day
        state = "perfect" in (a.tense, b.tense) or a.value.get("state") or b.value.get("state")
        limit = 1 if state else SAME_TIME_DAYS
        if gap is None or gap > limit:
            return "different times"
    return None


def _supports(a: ValueMention, b: ValueMention, sim: float) -> bool:
    """The same fact: agreeing values with close surroundings, nothing that tells them apart."""
    need = SUPPORT_SIM_DATE if a.value["type"] == "date" else SUPPORT_SIM
    if sim < need or (a.events and b.events and not a.events & b.events):
        return False
    if (a.measure or b.measure) and not _same_measure(a, b):
        return False  # a value that measures nothing known never links two things that are measured
    return not (a.actors and b.actors and not a.actors & b.actors)


def _contests(a: ValueMention, b: ValueMention, sim: float) -> bool:
    if sim < CONTRA_SIM or (a.events and b.events and not a.events & b.events):
        return False
    if a.key == b.key:
        return False  # one source cannot contradict itself across its own articles
    return same_question(a, b, sim) is None


Fact = tuple[list[ValueMention], list[ValueMention]]  # the mentions of one value, and those contesting it


def _cluster(mentions: list[ValueMention], story_of: dict[str, str]) -> list[Fact]:
    """Mentions of one fact, per block (story x value type): mentions that support each other are linked
    (single link) into groups; then each group is paired, at most once, with the group it contests most clearly,
    so a contested claim holds both versions and nothing else."""
    import numpy as np

    if not mentions:
        return []
    from ..embed import encode

    blocks: dict[tuple[str, str], list[ValueMention]] = defaultdict(list)
    for m in mentions:
        blocks[(story_of.get(m.article, ""), m.value["type"])].append(m)
    out: list[Fact] = []
    # only blocks with two articles or more have anything to match: only their windows are embedded
    shared = [m for ms in blocks.values() if len({m.article for m in ms}) > 1 for m in ms]
    for m, v in zip(shared, encode([m.window for m in shared]), strict=True):
        m.vec = v
    for _key, ms in sorted(blocks.items()):
        if len({m.article for m in ms}) < 2:
            out.extend(([m], []) for m in ms)
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
        bounded = {i for i, m in enumerate(ms) if m.value.get("mod") in (">", "<")}
        attach: dict[int, list[tuple[float, int]]] = defaultdict(list)
        for i in range(n):
            for j in range(i + 1, n):
                a, b = ms[i], ms[j]
                sim = float(sims[i, j])
                if a.article == b.article or not _comparable(a, b) or sim < SUPPORT_SIM:
                    continue
                if values_agree(a.value, b.value):
                    if not _supports(a, b, sim):
                        continue
                    if i in bounded or j in bounded:  # "over three years" fits three and three and a half:
                        attach[i].append((round(sim, 6), j))  # it joins one side later, never bridges the two
                        attach[j].append((round(sim, 6), i))
                    else:
                        parent[find(i)] = find(j)
                elif _contests(a, b, sim):
                    contra.append((round(sim, 6), i, j))
        for i in sorted(bounded):
            exact = [(sim, j) for sim, j in attach[i] if j not in bounded]
            if exact:
                parent[find(i)] = find(max(exact, key=lambda c: (c[0], -c[1]))[1])
        for i in sorted(bounded):
            for _sim, j in sorted(attach[i], reverse=True):
                if j in bounded and find(j) == j and find(i) != find(j) and all(
                        k in bounded for k in range(n) if find(k) == find(j)):
                    parent[find(j)] = find(i)  # two bounds alone ("over 100", "more than 100") are one fact
        groups: dict[int, list[ValueMention]] = defaultdict(list)
        for i, m in enumerate(ms):
            groups[find(i)].append(m)
        paired: dict[int, int] = {}
        for _sim, i, j in sorted(contra, key=lambda c: (-c[0], c[1], c[2])):
            ri, rj = find(i), find(j)
            if ri == rj or ri in paired or rj in paired or not _still_apart(groups[ri], groups[rj]):
                continue
            paired[ri], paired[rj] = rj, ri
        done: set[int] = set()
        for r in sorted(groups):
            if r in done:
                continue
            done.add(r)
            other = paired.get(r)
            if other is None:
                out.append((groups[r], []))
                continue
            done.add(other)
            a, b = groups[r], groups[other]
            if len({m.key for m in b}) > len({m.key for m in a}):
                a, b = b, a  # the value more independent sources give leads
            out.append((a, b))
    return out


def _still_apart(a: list[ValueMention], b: list[ValueMention]) -> bool:
    """Two groups contest as wholes only if no exact value of one agrees with an exact value of the other (a
    chain of "about" values must not turn one fact into two; a bound such as "over three years" may sit with
    either side)."""
    exact = lambda g: [m for m in g if m.value.get("mod") not in (">", "<")] or g  # noqa: E731
    return not any(values_agree(x.value, y.value) for x in exact(a) for y in exact(b))


# ----------------------------------------------------------------------------- assembling claims

def span(art: Article, start: int, end: int) -> dict[str, Any]:
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


def claim_id(*parts: str) -> str:
    return "claim:" + hashlib.sha1("|".join(parts).encode()).hexdigest()[:10]


def value_groups(ms: list[ValueMention]) -> list[list[ValueMention]]:
    """Partition mentions into sets of values that agree; exact values lead, bounds join the largest set."""
    ordered = sorted(ms, key=lambda m: (m.value.get("mod") in (">", "<"), m.value.get("mod") == "~", m.article,
                                        m.start))
    groups: list[list[ValueMention]] = []
    for m in ordered:
        fits = [g for g in groups if all(values_agree(m.value, o.value) and values_agree(o.value, m.value) for o in g)]
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


class ClaimSet:
    """The claims of a dossier as they are made: each ``add`` is one claim (question, values, verdict)."""

    def __init__(self, items: list[tuple[Article, Analysis]], sources: Sources) -> None:
        self.arts = {a.id: a for a, _ in items}
        self.sources = sources
        self.claims: list[dict[str, Any]] = []

    def add(self, *, cid: str, kind: str, statement: str, support: list[tuple[str, int, int, str | None]],
            contradict: list[tuple[str, int, int, str, str | None]] | None = None, question: str | None = None,
            **extra: Any) -> dict[str, Any]:
        """support: (article, start, end, sentence or None); contradict: (article, start, end, value, sentence).
        The verdict: contested when a contradicting value exists, corroborated with two independent sources."""
        contradict = contradict or []
        keys: dict[str, dict[str, Any]] = {}
        spans = []
        seen = set()
        for aid, s, e, sentence in support:
            if (aid, s, e) in seen:
                continue
            seen.add((aid, s, e))
            art = self.arts[aid]
            spans.append(span(art, s, e))
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
            against.append({"span": span(art, s, e), "value": value, "outlet": self.sources.outlet(aid)})
            against_keys.add(self.sources.key(aid, sentence)[0])
        n = len(keys)
        status = "contested" if against else "corroborated" if n >= 2 else "single-source"
        claim = {"id": cid, "kind": kind, "question": question or statement, "statement": statement,
                 "status": status, "support": spans, "contradict": against, "independent_sources": n,
                 "sources": list(keys.values()), "primary_sources": sorted({k["via"] for k in keys.values() if k["via"]}),
                 "articles": sorted({s["article"] for s in spans} | {c["span"]["article"] for c in against}),
                 **extra}
        if against:
            claim["contradicting_sources"] = len(against_keys)
        self.claims.append(claim)
        return claim

    def value_entries(self, groups: list[list[ValueMention]]) -> list[dict[str, Any]]:
        """Each value of a claim with the outlets, articles and spans that give it."""
        out = []
        for g in groups:
            out.append({"value": g[0].value["value"], "text": _value_text(g[0].value),
                        "mods": sorted({m.value.get("mod") or "=" for m in g}),
                        "articles": sorted({m.article for m in g}),
                        "outlets": sorted({self.sources.outlet(m.article) for m in g}),
                        "independent_sources": len({m.key for m in g}),
                        "spans": [span(self.arts[m.article], m.start, m.end) for m in sorted(g, key=lambda m: (m.article, m.start))]})
        return out


def build_claims(items: list[tuple[Article, Analysis]], sections: dict[str, Any],
                 story_of: dict[str, str] | None = None,
                 emap: dict[tuple[str, str], str] | None = None) -> list[dict[str, Any]]:
    """The claims of a corpus, from its analyses and the sections already laid out (entities, quotes,
    rounds, agreements; the articles' dates, estimated ones included, come from the articles section)."""
    story_of = story_of or {}
    arts = {a.id: a for a, _ in items}
    reported = {a["id"]: (a.get("published") or {}).get("date") for a in sections.get("articles", [])}
    sources = Sources(arts)
    cs = ClaimSet(items, sources)
    names = {e["id"]: e["name"] for e in sections.get("entities", [])}
    consumed: set[tuple[str, int]] = set()

    from .claims_ledger import ledger_claims

    ledger_claims(cs, sections, items, names, consumed)

    mentions = _mentions(items, sources, consumed, emap or {}, reported)
    for cl in _cluster(mentions, story_of):
        _value_claim(cs, cl, arts, names)
    order = {"contested": 0, "corroborated": 1, "single-source": 2}
    cs.claims.sort(key=lambda c: (order[c["status"]], -c["independent_sources"], c["kind"], c["id"]))
    return cs.claims


def _plural(word: str) -> str:
    if word.endswith(("s", "x")):
        return word
    return word[:-1] + "ies" if word.endswith("y") and word[-2:-1] not in "aeiou" else word + "s"


def question_of(m: ValueMention, names: dict[str, str]) -> str:
    """The question a value answers, in words, from what its clause says it measures."""
    v = m.value
    who = " and ".join(sorted({names.get(a, a.split(":", 1)[-1].title() if a.startswith("party:") else a)
                               for a in m.actors if not a.startswith("local:")}))
    pred = (m.predicate or "").replace("not ", "")
    if v["type"] == "duration":
        if m.measure == SINCE_LAST:
            return "How long it had been since the last such meeting"
        if m.measure and m.measure != pred:
            return f"How long the {m.measure} lasted"
        return f"For how long {who + ' ' if who else ''}{pred or 'it lasted'}".strip()
    if v["type"] == "date":
        return f"When {who + ' ' if who else ''}{pred or 'it happened'}".strip()
    if v.get("unit") and v.get("unit") not in ("ordinal",):
        what = " ".join(sorted(m.measure_words)) or m.measure or "it"
        return f"How much {who + ' ' if who else ''}{pred + ' ' if pred else ''}for {what}".strip()
    if m.measure and m.place:  # a standing count: how many there are in a place, whatever the clause does
        return f"How many {_plural(m.measure)}{' of ' + m.holder if m.holder else ''} are in {m.place}"
    if m.measure:
        return f"How many {_plural(m.measure)}{' ' + who if who else ''}{' ' + pred if pred else ''}".strip()
    return f"What figure {who + ' ' if who else ''}{pred or 'is given'}".strip()


def _differ(main: list[ValueMention], other: list[ValueMention]) -> str:
    """How a contested value claim's values differ: ``over time`` when every report of one value came out more
    than SAME_TIME_DAYS before every report of the other (the figure may have changed between them: a standing
    count is compared across months), ``rounding`` when a round figure read as "about" would admit the other,
    else ``conflict``."""
    def days(ms: list[ValueMention]) -> list[dt.date]:
        out = []
        for m in ms:
            try:
                out.append(dt.date.fromisoformat((m.reported or "")[:10]))
            except ValueError:
                return []
        return out

    a, b = days(main), days(other)
    if a and b and ((max(a) - min(b)).days < -SAME_TIME_DAYS or (max(b) - min(a)).days < -SAME_TIME_DAYS):
        return "over time"
    if any(values_agree(x.value, y.value, loose=True) for x in main for y in other):
        return "rounding"
    return "conflict"


def _value_claim(cs: ClaimSet, fact: Fact, arts: dict[str, Article], names: dict[str, str]) -> None:
    main, against = fact
    # a claim's values disagree only across articles: one article's own inconsistency is not a contest
    others = [against] if against and {m.article for m in against} - {m.article for m in main} else []
    # the claim reads as the most typical sentence of a news report that states it in its own voice
    rep = max(main, key=lambda m: (arts[m.article].kind == "report", m.attribution is None,
                                   round(sum(float(m.vec @ o.vec) for o in main), 6) if m.vec is not None else 0.0,
                                   m.article, -m.start))
    v = rep.value
    art = arts[rep.article]
    cl = [*main, *against]
    cs.add(cid=claim_id("value", rep.article, str(rep.start)), kind=v["type"],
           question=question_of(rep, names), statement=_clause(art, rep.sent, rep.start),
           support=[(m.article, m.sent[0], m.sent[1], arts[m.article].text[m.sent[0]:m.sent[1]]) for m in main],
           contradict=[(m.article, m.sent[0], m.sent[1], _value_text(m.value),
                        arts[m.article].text[m.sent[0]:m.sent[1]]) for g in others for m in g],
           subject=v.get("subject"), predicate=v.get("predicate"), measure=rep.measure,
           value={"type": v["type"], "value": v["value"], "text": _value_text(v), "mod": v.get("mod")},
           values=cs.value_entries([main, *others]),
           **({"differ": _differ(main, others[0])} if others else {}), value_spans=[span(arts[m.article], m.start, m.end) for m in cl],
           attribution=sorted({m.attribution for m in cl if m.attribution}),
           date=min((arts[m.article].published.date for m in main if arts[m.article].published.date), default=None))

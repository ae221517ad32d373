"""Negotiations: the stories of one process grouped together, above stories.

A story (``stories.py``) is one burst of coverage: a round, a summit, a walk-out. A **negotiation** is the
process those stories belong to: the same parties (and mediators) talking about the same issues over weeks
or months. Look-alikes stay apart: the same parties another year (the gap between the two stretches of
coverage exceeds ``MAX_GAP_DAYS``), other parties on the same subject (their party sets do not overlap
enough), the same parties on another subject (their issue vectors are too far apart).

The grouping is incremental and bounded: a new story is compared only with the negotiations that share one
of its parties (an inverted index, at most ``CANDIDATES`` of them: those sharing most parties, then the larger
and the more recent); it joins the one it
matches, opens one, or bridges several that it matches into one (the oldest keeps its id). Nothing else is
touched. Every decision is deterministic: candidates are sorted, ids come from story ids, never from set
order or hashing.

A negotiation carries no text of its own: it lists its stories, and each story carries the evidence spans
its items rest on (DESIGN.md's invariant), so a negotiation's claims are the union of its stories' claims.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass, field
from functools import cache
from typing import Any

PARTY_OVERLAP = 0.5  # |shared parties| / |parties of the smaller side| needed (and >= 2 shared, or equal sets)
SUBJECT_MIN = 0.40  # cosine of the issue vectors needed
SUBJECT_MIN_UNDATED = 0.55  # ... when a story has no date, so that the time between them cannot be checked
MAX_GAP_DAYS = 270  # coverage silent longer than nine months between two stretches: another negotiation
SUBJECT_SHARE = 0.02  # a subject names a negotiation when its words hold this share of its issue vector
CANDIDATES = 8  # negotiations looked at per new story
SUBJECT_TERMS = 200  # terms kept in a negotiation's issue vector


@dataclass(frozen=True)
class StoryView:
    """What the negotiation layer needs to know of a story."""

    id: str
    parties: tuple[str, ...]  # canonical names of the negotiating parties (mediators included)
    terms: dict[str, float]  # issue vector (weighted terms)
    first_date: str | None  # ISO dates of the story's first and last article
    last_date: str | None
    subject: str | None = None  # a short label of the issue, if the story layer found one ("trade", "nuclear")
    labels: dict[str, str] = field(default_factory=dict)  # party key -> the name to show
    sides: tuple[str, ...] = ()  # the parties that are states or organizations (the rest are people)
    articles: tuple[str, ...] = ()

    def data(self) -> dict[str, object]:
        return {"id": self.id, "parties": list(self.parties), "terms": self.terms, "first_date": self.first_date,
                "last_date": self.last_date, "subject": self.subject, "labels": self.labels,
                "sides": list(self.sides), "articles": list(self.articles)}

    @classmethod
    def from_data(cls, d: dict[str, object]) -> StoryView:
        return cls(str(d["id"]), tuple(d.get("parties") or ()), dict(d.get("terms") or {}),  # type: ignore[arg-type]
                   d.get("first_date"), d.get("last_date"), d.get("subject"),  # type: ignore[arg-type]
                   dict(d.get("labels") or {}), tuple(d.get("sides") or ()), tuple(d.get("articles") or ()))  # type: ignore[arg-type]


@dataclass
class Negotiation:
    id: str
    stories: list[str] = field(default_factory=list)
    parties: dict[str, int] = field(default_factory=dict)  # party -> stories naming it
    terms: dict[str, float] = field(default_factory=dict)
    first_date: str | None = None
    last_date: str | None = None
    subjects: dict[str, int] = field(default_factory=dict)
    labels: dict[str, dict[str, int]] = field(default_factory=dict)  # party -> shown name -> stories
    sides: set[str] = field(default_factory=set)
    articles: list[str] = field(default_factory=list)
    tops: dict[str, int] = field(default_factory=dict)  # side -> stories of which it is a main side

    def main_parties(self) -> list[str]:
        """Parties named by at least half of the stories (at least the two most named), by count then name."""
        ranked = sorted(self.parties.items(), key=lambda kv: (-kv[1], kv[0]))
        keep = [p for p, n in ranked if 2 * n >= len(self.stories)]
        return keep if len(keep) >= 2 else [p for p, _ in ranked[:2]]

    def top_sides(self) -> list[str]:
        """The two states or organizations that are main sides of most of its stories."""
        ranked = sorted(self.tops.items(), key=lambda kv: (-kv[1], kv[0]))
        return [p for p, _ in ranked][:2]

    def subject(self) -> str | None:
        return subject_of(self.terms) or (sorted(self.subjects.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
                                          if self.subjects else None)

    def label(self, party: str) -> str:
        names = self.labels.get(party)
        return sorted(names.items(), key=lambda kv: (-kv[1], kv[0]))[0][0] if names else party

    def shown_parties(self) -> list[str]:
        """The parties to show, as names: the states and organizations named by at least half of its stories
        (at most three, at least the two most named), else the main parties (people: a domestic negotiation)."""
        ranked = [(p, c) for p, c in sorted(self.parties.items(), key=lambda kv: (-kv[1], kv[0])) if p in self.sides]
        chosen = [p for i, (p, c) in enumerate(ranked) if i < 2 or (i < 3 and 2 * c >= len(self.stories))]
        return sorted(self.label(p) for p in (chosen if len(chosen) >= 2 else self.main_parties()))

    def title(self) -> str:
        """"A–B trade talks, 2019": parties, subject, year of the first story (never a dateline)."""
        parties = "–".join(self.shown_parties())
        subject = self.subject()
        year = (self.first_date or "")[:4]
        text = f"{parties} {subject} talks" if subject else f"{parties} talks"
        return f"{text}, {year}" if year else text

    def as_dict(self) -> dict[str, object]:
        return {"id": self.id, "title": self.title(), "parties": self.shown_parties(),
                "stories": list(self.stories), "articles": list(self.articles), "first_date": self.first_date,
                "last_date": self.last_date}


ACTOR_TYPES = ("PERSON", "GPE", "ORG", "NORP")
STATE_TYPES = ("GPE", "ORG", "NORP")
MAX_PARTIES = 6  # actors kept per story
ACTOR_SHARE = 0.34  # an actor of a story is named in at least this share of its articles


def party_key(name: str, etype: str) -> tuple[str, str, bool]:
    """(key, name to show, whether it can be a side) of an actor: a state's adjective or seat stands for the
    state; a city is a venue, not a side; spellings that differ by romanisation, case or hyphens share a key."""
    from ..gazetteer import fold, lookup, translit_key

    side = etype in STATE_TYPES
    if side:
        place = lookup(name)
        if place is not None and place.kind in ("country", "adj", "seat"):
            name = place.name
        elif place is not None and place.kind == "city":
            side = False
    key = " ".join(translit_key(w) for w in fold(name).replace("-", " ").split())
    return key or fold(name), name, side


def story_terms(articles: list[dict[str, object]]) -> dict[str, float]:
    """A story's issue vector: each article's words (``stories.terms``) weighed by their rarity in general
    English, each article's vector of unit length, summed, the strongest ``SUBJECT_TERMS`` kept."""
    from .stories import prior_idf, terms

    acc: dict[str, float] = {}
    for a in articles:
        tf = terms(str(a.get("text") or ""), a.get("title"), a.get("url"))  # type: ignore[arg-type]
        vec = {t: c * prior_idf(t) for t, c in tf.items()}
        norm = math.sqrt(sum(w * w for w in vec.values())) or 1.0
        for t, w in vec.items():
            acc[t] = acc.get(t, 0.0) + w / norm
    ranked = sorted(acc.items(), key=lambda kv: (-kv[1], kv[0]))[:SUBJECT_TERMS]
    return {t: round(w, 6) for t, w in ranked}


def view_of(story: dict[str, object], data: dict[str, object]) -> StoryView:
    """What the negotiation layer keeps of a story, from its dossier data: its actors (the people, states and
    organizations named in a good share of its articles), its issue vector, its dates and its subject (data/subjects.toml)."""
    arts = [a for a in data.get("articles", []) if isinstance(a, dict)]  # type: ignore[union-attr]
    ids = {str(a["id"]) for a in arts}
    n = max(1, len(ids))
    need = max(1, math.ceil(n * ACTOR_SHARE))
    # key -> [articles, mentions, name, is a state or organization, weight as a side]
    scored: dict[str, list[object]] = {}
    for e in sorted(data.get("entities", []), key=lambda e: (-len(e.get("articles") or []), str(e.get("id")))):  # type: ignore[union-attr]
        if e.get("type") not in ACTOR_TYPES or not e.get("name") or _reporter(str(e["name"])):
            continue
        k = len(set(e.get("articles") or []) & ids)
        if k < need or (n == 1 and int(e.get("mentions") or 0) < 2):
            continue
        named = [(str(e["name"]), str(e["type"]))]
        if e["type"] == "PERSON" and e.get("affiliation"):  # a minister speaks for a state: it is named too
            named.append((str(e["affiliation"]), "GPE"))
        for text, etype in named:
            key, name, side = party_key(text, etype)
            row = scored.setdefault(key, [0, 0, name, False, 0])  # the name of the entity in most articles is shown
            row[0] = max(int(row[0]), k)  # type: ignore[call-overload]
            row[1] = int(row[1]) + int(e.get("mentions") or 0)  # type: ignore[call-overload]
            row[3] = bool(row[3]) or side
            row[4] = int(row[4]) + k  # type: ignore[call-overload]  # a side weighs by its articles and its people's
    ranked = sorted(scored.items(), key=lambda kv: (-int(kv[1][0]), -int(kv[1][1]), kv[0]))[:MAX_PARTIES]  # type: ignore[call-overload]
    # the dates of its articles as the dossier dates them (the story layer's own range only ever widens)
    dates = sorted({str(a["published"]["date"])[:10] for a in arts
                    if isinstance(a.get("published"), dict) and a["published"].get("date")})
    terms = story_terms(arts)
    return StoryView(id=str(story["id"]), parties=tuple(k for k, _ in ranked), terms=terms,
                     first_date=min(dates, default=None), last_date=max(dates, default=None),
                     subject=subject_of(terms), labels={k: str(v[2]) for k, v in ranked},
                     sides=_sides(data, ranked), articles=tuple(sorted(ids)))


_CREDIT = re.compile(r"[/@]|\b(?:Photo|Photos|Getty|Images|File)\b")


def _reporter(name: str) -> bool:
    """A name that reports or illustrates the story, never a party to it: an outlet or a news agency
    ("Reuters"), a photo credit ("AP Photo/Jane Doe"), a social-media handle ("@janedoe")."""
    from ..ingestion.meta import outlet_info

    return bool(_CREDIT.search(name)) or outlet_info(name) is not None


def _venue_only(place: str) -> bool:
    """A place that stands for no state: not a state, its adjective or its seat (a capital is its state
    when it acts; "Port Salvo" is where they met)."""
    from ..gazetteer import lookup

    known = lookup(place)
    return known is None or known.kind == "city"


def _sides(data: dict[str, Any], ranked: list[tuple[str, list[object]]]) -> tuple[str, ...]:
    """A story's sides, main ones first: the two main sides its ledger found (``parties.main``, from who
    holds positions, agrees and meets), then the other states and organizations by weight (named in most
    articles, with their people), its mediators and hosts last."""
    names = {e.get("id"): (str(e.get("name")), str(e.get("type"))) for e in data.get("entities", [])}
    parties = data.get("parties") or {}

    def keys(ids: list[str]) -> list[str]:
        return [party_key(*names[i])[0] for i in ids if i in names]

    kept = {k for k, _ in ranked}
    # where its rounds and meetings took place is a venue, never a side ("Port Salvo" a gazetteer does not know)
    places = {str(p) for r in data.get("rounds", []) for p in (r.get("place"), r.get("venue")) if p}
    places |= {str(e["place"]) for e in data.get("events", []) if e.get("type") == "CONSULT" and e.get("place")}
    kept -= {party_key(p, "GPE")[0] for p in places if _venue_only(p)}
    main = [k for k in keys(list(parties.get("main") or [])) if k in kept]
    mediators = set(keys(list(parties.get("mediators") or [])))
    rest = [k for k, v in sorted(ranked, key=lambda kv: (-int(kv[1][4]), -int(kv[1][1]), kv[0]))  # type: ignore[call-overload]
            if v[3] and k not in main and k in kept]
    return tuple(dict.fromkeys([*main, *(k for k in rest if k not in mediators), *(k for k in rest if k in mediators)]))


def top_sides(sides: tuple[str, ...]) -> list[str]:
    """A story's two main sides: its two states or organizations that weigh most (named in most of its
    articles, with the people who speak for them)."""
    return list(sides[:2])


@cache
def _subjects() -> list[tuple[str, frozenset[str]]]:
    from ..lexicon import load
    from .stories import _stem

    return [(d["name"], frozenset(_stem(w.lower()) for w in d["words"] if " " not in w))
            for d in load("subjects.toml")["subject"]]


def subject_of(terms: dict[str, float]) -> str | None:
    """What an issue vector is about (data/subjects.toml): the subject whose words weigh most, if they hold
    ``SUBJECT_SHARE`` of it."""
    total = sum(terms.values())
    if not total:
        return None
    best = max(((sum(terms.get(w, 0.0) for w in words), -i, name) for i, (name, words) in enumerate(_subjects())))
    return best[2] if best[0] >= SUBJECT_SHARE * total else None


def _date(s: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(s[:10]) if s else None
    except ValueError:
        return None


def gap_days(a_first: str | None, a_last: str | None, b_first: str | None, b_last: str | None) -> int | None:
    """Days of silence between two stretches of coverage (0 if they overlap; None if a date is missing)."""
    af, al, bf, bl = _date(a_first), _date(a_last or a_first), _date(b_first), _date(b_last or b_first)
    if af is None or al is None or bf is None or bl is None:
        return None
    if bl < af:
        return (af - bl).days
    if al < bf:
        return (bf - al).days
    return 0


def cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    dot = sum(w * b.get(t, 0.0) for t, w in a.items())
    na = math.sqrt(sum(w * w for w in a.values()))
    nb = math.sqrt(sum(w * w for w in b.values()))
    return dot / (na * nb) if na and nb else 0.0


def parties_match(a: set[str], b: set[str]) -> bool:
    if not a or not b:
        return False
    if a == b:
        return True
    shared = len(a & b)
    return shared >= 2 and shared / min(len(a), len(b)) >= PARTY_OVERLAP


def _merge_terms(acc: dict[str, float], v: dict[str, float]) -> dict[str, float]:
    out = dict(acc)
    for t, w in v.items():
        out[t] = out.get(t, 0.0) + w
    ranked = sorted(out.items(), key=lambda kv: (-kv[1], kv[0]))[:SUBJECT_TERMS]
    return dict(ranked)


def _min_date(a: str | None, b: str | None) -> str | None:
    return min((d for d in (a, b) if d), default=None)


def _max_date(a: str | None, b: str | None) -> str | None:
    return max((d for d in (a, b) if d), default=None)


class Grouper:
    """The negotiation layer's state in memory; ``add`` places one story, ``negotiations`` lists them."""

    def __init__(self) -> None:
        self._negs: dict[str, Negotiation] = {}
        self._of: dict[str, str] = {}  # story id -> negotiation id
        self._by_party: dict[str, list[str]] = {}  # party -> negotiation ids (insertion order)
        self._views: dict[str, StoryView] = {}  # story id -> what was placed

    @classmethod
    def restore(cls, placed: list[tuple[str, StoryView]]) -> Grouper:
        """The state as stored: (negotiation id, story view) in placement order; no decision is taken again."""
        g = cls()
        for nid, v in placed:
            n = g._negs.get(nid)
            if n is None:
                n = g._negs[nid] = Negotiation(id=nid)
            g._put(n, v)
        return g

    def placements(self) -> dict[str, str]:
        """Story id -> negotiation id."""
        return dict(self._of)

    def view(self, story_id: str) -> StoryView | None:
        return self._views.get(story_id)

    def negotiation_of(self, story_id: str) -> str | None:
        return self._of.get(story_id)

    def negotiations(self) -> list[Negotiation]:
        return sorted(self._negs.values(), key=lambda n: (n.first_date or "", n.id))

    def _candidates(self, parties: set[str]) -> list[Negotiation]:
        """The negotiations that share most of these parties (then the larger, then the more recent): a party
        every story names (the host state of most coverage) does not crowd the right one out."""
        shared: dict[str, int] = {}
        for p in sorted(parties):
            for nid in self._by_party.get(p, []):
                if nid in self._negs:
                    shared[nid] = shared.get(nid, 0) + 1
        negs = sorted((self._negs[i] for i in sorted(shared)), key=lambda n: n.last_date or "", reverse=True)
        negs.sort(key=lambda n: (-shared[n.id], -len(n.stories)))  # stable: the more recent first among equals
        return negs[:CANDIDATES]

    def matches(self, s: StoryView, n: Negotiation) -> bool:
        # a young negotiation is compared on all its parties, an older one on those most of its stories name
        theirs = set(n.parties) if len(n.stories) < 3 else set(n.main_parties())
        if not parties_match(set(s.parties), theirs):
            return False
        # the same parties: the negotiation's two main sides (states, organizations) are both among the story's
        # parties (one of the sides meeting a third is another track)
        if not set(n.top_sides()) <= set(s.parties):
            return False
        gap = gap_days(s.first_date, s.last_date, n.first_date, n.last_date)
        if gap is not None and gap > MAX_GAP_DAYS:
            return False
        return cosine(s.terms, n.terms) >= (SUBJECT_MIN if gap is not None else SUBJECT_MIN_UNDATED)

    @staticmethod
    def same_process(a: Negotiation, b: Negotiation) -> bool:
        """Two negotiations are one process when each one's main sides are among the other's parties, their
        subjects are close and their coverage continuous (a story about one leader's trade and nuclear talks is no
        bridge between the two)."""
        if not set(a.top_sides()) <= set(b.parties) or not set(b.top_sides()) <= set(a.parties):
            return False
        gap = gap_days(a.first_date, a.last_date, b.first_date, b.last_date)
        return gap is not None and gap <= MAX_GAP_DAYS and cosine(a.terms, b.terms) >= SUBJECT_MIN

    def add(self, s: StoryView) -> str:
        """Place story ``s`` (new, or again after its members changed); returns its negotiation's id."""
        if s.id in self._of:
            self.remove(s.id)
        hits = [n for n in self._candidates(set(s.parties)) if self.matches(s, n)]
        if not hits:
            n = Negotiation(id="n-" + s.id)
            self._negs[n.id] = n
        else:
            hits.sort(key=lambda n: (n.first_date or "", n.id))
            n = hits[0]
            for other in hits[1:]:  # the story bridges these negotiations if they are one process: the same
                if self.same_process(n, other):  # main sides, subject and time; else it joins the oldest
                    self._absorb(n, other)
        self._put(n, s)
        return n.id

    def _put(self, n: Negotiation, s: StoryView) -> None:
        n.stories.append(s.id)
        n.stories.sort()
        for p in s.parties:
            n.parties[p] = n.parties.get(p, 0) + 1
            lst = self._by_party.setdefault(p, [])
            if n.id not in lst:
                lst.append(n.id)
        if s.subject:
            n.subjects[s.subject] = n.subjects.get(s.subject, 0) + 1
        for p, name in s.labels.items():
            names = n.labels.setdefault(p, {})
            names[name] = names.get(name, 0) + 1
        n.sides.update(s.sides)
        for p in top_sides(s.sides):
            n.tops[p] = n.tops.get(p, 0) + 1
        n.articles = sorted(set(n.articles) | set(s.articles))
        n.terms = _merge_terms(n.terms, s.terms)
        n.first_date = _min_date(n.first_date, s.first_date)
        n.last_date = _max_date(n.last_date, s.last_date)
        self._of[s.id] = n.id
        self._views[s.id] = s

    def _absorb(self, into: Negotiation, other: Negotiation) -> None:
        del self._negs[other.id]
        for sid in other.stories:
            self._put(into, self._views[sid])

    def remove(self, story_id: str) -> None:
        """Take a story out (it was merged away or changed); its negotiation is rebuilt from the others."""
        nid = self._of.pop(story_id, None)
        if nid is None:
            return
        old = self._negs.pop(nid)
        rest = [self._views[sid] for sid in old.stories if sid != story_id]
        self._views.pop(story_id, None)
        if not rest:
            return
        n = Negotiation(id=nid)
        self._negs[nid] = n
        for v in rest:
            self._put(n, v)


def group(stories: list[StoryView]) -> list[Negotiation]:
    """Group stories into negotiations, placing them in date order (ties by id): the batch form of ``Grouper``."""
    g = Grouper()
    for s in sorted(stories, key=lambda s: (s.first_date or "", s.id)):
        g.add(s)
    return g.negotiations()

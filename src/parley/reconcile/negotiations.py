"""Negotiations: the stories of one process grouped together, above stories.

A story (``stories.py``) is one burst of coverage: a round, a summit, a walk-out. A **negotiation** is the
process those stories belong to: the same parties (and mediators) talking about the same issues over weeks
or months. Look-alikes stay apart: the same parties another year (the gap between the two stretches of
coverage exceeds ``MAX_GAP_DAYS``), other parties on the same subject (their party sets do not overlap
enough), the same parties on another subject (their issue vectors are too far apart).

The grouping is incremental and bounded: a new story is compared only with the negotiations that share one
of its parties (an inverted index, at most ``CANDIDATES`` of them, most recent first); it joins the one it
matches, opens one, or bridges several that it matches into one (the oldest keeps its id). Nothing else is
touched. Every decision is deterministic: candidates are sorted, ids come from story ids, never from set
order or hashing.

A negotiation carries no text of its own: it lists its stories, and each story carries the evidence spans
its items rest on (DESIGN.md's invariant), so a negotiation's claims are the union of its stories' claims.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field

PARTY_OVERLAP = 0.5  # |shared parties| / |parties of the smaller side| needed (and >= 2 shared, or equal sets)
SUBJECT_MIN = 0.25  # cosine of the issue vectors needed
MAX_GAP_DAYS = 120  # coverage silent longer than this between two stretches: another negotiation
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


@dataclass
class Negotiation:
    id: str
    stories: list[str] = field(default_factory=list)
    parties: dict[str, int] = field(default_factory=dict)  # party -> stories naming it
    terms: dict[str, float] = field(default_factory=dict)
    first_date: str | None = None
    last_date: str | None = None
    subjects: dict[str, int] = field(default_factory=dict)

    def main_parties(self) -> list[str]:
        """Parties named by at least half of the stories (at least the two most named), by count then name."""
        ranked = sorted(self.parties.items(), key=lambda kv: (-kv[1], kv[0]))
        keep = [p for p, n in ranked if 2 * n >= len(self.stories)]
        return keep if len(keep) >= 2 else [p for p, _ in ranked[:2]]

    def title(self) -> str:
        """"A–B trade talks, 2019": parties, subject, year of the first story (never a dateline)."""
        parties = "–".join(sorted(self.main_parties()))
        subject = sorted(self.subjects.items(), key=lambda kv: (-kv[1], kv[0]))[0][0] if self.subjects else None
        year = (self.first_date or "")[:4]
        text = f"{parties} {subject} talks" if subject else f"{parties} talks"
        return f"{text}, {year}" if year else text

    def as_dict(self) -> dict[str, object]:
        return {"id": self.id, "title": self.title(), "parties": sorted(self.main_parties()),
                "stories": list(self.stories), "first_date": self.first_date, "last_date": self.last_date}


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

    def negotiation_of(self, story_id: str) -> str | None:
        return self._of.get(story_id)

    def negotiations(self) -> list[Negotiation]:
        return sorted(self._negs.values(), key=lambda n: (n.first_date or "", n.id))

    def _candidates(self, parties: set[str]) -> list[Negotiation]:
        ids = sorted({nid for p in sorted(parties) for nid in self._by_party.get(p, []) if nid in self._negs})
        negs = [self._negs[i] for i in ids]
        negs.sort(key=lambda n: (n.last_date or "", n.id), reverse=True)
        return negs[:CANDIDATES]

    def matches(self, s: StoryView, n: Negotiation) -> bool:
        # a young negotiation is compared on all its parties, an older one on those most of its stories name
        theirs = set(n.parties) if len(n.stories) < 3 else set(n.main_parties())
        if not parties_match(set(s.parties), theirs):
            return False
        gap = gap_days(s.first_date, s.last_date, n.first_date, n.last_date)
        if gap is None or gap > MAX_GAP_DAYS:
            return False
        return cosine(s.terms, n.terms) >= SUBJECT_MIN

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
            for other in hits[1:]:  # the story bridges these negotiations: they were one process
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

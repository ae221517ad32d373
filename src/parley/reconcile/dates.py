"""Dates across the story: the days the dated articles give to events, and
estimates for the articles that state no date of their own.

An undated article that says the talks in Port Salvo took place "yesterday" is
dated the day after the date the dated articles give for the talks in Port Salvo:
the clue pins one day, so the estimate has a date, marked ``source: relative,
estimated: true`` with its basis. One that says "last Friday" is only known to
fall within the week after that Friday: its estimate is that range with no date
(a wrong date is worse than none), and the range's first day serves as the
anchor its relative expressions are valued against. Clues inside quotations
(the speaker's "yesterday", not the writer's) are not used; clues that disagree
give no estimate; a day the dated articles do not agree on is not used.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import cache

from ..analysis.timex import _EVENT_RX, article_events, event_class, value_all
from ..model import Analysis, Article

DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_PLACE = re.compile(r"\b(?:in|at)\s+(?:the\s+)?([A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+)?)")


@dataclass
class Estimate:
    date: str | None  # the day, when the clues pin one; None for a range
    basis: str
    earliest: str
    latest: str


@cache
def _not_places() -> frozenset[str]:
    """Capitalised words after "in"/"at" that are times, not places ("in February", "on Monday")."""
    from ..textdate import MONTHS, WEEKDAYS

    return frozenset([*MONTHS, *WEEKDAYS, "the", "this", "that", "his", "her", "their", "its", "a", "an"])


def _places(art: Article, s: int, e: int, first: bool) -> set[str]:
    sent = art.text[s:e]
    out = {p.lower() for p in _PLACE.findall(sent) if p.split()[0].lower().rstrip(".") not in _not_places()}
    if first and art.dateline and art.dateline.place:
        out.add(art.dateline.place.lower())
    return out


def story_votes(items: list[tuple[Article, Analysis]]) -> dict[str, Counter]:
    """'noun@place' / '*@place' / 'noun@' -> the days the dated articles give it, weighted."""
    votes: dict[str, Counter] = defaultdict(Counter)
    for art, an in items:
        if not an.anchor:
            continue
        body = art.text.find("\n") if art.title and art.text.startswith(art.title) else 0
        first_body = next((i for i, (s, _) in enumerate(an.sentences) if s > body), 0)
        for i, (s, e) in enumerate(an.sentences):
            days = [t for t in an.timexes if s <= t.start < e and t.value and DAY.match(t.value)
                    and t.rel and t.rel.get("k") != "event" and t.type in ("date", "time")
                    and not t.rel.get("dateline")]
            if not days:
                continue
            t = days[0]
            day = t.value[:10]
            # how much to trust this day for the events of the sentence: the lead of a dated report counts
            # most; a date in parentheses ("(May 15, 2025)") usually dates something else, a cited piece
            weight = 3.0 if i == first_body else 1.0
            if day == an.anchor:
                weight += 1.0
            if art.text[max(s, t.start - 1):t.start] == "(":
                weight = 0.25
            places = _places(art, s, e, i == first_body)
            nouns = {event_class(m.group("noun")) for m in _EVENT_RX.finditer(art.text[s:e])}
            for p in places:
                votes[f"*@{p}"][day] += weight
                for n in nouns:
                    votes[f"{n}@{p}"][day] += weight
            for n in nouns:
                votes[f"{n}@"][day] += weight
    return votes


def _winner(c: Counter) -> str:
    return max(c.items(), key=lambda kv: (kv[1], kv[0]))[0]


def story_events(items: list[tuple[Article, Analysis]]) -> dict[str, str]:
    """'noun@place' / '*@place' / 'noun@' -> the day the dated articles give most often."""
    return {k: _winner(c) for k, c in story_votes(items).items()}


def _agreed(c: Counter | None) -> str | None:
    """The day the dated articles agree on: at least two thirds of the weight, from more than one mention."""
    if not c:
        return None
    day = _winner(c)
    total = sum(c.values())
    return day if c[day] >= 2 * total / 3 and total > 1.0 else None


def estimate(art: Article, an: Analysis, events: dict[str, str], votes: dict[str, Counter]) -> Estimate | None:
    """The publication day (or the range of days) of an undated article, from its relative dates of story
    events. A day is given only when the clues pin one ("yesterday's talks in Port Salvo")."""
    quoted = [(q.start, q.end) for q in an.quotes if q.kind == "direct"]
    spans: list[tuple[dt.date, dt.date, str]] = []
    for t in an.timexes:
        rel = t.rel or {}
        if rel.get("k") not in ("wd", "day"):
            continue
        if any(qs <= t.start < qe for qs, qe in quoted):
            continue  # a speaker's "yesterday" is the day before the speaker spoke
        sent = next(((s, e) for s, e in an.sentences if s <= t.start < e), None)
        if sent is None:
            continue
        nouns = {event_class(m.group("noun")) for m in _EVENT_RX.finditer(art.text[sent[0]:sent[1]])}
        for p in sorted(_places(art, *sent, first=False)):
            # a day pins the date only through the event itself, on a day the dated articles agree on; a
            # week's range (no date, only an anchor for the article's expressions) may rest on the place
            if rel["k"] == "day":
                days = {d for d in (_agreed(votes.get(f"{n}@{p}")) for n in sorted(nouns)) if d}
            else:
                days = {events[f"*@{p}"]} if f"*@{p}" in events else set()
            if len(days) != 1:
                continue
            day = days.pop()
            d = dt.date.fromisoformat(day)
            if rel["k"] == "day":
                lo = hi = d - dt.timedelta(days=rel["n"])
            elif d.weekday() != rel["wd"]:
                continue
            elif rel.get("mod") == "last":
                lo, hi = d + dt.timedelta(days=1), d + dt.timedelta(days=7)
            elif rel.get("mod") == "next":
                lo, hi = d - dt.timedelta(days=7), d - dt.timedelta(days=1)
            elif rel.get("tense") == "future":
                lo, hi = d - dt.timedelta(days=6), d
            else:
                lo, hi = d, d + dt.timedelta(days=6)
            spans.append((lo, hi, f"'{t.text}' in {p.title()} = {day}, the date other articles give"))
    if not spans:
        return None
    lo = max(s[0] for s in spans)
    hi = min(s[1] for s in spans)
    if lo > hi:
        return None  # the clues disagree: no estimate
    basis = "estimated from the story: " + "; ".join(dict.fromkeys(s[2] for s in spans))
    if lo != hi:
        basis += f" (between {lo.isoformat()} and {hi.isoformat()}: no single day)"
    return Estimate(lo.isoformat() if lo == hi else None, basis, lo.isoformat(), hi.isoformat())


def anchor_corpus(items: list[tuple[Article, Analysis]]) -> dict[str, Estimate]:
    """Date the undated articles and value every story-anchored expression again. Changes the analyses in place."""
    votes = story_votes(items)
    events = {k: _winner(c) for k, c in votes.items()}
    estimates: dict[str, Estimate] = {}
    for art, an in items:
        anchor = an.anchor
        if not anchor:
            est = estimate(art, an, events, votes)
            if est is not None:
                estimates[art.id] = est
                anchor = est.earliest  # a range's first day: what its relative expressions are valued against
        pending = any(t.rel and t.rel.get("k") == "event" and not t.value for t in an.timexes)
        if anchor != an.anchor or pending:
            own = article_events(art.text, an.timexes, anchor, an) if anchor else {}
            value_all(an.timexes, anchor, {**events, **own})
            an.anchor = anchor
    return estimates

"""Dates across the story: the days the dated articles give to events, and
estimates for the articles that state no date of their own.

An undated article that says the talks in Port Salvo took place "yesterday" is
dated the day after the date the dated articles give for Port Salvo; one that
says "last Friday" is dated within the week after that Friday. The estimate is
the earliest day every such clue allows, marked ``source: relative,
estimated: true`` with its basis. Its relative expressions are then valued
again against that estimate.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter, defaultdict
from dataclasses import dataclass

from ..analysis.timex import _EVENT_RX, article_events, event_class, value_all
from ..model import Analysis, Article

DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_PLACE = re.compile(r"\b(?:in|at)\s+(?:the\s+)?([A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+)?)")


@dataclass
class Estimate:
    date: str
    basis: str
    earliest: str
    latest: str


def _places(art: Article, s: int, e: int, first: bool) -> set[str]:
    sent = art.text[s:e]
    out = {p.lower() for p in _PLACE.findall(sent)}
    if first and art.dateline and art.dateline.place:
        out.add(art.dateline.place.lower())
    return out


def story_events(items: list[tuple[Article, Analysis]]) -> dict[str, str]:
    """'noun@place' / '*@place' / 'noun@' -> the day the dated articles give most often."""
    votes: dict[str, Counter] = defaultdict(Counter)
    for art, an in items:
        if not an.anchor:
            continue
        body = art.text.find("\n") if art.title and art.text.startswith(art.title) else 0
        first_body = next((i for i, (s, _) in enumerate(an.sentences) if s > body), 0)
        for i, (s, e) in enumerate(an.sentences):
            days = [t for t in an.timexes if s <= t.start < e and t.value and DAY.match(t.value)
                    and t.rel and t.rel.get("k") != "event" and t.type in ("date", "time")]
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
    return {k: max(c.items(), key=lambda kv: (kv[1], kv[0]))[0] for k, c in votes.items()}


def estimate(art: Article, an: Analysis, events: dict[str, str]) -> Estimate | None:
    """The publication day of an undated article, from its relative dates of story events."""
    spans: list[tuple[dt.date, dt.date, str]] = []
    for t in an.timexes:
        rel = t.rel or {}
        if rel.get("k") not in ("wd", "day"):
            continue
        sent = next(((s, e) for s, e in an.sentences if s <= t.start < e), None)
        if sent is None:
            continue
        for p in _places(art, *sent, first=False):
            day = events.get(f"*@{p}")
            if not day:
                continue
            d = dt.date.fromisoformat(day)
            if rel["k"] == "day":
                lo = hi = d - dt.timedelta(days=rel["n"])
            elif d.weekday() != rel["wd"]:
                continue
            elif rel.get("mod") == "last":
                lo, hi = d + dt.timedelta(days=1), d + dt.timedelta(days=7)
            elif rel.get("mod") == "next":
                lo, hi = d - dt.timedelta(days=7), d - dt.timedelta(days=1)
            else:
                lo, hi = d, d + dt.timedelta(days=6)
            spans.append((lo, hi, f"'{t.text}' in {p.title()} = {day}, the date other articles give"))
    if not spans:
        return None
    lo = max(s[0] for s in spans)
    hi = min(s[1] for s in spans)
    if lo > hi:  # clues disagree: follow the tightest one
        lo, hi, _ = min(spans, key=lambda s: (s[1] - s[0]).days)
    basis = "estimated from the story: " + "; ".join(dict.fromkeys(s[2] for s in spans))
    return Estimate(lo.isoformat(), basis, lo.isoformat(), hi.isoformat())


def anchor_corpus(items: list[tuple[Article, Analysis]]) -> dict[str, Estimate]:
    """Date the undated articles and value every story-anchored expression again. Changes the analyses in place."""
    events = story_events(items)
    estimates: dict[str, Estimate] = {}
    for art, an in items:
        anchor = an.anchor
        if not anchor:
            est = estimate(art, an, events)
            if est is not None:
                estimates[art.id] = est
                anchor = est.date
        pending = any(t.rel and t.rel.get("k") == "event" and not t.value for t in an.timexes)
        if anchor != an.anchor or pending:
            own = article_events(art.text, an.timexes, anchor, an) if anchor else {}
            value_all(an.timexes, anchor, {**events, **own})
            an.anchor = anchor
    return estimates

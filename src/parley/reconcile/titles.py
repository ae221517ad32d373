"""Story titles that say what happened.

A story's title names its event when the story is about one round of talks: "A–B talks in City, 16 May
2025", built from the round the story's articles report (``rounds.py``: its parties, place and first day).
Otherwise it is the story's most central headline: the member headline that shares the most words with
the other members' headlines (ties: the earliest member). A line that is no headline is never chosen:

- a **date line** ("Published: 9 May 2025 at 9:00 PM", "Updated 12.03.2024"): dates, times, zones and
  publishing words only;
- a **dateline** ("CITY (Agency) -"), a **byline** ("By Jane Roe"), a **page-chrome or widget line** (the
  rules of ``boilerplate.toml``, reaction counters).

Every title carries its basis (``title_basis``): the round it names (with that round's evidence) or the
article whose headline it is. ``distinct`` makes the titles of a store's stories unique: a repeated title
gets its story's date range, then, if still repeated, its story id.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from typing import Any

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")
_DATE_WORDS = {m.lower() for m in MONTHS} | {m[:3].lower() for m in MONTHS} | {
    "sept", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "mon", "tue", "tues",
    "wed", "thu", "thur", "thurs", "fri", "sat", "sun", "am", "pm", "a", "p", "m", "gmt", "utc", "bst", "cet",
    "cest", "est", "edt", "pst", "pdt", "cst", "cdt", "ist", "jst", "kst", "msk", "eet", "eest", "hkt", "sgt",
    "aest", "published", "updated", "posted", "last", "modified", "on", "at", "first", "date", "time", "st", "nd",
    "rd", "th", "of", "ago", "hours", "hour", "minutes", "min", "mins", "days", "day", "today", "yesterday",
    "read", "edited", "created", "et", "pt"}
_PUBLISHING = re.compile(r"^\s*(?:published|updated|posted|last (?:updated|modified)|first published|"
                         r"modified|created)\b", re.I)
_BYLINE = re.compile(r"^\s*(?:by|written by|words by|story by|reporting by)\s*:?\s+\S", re.I)
_DATELINE = re.compile(r"^[A-Z][A-Z .’'-]{1,40}(?:,\s*[A-Za-z .’'-]{2,30})?\s*(?:\([^)]{1,40}\))?\s*[-–—:]*\s*$")
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
_STOP = {"the", "a", "an", "of", "in", "on", "at", "to", "for", "and", "or", "with", "as", "by", "from", "is",
         "are", "was", "were", "be", "after", "over", "its", "his", "her", "their", "that", "this", "it", "s"}


def is_date_line(line: str) -> bool:
    """Dates, times, zones and publishing words, and nothing else (at least one digit or month)."""
    words = [w.lower() for w in _WORD.findall(line)]
    rest = [w for w in words if w not in _DATE_WORDS]
    has_date = bool(re.search(r"\d", line)) or any(w in _DATE_WORDS and len(w) > 2 for w in words)
    return has_date and len(rest) <= (1 if _PUBLISHING.search(line) else 0)


def is_chrome(line: str) -> bool:
    """A line of page furniture matched by the cleaner's boilerplate rules, or a reaction counter."""
    from ..ingestion.clean import _match, _reaction_rx, _rules

    t = line.strip()
    return bool(_reaction_rx().match(t)) or any(_match(r, t) for r in _rules())


def bad_title(line: str | None) -> bool:
    """True when ``line`` is no headline: empty, a date line, a publishing stamp, a byline, a dateline, chrome."""
    t = (line or "").strip()
    if len(_WORD.findall(t)) < 2:
        return True
    if is_date_line(t) or _BYLINE.search(t) or _DATELINE.match(t):
        return True
    if _PUBLISHING.search(t) and re.search(r"\d", t):
        return True
    return is_chrome(t)


def _day(iso: str) -> str:
    d = dt.date.fromisoformat(iso[:10])
    return f"{d.day} {MONTHS[d.month - 1]} {d.year}"


def _content(title: str) -> set[str]:
    return {w.lower() for w in _WORD.findall(title) if w.lower() not in _STOP and len(w) > 1}


def central_headline(articles: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The member article whose headline shares the most words with the others' (ties: earliest first)."""
    cands = [a for a in articles if not bad_title(a.get("title"))]
    if not cands:
        return None
    words = {a["id"]: _content(a["title"]) for a in cands}
    df = Counter(w for ws in words.values() for w in ws)

    def score(a: dict[str, Any]) -> int:
        return sum(df[w] - 1 for w in words[a["id"]])

    return max(cands, key=score)  # the first of the best: the earliest member


def _round_title(data: dict[str, Any], members: set[str]) -> tuple[str, dict[str, Any]] | None:
    """The round most of the story's articles report, when it is held, has two named parties and a day."""
    names = {e["id"]: e["name"] for e in data.get("entities", [])}
    best = None
    for r in data.get("rounds", []):
        if r.get("status") != "held" or not r.get("date") or len(r.get("parties", [])) != 2:
            continue
        if not all(p in names for p in r["parties"]):
            continue
        n = len(members.intersection(r.get("articles", [])))
        if 2 * n < len(members) or n == 0:
            continue  # the round is not what most of the story is about
        if best is None or n > best[0]:
            best = (n, r)
    if best is None:
        return None
    r = best[1]
    parties = "–".join(names[p] for p in r["parties"])
    title = f"{parties} talks in {r['place']}, {_day(r['date'])}" if r.get("place") \
        else f"{parties} talks, {_day(r['date'])}"
    return title, {"kind": "round", "round": r["id"], "evidence": list(r.get("evidence", []))[:3]}


def story_title(data: dict[str, Any], story: dict[str, Any]) -> tuple[str | None, dict[str, Any] | None]:
    """The title of ``story`` (a ``stories`` entry of ``data``, one story's dossier sections) and its basis."""
    members = set(story.get("articles", []))
    found = _round_title(data, members)
    if found:
        return found
    arts = [a for a in data.get("articles", []) if a["id"] in members]
    head = central_headline(arts)
    if head is None:
        return None, None
    t = head["title"].strip()
    return t, {"kind": "headline", "article": head["id"]}


def distinct(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Stories (``id``, ``title``, ``first_date``, ``last_date``) with no title repeated: a repeated title gets
    its story's dates, then its id. The first story (in the given order) keeps its title as it is."""
    seen: Counter = Counter(r.get("title") for r in rows if r.get("title"))
    used: set[str] = set()
    out = []
    for r in rows:
        t = r.get("title")
        if t and seen[t] > 1 and t in used:
            dates = " – ".join(dict.fromkeys(_day(d) for d in (r.get("first_date"), r.get("last_date")) if d))
            cand = f"{t} ({dates})" if dates else t
            if cand in used or cand == t:
                cand = f"{t} ({r['id']})"
            t = cand
        if t:
            used.add(t)
        out.append({**r, "title": t})
    return out

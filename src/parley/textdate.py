"""Absolute calendar dates written in the many ways news pages write them.

``find_dates`` finds day-precision dates ("5/20/25", "Wednesday, 09 July 2025",
"May 20, 2025", "2025-05-20", "20.05.2025", "16 May 2025") and returns their
ISO value. Used by ingest (date lines, datelines) and by the timex tagger.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
    "oct": 10, "nov": 11, "dec": 12,
}
WEEKDAYS = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6,
    "mon": 0, "tue": 1, "tues": 1, "wed": 2, "thu": 3, "thur": 3, "thurs": 3, "fri": 4, "sat": 5, "sun": 6,
}

_MONTH = r"(?P<mon>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
_WDAY = r"(?:(?:Mon|Tues?|Wed(?:nes)?|Thu(?:rs?)?|Fri|Sat(?:ur)?|Sun)(?:day)?\.?,?\s+)"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:1[89]|20)\d\d)"

_PATTERNS = [
    # 2025-05-20, 2025/05/20, 2025-05-20T10:00
    ("iso", re.compile(r"\b(?P<year>(?:1[89]|20)\d\d)[-/](?P<m>[01]?\d)[-/](?P<d>[0-3]?\d)(?=\b|T)")),
    # Wednesday, 09 July 2025 / 16 May 2025 / 9th of July, 2025
    ("dmy", re.compile(rf"\b{_WDAY}?{_DAY}(?:\s+of)?\s+{_MONTH},?\s+{_YEAR}\b", re.I)),
    # May 20, 2025 / Tue, May 20 2025 / July 9th, 2025
    ("mdy", re.compile(rf"\b{_WDAY}?{_MONTH}\s+{_DAY},?\s+{_YEAR}\b", re.I)),
    # 20.05.2025 (European dotted)
    ("dotted", re.compile(r"\b(?P<d>[0-3]?\d)\.(?P<m>[01]?\d)\.(?P<year>(?:19|20)\d\d)\b")),
    # 5/20/25, 05/20/2025, 20/5/2025
    ("slash", re.compile(r"(?<![\d/])(?P<a>[0-3]?\d)/(?P<b>[0-3]?\d)/(?P<year>\d{4}|\d{2})(?![\d/])")),
]


@dataclass(frozen=True)
class FoundDate:
    start: int
    end: int
    value: str  # YYYY-MM-DD
    text: str
    form: str
    ambiguous: bool = False


def _mk(y: int, m: int, d: int) -> str | None:
    try:
        return dt.date(y, m, d).isoformat()
    except ValueError:
        return None


def _year(raw: str) -> int:
    y = int(raw)
    if len(raw) == 2:
        y += 2000 if y < 70 else 1900
    return y


def _value(form: str, m: re.Match[str]) -> tuple[str | None, bool]:
    g = m.groupdict()
    if form == "iso":
        return _mk(int(g["year"]), int(g["m"]), int(g["d"])), False
    if form in ("dmy", "mdy"):
        return _mk(int(g["year"]), MONTHS[g["mon"].lower().rstrip(".")], int(g["day"])), False
    if form == "dotted":
        return _mk(int(g["year"]), int(g["m"]), int(g["d"])), False
    if form == "slash":
        a, b, y = int(g["a"]), int(g["b"]), _year(g["year"])
        if a > 12 and b <= 12:  # 20/5/2025: day first
            return _mk(y, b, a), False
        # US month/day order is the default; ambiguous when both could be a month
        return _mk(y, a, b), (a <= 12 and b <= 12 and a != b)
    return None, False


def find_dates(text: str) -> list[FoundDate]:
    """Every day-precision date in ``text``, leftmost-longest, without overlaps."""
    found: list[FoundDate] = []
    for form, rx in _PATTERNS:
        for m in rx.finditer(text):
            value, ambiguous = _value(form, m)
            if value:
                found.append(FoundDate(m.start(), m.end(), value, m.group(0), form, ambiguous))
    found.sort(key=lambda f: (f.start, -(f.end - f.start)))
    out: list[FoundDate] = []
    for f in found:
        if out and f.start < out[-1].end:
            continue
        out.append(f)
    return out


def parse_date(text: str) -> str | None:
    """The ISO date written in ``text`` (the first one), or None."""
    text = text.strip()
    if not text:
        return None
    m = re.match(r"(\d{4}-\d{2}-\d{2})", text)
    if m and _mk(*map(int, m.group(1).split("-"))):
        return m.group(1)
    hits = find_dates(text)
    return hits[0].value if hits else None


_LINE_JUNK = r"[\s•·*|▪►»>\-–—:]*"
_DATE_LINE_PREFIX = re.compile(
    r"^(?:(?:published|posted|updated|last updated|date|first published|modified)\s*(?:on|at)?\s*:?\s*)", re.I)
_TIME = re.compile(r"\b\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s*[A-Z]{2,4})?\b|\b\d{1,2}\s*[ap]\.?m\.?(?:\s*[A-Z]{2,4})?", re.I)


def date_line(line: str) -> FoundDate | None:
    """The date if ``line`` says nothing but a date (plus bullets, labels, weekday, time)."""
    raw = line.strip()
    if not raw or len(raw) > 80:
        return None
    body = re.sub(f"^{_LINE_JUNK}", "", raw)
    body = _DATE_LINE_PREFIX.sub("", body)
    hits = find_dates(body)
    if len(hits) != 1:
        return None
    rest = (body[: hits[0].start] + " " + body[hits[0].end:])
    rest = re.sub(r"^T\d{2}:\d{2}(?::\d{2})?(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?", " ", rest.lstrip())
    rest = _TIME.sub(" ", rest)
    rest = re.sub(_LINE_JUNK, " ", rest)
    rest = re.sub(r"\b(?:on|at|updated|published|posted|gmt|utc|bst|cet|cest|est|edt|pst|pdt)\b", " ", rest, flags=re.I)
    rest = re.sub(r"[,.|()\s]+", "", rest)
    if rest:
        return None
    return hits[0]


def weekday_of(iso: str) -> int:
    return dt.date.fromisoformat(iso).weekday()


_URL_DATE = [
    re.compile(r"/((?:19|20)\d\d)[/_-]([01]?\d)[/_-]([0-3]?\d)(?:/|[_-]|$)"),  # /2013/03/14/
    re.compile(r"[/_-]((?:19|20)\d\d)([01]\d)([0-3]\d)(?:[/_-]|$)"),  # /20130314/
]


def date_from_url(url: str | None) -> str | None:
    """The day a URL path gives ("/2013/03/14/", "/20130314/"), or None."""
    if not url:
        return None
    path = url.split("?", 1)[0]
    for rx in _URL_DATE:
        m = rx.search(path)
        if m:
            value = _mk(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            if value:
                return value
    return None

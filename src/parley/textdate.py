"""Absolute calendar dates written in the many ways news pages write them.

``find_dates`` finds day-precision dates ("5/20/25", "Wednesday, 09 July 2025",
"May 20, 2025", "2025-05-20", "20.05.2025", "16 May 2025") and returns their
ISO value. Used by ingest (date lines, datelines) and by the timex tagger.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

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



# ----------------------------------------------------------------------------- dates without a year

_MONTH_ONLY = (r"(?P<mon>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
               r"Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")
_WDAY_CAP = (r"(?:(?P<wd>Mon|Tues?|Wed(?:nes)?|Thu(?:rs?)?|Fri|Sat(?:ur)?|Sun)(?:day)?\.?,?\s+)")
_PARTIAL = [
    re.compile(rf"\b{_WDAY_CAP}?{_MONTH_ONLY}\s+{_DAY}\b(?!\s*,?\s*\d)", re.I),  # Thursday, July 24 / Nov. 20
    re.compile(rf"\b{_WDAY_CAP}?{_DAY}(?:\s+of)?\s+{_MONTH_ONLY}(?!\s*,?\s*\d)", re.I),  # Thursday 24 July
]


@dataclass(frozen=True)
class PartialDate:
    """A day written without its year ("June 2", "Thursday, July 24"): the year must come from elsewhere."""

    start: int
    end: int
    month: int
    day: int
    weekday: int | None
    text: str

    def in_year(self, year: int) -> str | None:
        value = _mk(year, self.month, self.day)
        if value is None or (self.weekday is not None and weekday_of(value) != self.weekday):
            return None
        return value

    def near(self, ref: str) -> str | None:
        """The occurrence of this day nearest to ``ref`` (an ISO day): the year before, of, or after it."""
        r = dt.date.fromisoformat(ref)
        best = None
        for y in (r.year - 1, r.year, r.year + 1):
            v = _mk(y, self.month, self.day)
            if v and (best is None or abs((dt.date.fromisoformat(v) - r).days)
                      < abs((dt.date.fromisoformat(best) - r).days)):
                best = v
        if best and self.weekday is not None and weekday_of(best) != self.weekday:
            return None
        return best


def find_partial(text: str) -> PartialDate | None:
    """The first day in ``text`` written with a month but no year."""
    for rx in _PARTIAL:
        m = rx.search(text)
        if m:
            g = m.groupdict()
            mon = MONTHS[g["mon"].lower().rstrip(".")]
            day = int(g["day"])
            if not 1 <= day <= 31:
                continue
            wd = WEEKDAYS[g["wd"].lower()[:3]] if g.get("wd") else None
            if _mk(2000, mon, day) is None:  # 29 February exists in 2000
                continue
            return PartialDate(m.start(), m.end(), mon, day, wd, m.group(0))
    return None


# ----------------------------------------------------------------------------- page date lines

_LABEL = re.compile(
    r"(?:\b(?:this|the)\s+(?:report|story|article|post|page)\s+(?:was|has\s+been)\s+)?"
    r"\b(?P<label>(?:first|last|originally|initially)\s+(?:published|posted|updated|modified)|"
    r"published|posted|updated|modified|edited|revised|date)\b(?:\s+(?:on|at))?\s*:?", re.I)
_UPDATED = re.compile(r"updated|modified|edited|revised", re.I)
_TZ = r"(?:gmt|utc|bst|cet|cest|eet|eest|msk|est|edt|cst|cdt|mst|mdt|pst|pdt|ist|jst|kst|aest|aedt|et|pt|ct)"


@dataclass(frozen=True)
class PageDate:
    """A date that a page line states: a full date (``value``) or a day without its year (``partial``)."""

    value: str | None
    partial: PartialDate | None
    label: str  # "published" | "updated" | "" (a bare date line)
    text: str
    ambiguous: bool = False  # "03/12/2026": month/day order unknown; not a date by itself


def _rest_is_empty(rest: str) -> bool:
    rest = re.sub(r"T\d{2}:\d{2}(?::\d{2})?(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?", " ", rest)
    rest = re.sub(r"\b(?:utc|gmt)\s*[+-]\s*\d{1,2}(?::?\d{2})?", " ", rest, flags=re.I)
    rest = _TIME.sub(" ", rest)
    rest = re.sub(rf"\b(?:on|at|{_TZ})\b", " ", rest, flags=re.I)
    return not re.sub(r"[\s,.|()/•·*▪►»>\-–—:]+", "", rest)


def page_dates(line: str) -> list[PageDate]:
    """The dates a page line states, when the line says nothing else: "Published: May 9, 2025 at 9:00 PM
    IST", "Updated 10:32 AM EDT, Tue May 20, 2025", "Posted on 16 May 2025 | Updated 17 May 2025",
    "Thursday, July 24". A day without a year counts only with a weekday or a label; [] for anything else."""
    raw = line.strip()
    if not raw or len(raw) > 100:
        return []
    body = re.sub(f"^{_LINE_JUNK}", "", raw)
    labels = list(_LABEL.finditer(body))
    if labels and re.sub(r"[\s\-–—|•·*]+", "", body[: labels[0].start()]):
        return []  # words before the first label: a sentence, not a date line
    bounds = [(m.end(), m.group("label")) for m in labels] or [(0, "")]
    out: list[PageDate] = []
    for i, (start, label) in enumerate(bounds):
        end = labels[i + 1].start() if labels and i + 1 < len(labels) else len(body)
        seg = body[start:end]
        kind = "" if not label else ("updated" if _UPDATED.search(label) else "published")
        hits = find_dates(seg)
        if len(hits) > 1:
            return []
        if hits:
            h = hits[0]
            if not _rest_is_empty(seg[: h.start] + " " + seg[h.end:]):
                return []
            out.append(PageDate(h.value, None, kind, h.text, h.ambiguous))
            continue
        part = find_partial(seg)
        if part is None or not (kind or part.weekday is not None):
            return []
        if not _rest_is_empty(seg[: part.start] + " " + seg[part.end:]):
            return []
        out.append(PageDate(None, part, kind, part.text))
    return out


# ----------------------------------------------------------------------------- dates in URLs

_URL_MON = (r"(?P<mon>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
            r"sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)")
_Y = r"(?P<y>(?:19|20)\d\d)"
_END = r"(?=[/_.-]|$)"
_URL_DAY = [
    # /2019/01/28/, /2019/1/28/, 2019-01-28 in a slug
    re.compile(rf"(?<![\w]){_Y}(?P<sep>[/_-])(?P<m>0?[1-9]|1[0-2])(?P=sep)(?P<d>0?[1-9]|[12]\d|3[01]){_END}"),
    # /2018/apr/18/
    re.compile(rf"/{_Y}/{_URL_MON}/(?P<d>0?[1-9]|[12]\d|3[01]){_END}", re.I),
    # /2018/0612/ (year, then month and day run together)
    re.compile(rf"/{_Y}/(?P<m>0[1-9]|1[0-2])(?P<d>0[1-9]|[12]\d|3[01]){_END}"),
    # /20180612/ or -20180612- (ISO basic form, not part of a longer number)
    re.compile(rf"(?<![\w]){_Y}(?P<m>0[1-9]|1[0-2])(?P<d>0[1-9]|[12]\d|3[01]){_END}"),
]
_URL_MONTH = re.compile(rf"/{_Y}/(?:(?P<m>0?[1-9]|1[0-2])|{_URL_MON})/(?!\d)", re.I)


@dataclass(frozen=True)
class UrlDate:
    value: str  # YYYY-MM-DD, or YYYY-MM when the path gives only the month
    text: str  # the part of the path that gives it

    @property
    def day(self) -> bool:
        return len(self.value) == 10


def url_date(url: str | None) -> UrlDate | None:
    """The date a URL's path gives: a day ("/2013/03/14/", "/2018/apr/18/", "/2018/0612/", "/20130314/",
    "-2013-03-14-"), else a month ("/2019/07/slug"). Query strings, fragments and numeric ids are not read:
    an id's timestamp is when the page was first made, not when it was published."""
    if not url:
        return None
    path = urlsplit(url).path if "://" in url else url.split("?", 1)[0].split("#", 1)[0]
    for rx in _URL_DAY:
        m = rx.search(path)
        if m:
            g = m.groupdict()
            month = int(g["m"]) if g.get("m") else MONTHS[g["mon"].lower()[:3]]
            value = _mk(int(g["y"]), month, int(g["d"]))
            if value:
                return UrlDate(value, m.group(0).strip("/_.-"))
    m = _URL_MONTH.search(path)
    if m:
        g = m.groupdict()
        month = int(g["m"]) if g.get("m") else MONTHS[g["mon"].lower()[:3]]
        return UrlDate(f"{int(g['y']):04d}-{month:02d}", m.group(0).strip("/"))
    return None


def date_from_url(url: str | None) -> str | None:
    """The day a URL path gives, or None (see :func:`url_date`)."""
    u = url_date(url)
    return u.value if u and u.day else None

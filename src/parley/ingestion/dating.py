"""The publication date of one article: every candidate with its provenance, one chosen by precedence.

Candidates (``docs/ingest.md`` lists them with examples), highest precedence first:

1. the dateline's date ("PORT SALVO, 12 March 2026 (Meridian Press) —", "LISK, May 3 (Reuters) -",
   "DRAVENY, June 2. /TASS/."), written when the story was filed;
2. the record's or feed entry's date field;
3. a "published" / "posted" / bare date line below the headline or in the byline block (what the reader sees);
4. the page's HTML metadata (htmldate: the original publication date, not the update);
5. the URL path ("/2026/03/12/", "/2026/mar/12/", "/2026/0312/", "/20260312/");
6. such a date line below the text;
7. a date line above the headline (often the site's "today" in the page header).

"Updated" / "modified" lines are kept as candidates but never chosen: the update is not the publication.
A day written without its year (a wire dateline, "Thursday, July 24") takes its year only from an
unambiguous candidate: every other candidate (and a month the URL gives) must put it in the same year, and
a stated weekday must fit. Every candidate naming another day is kept in ``published.conflicts``.

With no candidate, an estimate is made only when the text pins its own day: a narration "today",
"yesterday" or "tomorrow" written next to a full date ("today, 12 March 2026"), with every other clue in
the narration agreeing (no reported day after it, weekdays that fit). It is marked ``estimated`` with its
basis. A text's latest date is never taken for its own: it is often a recalled event.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from ..model import DateCandidate, Dateline, Published
from ..textdate import PartialDate, find_dates, find_partial, url_date, weekday_of

# ----------------------------------------------------------------------------- datelines

_NAME = r"(?:[A-Z][A-Za-zÀ-ÿ’'.\-]+|[A-Z]{2,})(?:[ \-](?:[A-Z][A-Za-zÀ-ÿ’'.\-]+|de|al|el|upon|on|of|la|le|am))*"
_MON = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|"
        r"Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")
_WDAY = r"(?:Mon|Tues?|Wed(?:nes)?|Thu(?:rs?)?|Fri|Sat(?:ur)?|Sun)(?:day)?\.?"
_YR = r"(?:19|20)\d\d"
_DL_DATE = (rf"(?:{_WDAY},?\s+)?(?:{_MON}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+{_YR})?|"
            rf"\d{{1,2}}(?:st|nd|rd|th)?\s+{_MON}(?:,?\s+{_YR})?|{_YR}-\d\d-\d\d|\d{{1,2}}\.\d{{1,2}}\.{_YR})")
_DATELINE = re.compile(
    rf"^(?:(?P<place>{_NAME}(?:\s*/\s*{_NAME})*)"
    rf"(?:,\s*(?!{_WDAY}[,\s]|{_MON}\s+\d)(?P<region>[A-Z][A-Za-z.]+(?:\s[A-Z][A-Za-z.]+)?))?"
    r"(?:\s*\[[^\]\n]{1,30}\])?"
    rf"(?:\s*[,.]\s*(?P<date>{_DL_DATE}))?\.?)?"
    r"(?:(?:\s*\((?P<credit>[^()\n]{1,50})\))?\s*(?P<end>[—–]\s*|--?\s+|:\s+)"
    r"|\s*/(?P<credit2>[A-Za-z][^/\n]{0,29})/\.?\s+)")


@dataclass
class FoundDateline:
    dateline: Dateline
    partial: PartialDate | None  # the day, when the dateline gives no year


def parse_dateline(first_paragraph: str) -> FoundDateline | None:
    """The dateline that opens ``first_paragraph``, in the common wire and newspaper styles."""
    m = _DATELINE.match(first_paragraph)
    if not m:
        return None
    place, date_txt = m.group("place"), m.group("date")
    credit = m.group("credit") or m.group("credit2")
    if not (place or credit):
        return None
    if m.group("end") and m.group("end").startswith(":") and not credit:
        return None  # "Breaking: ..." is a label, not a dateline
    iso, partial = None, None
    if date_txt:
        hits = find_dates(date_txt)
        if hits and not hits[0].ambiguous:
            iso = hits[0].value
        else:
            partial = find_partial(date_txt)
            if partial is None:
                return None
    if place and len(place.split()) > 5:
        return None
    if not (iso or partial or credit or (place and place.isupper())):
        return None
    name = place.title() if place and place.isupper() else place
    return FoundDateline(Dateline(place=name, date=iso, credit=credit.strip() if credit else None,
                                  text=m.group(0).strip()), partial)


def find_dateline(first_paragraph: str, year_hint: int | None) -> Dateline | None:
    """The dateline of ``first_paragraph``; a day without a year is put in ``year_hint``."""
    found = parse_dateline(first_paragraph)
    if found is None:
        return None
    if found.partial and year_hint:
        found.dateline.date = found.partial.in_year(year_hint)
    return found.dateline


# ----------------------------------------------------------------------------- HTML


def html_date(html: str, url: str | None) -> str | None:
    """The original publication date the page's markup gives, by htmldate (fast mode: its extensive search
    guesses from any date on the page and is wrong on a third of the pages where it is needed). The latest
    date allowed is fixed, not "now", so that a page gives the same answer on any day."""
    from htmldate import find_date

    try:
        return find_date(html, url=url, original_date=True, extensive_search=False, max_date="2099-12-31")
    except Exception:  # noqa: BLE001 - a page htmldate cannot read is a page without a markup date
        return None


# ----------------------------------------------------------------------------- candidates

# precedence: lower is stronger
DATELINE, RECORD, LINE, HTML, URL, LINE_BELOW_TEXT, LINE_ABOVE, UPDATED = range(8)
PRECEDENCE_TEXT = ("dateline > record or feed date > date line below the headline > HTML metadata > URL path > "
                   "date line below the text > date line above the headline; 'updated' lines never chosen")


@dataclass
class Cand:
    rank: int
    date: str | None  # ISO day; None while a day without its year waits for one
    source: str  # the dossier's vocabulary: dateline | metadata | explicit
    text: str
    note: str
    partial: PartialDate | None = None

    def candidate(self) -> DateCandidate:
        return DateCandidate(self.date or "", self.source, self.text, self.note)


def line_cands(date_lines: list) -> list[Cand]:
    """Candidates from the page date lines the cleaner removed: (line number, PageDate, position)."""
    out = []
    for line, pd, where in date_lines:
        if pd.ambiguous:
            continue  # "03/12/2026": month and day order unknown
        if pd.label == "updated":
            rank = UPDATED
        elif where == "above headline":
            rank = LINE_ABOVE
        elif where == "below text":
            rank = LINE_BELOW_TEXT
        else:
            rank = LINE
        what = f"{pd.label} line" if pd.label else "date line"
        out.append(Cand(rank, pd.value, "explicit", pd.text, f"{what} {line}, {where}", pd.partial))
    return out


def url_cands(url: str | None) -> tuple[list[Cand], str | None]:
    """A day the URL path gives, as a candidate; else the month it gives (for years only)."""
    u = url_date(url)
    if u is None:
        return [], None
    if u.day:
        return [Cand(URL, u.value, "metadata", u.text, "url path")], None
    return [], u.value


def _year_near(partial: PartialDate, ref: str) -> str:
    """The year that puts ``partial`` nearest to ``ref`` (within two months, its weekday fitting), else '?'."""
    v = partial.near(ref)
    if v is None or abs((dt.date.fromisoformat(v) - dt.date.fromisoformat(ref)).days) > 62:
        return "?"
    return v[:4]


def infer_years(cands: list[Cand], url_month: str | None) -> None:
    """Give a day without its year the one year every dated candidate agrees on (in place)."""
    refs = [c.date for c in cands if c.date]
    if url_month:
        refs.append(f"{url_month}-15")
    for c in cands:
        if c.date or c.partial is None:
            continue
        years = {_year_near(c.partial, r) for r in refs}
        if len(years) == 1 and "?" not in years:
            c.date = c.partial.in_year(int(years.pop()))
            if c.date:
                c.note += f" (year from {'the URL month' if len(refs) == 1 and url_month else 'the other candidates'})"


def choose(cands: list[Cand], text: str) -> Published:
    """Pick the publication date by precedence; keep every candidate naming another day."""
    dated = sorted((c for c in cands if c.date), key=lambda c: c.rank)
    usable = [c for c in dated if c.rank != UPDATED]
    if usable:
        chosen = usable[0]
        conflicts: list[DateCandidate] = []
        seen = {chosen.date}
        agree = []
        for c in dated:
            if c is chosen:
                continue
            if c.date in seen:
                if c.date == chosen.date:
                    agree.append(c.note)
                continue
            conflicts.append(c.candidate())
            seen.add(c.date)
        basis = f"{chosen.note}: '{chosen.text}'"
        if agree:
            basis += "; agrees: " + ", ".join(dict.fromkeys(agree))
        if conflicts:
            basis += f" (precedence: {PRECEDENCE_TEXT})"
        return Published(date=chosen.date, source=chosen.source, conflicts=conflicts, basis=basis)
    est = estimate(text)
    if est is not None:
        est.conflicts = [c.candidate() for c in dated if c.date != est.date]
        return est
    if dated:
        return Published(date=None, source="unknown", conflicts=[c.candidate() for c in dated],
                         basis="no publication date stated (only an update date)")
    return Published(date=None, source="unknown", basis="no date stated")


# ----------------------------------------------------------------------------- estimates

_QUOTED = re.compile(r"“[^”]*”|\"[^\"\n]*\"|‘[^’]*’(?!\w)")
# captions and embedded posts: their dates are the picture's or the post's, not the article's
_CAPTION = re.compile(r"^\s*(?:FILE\b|Image (?:copyright|caption)|Photo\b|Caption\b)|\b(?:AP|AFP|Reuters|Getty)?\s*Photo/|"
                      r"\bPhotographer:|\(@\w+\)", re.I)
_DEIXIS = re.compile(r"\b(?P<dx>earlier today|today|tonight|this (?:morning|afternoon|evening)|yesterday|"
                     r"last night|tomorrow)\b", re.I)
_OFFSET = {"yesterday": -1, "last night": -1, "tomorrow": 1}
_FUTURE = re.compile(r"\b(?:will|shall|scheduled|planned|due|next|upcoming|expected|to be held|set to)\b", re.I)
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_GAP = re.compile(r"^[\s,(]*(?:on\s+)?$", re.I)


def narration(text: str) -> str:
    """``text`` with quotations, captions and embedded posts blanked out (offsets kept)."""
    out = _QUOTED.sub(lambda m: " " * len(m.group(0)), text)
    lines = out.split("\n")
    return "\n".join(" " * len(line) if _CAPTION.search(line) else line for line in lines)


def _sentence(text: str, pos: int) -> tuple[int, int]:
    start = max(text.rfind(". ", 0, pos), text.rfind("\n", 0, pos)) + 1
    ends = [i for i in (text.find(". ", pos), text.find("\n", pos)) if i >= 0]
    return start, min(ends) if ends else len(text)


def estimate(text: str) -> Published | None:
    """The day the text pins for itself ("today, 12 March 2026"), if every other clue agrees; else None."""
    narr = narration(text)
    dates = find_dates(narr)
    pins: list[tuple[str, str]] = []
    for m in _DEIXIS.finditer(narr):
        offset = _OFFSET.get(m.group("dx").lower(), 0)
        for f in dates:
            between = narr[m.end():f.start] if f.start >= m.end() else narr[f.end:m.start()]
            if len(between) <= 6 and _GAP.match(between) and not f.ambiguous:
                day = dt.date.fromisoformat(f.value) - dt.timedelta(days=offset)
                pins.append((day.isoformat(), narr[min(m.start(), f.start):max(m.end(), f.end)]))
    if not pins or len({p for p, _ in pins}) != 1:
        return None
    pub = pins[0][0]
    for f in find_dates(text):
        if f.ambiguous:
            continue
        wd = re.match(r"(mon|tue|wed|thu|fri|sat|sun)", f.text, re.I)
        if wd and weekday_of(f.value) != [w[:3] for w in _WEEKDAYS].index(wd.group(1).lower()):
            return None  # the text's own weekday and date disagree
        if f.value > pub:
            s, e = _sentence(text, f.start)
            if not _FUTURE.search(text[s:e]):
                return None  # the text reports a later day than the one it pins
    for m in _DEIXIS.finditer(narr):  # "today, Tuesday": the weekday must fit the pinned day
        after = re.match(r"[\s,(]*(?P<wd>" + "|".join(_WEEKDAYS) + r")\b", narr[m.end():], re.I)
        if after:
            day = dt.date.fromisoformat(pub) + dt.timedelta(days=_OFFSET.get(m.group("dx").lower(), 0))
            if day.weekday() != _WEEKDAYS.index(after.group("wd").lower()):
                return None
    return Published(date=pub, source="relative", estimated=True,
                     basis=f"estimated: the text pins its own day ('{pins[0][1].strip()}')")

"""Article metadata with provenance: title, outlet, authors, dateline, date, kind.

Publication date precedence (documented in docs/ingest.md):

1. the dateline's date ("Port Salvo, 12 March 2026 (Meridian Press) —"), written when the story was filed;
2. structured metadata (a record's ``date`` field, a feed entry, HTML meta tags);
3. an explicit date line below the headline or in the byline block;
4. an explicit date line above the headline (often the site's "today" in the page header);
5. an estimate from the text's own absolute dates (``source: relative``, ``estimated: true``).

Every other candidate that names a different day is kept in ``published.conflicts``.
Nothing states a date? The date stays null; reconcile may later estimate it from
the story's dated events, marked as such.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from urllib.parse import urlsplit

from ..lexicon import load
from ..model import DateCandidate, Dateline, Published
from ..textdate import find_dates
from .clean import Cleaned


@dataclass
class RecordMeta:
    """What a reader knows besides the text (record fields, feed entry, HTML head)."""

    title: str | None = None
    url: str | None = None
    date: str | None = None
    date_source: str = "metadata"
    outlet: str | None = None
    outlet_source: str = ""
    authors: list[str] = field(default_factory=list)
    kind_hint: str | None = None


@dataclass
class Meta:
    title: str | None
    outlet: str | None
    outlet_source: str
    agencies: list[str]
    authors: list[str]
    editors: list[str]
    published: Published
    dateline: Dateline | None
    kind: str
    kind_cues: list[str]


# ----------------------------------------------------------------------------- outlets

@dataclass(frozen=True)
class OutletInfo:
    name: str
    kind: str


@cache
def _registry() -> tuple[dict[str, OutletInfo], dict[str, OutletInfo]]:
    data = load("outlets.toml")
    by_domain: dict[str, OutletInfo] = {}
    by_name: dict[str, OutletInfo] = {}
    for o in data.get("outlet", []):
        info = OutletInfo(o["name"], o.get("kind", "unknown"))
        for d in o.get("domains", []):
            by_domain[d.lower()] = info
        for nm in [o["name"], *o.get("aliases", [])]:
            by_name[nm.lower()] = info
    for w in data.get("wires", []):
        by_name.setdefault(w.lower(), OutletInfo(w, "wire"))
    return by_domain, by_name


def outlet_info(name: str | None) -> OutletInfo | None:
    if not name:
        return None
    _, by_name = _registry()
    key = name.lower().strip()
    if key in by_name:
        return by_name[key]
    first = re.split(r"[/,;]", key)[0].strip()
    return by_name.get(first)


def outlet_from_url(url: str | None) -> str | None:
    if not url:
        return None
    host = (urlsplit(url).hostname or "").lower()
    if not host:
        return None
    by_domain, _ = _registry()
    parts = host.split(".")
    for i in range(len(parts) - 1):
        cand = ".".join(parts[i:])
        if cand in by_domain:
            return by_domain[cand].name
    return host[4:] if host.startswith("www.") else host


# ----------------------------------------------------------------------------- dateline

_DATELINE = re.compile(
    r"^(?P<place>(?:[A-Z][A-Za-zÀ-ÿ’'.\-]+|[A-Z]{2,})(?:[ \-](?:[A-Z][A-Za-zÀ-ÿ’'.\-]+|de|al|el|upon|on|of))*)"
    r"(?:,\s*(?P<region>[A-Z][A-Za-z.]+(?:\s[A-Z][A-Za-z.]+)?))?"
    r"(?:,\s*(?P<date>[A-Z0-9][^()—–\n]{2,30}?))?"
    r"\s*(?P<credit>\((?P<credit_inner>[^()\n]{1,50})\))?"
    r"\s*(?:[—–]|--?)\s+")


def find_dateline(first_paragraph: str, year_hint: int | None) -> Dateline | None:
    m = _DATELINE.match(first_paragraph)
    if not m:
        return None
    place, date_txt, credit = m.group("place"), m.group("date"), m.group("credit_inner")
    iso = None
    if date_txt:
        hits = find_dates(date_txt)
        if hits:
            iso = hits[0].value
        else:
            md = re.match(r"^(?P<mon>[A-Z][a-z]{2,8})\.?\s+(?P<day>\d{1,2})$|^(?P<day2>\d{1,2})\s+(?P<mon2>[A-Z][a-z]{2,8})$",
                          date_txt.strip())
            if md and year_hint:
                hits = find_dates(f"{md.group('mon') or md.group('mon2')} {md.group('day') or md.group('day2')}, {year_hint}")
                iso = hits[0].value if hits else None
            elif not md:
                return None  # "Port Salvo, the city where ... —" is prose, not a dateline
    if not (iso or credit or place.isupper()):
        return None
    if len(place.split()) > 5:
        return None
    return Dateline(place=place.title() if place.isupper() else place, date=iso,
                    credit=credit.strip() if credit else None, text=m.group(0).strip())


def _agencies(credit: str | None) -> list[str]:
    if not credit:
        return []
    parts = [p.strip() for p in re.split(r"[/,;]| and ", credit) if p.strip()]
    if not parts or any(len(p.split()) > 4 for p in parts):
        return []
    return parts


# ----------------------------------------------------------------------------- kind

_LABEL = re.compile(r"^\s*(?P<label>opinion|op-ed|commentary|column|editorial|analysis|news analysis|explainer|"
                    r"comment|viewpoint|perspective|letter)\s*[:|–—-]", re.I)
_FIRST_PERSON = re.compile(r"\b(?:I|I’m|I'm|I’ve|I've|I’d|I'd|my|me|myself)\b")
_QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"|‘[^’]*’(?!\w)")
_ANALYSIS_CUES = re.compile(
    r"^(?:possible (?:developments|scenarios)|what (?:it|this) means|what(?:’|')s next|outlook|the bottom line|"
    r"key takeaways|analysis|why it matters)\s*:?\s*$|\b(?:in conclusion|to conclude|in sum)\b", re.I | re.M)


def guess_kind(title: str | None, text: str, footer_reasons: list[str], hint: str | None) -> tuple[str, list[str]]:
    cues: list[str] = []
    if hint in ("report", "opinion", "analysis"):
        return hint, [f"record says {hint}"]
    if title:
        m = _LABEL.match(title)
        if m:
            label = m.group("label").lower()
            kind = "analysis" if label in ("analysis", "news analysis", "explainer") else "opinion"
            return kind, [f"title label '{m.group('label')}'"]
    narration = _QUOTED.sub(" ", text)
    first = len(_FIRST_PERSON.findall(narration))
    if first >= 2:
        cues.append(f"first person in narration ({first}×)")
    if "author bio" in footer_reasons:
        cues.append("author bio footer (column)")
    if cues:
        return "opinion", cues
    m = _ANALYSIS_CUES.search(text)
    if m:
        return "analysis", [f"analysis cue '{m.group(0).strip()}'"]
    return "report", ["no opinion or analysis cue"]


# ----------------------------------------------------------------------------- dates

_FUTURE = re.compile(r"\b(?:will|shall|scheduled|planned|due to|next|upcoming|expected to)\b", re.I)
_PRECEDENCE = {"dateline": 0, "metadata": 1, "explicit": 2, "explicit-header": 3}


def choose_date(cands: list[tuple[str, DateCandidate]], text: str) -> Published:
    """Pick the publication date by precedence; keep the disagreeing candidates."""
    if cands:
        cands = sorted(cands, key=lambda c: _PRECEDENCE[c[0]])
        chosen = cands[0][1]
        conflicts: list[DateCandidate] = []
        seen = {chosen.date}
        for _, c in cands[1:]:
            if c.date not in seen:
                conflicts.append(c)
                seen.add(c.date)
        basis = f"{chosen.source}: '{chosen.text}'"
        if conflicts:
            basis += " (precedence: dateline > metadata > date line below headline > page header)"
        return Published(date=chosen.date, source=chosen.source, conflicts=conflicts, basis=basis)
    # no stated date: estimate from the latest absolute date the text reports as past
    best = None
    for f in find_dates(text):
        start = max(text.rfind(". ", 0, f.start), text.rfind("\n", 0, f.start)) + 1
        end = min([i for i in (text.find(". ", f.end), text.find("\n", f.end)) if i >= 0] or [len(text)])
        if _FUTURE.search(text[start:end]):
            continue
        if best is None or f.value > best.value:
            best = f
    if best:
        return Published(date=best.value, source="relative", estimated=True,
                         basis=f"estimated: latest absolute date in the text ('{best.text}')")
    return Published(date=None, source="unknown", basis="no date stated")


def extract(cleaned: Cleaned, rec: RecordMeta) -> Meta:
    text = cleaned.text
    body = text[cleaned.body_start:].lstrip("\n")
    first_par = body.split("\n", 1)[0]
    years = [int(d.value[:4]) for _, d, _ in cleaned.date_lines] + ([int(rec.date[:4])] if rec.date else [])
    dateline = find_dateline(first_par, years[0] if years else None)

    cands: list[tuple[str, DateCandidate]] = []
    if dateline and dateline.date:
        cands.append(("dateline", DateCandidate(dateline.date, "dateline", dateline.text)))
    if rec.date:
        cands.append(("metadata", DateCandidate(rec.date, "metadata", rec.date, rec.date_source)))
    for line, found, where in cleaned.date_lines:
        key = "explicit-header" if where == "above headline" else "explicit"
        cands.append((key, DateCandidate(found.value, "explicit", found.text, f"date line {line}, {where}")))
    published = choose_date(cands, body)

    # outlet, by provenance
    agencies = _agencies(dateline.credit if dateline else None)
    outlet, outlet_source = None, ""
    footer_reasons = [reason for _, _, reason in cleaned.footer]
    bio_outlet = credit_outlet = None
    authors = list(rec.authors)
    editors: list[str] = []
    for _, line, reason in cleaned.footer:
        if reason == "author bio":
            m = re.match(r"^(?P<name>(?:[A-Z][\w’'.-]+\s+){1,3}[A-Z][\w’'.-]+)\s", line)
            if m and m.group("name") not in authors:
                authors.append(m.group("name"))
            mo = re.search(r"\b(?:at|for|of|with)\s+(?P<outlet>(?:The\s+)?[A-Z][\w&’'.-]*(?:\s+[A-Z][\w&’'.-]*){0,5})\.?\s*$",
                           line)
            if mo:
                bio_outlet = mo.group("outlet")
        elif reason == "outlet credit":
            credit_outlet = re.split(r"\s+[–—|-]\s+", line.rstrip("."))[0].strip()
        elif reason == "edit credit":
            m = re.match(r"^(?:edited|editing)(?: and \w+)? by\s+(?P<names>.+)$", line, re.I)
            if m:
                editors.extend(n.strip(" .") for n in re.split(r",|;| and ", m.group("names")) if n.strip(" ."))
    for _, name in cleaned.bylines:
        if name not in authors:
            authors.append(name)
    if rec.outlet:
        outlet, outlet_source = rec.outlet, rec.outlet_source or "record"
    elif rec.url and outlet_from_url(rec.url):
        outlet, outlet_source = outlet_from_url(rec.url), "url domain"
    elif bio_outlet:
        outlet, outlet_source = bio_outlet, "author bio footer"
    elif credit_outlet:
        outlet, outlet_source = credit_outlet, "footer credit"
    elif agencies:
        outlet, outlet_source = "/".join(agencies), "agency credit"
    if not agencies and outlet:
        info = outlet_info(outlet)
        if info and info.kind == "wire":
            agencies = [info.name]

    kind, cues = guess_kind(cleaned.title or rec.title, body, footer_reasons, rec.kind_hint)
    return Meta(title=cleaned.title or rec.title, outlet=outlet, outlet_source=outlet_source, agencies=agencies,
                authors=authors, editors=editors, published=published, dateline=dateline, kind=kind, kind_cues=cues)

"""Article metadata with provenance: title, outlet, authors, dateline, date, kind.

The publication date and its candidates are chosen in ``dating`` (precedence documented there and in
docs/ingest.md); every candidate that names another day is kept in ``published.conflicts``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from urllib.parse import urlsplit

from ..lexicon import load
from ..model import Dateline, Published
from .clean import Cleaned
from .dating import (
    DATELINE,
    HTML,
    RECORD,
    Cand,
    choose,
    find_dateline,
    infer_years,
    line_cands,
    parse_dateline,
    url_cands,
)

__all__ = ["RecordMeta", "Meta", "extract", "find_dateline", "outlet_info", "outlet_from_url", "guess_kind"]


@dataclass
class RecordMeta:
    """What a reader knows besides the text (record fields, feed entry, HTML head)."""

    title: str | None = None
    url: str | None = None
    date: str | None = None
    date_source: str = "metadata"
    html_date: str | None = None  # what the page's markup says (htmldate), kept apart from a record's field
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


def extract(cleaned: Cleaned, rec: RecordMeta) -> Meta:
    text = cleaned.text
    body = text[cleaned.body_start:].lstrip("\n")
    first_par = body.split("\n", 1)[0]
    found = parse_dateline(first_par)
    dateline = found.dateline if found else None

    cands = line_cands(cleaned.date_lines)
    if rec.date:
        cands.append(Cand(RECORD, rec.date, "metadata", rec.date, rec.date_source))
    if rec.html_date:
        cands.append(Cand(HTML, rec.html_date, "metadata", rec.html_date, "html metadata"))
    from_url, url_month = url_cands(rec.url)
    cands.extend(from_url)
    if dateline is not None:
        cands.append(Cand(DATELINE, dateline.date, "dateline", dateline.text, "dateline", found.partial if found else None))
    infer_years(cands, url_month)
    if dateline is not None and dateline.date is None:
        dateline.date = next((c.date for c in cands if c.source == "dateline"), None)
    published = choose(cands, body)

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

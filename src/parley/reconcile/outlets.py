"""Outlet profiles: what kind of outlet, whose voice it carries, the loaded words it uses in its own voice,
and which corroborated facts of its stories it leaves out.

- ``kind``: the outlet registry (data/outlets.toml) first, then textual cues: an agency credit, words of
  the name ("… TV", "… Monitoring"), blog hosts, a personal byline on an unnamed site.
- ``voice``: the share of attributed quotes (direct and reported) per party. A speaker counts for the party
  he speaks for (his affiliation); a party quoted as such ("the Kremlin said") counts for itself; a speaker
  with no side counts for himself. ``voice_chars`` weighs by quoted characters.
- ``loaded_terms``: words of the outlet's narration (outside direct quotes) from the documented list in
  data/loaded_terms.toml, or strongly valenced in the VADER lexicon that ships with vaderSentiment, less a
  list of plain conflict vocabulary. ``loaded_in_quotes``: the same inside the quotes it chose to print.
- ``omitted``: corroborated claims of the outlet's stories that none of its articles supports.
"""

from __future__ import annotations

import os
import re
from collections import Counter, defaultdict
from functools import cache
from typing import Any
from urllib.parse import urlsplit

from ..gazetteer import fold
from ..lexicon import load
from ..model import Analysis, Article

BLOG_HOSTS = re.compile(r"(?:^|\.)(?:blogspot|wordpress|substack|medium|livejournal|tumblr|ghost|typepad)\.", re.I)
BROADCAST = re.compile(r"\b(?:tv|television|radio|broadcast\w*|channel|news\s*network)\b", re.I)
AGGREGATOR = re.compile(r"\b(?:monitoring|aggregat\w*|digest|roundup|news\s*feed)\b", re.I)
_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*")


@cache
def _vader() -> dict[str, float]:
    import vaderSentiment

    path = os.path.join(os.path.dirname(vaderSentiment.__file__), "vader_lexicon.txt")
    out = {}
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            parts = line.split("\t")
            if len(parts) >= 2:
                try:
                    out[parts[0]] = float(parts[1])
                except ValueError:
                    continue
    return out


@cache
def _lists() -> tuple[frozenset[str], frozenset[str], float]:
    data = load("loaded_terms.toml")
    return frozenset(data["loaded"]), frozenset(data["neutral"]), float(data["vader_threshold"])


def loaded(word: str) -> tuple[str, float | None] | None:
    """Why a word counts as loaded: ("list", None) or ("vader", valence); None when it does not."""
    w = word.lower()
    listed, neutral, threshold = _lists()
    if w in listed:
        return "list", None
    if w in neutral:
        return None
    v = _vader().get(w)
    if v is not None and abs(v) >= threshold:
        return "vader", v
    return None


def outlet_kind(name: str, arts: list[Article]) -> tuple[str, str]:
    """(kind, basis) of an outlet."""
    from ..ingestion.meta import outlet_info

    info = outlet_info(name)
    if info is not None and info.kind != "unknown":
        return info.kind, "registry"
    if arts and all(a.agencies and fold(a.agencies[0]) == fold(name) for a in arts):
        return "wire", "agency credit"
    if AGGREGATOR.search(name) or any(AGGREGATOR.search(r.text) and r.reason == "outlet credit"
                                     for a in arts for r in a.removed):
        return "aggregator", "monitoring credit"
    if BROADCAST.search(name):
        return "broadcaster", "name"
    hosts = [urlsplit(a.url).hostname or "" for a in arts if a.url]
    if any(BLOG_HOSTS.search(h + ".") for h in hosts):
        return "blog", "host"
    words = set(load("outlets.toml").get("publication_words", []))
    if any(w.lower() in words for w in re.findall(r"[A-Za-z]+", name)):
        return "newspaper", "name"
    if arts and all(not a.outlet and a.kind in ("opinion", "analysis") and a.authors for a in arts):
        return "blog", "personal byline, no publication"
    return "unknown", "no registry entry or cue"


def _party_map(entities: list[dict[str, Any]]) -> tuple[dict[str, str], dict[str, dict[str, Any]]]:
    by_id = {e["id"]: e for e in entities}
    names: dict[str, str] = {}
    for e in entities:
        if e["type"] in ("GPE", "ORG", "NORP"):
            for n in [e["name"], *e.get("aliases", [])]:
                names.setdefault(fold(n), e["id"])
    return names, by_id


def _party_of(speaker: str, names: dict[str, str], by_id: dict[str, dict[str, Any]]) -> str:
    e = by_id.get(speaker)
    if e is None:
        return speaker
    if e["type"] in ("GPE", "ORG", "NORP"):
        return speaker
    aff = e.get("affiliation")
    return names.get(fold(aff), speaker) if aff else speaker


def build_outlets(items: list[tuple[Article, Analysis]], sections: dict[str, Any],
                  claims: list[dict[str, Any]], story_of: dict[str, str] | None = None) -> list[dict[str, Any]]:
    story_of = story_of or {}
    groups: dict[str, list[tuple[Article, Analysis]]] = defaultdict(list)
    for art, an in items:
        groups[art.outlet or (art.agencies[0] if art.agencies else f"unnamed ({art.id})")].append((art, an))
    names, by_id = _party_map(sections.get("entities", []))
    quotes_by_article: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for q in sections.get("quotes", []):
        quotes_by_article[q["article"]].append(q)
    out = []
    for name, members in sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        arts = [a for a, _ in members]
        ids = [a.id for a in arts]
        kind, basis = outlet_kind(name, arts)
        count: Counter = Counter()
        chars: Counter = Counter()
        voice_quotes: dict[str, list[str]] = defaultdict(list)
        for aid in ids:
            for q in quotes_by_article[aid]:
                if not q["speaker"]:
                    continue
                p = _party_of(q["speaker"], names, by_id)
                count[p] += 1
                chars[p] += len(q["text"])
                voice_quotes[p].append(q["id"])
        total, total_chars = sum(count.values()), sum(chars.values())
        own, quoted = _loaded(members)
        stories = {story_of.get(aid, "") for aid in ids}
        omitted = [{"claim": c["id"], "statement": c["statement"], "independent_sources": c["independent_sources"]}
                   for c in claims
                   if c["status"] == "corroborated" and c["kind"] != "attribution"
                   and not set(ids) & set(c["articles"])
                   and {story_of.get(a, "") for a in c["articles"]} & stories]
        out.append({
            "name": name, "articles": ids, "kind": kind, "kind_basis": basis,
            "voice": {p: round(n / total, 3) for p, n in count.most_common()} if total else {},
            "voice_chars": {p: round(n / total_chars, 3) for p, n in chars.most_common()} if total_chars else {},
            "voice_quotes": dict(voice_quotes), "quotes": total,
            "loaded_terms": own, "loaded_in_quotes": quoted, "omitted": omitted})
    return out


def _loaded(members: list[tuple[Article, Analysis]]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    own: dict[str, dict[str, Any]] = {}
    quoted: dict[str, dict[str, Any]] = {}
    for art, an in members:
        spans = sorted((q.start, q.end) for q in an.quotes if q.kind == "direct")
        for m in _WORD.finditer(art.text, art.body_start):
            why = loaded(m.group(0))
            if why is None:
                continue
            inside = any(s <= m.start() < e for s, e in spans)
            bucket = quoted if inside else own
            term = m.group(0).lower()
            entry = bucket.setdefault(term, {"term": term, "count": 0, "source": why[0], "valence": why[1],
                                             "evidence": []})
            entry["count"] += 1
            if len(entry["evidence"]) < 5:
                entry["evidence"].append({"article": art.id, "start": m.start(), "end": m.end(), "text": m.group(0)})
    order = lambda d: sorted(d.values(), key=lambda e: (-e["count"], e["term"]))  # noqa: E731
    return order(own), order(quoted)

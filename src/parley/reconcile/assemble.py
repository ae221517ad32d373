"""Assemble the dossier's sections from the store: the reconcile stage's driver.

Reads articles and their analyses (analysing what is missing), dates what
the story dates, merges entities, then lays out every section with evidence
spans that point into the articles' clean texts.
"""

from __future__ import annotations

from typing import Any

from ..model import Analysis, Article, Span
from ..store.db import Store


def ev(art: Article, start: int, end: int) -> dict[str, Any]:
    return Span(art.id, start, end, art.text[start:end]).__dict__


def load_items(store: Store, ids: list[str] | None = None) -> list[tuple[Article, Analysis]]:
    """Articles with their current analyses, analysing any that lack one."""
    from ..analysis.pipeline import VERSION, analyze_many
    from ..analysis.runner import analyze_store

    if ids is None and store.missing_analyses(VERSION):
        analyze_store(store)
    arts = list(store.iter_articles(ids))
    analyses = store.get_analyses([a.id for a in arts], VERSION)
    missing = [a for a in arts if a.id not in analyses]
    if missing:  # only these articles: the cost stays with the story, not the store
        fresh = [r for r in analyze_many(missing) if r.error is None]
        store.put_analyses(fresh)
        analyses.update({r.article_id: r for r in fresh})
    return [(a, analyses[a.id]) for a in arts if a.id in analyses]


def sections(items: list[tuple[Article, Analysis]], story_of: dict[str, str] | None = None,
             negotiation_of: dict[str, str] | None = None) -> dict[str, Any]:
    """The sections of these articles. ``story_of`` and ``negotiation_of`` map article ids to their story and
    negotiation: claims are compared within a negotiation (rival values of one fact are told in the stories of
    different rounds and days), everything else within a story."""
    from ..dossier import article_entry
    from .dates import anchor_corpus
    from .entities import reconcile_entities

    estimates = anchor_corpus(items)
    entities, emap = reconcile_entities(items)
    by_id = {e.id: e for e in entities}

    articles = []
    for art, _an in items:
        entry = article_entry(art)
        est = estimates.get(art.id)
        if est is not None and not art.published.date:
            entry["published"] = {"date": est.date, "source": "relative", "conflicts": [], "estimated": True,
                                  "basis": est.basis, "range": [est.earliest, est.latest]}
        articles.append(entry)

    quotes, timexes, quantities = [], [], []
    for art, an in items:
        for q in an.quotes:
            eid = emap.get((art.id, q.speaker)) if q.speaker else None
            evidence = [ev(art, q.start, q.end)]
            if q.cue_start is not None and q.cue_end is not None and q.cue_end > q.cue_start:
                evidence.append(ev(art, q.cue_start, q.cue_end))
            quotes.append({"id": q.id, "text": q.text, "kind": q.kind, "speaker": eid,
                           "speaker_name": by_id[eid].name if eid else q.speaker_name, "cue": q.cue,
                           "partial": q.partial, "resolved_by": q.resolved_by, "article": art.id,
                           "evidence": evidence})
        for t in an.timexes:
            timexes.append({"text": t.text, "value": t.value, "type": t.type, "anchor": t.anchor,
                            "article": art.id, "evidence": [ev(art, t.start, t.end)]})
        for qt in an.quantities:
            quantities.append({"text": qt.text, "value": qt.value, "unit": qt.unit, "about": qt.about,
                               "approx": qt.approx, "article": art.id, "evidence": [ev(art, qt.start, qt.end)]})
    reported = {a["id"]: a["published"]["date"] for a in articles}
    ledger = _ledger(items, entities, emap, reported, story_of, negotiation_of or {})
    entities = entities + ledger.pop("extra_entities")
    ent_out = []
    for e in entities:
        ent_out.append({"id": e.id, "name": e.name, "type": e.type, "aliases": e.aliases, "variants": e.variants,
                        "roles": e.roles, "affiliation": e.affiliation, "articles": e.articles,
                        "mentions": e.mentions, "merges": e.merges})
    out = {"articles": articles, "entities": ent_out, "quotes": quotes, "timexes": timexes,
           "quantities": quantities, **ledger}
    from .claims import build_claims

    out["claims"] = build_claims(items, out, negotiation_of or story_of, emap)
    from .outlets import build_outlets

    out["outlets"] = build_outlets(items, out, out["claims"], story_of)
    return out


LEDGER_LISTS = ("events", "positions", "agreements", "rounds", "timeline")


def _ledger(items: list[tuple[Article, Analysis]], entities: list[Any], emap: dict[tuple[str, str], str],
            reported: dict[str, str | None], story_of: dict[str, str] | None,
            negotiation_of: dict[str, str]) -> dict[str, Any]:
    """The ledger, one per negotiation: each negotiation's main sides, rounds, positions and agreements come
    from its own articles (the main sides of one are no side of another held in the same store). Sections are
    joined in the order of the negotiations' first articles; an id two negotiations share is made unique by the
    second one's id; ``parties`` are those of the negotiation with the most articles, and every negotiation's
    own are returned in ``parties_by_negotiation``."""
    from .ledger import build_ledger

    groups: dict[str, list[tuple[Article, Analysis]]] = {}
    for art, an in items:
        groups.setdefault(negotiation_of.get(art.id, ""), []).append((art, an))
    if len(groups) <= 1:
        out = build_ledger(items, entities, emap, reported, story_of)
        out["parties_by_negotiation"] = {nid: out["parties"] for nid in groups if nid}
        return out
    out: dict[str, Any] = {k: [] for k in LEDGER_LISTS}
    out["extra_entities"], out["parties_by_negotiation"] = [], {}
    seen_ids: set[str] = set()
    extra: dict[str, Any] = {}
    largest = max(groups, key=lambda nid: (len(groups[nid]), nid))
    order = sorted(groups, key=lambda nid: (min(a.seq for a, _ in groups[nid]), nid))
    parts = {nid: build_ledger(groups[nid], entities, emap, reported, story_of) for nid in order}
    # a fragment (a negotiation told by one article, or naming fewer than two sides of its own) is no
    # negotiation on its own word: it is at most a stray report of the store's main negotiation (the one told by
    # the most articles), so its positions and agreements count only for that negotiation's sides, and none when it names a pair
    # of sides of its own with another side in it (an off-topic story of a third party, a legislature's vote in
    # an unrelated story, a stray report of the main parties' talks: only the last is kept)
    def fragment(nid: str) -> bool:
        return not nid or len(groups[nid]) < 2 or len(parts[nid]["parties"]["main"]) < 2
    known = set() if fragment(largest) else set(parts[largest]["parties"]["main"])
    for nid in order:
        part = parts[nid]
        if fragment(nid) and nid and known:
            own = set(part["parties"]["main"])
            own_ok = len(own) < 2 or own <= known  # a pair of its own with a stranger in it: another negotiation
            part["positions"] = [p for p in part["positions"] if own_ok and p["party"] in known]
            part["agreements"] = [a for a in part["agreements"] if own_ok and set(a["parties"]) <= known]
        for key in LEDGER_LISTS:
            for item in part[key]:
                if "id" in item and item["id"] in seen_ids:
                    item["id"] = f"{item['id']}~{nid}"
                if "id" in item:
                    seen_ids.add(item["id"])
                if nid and key in ("positions", "agreements", "rounds"):
                    item["negotiation"] = nid
                out[key].append(item)
        for e in part["extra_entities"]:
            extra.setdefault(e.id, e)
        if nid:
            out["parties_by_negotiation"][nid] = part["parties"]
        if nid == largest:
            out["parties"] = part["parties"]
    out["extra_entities"] = [extra[k] for k in sorted(extra)]
    _one_round_per_meeting(out, {nid: len(g) for nid, g in groups.items()}, negotiation_of)
    out["timeline"].sort(key=lambda e: (e["planned"], e["date"] or "9999",
                                        {"round": 0, "agreement": 1, "event": 2}[e["kind"]]))
    return out


def _one_round_per_meeting(out: dict[str, Any], sizes: dict[str, int], negotiation_of: dict[str, str]) -> None:
    """A meeting is one round wherever it was reported: held rounds of two negotiations with the same day and
    the same parties become one, kept in the larger negotiation, with the evidence and articles of both."""
    def size(r: dict[str, Any]) -> int:
        return max((sizes.get(negotiation_of.get(a, ""), 0) for a in r["articles"]), default=0)

    kept: dict[tuple[str, frozenset[str]], dict[str, Any]] = {}
    dropped: list[dict[str, Any]] = []
    for r in sorted(out["rounds"], key=lambda r: (-size(r), r["id"])):
        if r["status"] != "held" or not r["date"] or len(r["parties"]) < 2:
            continue
        key = (r["date"], frozenset(r["parties"]))
        if key not in kept:
            kept[key] = r
            continue
        into = kept[key]
        spans = {(e["article"], e["start"], e["end"]) for e in into["evidence"]}
        into["evidence"] += [e for e in r["evidence"] if (e["article"], e["start"], e["end"]) not in spans]
        into["articles"] = sorted(set(into["articles"]) | set(r["articles"]))
        into["place"] = into["place"] or r["place"]
        dropped.append(r)
    if not dropped:
        return
    gone = {id(r) for r in dropped}
    gone_evidence = [r["evidence"][:6] for r in dropped]
    out["rounds"] = [r for r in out["rounds"] if id(r) not in gone]
    out["timeline"] = [e for e in out["timeline"] if not (e["kind"] == "round" and e["evidence"] in gone_evidence)]


def assemble(store: Store, *, story: str | None = None, ids: list[str] | None = None,
             info: dict[str, Any] | None = None) -> dict[str, Any]:
    """The dossier sections of one story (``info``: its row, if already read), of ``ids``, or of the store."""
    store.assign_stories()
    if story is not None:
        chosen = info or store.story(story)
        stories = [chosen]
        ids = [a for a in chosen["articles"] if ids is None or a in ids]
    else:
        stories = store.stories()
    items = load_items(store, ids)
    present = {a.id for a, _ in items}
    story_of = {a: s["id"] for s in stories for a in s["articles"] if a in present}
    negs: list[dict[str, Any]] = []
    if story is None:  # the dossier of the store (or of some articles): the negotiations they belong to
        from .negotiation_store import negotiations

        negs = [{**n, "articles": [a for a in n["articles"] if a in present]} for n in negotiations(store)]
        negs = [n for n in negs if n["articles"]]
    negotiation_of = {a: n["id"] for n in negs for a in n["articles"]}
    out = sections(items, story_of, negotiation_of or None)
    out["stories"] = [{"id": s["id"], "title": s["title"], "first_date": s["first_date"],
                       "last_date": s["last_date"], "articles": [a for a in s["articles"] if a in present]}
                      for s in stories if any(a in present for a in s["articles"])]
    if story is not None:  # one story's dossier: its title names its event (titles.py)
        from .titles import story_title

        for s in out["stories"]:
            title, basis = story_title(out, s)
            if title:
                s["title"], s["title_basis"] = title, basis
    sides = out.pop("parties_by_negotiation", {})
    if story is None:
        kept = {s["id"] for s in out["stories"]}
        out["negotiations"] = [{**n, "stories": [s for s in n["stories"] if s in kept],
                                "sides": sides.get(n["id"], {}).get("main", []),
                                "mediators": sides.get(n["id"], {}).get("mediators", [])} for n in negs]
    from .briefing import build_briefing

    out["briefing"] = build_briefing(out)
    return out

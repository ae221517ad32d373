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
    from .ledger import build_ledger

    reported = {a["id"]: a["published"]["date"] for a in articles}
    ledger = build_ledger(items, entities, emap, reported, story_of)
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
    if story is None:
        kept = {s["id"] for s in out["stories"]}
        out["negotiations"] = [{**n, "stories": [s for s in n["stories"] if s in kept]} for n in negs]
    from .briefing import build_briefing

    out["briefing"] = build_briefing(out)
    return out

"""The read functions behind every face of Parley: the web pages, the REST API and the command line call
these, so no logic lives only in a view. Each takes a ``Store`` and returns plain data (JSON-ready).
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

from ..dossier import FORMAT, article_entry, story_dossier
from ..errors import InvalidRequest, NotFound
from ..store.db import SNIPPET_MARKS, Store
from . import highlight


def stories(store: Store, limit: int = 200, offset: int = 0) -> list[dict[str, Any]]:
    """Stories, largest first (articles placed as they arrived)."""
    from ..reconcile.titles import distinct

    store.assign_stories()
    out = []
    for s in distinct(store.stories())[offset:offset + limit]:
        out.append({"id": s["id"], "title": s["title"], "first_date": s["first_date"], "last_date": s["last_date"],
                    "size": s["size"], "articles": s["articles"]})
    return out


def dossier(store: Store, story: str) -> dict[str, Any]:
    """A story's dossier in the public JSON format (cached until its members or the code change)."""
    import datetime as dt

    data = story_dossier(store, story)
    return {"format": FORMAT, "generated": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"), **data}


def _story_of(store: Store, article_id: str) -> str | None:
    return store.story_of([article_id]).get(article_id)


def _mention_items(store: Store, article_id: str, d: dict[str, Any]) -> list[dict[str, Any]]:
    """The article's entity mentions, linked to the dossier's entities by name."""
    from ..analysis.pipeline import VERSION

    an = store.get_analyses([article_id], VERSION).get(article_id)
    if an is None:
        return []
    by_name: dict[str, dict[str, Any]] = {}
    for e in d.get("entities", []):
        if article_id in e.get("articles", []):
            for n in [e["name"], *e.get("aliases", [])]:
                by_name.setdefault(n.lower(), e)
    local = {le.key: le for le in an.entities}
    out = []
    for m in an.mentions:
        le = local.get(m.key)
        name = le.name if le else m.text
        e = by_name.get(name.lower()) or by_name.get(m.text.lower())
        out.append({"article": article_id, "start": m.start, "end": m.end, "name": e["name"] if e else name,
                    "type": e["type"] if e else m.label, "entity": e["id"] if e else None})
    return out


def article(store: Store, article_id: str, target: tuple[int, int] | None = None) -> dict[str, Any]:
    """One article: metadata with provenance, its story, and its clean text as HTML with every extracted
    item marked (and ``target``, the evidence a link points to)."""
    art = store.get_article(article_id)
    sid = _story_of(store, art.id)
    d = story_dossier(store, sid) if sid else {}
    entry = next((a for a in d.get("articles", []) if a["id"] == art.id), None) or article_entry(art)
    mentions = _mention_items(store, art.id, d) if d else []
    items = highlight.items_of({**d, "mentions": mentions}, art.id)
    counts = Counter(i.kind for i in items)
    return {"article": entry, "story": sid, "text": art.text, "locators": store.locators(art.id),
            "html": highlight.render(art.text, items, target), "counts": dict(counts),
            "entities": sorted({(m["entity"], m["name"], m["type"]) for m in mentions if m["entity"]},
                               key=lambda x: x[1]),
            "quotes": [q for q in d.get("quotes", []) if q.get("article") == art.id],
            "claims": [c for c in d.get("claims", []) if art.id in c.get("articles", [])]}


def parse_span(value: str | None) -> tuple[int, int] | None:
    """"120-245" -> (120, 245); None or '' -> None."""
    if not value:
        return None
    m = re.fullmatch(r"(\d{1,9})-(\d{1,9})", value.strip())
    if not m or int(m.group(1)) >= int(m.group(2)):
        raise InvalidRequest(f"bad span {value!r}", hint="give START-END character offsets, e.g. 120-245")
    return int(m.group(1)), int(m.group(2))


def entity(store: Store, entity_id: str) -> dict[str, Any]:
    """One person, state or organization across every story that mentions it: roles, name variants,
    quotes, positions, events and mentions over time."""
    rows = store.entity_stories(entity_id)
    if not rows:
        missing = store.stories_without_dossier()
        if missing:  # a store ingested before dossiers were built at ingest: complete the index once
            for sid in missing:
                story_dossier(store, sid)
            rows = store.entity_stories(entity_id)
    if not rows:
        raise NotFound(f"no entity {entity_id!r} in the store", subject=store.display,
                       hint="search for it with /search or 'parley entities'")
    merged: dict[str, Any] = {"id": entity_id, "name": rows[0]["name"], "type": rows[0]["type"], "aliases": [],
                              "variants": [], "roles": [], "affiliation": None, "articles": [], "mentions": 0,
                              "merges": [], "stories": [], "quotes": [], "positions": [], "events": [],
                              "timeline": []}
    for r in rows:
        try:
            d = story_dossier(store, r["story_id"])
        except NotFound:  # a story merged into another since: its entity rows go with it
            continue
        e = next((x for x in d.get("entities", []) if x["id"] == entity_id), None)
        if e is None:
            continue
        outlets = {a["id"]: (a.get("outlet") or "unknown", a["published"]["date"]) for a in d["articles"]}
        title = (d.get("stories") or [{}])[0].get("title")
        merged["stories"].append({"id": r["story_id"], "title": title, "mentions": e["mentions"]})
        for k in ("aliases", "merges"):
            merged[k] += [x for x in e.get(k, []) if x not in merged[k]]
        merged["variants"] += e.get("variants", [])
        merged["roles"] += [{**ro, "story": r["story_id"]} for ro in e.get("roles", [])]
        merged["affiliation"] = merged["affiliation"] or e.get("affiliation")
        merged["articles"] += [a for a in e["articles"] if a not in merged["articles"]]
        merged["mentions"] += e["mentions"]
        merged["quotes"] += [q for q in d.get("quotes", []) if q.get("speaker") == entity_id]
        merged["positions"] += [p for p in d.get("positions", []) if p["party"] == entity_id]
        merged["events"] += [ev for ev in d.get("events", [])
                             if entity_id in ev.get("actors", []) or entity_id in ev.get("targets", [])]
        texts = {a.id: a.text for a in store.iter_articles(e["articles"])}
        names = sorted({e["name"], *e.get("aliases", [])}, key=len, reverse=True)
        rx = re.compile(r"\b(?:" + "|".join(re.escape(n) for n in names) + r")\b") if names else None
        for aid in e["articles"]:
            outlet, date = outlets.get(aid, ("unknown", None))
            n = len(rx.findall(texts.get(aid, ""))) if rx else 0
            merged["timeline"].append({"article": aid, "date": date, "outlet": outlet, "mentions": n})
    return merged


def search(store: Store, query: str, limit: int = 20) -> dict[str, Any]:
    """Articles (full text) and entities (by name) matching ``query``. In article snippets the matched
    words sit between the characters of ``SNIPPET_MARKS``."""
    query = (query or "").strip()
    if not query:
        return {"query": query, "articles": [], "entities": []}
    if len(query) > 500:
        raise InvalidRequest("the query is longer than 500 characters", hint="search for fewer words")
    story = store.story_of()
    hits = [{**h, "story": story.get(h["id"])} for h in store.search(query, limit)]
    return {"query": query, "articles": hits, "entities": store.find_entities(query, limit)}


def plain_snippet(snippet: str) -> str:
    """A search snippet with its match marks as [brackets] (for terminals and JSON)."""
    return (snippet or "").replace(SNIPPET_MARKS[0], "[").replace(SNIPPET_MARKS[1], "]")


def quotes(store: Store, story: str, speaker: str | None = None) -> list[dict[str, Any]]:
    d = story_dossier(store, story)
    qs = d.get("quotes", [])
    if speaker:
        low = speaker.lower()
        qs = [q for q in qs if low in (q.get("speaker_name") or "").lower() or q.get("speaker") == speaker]
    return qs


def claims(store: Store, story: str, status: str | None = None) -> list[dict[str, Any]]:
    if status and status not in ("corroborated", "single-source", "contested"):
        raise InvalidRequest(f"unknown claim status {status!r}",
                             hint="use corroborated, single-source or contested")
    d = story_dossier(store, story)
    return [c for c in d.get("claims", []) if not status or c["status"] == status]


def negotiations(store: Store) -> list[dict[str, Any]]:
    """The negotiations of the store, one row each: id, title, parties, numbers of stories and articles,
    first and last date (by first date, then id)."""
    from ..reconcile.negotiation_dossier import rows

    return rows(store)


def negotiation(store: Store, negotiation_id: str, known: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """A negotiation's dossier in the public JSON format (kept until its members or the code change).
    ``known``: the negotiations as just brought up to date (``negotiation_dossier.entries``), if at hand."""
    import datetime as dt

    from ..dossier import negotiation_dossier

    data = negotiation_dossier(store, negotiation_id, known=known)
    return {"format": FORMAT, "generated": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"), **data}


def changes(store: Store, negotiation_id: str, since: str | None = None,
            known: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """What changed in a negotiation since its last brief (or the last brief before ``since``)."""
    from ..reconcile.negotiation_briefs import changes as of

    return of(store, negotiation_id, since, known)


def atom(store: Store, negotiation_id: str, base_url: str) -> str:
    """An Atom feed of a negotiation: one entry per brief, newest first, holding what changed since the
    brief before it, each change with its evidence (links to the cited sentences)."""
    from xml.sax.saxutils import escape

    from ..reconcile.negotiation_briefs import history
    from ..reconcile.negotiation_dossier import entries as section
    from ..reconcile.negotiation_dossier import entry

    known = section(store)
    n = entry(store, negotiation_id, known)
    page = f"{base_url}negotiations/{negotiation_id}"
    entries = history(store, negotiation_id, known=known)
    updated = entries[0]["created"] if entries else "1970-01-01T00:00:00+00:00"
    out = ['<?xml version="1.0" encoding="utf-8"?>', '<feed xmlns="http://www.w3.org/2005/Atom">',
           f"<title>{escape(n['title'])}: what changed</title>", f"<id>urn:parley:negotiation:{escape(n['id'])}</id>",
           f'<link rel="alternate" href="{escape(page)}"/>', f'<link rel="self" href="{escape(page)}/feed.atom"/>',
           f"<updated>{escape(updated)}</updated>", "<author><name>Parley</name></author>"]
    for e in entries:
        when = f"Since {e['since'][:10]}" if e["since"] else "First brief"
        items = []
        news = [c for c in e["changes"] if c["change"] != "revised"]  # found anew in older articles: not news
        for c in news:
            links = " ".join(f'<a href="{escape(base_url)}article/{escape(sp["article"])}?hl={sp["start"]}-{sp["end"]}#hl">'
                             f'{escape(sp["article"][:8])}:{sp["start"]}</a>' for sp in c["evidence"])
            was = f" (was: {escape(c['was'])})" if c.get("was") else ""
            items.append(f"<li>{escape(c['change'])} {escape(c['kind'])}: {escape(c['text'])}{was} {links}</li>")
        body = "<ul>" + "".join(items) + "</ul>" if items else "<p>Nothing new.</p>"
        if len(news) < len(e["changes"]):
            body += (f"<p>{len(e['changes']) - len(news)} item(s) found anew in articles of the brief before "
                     "(not news; listed on the page).</p>")
        out += ["<entry>", f"<title>{escape(when)}: {len(news)} change(s) in {escape(n['title'])}</title>",
                f"<id>urn:parley:negotiation:{escape(n['id'])}:brief:{e['brief']}</id>",
                f"<updated>{escape(e['created'])}</updated>", f'<link rel="alternate" href="{escape(page)}"/>',
                f'<content type="html">{escape(body)}</content>', "</entry>"]
    out.append("</feed>")
    return "\n".join(out) + "\n"

"""The dossier of one negotiation: the dossier of its articles (``assemble(store, ids=...)``), with a
``negotiation`` object (its entry of the ``negotiations`` section) and its stories, titled as their own
dossiers title them.

It is kept in the store (table ``negotiation_cache``) under its **version**: a fingerprint of the code
(``incremental.reconcile_version``), the negotiation's id, its stories and its articles. When an article
joins it or the code changes, the version changes and the dossier is made again on the next read; a page
rendered from it can be kept under the same version (``present/rendered.py``). Each version made is kept as
a brief (``negotiation_briefs.py``: what changed since the last brief).
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from sqlalchemy import delete, func, insert, select

from ..errors import NotFound
from ..store import schema
from ..store.db import Store

_SEEN: dict[str, tuple[str, list[dict[str, Any]]]] = {}  # store -> (its state's fingerprint, the section)
_SEEN_MAX = 16


def state(store: Store) -> str:
    """A fingerprint of what the negotiations section depends on: the code, the stories (ids, sizes, how many
    articles they hold, whether placement is pending) and the negotiation layer's rows (story, negotiation,
    placement order; a story placed again gets a new order). Read from narrow columns: cheap on any store."""
    from .incremental import reconcile_version

    S, SA, NS, M = schema.stories, schema.story_articles, schema.negotiation_stories, schema.meta
    h = hashlib.sha256(reconcile_version().encode())
    with store.reader() as conn:
        for row in conn.execute(select(M.c.key, M.c.value).where(M.c.key.in_(("negotiations_version",
                                                                               "stories_pending")))
                                .order_by(M.c.key)):
            h.update(f"m|{row[0]}|{row[1]}\n".encode())
        h.update(f"a|{conn.execute(select(func.count()).select_from(SA)).scalar_one()}\n".encode())
        for row in conn.execute(select(S.c.id, S.c.size).order_by(S.c.id)):
            h.update(f"s|{row[0]}|{row[1]}\n".encode())
        for row in conn.execute(select(NS.c.story_id, NS.c.negotiation_id, NS.c.seq).order_by(NS.c.story_id)):
            h.update(f"n|{row[0]}|{row[1]}|{row[2]}\n".encode())
    return h.hexdigest()


def entries(store: Store) -> list[dict[str, Any]]:
    """The negotiations of the store (the dossier's ``negotiations`` section), brought up to date, by first
    date then id. Pages read it on every request: while the store's ``state`` is unchanged, the section
    brought up to date last time in this process is the answer (bringing it up to date would change
    nothing); else it is brought up to date (``negotiation_store.negotiations``)."""
    from .negotiation_store import negotiations

    before = state(store)
    seen = _SEEN.get(store.display)
    if seen is not None and seen[0] == before:
        return seen[1]
    found = negotiations(store)
    if len(_SEEN) >= _SEEN_MAX:
        _SEEN.clear()
    _SEEN[store.display] = (state(store), found)  # the state after: what the next reader will see
    return found


def entry(store: Store, negotiation_id: str, known: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """One negotiation's entry of the section; ``NotFound`` (with how to list them) if there is none."""
    for n in known if known is not None else entries(store):
        if n["id"] == negotiation_id:
            return n
    raise NotFound(f"no negotiation {negotiation_id!r} in the store", subject=store.display,
                   hint="list them with 'parley negotiations' (or /api/negotiations)")


def version_of(n: dict[str, Any]) -> str:
    """The version of a negotiation's dossier: it changes with its stories, its articles and the code."""
    from .incremental import reconcile_version

    parts = [reconcile_version(), n["id"], *sorted(n["stories"]), "|", *sorted(n["articles"])]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:32]


def negotiation_version(store: Store, negotiation_id: str) -> str:
    return version_of(entry(store, negotiation_id))


def _cached(store: Store, negotiation_id: str) -> tuple[str, dict[str, Any]] | None:
    C = schema.negotiation_cache
    with store.reader() as conn:
        row = conn.execute(select(C.c.version, C.c.data).where(C.c.negotiation_id == negotiation_id)).first()
    return (row[0], json.loads(row[1])) if row else None


def _put(store: Store, negotiation_id: str, version: str, data: dict[str, Any]) -> None:
    C = schema.negotiation_cache
    blob = json.dumps(data, ensure_ascii=False)
    with store.writer() as conn:
        conn.execute(delete(C).where(C.c.negotiation_id == negotiation_id))
        conn.execute(insert(C).values(negotiation_id=negotiation_id, version=version, data=blob))


def build(store: Store, n: dict[str, Any]) -> dict[str, Any]:
    """The dossier data of negotiation ``n`` (an entry of the section), made anew."""
    from .assemble import assemble
    from .incremental import story_dossier
    from .titles import distinct

    data = assemble(store, ids=list(n["articles"]))
    titles = {}
    for sid in n["stories"]:  # a story's title as its own dossier gives it (it names its event)
        own = (story_dossier(store, sid).get("stories") or [{}])[0]
        titles[sid] = own.get("title")
    stories = [{**s, "title": titles.get(s["id"]) or s["title"]} for s in data.get("stories", [])]
    data["stories"] = distinct(sorted(stories, key=lambda s: (s.get("first_date") or "", s["id"])))
    own = next((x for x in data.get("negotiations", []) if x["id"] == n["id"]), {})
    data["negotiation"] = {**n, "sides": own.get("sides", []), "mediators": own.get("mediators", []),
                           "version": version_of(n)}
    return data


def negotiation_dossier(store: Store, negotiation_id: str, *, refresh: bool = False,
                        known: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """The dossier data of one negotiation, from the store's cache when its version is unchanged; else made
    (only its articles are read) and kept. ``NotFound`` for an unknown id. ``known``: the section, if the
    caller has just brought it up to date (``entries``)."""
    from .negotiation_briefs import keep

    n = entry(store, negotiation_id, known)
    version = version_of(n)
    hit = None if refresh else _cached(store, negotiation_id)
    if hit is not None and hit[0] == version:
        data = hit[1]
    else:
        data = build(store, n)
        _put(store, negotiation_id, version, data)
    keep(store, negotiation_id, version, data)  # each version made is a brief, kept (negotiation_briefs.py)
    return data


def rows(store: Store) -> list[dict[str, Any]]:
    """One row per negotiation for a table: id, title, parties, counts of stories and articles, dates."""
    return [{"id": n["id"], "title": n["title"], "parties": n["parties"], "stories": len(n["stories"]),
             "articles": len(n["articles"]), "first_date": n["first_date"], "last_date": n["last_date"]}
            for n in entries(store)]


__all__ = ["entries", "entry", "negotiation_dossier", "negotiation_version", "rows", "version_of"]

"""The negotiation layer over the store: the stored twin of ``negotiations.Grouper``, as ``story_store`` is of
the story clusterer.

Table ``negotiation_stories``: a row per story, with its negotiation, its placement order and what the layer
keeps of it (``StoryView`` as JSON). ``sync`` brings the layer up to date after stories changed: a story
that vanished (merged into another) is taken out, a new story or one whose members changed is placed again
(in date order), and only the rows that changed are written. Placing a story compares it with at most
``negotiations.CANDIDATES`` negotiations, so the decisions cost the same whatever the size of the store; the
views come from the stories' cached dossiers (``incremental.story_dossier``), which ingestion keeps fresh. A
layer made by other code (``meta.negotiations_version``) is made anew, every story placed in date order.
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import delete, insert, select, update

from ..store import schema
from ..store.db import Store
from .negotiations import Grouper, Negotiation, StoryView, view_of

VERSION_KEY = "negotiations_version"  # the meta row naming the code that made the layer


def _load(store: Store) -> tuple[Grouper, dict[str, tuple[str, int, str]]]:
    T = schema.negotiation_stories
    with store.reader() as conn:
        rows = conn.execute(select(T.c.story_id, T.c.negotiation_id, T.c.seq, T.c.view).order_by(T.c.seq)).all()
    placed = [(r[1], StoryView.from_data(json.loads(r[3]))) for r in rows]
    return Grouper.restore(placed), {r[0]: (r[1], r[2], r[3]) for r in rows}


def sync(store: Store, story_ids: list[str] | None = None) -> list[str]:
    """Place the given stories again (default: none) and every story the layer does not hold or holds with
    other members; take out stories that no longer exist. Returns the ids of the negotiations that changed."""
    from .incremental import reconcile_version, story_dossier

    store.assign_stories()
    stories = {s["id"]: s for s in store.stories()}
    M = schema.meta
    with store.reader() as conn:
        made_by = conn.execute(select(M.c.value).where(M.c.key == VERSION_KEY)).scalar()
    if made_by != reconcile_version():  # made by other code: the layer is made anew, every story in date order
        with store.writer() as conn:
            conn.execute(delete(schema.negotiation_stories))
            conn.execute(delete(M).where(M.c.key == VERSION_KEY))
            conn.execute(insert(M).values(key=VERSION_KEY, value=reconcile_version()))
    grouper, stored = _load(store)
    before = grouper.placements()
    for sid in sorted(set(before) - set(stories)):
        grouper.remove(sid)
    todo = set(story_ids or []) & set(stories)
    for sid, s in stories.items():
        v = grouper.view(sid)
        if v is None or sorted(v.articles) != sorted(s["articles"]):
            todo.add(sid)
    views = [view_of(stories[sid], story_dossier(store, sid)) for sid in sorted(todo)]
    for v in sorted(views, key=lambda v: (v.first_date or "", v.id)):
        grouper.add(v)
    after = grouper.placements()
    changed = sorted({before[s] for s in before if after.get(s) != before[s]} |
                     {after[s] for s in after if before.get(s) != after[s]} |
                     {after[v.id] for v in views})
    T = schema.negotiation_stories
    seq = max((r[1] for r in stored.values()), default=0)
    with store.writer() as conn:
        gone = sorted(set(stored) - set(after))
        for i in range(0, len(gone), 500):
            conn.execute(delete(T).where(T.c.story_id.in_(gone[i:i + 500])))
        placed = {v.id for v in views}
        for sid in sorted(after, key=lambda s: (s not in placed, s)):
            view = grouper.view(sid)
            assert view is not None
            blob = json.dumps(view.data(), ensure_ascii=False, sort_keys=True)
            old = stored.get(sid)
            if old is None:
                seq += 1
                conn.execute(insert(T).values(story_id=sid, negotiation_id=after[sid], seq=seq, view=blob))
            elif sid in placed:  # placed again: it moves to the end of the placement order
                seq += 1
                conn.execute(update(T).where(T.c.story_id == sid)
                             .values(negotiation_id=after[sid], seq=seq, view=blob))
            elif old[0] != after[sid]:
                conn.execute(update(T).where(T.c.story_id == sid).values(negotiation_id=after[sid]))
    return changed


def grouped(store: Store) -> list[Negotiation]:
    """The negotiations as stored (``sync`` first for an up-to-date answer), by first date then id."""
    return _load(store)[0].negotiations()


def negotiations(store: Store) -> list[dict[str, Any]]:
    """The dossier's ``negotiations`` section for the whole store, brought up to date."""
    sync(store)
    return [n.as_dict() for n in grouped(store)]


def negotiation_of_articles(store: Store) -> dict[str, str]:
    """Article id -> negotiation id, as stored."""
    return {a: n.id for n in grouped(store) for a in n.articles}


__all__ = ["grouped", "negotiation_of_articles", "negotiations", "sync"]

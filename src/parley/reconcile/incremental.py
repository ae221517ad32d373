"""The incremental reconcile: what ingestion triggers once new articles are analysed.

``update`` is the one step ingestion calls: place the new articles in their stories (the story layer,
``story_store``) and rebuild the cached dossier of only the stories they joined. Ingestion imports this
module, never ``parley.dossier``; ``parley.dossier`` re-exports ``story_dossier`` and ``refresh_stories``.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from ..store.db import Store


@cache
def reconcile_version() -> str:
    """A fingerprint of everything a dossier depends on: the analysis version and the reconcile code and
    data. A cached story dossier made by other code is never served."""
    import hashlib
    from pathlib import Path

    from ..analysis.pipeline import VERSION

    h = hashlib.sha256(VERSION.encode())
    here = Path(__file__).parent
    for f in sorted(here.glob("*.py")):
        h.update(f.name.encode())
        h.update(f.read_bytes())
    h.update((here.parent / "dossier.py").read_bytes())
    return h.hexdigest()[:16]


def _members_key(store: Store, story_id: str, members: list[str]) -> str:
    import hashlib

    return hashlib.sha256("|".join([reconcile_version(), story_id, *members]).encode()).hexdigest()[:32]


def story_version(store: Store, story_id: str) -> str:
    """The version of a story's dossier: it changes whenever the story's members or the code change (what
    rendered pages are kept under; ``present/rendered.py``)."""
    store.assign_stories()
    return _members_key(store, story_id, store.story(story_id)["articles"])


def story_dossier(store: Store, story_id: str, *, refresh: bool = False) -> dict[str, Any]:
    """The dossier data of one story, from the store's cache when its members and the code are unchanged;
    else built (only that story's articles are read) and cached."""
    from .assemble import assemble

    store.assign_stories()
    info = store.story(story_id)
    key = _members_key(store, story_id, info["articles"])
    if not refresh:
        hit = store.cached_dossier(story_id)
        if hit is not None and hit[0] == key:
            return hit[1]
    data = assemble(store, story=story_id, info=info)
    store.put_dossier(story_id, key, reconcile_version(), data)
    return data


def refresh_stories(store: Store, story_ids: list[str] | None = None) -> int:
    """Bring the cached dossiers of these stories (default: every story whose members changed) up to date;
    returns how many were rebuilt. Adding articles touches only their stories."""
    store.assign_stories()
    done = 0
    for sid in story_ids if story_ids is not None else [s["id"] for s in store.stories()]:
        info = store.story(sid)
        hit = store.cached_dossier(sid)
        if hit is None or hit[0] != _members_key(store, sid, info["articles"]):
            story_dossier(store, sid, refresh=True)
            done += 1
    return done


def update(store: Store, article_ids: list[str], progress: Any = None) -> int:
    """Place these (newly analysed) articles in their stories and rebuild the dossiers of the stories they
    joined; returns how many dossiers were rebuilt. The work is bounded by those stories, not the corpus."""
    store.assign_stories()
    touched = sorted(set(store.story_of(list(article_ids)).values()))
    if not touched:
        return 0
    if progress:
        progress("dossiers", 0, len(touched))
    done = refresh_stories(store, touched)
    from .negotiation_store import sync

    sync(store, touched)  # and place the stories they changed in their negotiations
    return done

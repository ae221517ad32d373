"""The dossier: Parley's public JSON contract (``parley.dossier/1``), and the
object notebooks get back from ``parley.dossier(...)``."""

from __future__ import annotations

import datetime as dt
import json
import os
import tempfile
from dataclasses import dataclass
from functools import cache
from typing import Any

from .errors import ConfigError
from .lexicon import load
from .model import Article

# the story-dossier cache and the incremental step live in reconcile (ingestion calls them without
# importing this module); re-exported here for the public API
from .reconcile.incremental import reconcile_version, refresh_stories, story_dossier, story_version  # noqa: F401
from .reconcile.negotiation_dossier import negotiation_dossier, negotiation_version  # noqa: F401
from .store.db import Store

FORMAT = "parley.dossier/1"
FORMATS = ("json", "md", "html")


def article_entry(art: Article, published: dict[str, Any] | None = None) -> dict[str, Any]:
    pub = published or {
        "date": art.published.date,
        "source": art.published.source,
        "conflicts": [{"date": c.date, "source": c.source, "text": c.text, "note": c.note}
                      for c in art.published.conflicts],
        "estimated": art.published.estimated,
        "basis": art.published.basis,
    }
    return {
        "id": art.id,
        "path": art.path,
        "url": art.url,
        "outlet": art.outlet,
        "outlet_source": art.outlet_source,
        "agencies": art.agencies,
        "title": art.title,
        "authors": art.authors,
        "editors": art.editors,
        "published": pub,
        "dateline": ({"place": art.dateline.place, "date": art.dateline.date, "credit": art.dateline.credit,
                      "text": art.dateline.text} if art.dateline else None),
        "kind": art.kind,
        "kind_cues": art.kind_cues,
        "duplicate_of": art.duplicate_of,
        "removed": [{"text": r.text, "reason": r.reason, "line": r.line} for r in art.removed],
        "chars": len(art.text),
        "seq": art.seq,
        "text": art.text,
    }


@dataclass
class Dossier:
    """A dossier. ``data`` is the JSON object; the methods render it."""

    data: dict[str, Any]

    def __getitem__(self, key: str) -> Any:
        return self.data[key]

    def get(self, key: str, default: Any = None) -> Any:
        return self.data.get(key, default)

    def to_dict(self) -> dict[str, Any]:
        return self.data

    def to_json(self, indent: int | None = 2) -> str:
        return json.dumps(self.data, ensure_ascii=False, indent=indent)

    def to_markdown(self) -> str:
        from .present.markdown import render

        return render(self.data)

    def to_html(self) -> str:
        from .present.html import render

        return render(self.data)

    def render(self, fmt: str) -> str:
        if fmt == "json":
            return self.to_json()
        if fmt == "md":
            return self.to_markdown()
        if fmt == "html":
            return self.to_html()
        raise ConfigError(f"unknown format {fmt!r}", hint=f"use one of {', '.join(FORMATS)}")

    def save(self, path: str, fmt: str | None = None) -> str:
        fmt = fmt or (os.path.splitext(path)[1].lstrip(".").replace("markdown", "md") or "json")
        with open(path, "w", encoding="utf-8") as fh:
            fh.write(self.render(fmt))
        return path


@cache
def schema() -> dict[str, Any]:
    return load("dossier.schema.json")


def validate(data: dict[str, Any]) -> None:
    """Raise ``jsonschema.ValidationError`` if ``data`` breaks the published schema."""
    import jsonschema

    jsonschema.validate(data, schema())


def _stamp(data: dict[str, Any]) -> Dossier:
    return Dossier({"format": FORMAT, "generated": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"), **data})


def build(store: Store, *, story: str | None = None, ids: list[str] | None = None,
          negotiation: str | None = None) -> Dossier:
    """The dossier of a story (cached), of a negotiation (cached), of the given articles, or of the whole
    store."""
    from .reconcile.assemble import assemble

    if negotiation is not None:
        return _stamp(negotiation_dossier(store, negotiation))
    if story is not None and ids is None:
        return _stamp(story_dossier(store, story))
    return _stamp(assemble(store, story=story, ids=ids))


def dossier(sources: list[str] | str | None = None, *, db: str | Store | None = None, story: str | None = None,
            negotiation: str | None = None, fetch: bool = False, allow_private: bool = False) -> Dossier:
    """The dossier of ``sources`` (files, folders, globs, read into a temporary store) or of a store ``db``.

    >>> d = parley.dossier("examples/corpus")          # doctest: +SKIP
    >>> d["articles"][0]["published"]["date"]          # doctest: +SKIP
    """
    from .ingestion.run import ingest

    if sources:
        srcs = [sources] if isinstance(sources, str) else list(sources)
        with tempfile.TemporaryDirectory(prefix="parley-") as tmp:
            st = Store(os.path.join(tmp, "dossier.db"))
            try:
                ingest(srcs, st, fetch=fetch, allow_private=allow_private)
                return build(st, story=story, negotiation=negotiation)
            finally:
                st.close()
    st = db if isinstance(db, Store) else Store(db)
    try:
        return build(st, story=story, negotiation=negotiation)
    finally:
        if not isinstance(db, Store):
            st.close()

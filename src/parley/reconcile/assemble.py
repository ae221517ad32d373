"""Assemble the dossier's sections from the store."""

from __future__ import annotations

from typing import Any

from ..store.db import Store


def assemble(store: Store, *, story: str | None = None, ids: list[str] | None = None) -> dict[str, Any]:
    from ..dossier import article_entry

    arts = list(store.iter_articles(ids))
    return {"articles": [article_entry(a) for a in arts]}

"""Run the analysis over what the store lacks, serially or on Dask; one writer stores results."""

from __future__ import annotations

from collections.abc import Callable

from ..store.db import Store
from .pipeline import VERSION, analyze_many

CHUNK = 32


def analyze_store(store: Store, *, workers: int | None = None, scheduler: str | None = None,
                  progress: Callable[[str, int, int | None], None] | None = None) -> tuple[int, list[tuple[str, str]]]:
    """Analyse every article without a current analysis. Returns (done, [(id, error)])."""
    from .. import config

    todo = store.missing_analyses(VERSION)
    if not todo:
        return 0, []
    n_workers = config.get_int("workers", workers)
    if scheduler or n_workers > 0:
        from ..scale.dask_runner import analyze_on_dask

        return analyze_on_dask(store, todo, workers=n_workers, scheduler=scheduler, progress=progress)
    done, failed = 0, []
    for i in range(0, len(todo), CHUNK):
        arts = list(store.iter_articles(todo[i:i + CHUNK]))
        results = list(analyze_many(arts))
        store.put_analyses([r for r in results if r.error is None])
        for r in results:
            if r.error:
                failed.append((r.article_id, r.error))
            else:
                done += 1
        if progress:
            progress("analyse", min(i + CHUNK, len(todo)), len(todo))
    return done, failed

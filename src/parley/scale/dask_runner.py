"""The per-article analysis on a Dask cluster: a local one (``--workers N``: N worker processes, one thread
each) or an existing one (``--scheduler tcp://HOST:PORT``).

Analysis is a pure function, so articles are cut into small partitions (``CHUNK``) mapped over the
workers; at most a few partitions per worker are in flight, so memory stays flat however large the store.
Results come back to this process, the one writer, which stores them as they arrive. A partition whose
worker dies is retried once, then reported as failed; the batch goes on. Workers load the spaCy model
once each (from the installed packages) and keep it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from ..errors import ConfigError
from ..model import Article
from ..store.db import Store

CHUNK = 4  # articles per task: small, so the last tasks leave no worker idle for long
# the worker's sampling profiler and GIL monitor take the GIL every few milliseconds from a CPU-bound parse:
# off for Parley's own workers (an existing cluster is configured by whoever runs it)
WORKER_CONFIG = {"distributed.worker.profile.enabled": False, "distributed.admin.system-monitor.gil.enabled": False}
IN_FLIGHT = 4  # tasks queued per worker


def analyze_chunk(articles: list[Article]) -> list[tuple[str, str, str | None, str | None]]:
    """What a worker runs: the same function as the serial path. It also serializes the results, so the
    one writer only stores them: (article id, version, JSON or None, error or None)."""
    import json

    from ..analysis.pipeline import analyze_many
    from ..model import to_dict

    return [(r.article_id, r.version, None if r.error else json.dumps(to_dict(r), ensure_ascii=False), r.error)
            for r in analyze_many(articles)]


def _client(workers: int, scheduler: str | None) -> tuple[Any, Any]:
    try:
        import dask
        from dask.distributed import Client, LocalCluster
    except ImportError as exc:  # pragma: no cover - installed by make setup
        raise ConfigError(f"dask.distributed is not installed ({exc.name})", hint="run 'make setup'") from None
    if scheduler:
        try:
            return Client(scheduler, timeout="20s"), None
        except (OSError, TimeoutError) as exc:
            raise ConfigError(f"cannot reach the Dask scheduler ({exc.__class__.__name__})", subject=scheduler,
                              hint="check the address, or use --workers N for a local cluster") from None
    if workers < 1:
        raise ConfigError(f"--workers must be 1 or more, not {workers}", hint="e.g. --workers 2")
    with dask.config.set(WORKER_CONFIG):
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None,
                               silence_logs=40)
    return Client(cluster), cluster


def _chunks(store: Store, todo: list[str]) -> Iterator[list[Article]]:
    for i in range(0, len(todo), CHUNK):
        yield list(store.iter_articles(todo[i:i + CHUNK]))


def analyze_on_dask(store: Store, todo: list[str], *, workers: int = 2, scheduler: str | None = None,
                    progress: Callable[[str, int, int | None], None] | None = None) -> tuple[int, list[tuple[str, str]]]:
    """Analyse the articles ``todo`` on Dask; store results here. Returns (done, [(id, error)])."""
    from dask.distributed import as_completed

    client, cluster = _client(workers, scheduler)
    done, failed = 0, []
    try:
        n_workers = max(1, len(client.scheduler_info().get("workers", {})) or workers or 1)
        chunks = _chunks(store, todo)
        pending = as_completed()
        jobs: dict[Any, tuple[list[Article], int]] = {}

        def submit(arts: list[Article], attempt: int = 0) -> None:
            fut = client.submit(analyze_chunk, arts, pure=False, retries=0)
            jobs[fut] = (arts, attempt)
            pending.add(fut)

        for _ in range(n_workers * IN_FLIGHT):
            arts = next(chunks, None)
            if arts is None:
                break
            submit(arts)
        for fut in pending:
            arts, attempt = jobs.pop(fut)
            try:
                results = fut.result()
            except Exception as exc:  # noqa: BLE001 - a worker died or failed: retry once, then report
                if attempt == 0:
                    submit(arts, 1)
                    continue
                failed += [(a.id, f"{exc.__class__.__name__}: {exc} (on a Dask worker)") for a in arts]
                results = []
            store.put_analysis_rows([(aid, version, data) for aid, version, data, error in results if not error])
            for aid, _version, _data, error in results:
                if error:
                    failed.append((aid, error))
                else:
                    done += 1
            if progress:
                progress("analyse", done + len(failed), len(todo))
            nxt = next(chunks, None)
            if nxt is not None:
                submit(nxt)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    return done, failed

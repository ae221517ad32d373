"""``ingest``: sources in, articles stored (and analysed), one report out."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from .. import config
from ..errors import InputError
from ..store.db import AddResult, Store
from .build import build_article
from .readers import expand, read_source

BATCH = 64

Progress = Callable[[str, int, int | None], None]


@dataclass
class Skipped:
    locator: str
    code: str
    message: str
    hint: str

    def line(self) -> str:
        return f"{self.locator}: {self.message}" + (f" — {self.hint}" if self.hint else "")


@dataclass
class IngestReport:
    added: list[AddResult] = field(default_factory=list)  # new, duplicate, near-duplicate
    existing: list[AddResult] = field(default_factory=list)  # already in the store: nothing written
    skipped: list[Skipped] = field(default_factory=list)
    analyzed: int = 0
    analysis_failed: list[tuple[str, str]] = field(default_factory=list)
    dossiers: int = 0  # story dossiers rebuilt (the stories the new articles joined)
    store: str = ""

    @property
    def ok(self) -> bool:
        return not self.skipped and not self.analysis_failed

    def summary(self) -> str:
        dups = sum(1 for a in self.added if a.status != "new")
        parts = [f"{len(self.added)} ingested"]
        if dups:
            parts.append(f"{dups} of them linked as duplicates")
        if self.existing:
            parts.append(f"{len(self.existing)} already stored")
        parts.append(f"{len(self.skipped)} skipped")
        if self.analyzed or self.analysis_failed:
            parts.append(f"{self.analyzed} analysed" + (f", {len(self.analysis_failed)} failed"
                                                          if self.analysis_failed else ""))
        if self.dossiers:
            parts.append(f"{self.dossiers} story dossier{'s' if self.dossiers != 1 else ''} updated")
        return ", ".join(parts)


def _skip(err: InputError) -> Skipped:
    return Skipped(err.subject or "?", err.code, err.message, err.hint)


def _unexpected(locator: str, exc: BaseException) -> Skipped:
    """A failure no reader rule foresaw: still one line, and the batch goes on."""
    detail = " ".join(str(exc).split())[:160]
    return Skipped(locator, "E100", f"could not be read: unexpected {exc.__class__.__name__} ({detail})",
                   "please report this input as a Parley bug")


def ingest(sources: list[str], store: Store | str | None = None, *, fetch: bool = False,
           allow_private: bool = False, max_bytes: int | None = None, analyze: bool = True,
           workers: int | None = None, scheduler: str | None = None,
           progress: Progress | None = None) -> IngestReport:
    """Read ``sources`` (files, directories, globs, ``-``, URLs with ``fetch``) into ``store``.

    One bad input never stops the batch: it is reported in ``report.skipped``.
    Each batch of articles is written in one transaction.
    """
    own = not isinstance(store, Store)
    st = store if isinstance(store, Store) else Store(store)
    report = IngestReport(store=st.display)
    limit = config.get_int("max_bytes", max_bytes)
    timeout = config.get_float("fetch_timeout")
    fetch_limit = config.get_int("fetch_max_bytes")
    batch: list = []
    seen = 0

    def flush() -> None:
        if not batch:
            return
        for res in st.add_articles(batch):
            (report.existing if res.status == "exists" else report.added).append(res)
        batch.clear()

    try:
        for src in expand(sources):
            if isinstance(src, InputError):
                report.skipped.append(_skip(src))
                continue
            items = read_source(src, limit=limit, fetch=fetch, allow_private=allow_private, timeout=timeout,
                                fetch_limit=fetch_limit)
            while True:
                try:
                    item = next(items, None)
                except Exception as exc:  # noqa: BLE001 - a reader bug must not stop the batch
                    report.skipped.append(_unexpected(src, exc))
                    break
                if item is None:
                    break
                if isinstance(item, InputError):
                    report.skipped.append(_skip(item))
                    continue
                try:
                    art, sig = build_article(item)
                except InputError as err:
                    report.skipped.append(_skip(err))
                    continue
                except RecursionError:
                    report.skipped.append(Skipped(item.locator, "E104", "is nested too deeply to read",
                                                  "simplify the document"))
                    continue
                except Exception as exc:  # noqa: BLE001 - as above: one line, and the batch goes on
                    report.skipped.append(_unexpected(item.locator, exc))
                    continue
                batch.append((art, sig, item.locator))
                seen += 1
                if progress:
                    progress("read", seen, None)
                if len(batch) >= BATCH:
                    flush()
        flush()
        if analyze:
            from ..analysis.runner import analyze_store
            from ..reconcile.incremental import update

            done, failed = analyze_store(st, workers=workers, scheduler=scheduler, progress=progress)
            report.analyzed, report.analysis_failed = done, failed
            # the incremental reconcile: only the stories these articles joined get their dossier rebuilt
            report.dossiers = update(st, [a.article_id for a in report.added], progress)
    finally:
        if own:
            st.close()
    return report

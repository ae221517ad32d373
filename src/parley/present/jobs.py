"""Ingest jobs started from the browser or the API: files saved to a private folder, ingested in a
background thread (one at a time: the store has one writer), with progress to poll."""

from __future__ import annotations

import shutil
import tempfile
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import NotFound, TooLarge
from ..store.db import Store


@dataclass
class Job:
    id: str
    files: list[str]
    status: str = "queued"  # queued | running | done | failed
    stage: str = ""
    done: int = 0
    total: int | None = None
    summary: str = ""
    skipped: list[dict[str, str]] = field(default_factory=list)
    articles: list[str] = field(default_factory=list)
    stories: list[str] = field(default_factory=list)
    error: str = ""
    started: float = field(default_factory=time.time)
    finished: float | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "status": self.status, "stage": self.stage, "done": self.done, "total": self.total,
                "files": self.files, "summary": self.summary, "skipped": self.skipped, "articles": self.articles,
                "stories": self.stories, "error": self.error,
                "seconds": round((self.finished or time.time()) - self.started, 2)}


class Jobs:
    def __init__(self, store: Store, max_bytes: int) -> None:
        self.store = store
        self.max_bytes = max_bytes
        self.jobs: dict[str, Job] = {}
        self.pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="parley-ingest")
        self.lock = threading.Lock()

    def save(self, uploads: list[tuple[str, Any]]) -> tuple[Path, list[str]]:
        """Write uploaded files (name, file object) to a new private folder, refusing more than
        ``max_bytes`` in all. Names are reduced to their last part, so nothing is written outside."""
        folder = Path(tempfile.mkdtemp(prefix="parley-upload-"))
        total, names = 0, []
        try:
            for i, (name, fh) in enumerate(uploads):
                safe = Path(name or f"upload-{i}").name.lstrip(".") or f"upload-{i}"
                target = folder / f"{i:03d}-{safe}"[:200]
                with open(target, "wb") as out:
                    while chunk := fh.read(1 << 20):
                        total += len(chunk)
                        if total > self.max_bytes:
                            raise TooLarge(f"the upload is larger than the {self.max_bytes:,}-byte limit",
                                           subject=safe, hint="upload fewer files at a time, or raise "
                                                               "PARLEY_UPLOAD_MAX_BYTES")
                        out.write(chunk)
                names.append(safe)
        except BaseException:
            shutil.rmtree(folder, ignore_errors=True)
            raise
        return folder, names

    def start(self, folder: Path, names: list[str]) -> Job:
        job = Job(uuid.uuid4().hex[:12], names)
        with self.lock:
            self.jobs[job.id] = job
        self.pool.submit(self._run, job, folder)
        return job

    def get(self, job_id: str) -> Job:
        job = self.jobs.get(job_id)
        if job is None:
            raise NotFound(f"no ingest job {job_id!r}", hint="jobs are kept until the server restarts")
        return job

    def _run(self, job: Job, folder: Path) -> None:
        from ..ingestion.run import ingest

        job.status = "running"

        def progress(stage: str, done: int, total: int | None) -> None:
            job.stage, job.done, job.total = stage, done, total

        try:
            report = ingest([str(folder)], self.store, progress=progress)
            job.articles = [a.article_id for a in report.added] + [a.article_id for a in report.existing]
            job.skipped = [{"input": s.locator.replace(str(folder) + "/", ""), "code": s.code, "message": s.message,
                            "hint": s.hint} for s in report.skipped]
            job.summary = report.summary()  # ingest rebuilt the dossiers of the stories it touched
            job.stories = sorted(set(self.store.story_of(job.articles).values()))
            job.status = "done"
        except Exception as exc:  # noqa: BLE001 - the job reports it; the server goes on
            job.status, job.error = "failed", f"{exc.__class__.__name__}: {exc}"
        finally:
            job.finished = time.time()
            shutil.rmtree(folder, ignore_errors=True)

    def wait(self, job: Job, timeout: float = 600.0) -> Job:
        end = time.time() + timeout
        while job.status in ("queued", "running") and time.time() < end:
            time.sleep(0.05)
        return job

    def close(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=False)

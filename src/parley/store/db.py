"""The store: SQLite by default (WAL, one writer), PostgreSQL by URL.

Every write goes through :meth:`Store.writer`, one transaction that holds the
write lock (``BEGIN IMMEDIATE`` on SQLite, an advisory lock on PostgreSQL), so
concurrent ingests queue up instead of failing, a crash leaves no partial
batch, and readers keep reading meanwhile.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event, func, insert, select, text
from sqlalchemy.exc import DBAPIError, OperationalError

from .. import config
from ..errors import NotFound, StoreError
from ..ingestion import dedup
from ..model import Analysis, Article, from_dict, to_dict
from . import migrations, schema

PG_WRITER_LOCK = 7_391_004
SNIPPET_MARKS = ("\x02", "\x03")  # around the matched words of a search snippet


def now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def resolve_url(db: str | None) -> str:
    """A SQLAlchemy URL from a path, a sqlite:/// URL or a postgresql:// URL."""
    raw = config.get("db", db)
    if raw.startswith(("postgresql://", "postgres://")):
        return "postgresql+psycopg://" + raw.split("://", 1)[1]
    if "://" in raw:
        return raw
    return "sqlite:///" + os.path.abspath(os.path.expanduser(raw))


@dataclass
class AddResult:
    article_id: str
    locator: str
    status: str  # new | exists | duplicate | near-duplicate
    duplicate_of: str | None = None
    similarity: float | None = None


class Store:
    """One database. Open with ``Store(db)``; ``db`` is a path or URL (default ``PARLEY_DB`` or ./parley.db)."""

    def __init__(self, db: str | None = None, *, migrate: bool = True) -> None:
        self.url = resolve_url(db)
        self.engine = self._engine(self.url)
        self.dialect = self.engine.dialect.name
        if migrate:
            try:
                with self.writer() as conn:
                    migrations.migrate(conn)
            except OperationalError as exc:
                raise StoreError(f"cannot open the store ({str(exc.orig).splitlines()[0]})",
                                 subject=self.display, hint="check the path or URL and its permissions") from None

    @property
    def display(self) -> str:
        return self.url.replace("sqlite:///", "") if self.dialect == "sqlite" else self.engine.url.render_as_string()

    @staticmethod
    def _engine(url: str) -> Engine:
        if url.startswith("sqlite"):
            path = url.replace("sqlite:///", "", 1)
            if path and path != ":memory:":
                parent = os.path.dirname(path) or "."
                if not os.path.isdir(parent):
                    raise StoreError("the folder for the store does not exist", subject=path,
                                     hint="create the folder or pass another --db")
            engine = create_engine(url, connect_args={"timeout": 60})

            @event.listens_for(engine, "connect")
            def _on_connect(dbapi_conn: Any, _rec: Any) -> None:
                dbapi_conn.isolation_level = None  # transactions are begun explicitly below
                cur = dbapi_conn.cursor()
                cur.execute("PRAGMA journal_mode=WAL")
                cur.execute("PRAGMA busy_timeout=60000")
                cur.execute("PRAGMA synchronous=NORMAL")
                cur.execute("PRAGMA foreign_keys=ON")
                cur.close()

            @event.listens_for(engine, "begin")
            def _on_begin(conn: Connection) -> None:
                mode = conn.get_execution_options().get("sqlite_begin", "DEFERRED")
                conn.exec_driver_sql(f"BEGIN {mode}")

            return engine
        try:
            return create_engine(url, pool_pre_ping=True)
        except Exception as exc:  # noqa: BLE001 - bad URL or missing driver: say so in one line
            raise StoreError(f"cannot use {url!r} ({exc})", hint="use a file path or a postgresql:// URL") from None

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------------ transactions

    @contextmanager
    def writer(self) -> Iterator[Connection]:
        """The one write transaction: commits on success, rolls back on any error."""
        try:
            with self.engine.connect() as conn:
                if self.dialect == "sqlite":
                    conn = conn.execution_options(sqlite_begin="IMMEDIATE")
                with conn.begin():
                    if self.dialect == "postgresql":
                        conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": PG_WRITER_LOCK})
                    yield conn
        except DBAPIError as exc:
            if isinstance(exc, OperationalError) and "locked" in str(exc.orig):
                raise StoreError("the store stayed locked by another writer", subject=self.display,
                                 hint="wait for the other ingest to finish and retry") from None
            raise

    @contextmanager
    def reader(self) -> Iterator[Connection]:
        with self.engine.connect() as conn:
            yield conn

    # ------------------------------------------------------------------ articles

    def add_articles(self, items: list[tuple[Article, bytes, str]]) -> list[AddResult]:
        """Store a batch in one transaction. Items are (article, minhash bytes, locator).

        Already stored ids are not stored again (their locator is recorded); exact
        and near duplicates of stored articles are stored and linked by ``duplicate_of``.
        """
        results: list[AddResult] = []
        stamp = now()
        A = schema.articles
        from ..reconcile.story_store import open_clusterer

        with self.writer() as conn:
            stories = open_clusterer(conn)
            for art, sig_bytes, locator in items:
                if conn.execute(select(A.c.seq).where(A.c.id == art.id)).first():
                    self._add_locator(conn, art.id, locator, stamp)
                    results.append(AddResult(art.id, locator, "exists"))
                    continue
                status, dup, sim = "new", None, None
                row = conn.execute(select(A.c.id).where(A.c.content_hash == art.content_hash)
                                   .order_by(A.c.seq).limit(1)).first()
                if row:
                    status, dup, sim = "duplicate", row[0], 1.0
                sig = dedup.from_bytes(sig_bytes)
                keys = dedup.band_keys(sig)
                if dup is None:
                    dup, sim = self._near_duplicate(conn, keys, sig)
                    if dup:
                        status = "near-duplicate"
                art.duplicate_of = dup
                data = to_dict(art)
                data.pop("text")
                data.pop("seq", None)
                res = conn.execute(insert(A).values(
                    id=art.id, content_hash=art.content_hash, title=art.title, url=art.url, path=art.path,
                    outlet=art.outlet, published_date=art.published.date, published_source=art.published.source,
                    kind=art.kind, duplicate_of=dup, chars=len(art.text), ingested_at=stamp,
                    data=json.dumps(data, ensure_ascii=False), text=art.text, minhash=sig_bytes))
                art.seq = res.inserted_primary_key[0]
                conn.execute(insert(schema.lsh), [{"band": b, "bucket": k, "article_id": art.id}
                                                  for b, k in enumerate(keys)])
                self._add_locator(conn, art.id, locator, stamp)
                stories.place(art)  # the story it joins or opens, in the same transaction
                results.append(AddResult(art.id, locator, status, dup, sim))
        return results

    @staticmethod
    def _add_locator(conn: Connection, article_id: str, locator: str, stamp: str) -> None:
        S = schema.article_sources
        locator = locator[:1024]
        if not conn.execute(select(S.c.article_id).where(S.c.article_id == article_id, S.c.locator == locator)).first():
            conn.execute(insert(S).values(article_id=article_id, locator=locator, seen_at=stamp))

    @staticmethod
    def _near_duplicate(conn: Connection, keys: list[str], sig: Any) -> tuple[str | None, float | None]:
        L, A = schema.lsh, schema.articles
        cands: set[str] = set()
        for band, key in enumerate(keys):
            cands.update(r[0] for r in conn.execute(select(L.c.article_id).where(L.c.band == band, L.c.bucket == key)))
        best, best_sim, best_seq = None, 0.0, None
        for cid in cands:
            row = conn.execute(select(A.c.minhash, A.c.seq, A.c.duplicate_of).where(A.c.id == cid)).first()
            if not row or row[0] is None:
                continue
            sim = dedup.similarity(sig, dedup.from_bytes(row[0]))
            if sim >= dedup.NEAR_DUP and (sim > best_sim or (sim == best_sim and row[1] < best_seq)):
                best, best_sim, best_seq = (row[2] or cid), sim, row[1]
        return best, (best_sim if best else None)

    def _article(self, row: Any) -> Article:
        data = json.loads(row.data)
        data["text"] = row.text
        art = from_dict(Article, data)
        art.seq = row.seq
        art.duplicate_of = row.duplicate_of
        return art

    def get_article(self, article_id: str) -> Article:
        A = schema.articles
        with self.reader() as conn:
            row = conn.execute(select(A).where(A.c.id == article_id)).first()
            if row is None:
                # a unique prefix is enough, as with git
                rows = conn.execute(select(A).where(A.c.id.like(f"{article_id}%")).limit(2)).all()
                if len(rows) == 1 and len(article_id) >= 4:
                    row = rows[0]
        if row is None:
            raise NotFound(f"no article {article_id!r} in the store", subject=self.display,
                           hint="list them with 'parley articles'")
        return self._article(row)

    def iter_articles(self, ids: Iterable[str] | None = None, batch: int = 500) -> Iterator[Article]:
        """Articles in ingest order (all of them, or those in ``ids``)."""
        A = schema.articles
        if ids is not None:
            wanted = list(dict.fromkeys(ids))
            for i in range(0, len(wanted), batch):
                chunk = wanted[i:i + batch]
                with self.reader() as conn:
                    rows = {r.id: r for r in conn.execute(select(A).where(A.c.id.in_(chunk)))}
                for aid in chunk:
                    if aid in rows:
                        yield self._article(rows[aid])
            return
        last = 0
        while True:
            with self.reader() as conn:
                rows = conn.execute(select(A).where(A.c.seq > last).order_by(A.c.seq).limit(batch)).all()
            if not rows:
                return
            for r in rows:
                yield self._article(r)
            last = rows[-1].seq

    def article_rows(self, limit: int = 50, offset: int = 0, story: str | None = None) -> list[dict[str, Any]]:
        A = schema.articles
        q = select(A.c.seq, A.c.id, A.c.title, A.c.outlet, A.c.published_date, A.c.published_source, A.c.kind,
                   A.c.duplicate_of, A.c.chars, A.c.path, A.c.url)
        if story:
            q = q.join(schema.story_articles, schema.story_articles.c.article_id == A.c.id).where(
                schema.story_articles.c.story_id == story)
        q = q.order_by(A.c.seq).limit(limit).offset(offset)
        with self.reader() as conn:
            return [dict(r._mapping) for r in conn.execute(q)]

    def stories(self) -> list[dict[str, Any]]:
        """Stories, largest first: id, title, first and last date, size, article ids in ingest order."""
        S, SA, A = schema.stories, schema.story_articles, schema.articles
        with self.reader() as conn:
            members: dict[str, list[str]] = {}
            for sid, aid in conn.execute(select(SA.c.story_id, SA.c.article_id).join(A, A.c.id == SA.c.article_id)
                                         .order_by(A.c.seq)):
                members.setdefault(sid, []).append(aid)
            rows = conn.execute(select(S.c.id, S.c.title, S.c.first_date, S.c.last_date, S.c.size)
                                .order_by(S.c.size.desc(), S.c.seq)).all()
        return [{"id": r[0], "title": r[1], "first_date": r[2], "last_date": r[3], "size": r[4],
                 "articles": members.get(r[0], [])} for r in rows]

    def story(self, story_id: str) -> dict[str, Any]:
        """One story: id, title, first and last date, size, article ids in ingest order."""
        S, SA, A = schema.stories, schema.story_articles, schema.articles
        with self.reader() as conn:
            row = conn.execute(select(S.c.id, S.c.title, S.c.first_date, S.c.last_date, S.c.size)
                               .where(S.c.id == story_id)).first()
            if row is None:
                raise NotFound(f"no story {story_id!r} in the store", subject=self.display,
                               hint="list them with 'parley stories'")
            members = [r[0] for r in conn.execute(select(SA.c.article_id).join(A, A.c.id == SA.c.article_id)
                                                  .where(SA.c.story_id == story_id).order_by(A.c.seq))]
        return {"id": row[0], "title": row[1], "first_date": row[2], "last_date": row[3], "size": row[4],
                "articles": members}

    def cached_dossier(self, story_id: str) -> tuple[str, dict[str, Any]] | None:
        """(key, data) of the story's cached dossier, if any."""
        C = schema.story_cache
        with self.reader() as conn:
            row = conn.execute(select(C.c.members_hash, C.c.data).where(C.c.story_id == story_id)).first()
        return (row[0], json.loads(row[1])) if row else None

    def put_dossier(self, story_id: str, key: str, version: str, data: dict[str, Any]) -> None:
        """Cache a story's dossier, and index the entities it holds."""
        C, E = schema.story_cache, schema.entity_index
        blob = json.dumps(data, ensure_ascii=False)
        rows = [{"entity_id": e["id"][:200], "story_id": story_id, "name": e["name"], "type": e["type"],
                 "mentions": int(e.get("mentions") or 0)} for e in data.get("entities", [])]
        with self.writer() as conn:
            conn.execute(C.delete().where(C.c.story_id == story_id))
            conn.execute(insert(C).values(story_id=story_id, members_hash=key, version=version, data=blob))
            own = [s for s in data.get("stories", []) if s.get("id") == story_id and s.get("title")]
            if own:  # the dossier's title (it names the story's event) is the story's title
                S = schema.stories
                conn.execute(S.update().where(S.c.id == story_id).values(title=own[0]["title"]))
            conn.execute(E.delete().where(E.c.story_id == story_id))
            if rows:
                conn.execute(insert(E), list({r["entity_id"]: r for r in rows}.values()))

    def stories_without_dossier(self) -> list[str]:
        """Stories that have no cached dossier yet."""
        S, C = schema.stories, schema.story_cache
        with self.reader() as conn:
            return [r[0] for r in conn.execute(select(S.c.id).outerjoin(C, C.c.story_id == S.c.id)
                                               .where(C.c.story_id.is_(None)).order_by(S.c.seq))]

    def entity_stories(self, entity_id: str) -> list[dict[str, Any]]:
        """The stories whose cached dossiers hold an entity, most mentions first."""
        E = schema.entity_index
        with self.reader() as conn:
            rows = conn.execute(select(E.c.story_id, E.c.name, E.c.type, E.c.mentions)
                                .where(E.c.entity_id == entity_id).order_by(E.c.mentions.desc())).all()
        return [dict(r._mapping) for r in rows]

    def find_entities(self, query: str, limit: int = 20) -> list[dict[str, Any]]:
        """Entities of cached dossiers whose name holds ``query`` (case-insensitive), by mentions."""
        E = schema.entity_index
        with self.reader() as conn:
            rows = conn.execute(select(E.c.entity_id, E.c.name, E.c.type, func.sum(E.c.mentions).label("mentions"),
                                       func.count().label("stories"))
                                .where(func.lower(E.c.name).contains(query.lower()))
                                .group_by(E.c.entity_id, E.c.name, E.c.type)
                                .order_by(func.sum(E.c.mentions).desc()).limit(limit)).all()
        return [dict(r._mapping) for r in rows]

    def story_of(self, ids: Iterable[str] | None = None) -> dict[str, str]:
        """Article id -> story id, for ``ids`` (or every article)."""
        SA = schema.story_articles
        q = select(SA.c.article_id, SA.c.story_id)
        with self.reader() as conn:
            if ids is None:
                return dict(conn.execute(q).all())
            wanted = list(dict.fromkeys(ids))
            out: dict[str, str] = {}
            for i in range(0, len(wanted), 500):
                out.update(conn.execute(q.where(SA.c.article_id.in_(wanted[i:i + 500]))).all())
            return out

    def reset_stories(self) -> None:
        """Forget every story and cached dossier (after a change of threshold, say): the next read places
        every article again, in ingest order."""
        M = schema.meta
        with self.writer() as conn:
            for t in (schema.story_terms, schema.story_articles, schema.story_docs, schema.stories,
                      schema.corpus_stats, schema.story_cache, schema.entity_index, schema.negotiation_stories):
                conn.execute(t.delete())
            conn.execute(M.delete().where(M.c.key == "stories_pending"))
            conn.execute(M.insert().values(key="stories_pending", value="1"))

    def assign_stories(self) -> int:
        """Place articles stored before stories existed (or after a reset); returns how many. Ingest places
        every article it stores, so this has work only after a migration reset the stories (it leaves the
        ``stories_pending`` mark) or when asked with the mark set by hand."""
        A, SA, M = schema.articles, schema.story_articles, schema.meta
        with self.reader() as conn:
            pending = conn.execute(select(M.c.value).where(M.c.key == "stories_pending")).first()
        if not pending:
            return 0
        with self.reader() as conn:
            todo = [r[0] for r in conn.execute(select(A.c.id).where(A.c.id.not_in(select(SA.c.article_id)))
                                               .order_by(A.c.seq))]
        from ..reconcile.story_store import open_clusterer

        for i in range(0, len(todo), 200):
            arts = list(self.iter_articles(todo[i:i + 200]))
            with self.writer() as conn:
                stories = open_clusterer(conn)
                for art in arts:
                    stories.place(art)
        with self.writer() as conn:
            conn.execute(M.delete().where(M.c.key == "stories_pending"))
        return len(todo)

    def count_articles(self) -> int:
        with self.reader() as conn:
            return int(conn.execute(select(func.count()).select_from(schema.articles)).scalar_one())

    def article_ids(self) -> list[str]:
        A = schema.articles
        with self.reader() as conn:
            return [r[0] for r in conn.execute(select(A.c.id).order_by(A.c.seq))]

    def locators(self, article_id: str) -> list[str]:
        S = schema.article_sources
        with self.reader() as conn:
            return [r[0] for r in conn.execute(select(S.c.locator).where(S.c.article_id == article_id)
                                               .order_by(S.c.seen_at, S.c.locator))]

    def search(self, query: str, limit: int = 20) -> list[dict[str, Any]]:
        """Full-text search over titles and texts (FTS5 on SQLite, tsvector on PostgreSQL). In each snippet the
        matched words sit between the characters \\x02 and \\x03 (``SNIPPET_MARKS``)."""
        A = schema.articles
        words = [w for w in "".join(ch if ch.isalnum() else " " for ch in query).split() if w]
        if not words:
            return []
        with self.reader() as conn:
            if self.dialect == "sqlite":
                fts = " ".join(f'"{w}"' for w in words)
                rows = conn.execute(text(
                    "SELECT a.id, a.title, a.outlet, a.published_date, "
                    "snippet(articles_fts, 1, char(2), char(3), ' … ', 12) AS snippet "
                    "FROM articles_fts JOIN articles a ON a.seq = articles_fts.rowid "
                    "WHERE articles_fts MATCH :q ORDER BY rank LIMIT :n"), {"q": fts, "n": limit})
            else:
                rows = conn.execute(text(
                    "SELECT id, title, outlet, published_date, "
                    "ts_headline('english', text, plainto_tsquery('english', :q), "
                    "'StartSel=' || chr(2) || ', StopSel=' || chr(3) || ', MaxWords=14, MinWords=6') AS snippet "
                    "FROM articles WHERE to_tsvector('english', coalesce(title, '') || ' ' || text) "
                    "@@ plainto_tsquery('english', :q) "
                    "ORDER BY ts_rank(to_tsvector('english', coalesce(title, '') || ' ' || text), "
                    "plainto_tsquery('english', :q)) DESC LIMIT :n"), {"q": " ".join(words), "n": limit})
            del A
            return [dict(r._mapping) for r in rows]

    # ------------------------------------------------------------------ analyses

    def put_analyses(self, items: list[Analysis]) -> None:
        if not items:
            return
        T = schema.analyses
        with self.writer() as conn:
            ids = [a.article_id for a in items]
            conn.execute(T.delete().where(T.c.article_id.in_(ids)))
            conn.execute(insert(T), [{"article_id": a.article_id, "version": a.version,
                                      "data": json.dumps(to_dict(a), ensure_ascii=False)} for a in items])

    def put_analysis_rows(self, rows: list[tuple[str, str, str]]) -> None:
        """Store analyses already serialized: (article id, version, JSON of ``to_dict(analysis)``)."""
        if not rows:
            return
        T = schema.analyses
        with self.writer() as conn:
            conn.execute(T.delete().where(T.c.article_id.in_([r[0] for r in rows])))
            conn.execute(insert(T), [{"article_id": a, "version": v, "data": d} for a, v, d in rows])

    def get_analyses(self, ids: Iterable[str], version: str | None = None) -> dict[str, Analysis]:
        T = schema.analyses
        out: dict[str, Analysis] = {}
        wanted = list(ids)
        with self.reader() as conn:
            for i in range(0, len(wanted), 500):
                q = select(T).where(T.c.article_id.in_(wanted[i:i + 500]))
                if version:
                    q = q.where(T.c.version == version)
                for r in conn.execute(q):
                    out[r.article_id] = from_dict(Analysis, json.loads(r.data))
        return out

    def missing_analyses(self, version: str) -> list[str]:
        A, T = schema.articles, schema.analyses
        q = (select(A.c.id).select_from(A.outerjoin(T, T.c.article_id == A.c.id))
             .where((T.c.article_id.is_(None)) | (T.c.version != version)).order_by(A.c.seq))
        with self.reader() as conn:
            return [r[0] for r in conn.execute(q)]

    # ------------------------------------------------------------------ health

    def integrity_check(self) -> str:
        if self.dialect != "sqlite":
            return "ok"
        with self.reader() as conn:
            return str(conn.exec_driver_sql("PRAGMA integrity_check").scalar())

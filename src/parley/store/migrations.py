"""Schema migrations, as code. Each step runs once, in order, inside the writer
transaction; ``meta.schema_version`` records the last one applied."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import Connection, select, text

from . import schema


def _v1_articles(conn: Connection) -> None:
    for t in (schema.articles, schema.article_sources, schema.lsh, schema.analyses):
        t.create(conn, checkfirst=True)


def _v2_stories(conn: Connection) -> None:
    for t in (schema.stories, schema.story_articles, schema.story_terms, schema.corpus_stats, schema.story_cache):
        t.create(conn, checkfirst=True)


def _v3_fulltext(conn: Connection) -> None:
    if conn.dialect.name == "sqlite":
        conn.execute(text(
            "CREATE VIRTUAL TABLE IF NOT EXISTS articles_fts USING fts5("
            "title, text, content='articles', content_rowid='seq', tokenize='unicode61 remove_diacritics 2')"))
        conn.execute(text("INSERT INTO articles_fts(articles_fts) VALUES('rebuild')"))
        conn.execute(text(
            "CREATE TRIGGER IF NOT EXISTS articles_fts_ai AFTER INSERT ON articles BEGIN "
            "INSERT INTO articles_fts(rowid, title, text) VALUES (new.seq, new.title, new.text); END"))
        conn.execute(text(
            "CREATE TRIGGER IF NOT EXISTS articles_fts_ad AFTER DELETE ON articles BEGIN "
            "INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES('delete', old.seq, old.title, old.text); END"))
        conn.execute(text(
            "CREATE TRIGGER IF NOT EXISTS articles_fts_au AFTER UPDATE OF title, text ON articles BEGIN "
            "INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES('delete', old.seq, old.title, old.text); "
            "INSERT INTO articles_fts(rowid, title, text) VALUES (new.seq, new.title, new.text); END"))
    elif conn.dialect.name == "postgresql":
        conn.execute(text(
            "CREATE INDEX IF NOT EXISTS ix_articles_fts ON articles USING GIN "
            "(to_tsvector('english', coalesce(title, '') || ' ' || text))"))


def _v4_local_stories(conn: Connection) -> None:
    """Stories re-clustered locally (story_docs): the old story state is dropped; the next read places every
    stored article again, in ingest order."""
    schema.story_docs.create(conn, checkfirst=True)
    for t in (schema.story_terms, schema.story_articles, schema.stories, schema.corpus_stats, schema.story_cache):
        conn.execute(t.delete())


def _v6_stories_pending(conn: Connection) -> None:
    """Stores made before this version may hold articles with no story: mark them for placement."""
    conn.execute(schema.meta.insert().values(key="stories_pending", value="1"))


def _v5_entity_index(conn: Connection) -> None:
    schema.entity_index.create(conn, checkfirst=True)
    conn.execute(schema.story_cache.delete())  # cached dossiers are rebuilt, and index their entities


def _v7_negotiations(conn: Connection) -> None:
    schema.negotiation_stories.create(conn, checkfirst=True)


def _v8_negotiation_dossiers(conn: Connection) -> None:
    """A negotiation's dossier kept per version, and every brief of it kept (what changed since)."""
    schema.negotiation_cache.create(conn, checkfirst=True)
    schema.negotiation_briefs.create(conn, checkfirst=True)


MIGRATIONS: list[tuple[int, str, Callable[[Connection], None]]] = [
    (1, "articles, sources, LSH bands, analyses", _v1_articles),
    (2, "stories and their caches", _v2_stories),
    (3, "full-text search index", _v3_fulltext),
    (4, "stories re-clustered locally", _v4_local_stories),
    (5, "entity index of cached story dossiers", _v5_entity_index),
    (6, "mark stories for placement", _v6_stories_pending),
    (7, "negotiations above stories", _v7_negotiations),
    (8, "negotiation dossiers cached per version, their briefs kept", _v8_negotiation_dossiers),
]
LATEST = MIGRATIONS[-1][0]


def current_version(conn: Connection) -> int:
    schema.meta.create(conn, checkfirst=True)
    row = conn.execute(select(schema.meta.c.value).where(schema.meta.c.key == "schema_version")).first()
    return int(row[0]) if row else 0


def migrate(conn: Connection) -> list[int]:
    """Apply the missing steps; returns the versions applied."""
    version = current_version(conn)
    applied = []
    for number, _, step in MIGRATIONS:
        if number > version:
            step(conn)
            applied.append(number)
            version = number
    if applied:
        table = schema.meta
        if conn.execute(select(table.c.key).where(table.c.key == "schema_version")).first():
            conn.execute(table.update().where(table.c.key == "schema_version").values(value=str(version)))
        else:
            conn.execute(table.insert().values(key="schema_version", value=str(version)))
    return applied

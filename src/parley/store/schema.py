"""Tables, as SQLAlchemy Core metadata. JSON is stored as text so SQLite and
PostgreSQL behave the same; the columns that queries filter on are real columns."""

from __future__ import annotations

from sqlalchemy import Column, Index, Integer, LargeBinary, MetaData, String, Table, Text

metadata = MetaData()

meta = Table(
    "meta", metadata,
    Column("key", String(64), primary_key=True),
    Column("value", Text, nullable=False),
)

articles = Table(
    "articles", metadata,
    Column("seq", Integer, primary_key=True, autoincrement=True),  # ingest order
    Column("id", String(32), nullable=False, unique=True),
    Column("content_hash", String(64), nullable=False, index=True),
    Column("title", Text),
    Column("url", Text),
    Column("path", Text),
    Column("outlet", Text),
    Column("published_date", String(10), index=True),
    Column("published_source", String(16)),
    Column("kind", String(16)),
    Column("duplicate_of", String(32), index=True),
    Column("chars", Integer, nullable=False),
    Column("ingested_at", String(32), nullable=False),
    Column("data", Text, nullable=False),  # the Article as JSON, without its text
    Column("text", Text, nullable=False),
    Column("minhash", LargeBinary),
)

article_sources = Table(
    "article_sources", metadata,
    Column("article_id", String(32), primary_key=True),
    Column("locator", String(1024), primary_key=True),
    Column("seen_at", String(32), nullable=False),
)

lsh = Table(
    "lsh", metadata,
    Column("band", Integer, nullable=False),
    Column("bucket", String(32), nullable=False),
    Column("article_id", String(32), nullable=False),
    Index("ix_lsh_band_bucket", "band", "bucket"),
)

analyses = Table(
    "analyses", metadata,
    Column("article_id", String(32), primary_key=True),
    Column("version", String(32), nullable=False),
    Column("data", Text, nullable=False),
)

stories = Table(
    "stories", metadata,
    Column("seq", Integer, primary_key=True, autoincrement=True),
    Column("id", String(32), nullable=False, unique=True),
    Column("title", Text),
    Column("first_date", String(10)),
    Column("last_date", String(10)),
    Column("size", Integer, nullable=False, default=0),
    Column("data", Text, nullable=False),  # the story's centroid and term index, as JSON
)

story_articles = Table(
    "story_articles", metadata,
    Column("article_id", String(32), primary_key=True),
    Column("story_id", String(32), nullable=False, index=True),
)

story_docs = Table(
    "story_docs", metadata,
    Column("article_id", String(32), primary_key=True),
    Column("data", Text),  # the terms the clusterer compares (null once the article is in its story's core)
    Column("follows", String(32), index=True),  # a copy moves with the article it copies
)

story_terms = Table(
    "story_terms", metadata,
    Column("term", String(80), nullable=False),
    Column("story_id", String(32), nullable=False),
    Index("ix_story_terms_term", "term"),
)

corpus_stats = Table(
    "corpus_stats", metadata,
    Column("term", String(80), primary_key=True),
    Column("df", Integer, nullable=False),
)

story_cache = Table(
    "story_cache", metadata,
    Column("story_id", String(32), primary_key=True),
    Column("members_hash", String(64), nullable=False),
    Column("version", String(32), nullable=False),
    Column("data", Text, nullable=False),
)

entity_index = Table(
    "entity_index", metadata,  # which stories' cached dossiers hold an entity (for entity pages)
    Column("entity_id", String(200), primary_key=True),
    Column("story_id", String(32), primary_key=True),
    Column("name", Text, nullable=False),
    Column("type", String(16), nullable=False),
    Column("mentions", Integer, nullable=False),
    Index("ix_entity_index_story", "story_id"),
)

negotiation_stories = Table(
    "negotiation_stories", metadata,  # the negotiation layer (reconcile/negotiation_store.py): story -> negotiation
    Column("story_id", String(32), primary_key=True),
    Column("negotiation_id", String(40), nullable=False, index=True),
    Column("seq", Integer, nullable=False),  # placement order: the state is restored in this order
    Column("view", Text, nullable=False),  # what the layer keeps of the story (negotiations.StoryView), as JSON
)

negotiation_cache = Table(
    "negotiation_cache", metadata,  # a negotiation's dossier (reconcile/negotiation_dossier.py), kept per version
    Column("negotiation_id", String(40), primary_key=True),
    Column("version", String(64), nullable=False),  # its members and the code that made it
    Column("data", Text, nullable=False),
)

negotiation_briefs = Table(
    "negotiation_briefs", metadata,  # every brief of a negotiation, kept (reconcile/negotiation_briefs.py)
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("negotiation_id", String(40), nullable=False, index=True),
    Column("version", String(64), nullable=False),  # the version of the negotiation's dossier it was made from
    Column("created", String(32), nullable=False),  # when (UTC, ISO 8601)
    Column("data", Text, nullable=False),  # what it held: rounds, positions, agreements, claims, quotes (JSON)
)

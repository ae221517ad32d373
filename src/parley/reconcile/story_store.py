"""The story clusterer over the store's tables, inside the caller's write transaction.

It reads only what an article touches (the document frequencies of its terms and of its candidate stories'
recent members, those stories, those members) and writes back what changed, so placing an article costs
the same whatever the size of the store. One ``StoredClusterer`` serves a whole batch of articles and
caches what it read; the batch's transaction makes the placement atomic with the articles themselves.

Tables: ``stories`` (a row per story, its core and recent members as JSON), ``story_articles`` (article ->
story), ``story_docs`` (the terms of the articles that can still be re-clustered; copies point at their
original), ``story_terms`` (term -> story, the inverted index) and ``corpus_stats`` (document frequencies).
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import delete, insert, select, update

from ..store import schema
from .stories import NAME_PREFIX, Change, Clusterer, Doc, Story

N_KEY = "#documents"  # the corpus_stats row that counts the documents seen (no term holds a "#")


class StoredClusterer(Clusterer):
    def __init__(self, conn: Any, threshold: float) -> None:
        super().__init__(threshold)
        self.conn = conn
        row = conn.execute(select(schema.corpus_stats.c.df).where(schema.corpus_stats.c.term == N_KEY)).first()
        self.n = int(row[0]) if row else 0
        self.df_cache: dict[str, int] = {}
        self.doc_cache: dict[str, Doc] = {}
        self.story_cache: dict[str, Story | None] = {}

    # ------------------------------------------------------------------ reads

    def _df(self, keys: set[str]) -> dict[str, int]:
        cs = schema.corpus_stats
        need = [k for k in keys if k not in self.df_cache]
        for i in range(0, len(need), 500):
            chunk = need[i:i + 500]
            found = dict(self.conn.execute(select(cs.c.term, cs.c.df).where(cs.c.term.in_(chunk))).all())
            for k in chunk:
                self.df_cache[k] = int(found.get(k, 0))
        return {k: self.df_cache[k] for k in keys}

    def _candidates(self, keys: list[str]) -> dict[str, list[str]]:
        st = schema.story_terms
        out: dict[str, list[str]] = {}
        for term, sid in self.conn.execute(select(st.c.term, st.c.story_id).where(st.c.term.in_(keys)).distinct()):
            out.setdefault(sid, []).append(term)
        return out

    def _story(self, sid: str) -> Story | None:
        if sid not in self.story_cache:
            S = schema.stories
            row = self.conn.execute(select(S.c.title, S.c.size, S.c.first_date, S.c.last_date, S.c.data)
                                    .where(S.c.id == sid)).first()
            self.story_cache[sid] = (Story.from_data(sid, row[0], row[1], row[2], row[3], json.loads(row[4]))
                                     if row else None)
        return self.story_cache[sid]

    def _exists(self, sid: str) -> bool:
        if self.story_cache.get(sid) is not None:
            return True
        return self.conn.execute(select(schema.stories.c.seq).where(schema.stories.c.id == sid)).first() is not None

    def _doc(self, doc_id: str) -> Doc:
        if doc_id not in self.doc_cache:
            D = schema.story_docs
            row = self.conn.execute(select(D.c.data).where(D.c.article_id == doc_id)).first()
            data = json.loads(row[0]) if row and row[0] else {}
            self.doc_cache[doc_id] = Doc(doc_id, data.get("terms", {}), data.get("names", {}), data.get("date"),
                                         data.get("title"))
        return self.doc_cache[doc_id]

    def followers_of(self, doc_id: str) -> list[str]:
        D = schema.story_docs
        return [r[0] for r in self.conn.execute(select(D.c.article_id).where(D.c.follows == doc_id))]

    def assigned_story(self, doc_id: str) -> str | None:
        SA = schema.story_articles
        row = self.conn.execute(select(SA.c.story_id).where(SA.c.article_id == doc_id)).first()
        return row[0] if row else None

    # ------------------------------------------------------------------ writes

    def _bump(self, keys: list[str]) -> None:
        cs = schema.corpus_stats
        keys = [k for k in dict.fromkeys([N_KEY, *keys]) if len(k) <= 80]
        self._df(set(keys))
        old = [k for k in keys if self.df_cache[k] > 0]
        new = [k for k in keys if self.df_cache[k] == 0]
        if old:
            self.conn.execute(update(cs).where(cs.c.term.in_(old)).values(df=cs.c.df + 1))
        if new:
            self.conn.execute(insert(cs), [{"term": k, "df": 1} for k in new])
        for k in keys:
            self.df_cache[k] += 1

    def _remember(self, doc: Doc, follows: str | None = None) -> None:
        self.doc_cache[doc.id] = doc
        data = {"terms": doc.terms, "names": doc.names, "date": doc.date, "title": doc.title}
        self.conn.execute(insert(schema.story_docs).values(
            article_id=doc.id, data=None if follows else json.dumps(data, ensure_ascii=False), follows=follows))

    def _attach(self, doc_id: str, original: str, sid: str) -> None:
        self._remember(Doc(doc_id, {}, {}), follows=original)
        self.conn.execute(insert(schema.story_articles).values(article_id=doc_id, story_id=sid))
        self.conn.execute(update(schema.stories).where(schema.stories.c.id == sid)
                          .values(size=schema.stories.c.size + 1))
        st = self.story_cache.get(sid)
        if st is not None:
            st.size += 1

    def _apply(self, change: Change, index_terms: dict[str, list[str]]) -> None:
        S, SA, ST, D = schema.stories, schema.story_articles, schema.story_terms, schema.story_docs
        c = self.conn
        for sid, into in change.gone.items():
            if into:  # its core (and so every member not re-clustered) went into another story
                c.execute(update(SA).where(SA.c.story_id == sid).values(story_id=into))
                c.execute(update(ST).where(ST.c.story_id == sid).values(story_id=into))
            else:
                c.execute(delete(ST).where(ST.c.story_id == sid))
            c.execute(delete(S).where(S.c.id == sid))
            c.execute(delete(schema.story_cache).where(schema.story_cache.c.story_id == sid))
            c.execute(delete(schema.entity_index).where(schema.entity_index.c.story_id == sid))
            self.story_cache[sid] = None
        for st in change.stories:
            values = {"title": st.title, "first_date": st.first_date, "last_date": st.last_date, "size": st.size,
                      "data": json.dumps(st.data(), ensure_ascii=False)}
            if c.execute(update(S).where(S.c.id == st.id).values(**values)).rowcount == 0:
                c.execute(insert(S).values(id=st.id, **values))
            self.story_cache[st.id] = st
        for aid, sid in change.moved.items():
            ids = [aid, *self.followers_of(aid)]
            done = c.execute(update(SA).where(SA.c.article_id.in_(ids)).values(story_id=sid)).rowcount
            if done < len(ids):
                have = {r[0] for r in c.execute(select(SA.c.article_id).where(SA.c.article_id.in_(ids)))}
                c.execute(insert(SA), [{"article_id": a, "story_id": sid} for a in ids if a not in have])
        for sid, keys in index_terms.items():
            keys = list(dict.fromkeys(k for k in keys if len(k) <= 80))
            have = {r[0] for r in c.execute(select(ST.c.term).where(ST.c.story_id == sid, ST.c.term.in_(keys)))}
            fresh = [k for k in keys if k not in have]
            if fresh:
                c.execute(insert(ST), [{"term": k, "story_id": sid} for k in fresh])
        if change.frozen:  # their terms now live in the core: nothing re-reads them
            c.execute(update(D).where(D.c.article_id.in_(change.frozen)).values(data=None))
            for a in change.frozen:
                self.doc_cache.pop(a, None)

    # ------------------------------------------------------------------ entry point

    def place(self, art: Any) -> str:
        """Place a stored article (``Article``); copies join their original's story."""
        have = self.assigned_story(art.id)
        if have:
            return have
        follow = None
        if art.duplicate_of:
            orig = self.assigned_story(art.duplicate_of)
            if orig:
                self.assigned[art.duplicate_of] = orig
                follow = art.duplicate_of
        doc = Doc.of(art.id, art.text[art.body_start:], art.title, art.url, art.published.date)
        return self.add(doc, follow=follow)


def open_clusterer(conn: Any, threshold: float | None = None) -> StoredClusterer:
    from ..config import get_float

    return StoredClusterer(conn, get_float("story_threshold") if threshold is None else threshold)


__all__ = ["NAME_PREFIX", "N_KEY", "StoredClusterer", "open_clusterer"]

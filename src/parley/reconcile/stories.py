"""Stories: an online, time-aware clustering of the article stream.

An article is two term vectors: its **words** (lowercased stems; names and numbers count three times, the
title and the URL slug twice, the lead one and a half times) and its **names** alone (capitalised words
inside sentences, and numbers): names tell one earthquake, one summit, one arrest from another of the same
kind. Weights are TF-IDF; document frequencies are learned from the stream and, while it is still short,
from general English (wordfreq, which ships its frequency tables).

When an article arrives, the stories that share its strongest terms (an inverted index) are scored against
it; the few that come close (at most ``MAX_STORIES``), their recent members (at most ``RECENT`` each, older
members stay together as one weighted node) and the new article are clustered again, locally, by average
linkage: two groups join while the mean similarity between their members (words and names half and half,
decaying with the days between two articles past ``DAYS_FREE``) reaches the threshold. So a new article can
join a story, open one, bridge two stories into one, or take recent members of a story with it into a new
one, and nothing outside those few stories is touched: the work per article is bounded, whatever the size
of the corpus. A story keeps its id while it keeps its core (or, for a young story, most of its members).

``Clusterer`` holds the whole state in memory (the benchmark uses it); ``story_store.StoredClusterer`` runs
the same algorithm over the store's tables.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cache
from typing import Any

import numpy as np

from .titles import bad_title

_WORD = re.compile(r"[A-Za-zÀ-ÿ][\w’'-]*|\d+(?:[.,]\d+)*")
KEEP_TERMS = 200  # raw terms kept per article (by count x general rarity), per channel
MAX_TERMS = 120  # terms of an article's vector, by weight
BLOCK_TERMS = 25  # an article looks up stories by its highest-weighted terms
CANDIDATES = 12  # stories looked at closely: those sharing most of the article's strongest words
MAX_STORIES = 6  # stories re-clustered with a new article
RECENT = 30  # members of a story that stay re-clusterable; older ones form its core
PREFILTER = 0.5  # a story is re-clustered only if a member comes this close (x threshold) to the article
NAMES_WEIGHT = 0.5  # names vs words in the similarity
CORE_TERMS = 400  # terms kept in a story's core vectors
DAYS_FREE = 10  # similarity decays past this many days apart ...
DAYS_DECAY = 30.0  # ... by a factor e every this many days more
LEAD_CHARS = 600  # the lead of an article (after the title) ...
LEAD_BOOST = 1.5  # ... weighs this much more than the rest
PRIOR_DOCS = 20  # the general-English prior on term rarity weighs as much as this many documents of the stream
DOC_WORDS = 400  # words in a typical article, to turn a word's frequency into a document frequency
NAME_PREFIX = "@"  # document frequencies of the names channel are kept under "@name" (no term holds a "@")


@cache
def _stop() -> frozenset[str]:
    from spacy.lang.en.stop_words import STOP_WORDS

    extra = {"said", "says", "say", "told", "according", "also", "would", "could", "one", "two", "new", "year",
             "years", "percent", "mr", "mrs", "ms", "monday", "tuesday", "wednesday", "thursday", "friday",
             "saturday", "sunday", "week", "today", "yesterday", "time", "people", "just", "like"}
    return frozenset(STOP_WORDS) | extra


def _stem(w: str) -> str:
    if len(w) > 4 and w.endswith("ies"):
        return w[:-3] + "y"
    if len(w) > 3 and w.endswith("s") and not w.endswith("ss"):
        return w[:-1]
    return w


@cache
def prior_idf(term: str) -> float:
    """How rare a term is in general English: the IDF a word would have in a large news corpus. It lets a
    stream of five articles weigh "Port Salvo" above "talks" before it has seen enough documents to tell."""
    from wordfreq import zipf_frequency

    zipf = zipf_frequency(term.replace("_", " "), "en")
    p_doc = 1.0 - math.exp(-(10 ** (zipf - 9)) * DOC_WORDS)
    return math.log(1.0 / max(p_doc, 1e-4)) + 1.0


def url_words(url: str | None) -> str:
    """The words of a URL's path ("/world/2013/03/14/california-earthquake-sonoma" -> "california earthquake
    sonoma"): editors put the story in the slug."""
    if not url:
        return ""
    path = re.sub(r"^[a-z]+://[^/]+", "", url.split("?", 1)[0])
    words = [w for w in re.split(r"[/_.\-+=%]+", path) if w.isalpha() and len(w) > 2
             and w.lower() not in ("html", "htm", "php", "aspx", "index", "story", "news", "article", "www")]
    return " ".join(words)


def _ends_sentence(source: str, at: int) -> bool:
    return source[at:at + 2].strip()[:1] in (".", "!", "?")


def terms(text: str, title: str | None = None, url: str | None = None) -> Counter:
    """Weighted words of a text: lowercased stems; names (capitalised words inside a sentence) and numbers
    count three times; the title and the URL slug twice, the lead one and a half times."""
    stop = _stop()
    out: Counter = Counter()
    lead, rest = text[:LEAD_CHARS], text[LEAD_CHARS:]
    for source, boost in ((title or "", 2.0), (url_words(url), 2.0), (lead, LEAD_BOOST), (rest, 1.0)):
        prev_end = True
        for m in _WORD.finditer(source):
            w = m.group(0)
            low = re.sub(r"[’']s?$", "", w.lower()).strip("’'")
            sentence_start = prev_end
            prev_end = _ends_sentence(source, m.end())
            if low in stop or len(low) < 2:
                continue
            name = w[:1].isupper() and not sentence_start
            out[_stem(low)] += boost * (3.0 if name or w[:1].isdigit() else 1.0)
    return out


def names(text: str, title: str | None = None) -> Counter:
    """The names of a text: capitalised words inside sentences (not stop words), and numbers of two or more
    characters, lowercased."""
    stop = _stop()
    out: Counter = Counter()
    for source in (title or "", text):
        prev_end = True
        for m in _WORD.finditer(source):
            w = m.group(0)
            sentence_start = prev_end
            prev_end = _ends_sentence(source, m.end())
            low = re.sub(r"[’']s?$", "", w.lower()).strip("’'")
            if w[:1].isdigit():
                if len(w) >= 2:
                    out[low] += 1
            elif w[:1].isupper() and not sentence_start and low not in stop and len(low) > 1:
                out[low] += 1
    return out


def _keep(tf: Counter) -> dict[str, float]:
    """The terms worth storing: the strongest by count and general rarity (a stable choice)."""
    ranked = sorted(tf.items(), key=lambda kv: (-kv[1] * prior_idf(kv[0]), kv[0]))[:KEEP_TERMS]
    return {t: round(float(c), 3) for t, c in ranked if len(t) <= 80}


@dataclass
class Doc:
    """What the clusterer knows of an article."""

    id: str
    terms: dict[str, float]
    names: dict[str, float]
    date: str | None = None
    title: str | None = None

    @classmethod
    def of(cls, doc_id: str, text: str, title: str | None = None, url: str | None = None,
           date: str | None = None) -> Doc:
        return cls(doc_id, _keep(terms(text, title, url)), _keep(names(text, title)), date[:10] if date else None,
                   title)


@dataclass
class Story:
    id: str
    title: str | None = None
    size: int = 0  # members, copies included
    recent: list[str] = field(default_factory=list)  # re-clusterable members, in arrival order
    core_terms: dict[str, float] = field(default_factory=dict)  # sum of the older members' unit vectors
    core_names: dict[str, float] = field(default_factory=dict)
    core_size: int = 0
    core_date: str | None = None  # the latest date among the core's members
    first_date: str | None = None
    last_date: str | None = None

    def data(self) -> dict[str, Any]:
        return {"recent": self.recent, "core_terms": self.core_terms, "core_names": self.core_names,
                "core_size": self.core_size, "core_date": self.core_date}

    @classmethod
    def from_data(cls, sid: str, title: str | None, size: int, first: str | None, last: str | None,
                  data: dict[str, Any]) -> Story:
        return cls(sid, title, size, list(data.get("recent", [])), dict(data.get("core_terms", {})),
                   dict(data.get("core_names", {})), int(data.get("core_size", 0)), data.get("core_date"),
                   first, last)


@dataclass
class Node:
    """One item of a local re-clustering: an article, or the core of a story."""

    ids: list[str]  # the article, or [] for a core
    t: dict[str, float]
    n: dict[str, float]
    weight: int
    date: str | None
    story: str | None  # the story it comes from (None for the new article)
    core: bool = False


@dataclass
class Change:
    """The outcome of placing one article: stories written, stories gone, articles moved."""

    stories: list[Story]
    gone: dict[str, str]  # story id -> the story that absorbed it (its core), or "" if none did
    moved: dict[str, str]  # article id -> story id (the new article included)
    frozen: list[str]  # articles that moved into a core


def _days(a: str | None, b: str | None) -> int | None:
    try:
        return abs((dt.date.fromisoformat(a[:10]) - dt.date.fromisoformat(b[:10])).days) if a and b else None
    except ValueError:
        return None


def decay(a: str | None, b: str | None) -> float:
    gap = _days(a, b)
    if gap is None or gap <= DAYS_FREE:
        return 1.0
    return math.exp(-(gap - DAYS_FREE) / DAYS_DECAY)


def _add_into(acc: dict[str, float], v: dict[str, float], limit: int = CORE_TERMS) -> dict[str, float]:
    for k, x in v.items():
        acc[k] = acc.get(k, 0.0) + x
    if len(acc) > limit:
        acc = dict(sorted(acc.items(), key=lambda kv: -kv[1])[:limit])
    return {k: round(x, 5) for k, x in acc.items()}


def average_link(nodes: list[Node], threshold: float, names_weight: float = NAMES_WEIGHT) -> list[list[int]]:
    """Weighted average-linkage clustering of ``nodes``: groups join while the mean similarity of their
    members reaches ``threshold``. Returns lists of node indices."""
    n = len(nodes)
    if n == 1:
        return [[0]]
    vocab_t: dict[str, int] = {}
    vocab_n: dict[str, int] = {}
    for nd in nodes:
        for k in nd.t:
            vocab_t.setdefault(k, len(vocab_t))
        for k in nd.n:
            vocab_n.setdefault(k, len(vocab_n))
    T = np.zeros((n, max(1, len(vocab_t))))
    N = np.zeros((n, max(1, len(vocab_n))))
    for i, nd in enumerate(nodes):
        for k, x in nd.t.items():
            T[i, vocab_t[k]] = x
        for k, x in nd.n.items():
            N[i, vocab_n[k]] = x
    ssum = (1 - names_weight) * (T @ T.T) + names_weight * (N @ N.T)  # sums of member similarities
    for i in range(n):
        for j in range(i + 1, n):
            f = decay(nodes[i].date, nodes[j].date)
            if f < 1.0:
                ssum[i, j] *= f
                ssum[j, i] *= f
    size = np.array([float(nd.weight) for nd in nodes])
    alive = np.ones(n, dtype=bool)
    groups = {i: [i] for i in range(n)}
    np.fill_diagonal(ssum, 0.0)
    while alive.sum() > 1:
        avg = ssum / np.outer(size, size)
        avg[~alive, :] = -1.0
        avg[:, ~alive] = -1.0
        np.fill_diagonal(avg, -1.0)
        i, j = np.unravel_index(int(np.argmax(avg)), avg.shape)
        if avg[i, j] < threshold:
            break
        i, j = (i, j) if i < j else (j, i)
        groups[i] += groups.pop(j)
        alive[j] = False
        size[i] += size[j]
        ssum[i, :] += ssum[j, :]
        ssum[:, i] += ssum[:, j]
        ssum[i, i] = 0.0
    return [sorted(g) for g in groups.values()]


class Clusterer:
    """The online story clusterer. Storage hooks (``_df``, ``_bump``, ``_candidates``, ``_story``, ``_doc``,
    ``_new_id``, ``_apply``) keep the state in memory here; ``StoredClusterer`` overrides them with tables."""

    def __init__(self, threshold: float = 0.22) -> None:
        self.threshold = threshold
        self.n = 0
        self.df_mem: Counter = Counter()
        self.docs: dict[str, Doc] = {}
        self.stories: dict[str, Story] = {}
        self.index: dict[str, set[str]] = {}
        self.assigned: dict[str, str] = {}
        self.followers: dict[str, list[str]] = {}

    # ------------------------------------------------------------------ storage hooks (in memory)

    def _df(self, keys: set[str]) -> dict[str, int]:
        return {k: self.df_mem.get(k, 0) for k in keys}

    def _bump(self, keys: list[str]) -> None:
        self.df_mem.update(keys)

    def _candidates(self, keys: list[str]) -> dict[str, list[str]]:
        """For each story that shares some of ``keys`` in the index, the keys it shares."""
        out: dict[str, list[str]] = {}
        for k in keys:
            for sid in self.index.get(k, ()):
                out.setdefault(sid, []).append(k)
        return out

    def _story(self, sid: str) -> Story | None:
        return self.stories.get(sid)

    def _doc(self, doc_id: str) -> Doc:
        return self.docs[doc_id]

    def _remember(self, doc: Doc) -> None:
        self.docs[doc.id] = doc

    def _exists(self, sid: str) -> bool:
        return sid in self.stories

    def _new_id(self, seed: str, used: set[str]) -> str:
        sid, k = f"s-{seed}", 1
        while sid in used or self._exists(sid):
            k += 1
            sid = f"s-{seed}-{k}"
        return sid

    def _apply(self, change: Change, index_terms: dict[str, list[str]]) -> None:
        for sid, into in change.gone.items():
            self.stories.pop(sid, None)
            for members in self.index.values():
                if sid in members:
                    members.discard(sid)
                    if into:
                        members.add(into)
            if into:
                for aid, s in list(self.assigned.items()):
                    if s == sid:
                        self.assigned[aid] = into
        for st in change.stories:
            self.stories[st.id] = st
        for aid, sid in change.moved.items():
            self.assigned[aid] = sid
            for f in self.followers.get(aid, []):
                self.assigned[f] = sid
        for sid, keys in index_terms.items():
            for k in keys:
                self.index.setdefault(k, set()).add(sid)
        for aid in change.frozen:
            self.docs.pop(aid, None)

    def _attach(self, doc_id: str, original: str, sid: str) -> None:
        self.followers.setdefault(original, []).append(doc_id)
        self.assigned[doc_id] = sid
        st = self.stories[sid]
        st.size += 1

    # ------------------------------------------------------------------ the algorithm

    def vectors(self, doc: Doc, df: dict[str, int]) -> tuple[dict[str, float], dict[str, float]]:
        idf = self._idf(df)
        return self._weigh(doc.terms, idf, ""), self._weigh(doc.names, idf, NAME_PREFIX)

    def _idf(self, df: dict[str, int]) -> dict[str, float]:
        """IDF of every key of ``df`` ("@name" keys for names), mixed with general-English rarity while the
        stream is short."""
        share = self.n / (self.n + PRIOR_DOCS) if PRIOR_DOCS else 1.0
        log_n = math.log(self.n + 1)
        out = {}
        for k, d in df.items():
            idf = log_n - math.log(d + 1) + 1.0
            if share < 1.0:
                idf = share * idf + (1.0 - share) * prior_idf(k[len(NAME_PREFIX):] if k[:1] == NAME_PREFIX else k)
            out[k] = idf
        return out

    def _weigh(self, tf: dict[str, float], idf: dict[str, float], prefix: str) -> dict[str, float]:
        """A unit TF-IDF vector of the strongest ``MAX_TERMS`` terms."""
        v = {}
        for t, c in tf.items():
            if c <= 0:
                continue
            w = idf.get(prefix + t)
            if w is None:
                w = self._idf({prefix + t: 0})[prefix + t]
            v[t] = (1.0 + math.log(c)) * w if c >= 1 else c * w
        top = sorted(v.items(), key=lambda kv: (-kv[1], kv[0]))[:MAX_TERMS]
        norm = math.sqrt(sum(x * x for _, x in top)) or 1.0
        return {k: x / norm for k, x in top}

    @staticmethod
    def _keys(doc: Doc) -> list[str]:
        return [*doc.terms, *(NAME_PREFIX + k for k in doc.names)]

    def add(self, doc: Doc, follow: str | None = None) -> str:
        """Place one article; returns its story id. ``follow``: an article this one is a copy of: the copy
        joins its original's story and moves with it."""
        if doc.id in self.assigned:
            return self.assigned[doc.id]
        if follow is not None and follow in self.assigned:
            sid = self.assigned[follow]
            self._attach(doc.id, follow, sid)
            return sid
        self.n += 1
        self._bump(self._keys(doc))
        self._remember(doc)
        # the article's vectors, and the stories that share its strongest words
        df = self._df(set(self._keys(doc)))
        vt, vn = self.vectors(doc, df)
        block = [t for t, _ in sorted(vt.items(), key=lambda kv: (-kv[1], kv[0]))[:BLOCK_TERMS]]
        # the stories sharing most of the article's weight in its strongest words are looked at closely
        shared = self._candidates(block)
        ranked = sorted(shared, key=lambda sid: (-sum(vt[k] for k in sorted(set(shared[sid]))), sid))[:CANDIDATES]
        stories = [st for sid in sorted(ranked) if (st := self._story(sid)) is not None]
        members = {m: self._doc(m) for st in stories for m in st.recent}
        df.update(self._df({k for d in members.values() for k in self._keys(d)} - set(df)))
        idf = self._idf(df)
        vecs = {m: (self._weigh(d.terms, idf, ""), self._weigh(d.names, idf, NAME_PREFIX)) for m, d in members.items()}
        sim = self._sim
        scored = []
        for st in stories:
            best = max((sim(vt, vn, *vecs[m]) * decay(doc.date, members[m].date) for m in st.recent), default=0.0)
            if st.core_size:
                best = max(best, sim(vt, vn, st.core_terms, st.core_names) / st.core_size
                           * decay(doc.date, st.core_date))
            if best >= self.threshold * PREFILTER:
                scored.append((best, st.id, st))
        chosen = [st for _, _, st in sorted(scored, key=lambda x: (-x[0], x[1]))[:MAX_STORIES]]
        nodes = [Node([doc.id], vt, vn, 1, doc.date, None)]
        for st in chosen:
            if st.core_size:
                nodes.append(Node([], st.core_terms, st.core_names, st.core_size, st.core_date, st.id, core=True))
            for m in st.recent:
                nodes.append(Node([m], *vecs[m], 1, members[m].date, st.id))
        groups = average_link(nodes, self.threshold)
        change, index_terms = self._outcome(doc, nodes, groups, chosen, {**vecs, doc.id: (vt, vn)},
                                            {**members, doc.id: doc})
        self._apply(change, index_terms)
        return change.moved[doc.id]

    @staticmethod
    def _sim(at: dict[str, float], an: dict[str, float], bt: dict[str, float], bn: dict[str, float]) -> float:
        def dot(a: dict[str, float], b: dict[str, float]) -> float:
            if len(a) > len(b):
                a, b = b, a
            return sum(x * b.get(k, 0.0) for k, x in a.items())

        return (1 - NAMES_WEIGHT) * dot(at, bt) + NAMES_WEIGHT * dot(an, bn)

    def _outcome(self, doc: Doc, nodes: list[Node], groups: list[list[int]], chosen: list[Story],
                 vecs: dict[str, tuple[dict[str, float], dict[str, float]]],
                 docs: dict[str, Doc]) -> tuple[Change, dict[str, list[str]]]:
        """Turn the groups into stories: ids kept where a story keeps its core or most of its members."""
        old = {st.id: st for st in chosen}
        order = sorted(range(len(groups)), key=lambda g: (-sum(nodes[i].weight for i in groups[g]), groups[g][0]))
        taken: dict[int, str] = {}
        used: set[str] = set()
        for g in order:  # a group holding cores keeps the id of the biggest core's story
            cores = [nodes[i] for i in groups[g] if nodes[i].core]
            if cores:
                sid = max(cores, key=lambda nd: (nd.weight, nd.story or ""))
                taken[g] = sid.story or ""
                used.add(taken[g])
        for g in order:  # other groups keep the id of the story that gives them most members, if still free
            if g in taken:
                continue
            votes = Counter(nodes[i].story for i in groups[g] if nodes[i].story and nodes[i].story not in used)
            if votes:
                sid = sorted(votes.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
                taken[g] = sid
                used.add(sid)
        for g in order:
            if g not in taken:
                ids = [a for i in groups[g] for a in nodes[i].ids]
                taken[g] = self._new_id(doc.id if doc.id in ids else min(ids), used)
                used.add(taken[g])
        moved: dict[str, str] = {}
        out: list[Story] = []
        frozen: list[str] = []
        index_terms: dict[str, list[str]] = {}
        absorbed: dict[str, str] = {}
        for g in order:
            sid = taken[g]
            base = old.get(sid)
            st = Story(sid, base.title if base else None)
            members: list[str] = []
            for i in groups[g]:
                nd = nodes[i]
                if nd.core:
                    src = old[nd.story or ""]
                    st.core_terms = _add_into(dict(st.core_terms), src.core_terms)
                    st.core_names = _add_into(dict(st.core_names), src.core_names)
                    st.core_size += src.core_size
                    st.core_date = max(filter(None, [st.core_date, src.core_date]), default=None)
                    if src.id != sid:
                        absorbed[src.id] = sid
                else:
                    members.extend(nd.ids)
            for a in members:
                d = docs[a]
                st.first_date = min(filter(None, [st.first_date, d.date]), default=None)
                st.last_date = max(filter(None, [st.last_date, d.date]), default=None)
                if nodes_story(nodes, a) != sid:
                    moved[a] = sid
                    index_terms.setdefault(sid, []).extend(sorted(vecs[a][0], key=lambda k: -vecs[a][0][k])[:BLOCK_TERMS])
            # the recent members, in arrival order; the oldest beyond RECENT join the core
            recent = [m for m in (base.recent if base else []) if m in members]
            recent += [m for m in members if m not in recent and m != doc.id]
            recent += [doc.id] if doc.id in members else []
            while len(recent) > RECENT:
                a = recent.pop(0)
                st.core_terms = _add_into(dict(st.core_terms), vecs[a][0])
                st.core_names = _add_into(dict(st.core_names), vecs[a][1])
                st.core_size += 1
                st.core_date = max(filter(None, [st.core_date, docs[a].date]), default=None)
                frozen.append(a)
            st.recent = recent
            if st.title is None:
                st.title = next((docs[m].title for m in recent if not bad_title(docs[m].title)), None)
            out.append(st)
        # sizes and dates: what each story had, less what left, plus what came
        for st in out:
            st.size, st.first_date, st.last_date = self._totals(st, old, absorbed, moved, nodes)
        gone = {sid: absorbed.get(sid, "") for sid in old if sid not in used}
        return Change(out, gone, moved, frozen), index_terms

    def _totals(self, st: Story, old: dict[str, Story], absorbed: dict[str, str], moved: dict[str, str],
                nodes: list[Node]) -> tuple[int, str | None, str | None]:
        size = 0
        first, last = st.first_date, st.last_date
        sources = [sid for sid, into in absorbed.items() if into == st.id]
        if st.id in old:
            sources.append(st.id)
        for sid in sources:
            src = old[sid]
            left = sum(1 + len(self.followers_of(a)) for a, to in moved.items() if nodes_story(nodes, a) == sid
                       and to != st.id)
            size += src.size - left
            first = min(filter(None, [first, src.first_date]), default=None)
            last = max(filter(None, [last, src.last_date]), default=None)
        size += sum(1 + len(self.followers_of(a)) for a, to in moved.items() if to == st.id
                    and nodes_story(nodes, a) not in sources)
        return size, first, last

    def followers_of(self, doc_id: str) -> list[str]:
        return self.followers.get(doc_id, [])


def nodes_story(nodes: list[Node], doc_id: str) -> str | None:
    for nd in nodes:
        if doc_id in nd.ids:
            return nd.story
    return None

"""Quotes and their speakers.

Quotation marks are paired per paragraph: curly and straight double quotes,
single quotes (British style, headlines, and quotes inside quotes) told apart
from apostrophes ("don’t", "talks’ agenda"). An embedded post ("... — Name
(@handle) May 9, 2018") is a quote of the name before the handle.

A quote is attributed by the cue in its clause: the subject of a speech verb
("X said", "said X", "X, a ... expert, noted", "she fumed", "he chimed in"),
climbing from participles ("..., stating that") to the verb that has a
subject, the agent of a passive ("was first reported by X"); the object of
"according to"; the possessor of a speech noun ("Brevik's insistence that").
The speaker is what the subject's head names: a person or organization of
the article, an apposition ("a spokesman, Karl Bode,"), or, for a common noun,
an unnamed source in its own words ("a spokeswoman for the Varn hotels": the
modifier is not the speaker). A name the entity tagger missed in this place
("Mr. Varn") is matched to the article's entities. A pronoun is resolved to
the most salient compatible referent: "he"/"she" to a person of that gender
(as far as titles and earlier pronouns tell) or to an unnamed person source
just mentioned, "it"/"they" to an organization or group subject. A quote
without a cue continues the previous speaker's quote (the second half of a
split quote, the next sentence of a statement) or, standing alone after a
sentence of reported speech ("Kudlow argues that ... . “...”"), is that
sentence's speaker's; a roundup line ("Name, Outlet: “...”") is the name's.
Quoted titles, labels and scare quotes ("the “shadow fleet”") are not quotes
of a person.

Reported speech without quotation marks is kept as indirect quotes, the
reported content as the span: "X said (that) ...", "X told Y that ...",
"..., X said", "according to X, ...". Negated, modal and infinitival cues
("did not say", "would say", "to claim"), questions, verbs of thinking and
naming, and sources that are no speakers ("according to the deal", "polls
suggest") are not.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from ..lexicon import load
from ..model import Analysis, Article, Quote
from .pipeline import component

OPEN_D, CLOSE_D = "“„«", "”»"
OPEN_S, CLOSE_S = "‘‹", "’›"
BEFORE_OPEN = set(" \t\n([{—–-“\"/:;,")


@dataclass
class QSpan:
    open: int
    close: int  # index of the closing mark (== paragraph end if the quote runs on)
    level: int
    parent: int | None = None

    @property
    def start(self) -> int:
        return self.open + 1

    @property
    def end(self) -> int:
        return self.close


@dataclass(frozen=True)
class _Lex:
    verbs: frozenset[str]
    particles: dict[str, frozenset[str]]
    needs_particle: frozenset[str]
    not_cues: frozenset[str]
    not_reported: frozenset[str]
    nouns: frozenset[str]
    pronouns: frozenset[str]
    male: frozenset[str]
    female: frozenset[str]
    male_words: frozenset[str]
    female_words: frozenset[str]
    people: frozenset[str]
    offices: frozenset[str]
    honorifics: frozenset[str]
    not_sources: frozenset[str]


@cache
def _lex() -> _Lex:
    d = load("speech.toml")
    particles: dict[str, set[str]] = {}
    for pv in d["particle_verbs"]:
        verb, particle = pv.split()
        particles.setdefault(verb, set()).add(particle)
    f = frozenset
    return _Lex(f(d["verbs"]), {k: f(v) for k, v in particles.items()}, f(d["needs_particle"]), f(d["not_cues"]),
                f(d["not_reported"]), f(d["nouns"]), f(d["pronouns"]), f(d["male_pronouns"]),
                f(d["female_pronouns"]), f(d["male_words"]), f(d["female_words"]), f(d["people"]), f(d["offices"]),
                f(d["honorifics"]), f(d["not_sources"]))


# ----------------------------------------------------------------------------- pairing marks

def _singles(text: str, a: int, b: int, level: int, parent: int | None, taken: list[QSpan]) -> list[QSpan]:
    out: list[QSpan] = []
    open_at: int | None = None
    i = a
    while i < b:
        c = text[i]
        if c in OPEN_S or c == "'" or c in CLOSE_S:
            prev = text[i - 1] if i > a else " "
            nxt = text[i + 1] if i + 1 < b else " "
            inside_word = prev.isalnum() and nxt.isalnum()
            can_open = (c in OPEN_S or c == "'") and (i == a or prev in BEFORE_OPEN) and (nxt.isalnum() or nxt in "[")
            can_close = (c in CLOSE_S or c == "'") and not inside_word and not prev.isspace() and not nxt.isalnum()
            if open_at is None and can_open:
                open_at = i
            elif open_at is not None and can_close and i > open_at + 1:
                if not any(q.open < open_at < q.close or q.open < i < q.close for q in taken if q.level >= level):
                    out.append(QSpan(open_at, i, level, parent))
                open_at = None
        i += 1
    return out


def find_quotes(text: str) -> list[QSpan]:
    """Quotation spans, outer (level 0) and nested (level 1), in text order."""
    spans: list[QSpan] = []
    paras = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)]
    for n, (ps, pe) in enumerate(paras):
        next_opens = n + 1 < len(paras) and text[paras[n + 1][0]:paras[n + 1][0] + 1] in OPEN_D + '"'
        doubles: list[QSpan] = []
        curly = straight = None
        for i in range(ps, pe):
            c = text[i]
            if c in OPEN_D and curly is None and straight is None:
                curly = i
            elif c in CLOSE_D and curly is not None:
                doubles.append(QSpan(curly, i, 0))
                curly = None
            elif c == '"' and curly is None:
                if straight is None:
                    straight = i
                else:
                    doubles.append(QSpan(straight, i, 0))
                    straight = None
        pending = curly if curly is not None else straight
        if pending is not None and next_opens and pe - pending > 20:
            doubles.append(QSpan(pending, pe, 0))  # a quote running on into the next paragraph
        spans.extend(doubles)
        # single quotes: nested in a double quote, or on their own (headlines, British style)
        for q in doubles:
            spans.extend(_singles(text, q.start, q.end, 1, q.open, doubles))
        gaps, last = [], ps
        for q in sorted(doubles, key=lambda q: q.open):
            gaps.append((last, q.open))
            last = q.close + 1
        gaps.append((last, pe))
        for a, b in gaps:
            if b > a:
                spans.extend(_singles(text, a, b, 0, None, doubles))
    spans.sort(key=lambda q: q.open)
    return spans


# ----------------------------------------------------------------------------- who is who

INDEFINITE = {"a", "an", "another", "one", "some"}
GROUP_TYPES = {"ORG", "NORP", "GPE"}


@dataclass(frozen=True)
class _Ref:
    """What a subject or object names: an entity of the article, or an unnamed source in its own words."""

    key: str | None
    name: str | None
    person: bool  # a person, named or not
    plural: bool = False
    head: str = ""  # the head noun's lemma (unnamed sources)
    how: str = "cue verb"


def _norm_name(text: str) -> str:
    words = re.findall(r"[\w’'-]+", text.lower().replace("’", "'"))
    hon = _lex().honorifics
    while words and words[0].rstrip(".") in hon:
        words = words[1:]
    if words and words[0] == "the":
        words = words[1:]
    return " ".join(words)


class _Context:
    """Who is salient where: subjects and mentions per sentence, names, genders, pronouns resolved in order."""

    def __init__(self, doc: Any, art: Article, an: Analysis, quotes: list[QSpan]) -> None:
        self.doc, self.art, self.an = doc, art, an
        self.text = art.text
        self.keys = {e.key: e for e in an.entities}
        self.mentions = sorted(an.mentions, key=lambda m: (m.start, m.end))
        self._mstarts = [m.start for m in self.mentions]
        self._mmax = max((m.end - m.start for m in self.mentions), default=0)
        self.sents = [(s, e) for s, e in an.sentences]
        self._sstarts = [s for s, _ in self.sents]
        self.quotes = quotes
        self._mask = self._quoted_mask()
        self.resolved: dict[int, _Ref | None] = {}  # token index of a pronoun -> what it refers to
        self.frames: dict[int, tuple[int, int]] = {}  # a quote's opening mark -> its clause
        self.subjects: list[list[tuple[int, _Ref]]] = []
        self._index_names()
        self.gender: dict[str, str] = {}
        self._genders()
        self._build()

    # -- quoted text
    def _quoted_mask(self) -> bytearray:
        mask = bytearray(len(self.text) + 1)
        for q in self.quotes:
            if q.level:
                continue
            nested = [n for n in self.quotes if n.parent == q.open]
            if nested and self._narrates(q, nested):  # a quoted passage with its own narration: only its
                for n in nested:  # inner quotes are speech ("The article states: “... ‘...’ Varn said.”")
                    mask[n.start:n.end] = b"\x01" * (n.end - n.start)
            else:
                mask[q.start:q.end] = b"\x01" * (q.end - q.start)
        return mask

    def _narrates(self, q: QSpan, nested: list[QSpan]) -> bool:
        """Does a quoted passage have speech cues of its own, outside its inner quotes?"""
        span = self.doc.char_span(q.start, q.end, alignment_mode="contract")
        lex = _lex()
        for tok in span or []:
            if any(n.open <= tok.idx <= n.close for n in nested) or not _is_cue(tok, lex):
                continue
            if not any(0 < tok.idx - n.close < 40 for n in nested):
                continue  # the cue of an inner quote: "‘We will not give in,’ Tom Ruddle said"
            if any(c.dep_ == "nsubj" and (c.pos_ == "PROPN" or c.lower_ in lex.pronouns) for c in tok.children):
                return True
        return False

    def quoted(self, pos: int) -> bool:
        """True if ``pos`` is inside speech, not inside narration that happens to be quoted."""
        return 0 <= pos < len(self._mask) and bool(self._mask[pos])

    def all_quoted(self, i: int) -> bool:
        s, e = self.sents[i]
        return all(self._mask[p] or not self.text[p].isalnum() for p in range(s, e))

    # -- entities
    def mention_obj(self, start: int, end: int) -> Any | None:
        i = bisect.bisect_left(self._mstarts, start - self._mmax)
        while i < len(self.mentions) and self.mentions[i].start < end:
            m = self.mentions[i]
            if m.start <= start < m.end or start <= m.start < end:
                return m
            i += 1
        return None

    def mention_at(self, start: int, end: int) -> str | None:
        m = self.mention_obj(start, end)
        return m.key if m is not None else None

    def person(self, key: str | None) -> bool:
        return bool(key and key in self.keys and self.keys[key].type == "PERSON")

    def _index_names(self) -> None:
        self._full: dict[str, set[str]] = {}
        self._last: dict[str, set[str]] = {}  # a person's surname
        self._word: dict[str, set[str]] = {}  # any word of a person's name (surnames that come first: "Mr. Pak")
        for e in self.an.entities:
            for n in (e.name, *e.variants):
                k = _norm_name(n)
                if not k:
                    continue
                self._full.setdefault(k, set()).add(e.key)
                if e.type == "PERSON":
                    words = k.split()
                    self._last.setdefault(words[-1], set()).add(e.key)
                    for w in words:
                        if len(w) > 1:
                            self._word.setdefault(w, set()).add(e.key)

    def name_key(self, words: str, titles: set[str] | None = None, people: bool = False) -> str | None:
        """The one entity of the article these words name ("Mr. Varn", "the Arland foreign ministry"); of two
        people with that surname, the one whose role has the title before it ("negotiator Pak")."""
        k = _norm_name(words)
        if not k:
            return None
        full = None if people else self._full.get(k)
        for keys in ((full, self._last.get(k, set()) | self._word.get(k, set())) if " " not in k else (full,)):
            if keys and len(keys) > 1 and titles:
                keys = {key for key in keys if key in self.keys
                        and titles & {w for r in self.keys[key].roles for w in r.title.lower().split()}}
            if keys:
                return next(iter(keys)) if len(keys) == 1 else None
        return None

    def _genders(self) -> None:
        """Gender from courtesy titles and role words next to a person's mentions ("Mr. Varn", "spokeswoman X");
        the title words in front of each person's names ("Vice President X")."""
        lex = _lex()
        self.titles: dict[str, set[str]] = {}
        for m in self.mentions:
            if not self.person(m.key):
                continue
            words_before = re.findall(r"[\w.]+", self.text[max(0, m.start - 40):m.start].lower())
            if m.kind == "name":
                self.titles.setdefault(m.key, set()).update(words_before[-3:])
            if m.key in self.gender:
                continue
            before = words_before[-1:]
            inside = re.findall(r"[\w.]+", m.text.lower())
            words = set(before + inside)
            if words & lex.female_words:
                self.gender[m.key] = "f"
            elif words & lex.male_words:
                self.gender[m.key] = "m"
        for e in self.an.entities:
            if e.type == "PERSON" and e.key not in self.gender:
                titles = {w for r in e.roles for w in r.title.lower().split()}
                if titles & lex.female_words:
                    self.gender[e.key] = "f"
                elif titles & lex.male_words:
                    self.gender[e.key] = "m"

    # -- sentences
    def sent_index(self, pos: int) -> int:
        i = bisect.bisect_right(self._sstarts, pos) - 1
        return max(i, 0)

    def _build(self) -> None:
        self.subjects = [[] for _ in self.sents]
        lex = _lex()
        strings = self.doc.vocab.strings
        subj_deps = {strings.add("nsubj"), strings.add("nsubjpass")}
        verb, according = strings.add("VERB"), strings.add("according")
        cue_lemmas = {strings.add(w) for w in lex.verbs | set(lex.particles)}
        self.cue_tokens: list[Any] = []  # tokens that may be speech cues, in text order
        for tok in self.doc:  # hashes, not strings: this loop sees every token
            if tok.dep in subj_deps and self.sents and not self.quoted(tok.idx):
                subj = self.subjects[self.sent_index(tok.idx)]
                ref = self.refer(tok, subj)
                if ref is not None:
                    subj.append((tok.idx, ref))
            if (tok.pos == verb and tok.lemma in cue_lemmas) or tok.lower == according:
                self.cue_tokens.append(tok)

    # -- what a noun phrase refers to
    def _phrase(self, tok: Any) -> str:
        """The words of an unnamed source: the noun with its modifiers, without clauses and appositions."""
        drop = {t.i for c in tok.children if c.dep_ in ("relcl", "appos", "advcl", "punct", "cc", "conj",
                                                        "parataxis") for t in c.subtree}
        kept = [t for t in tok.subtree if t.i not in drop]
        lo = hi = tok.i
        ids = {t.i for t in kept}
        while lo - 1 in ids:
            lo -= 1
        while hi + 1 in ids:
            hi += 1
        a, b = self.doc[lo].idx, self.doc[hi].idx + len(self.doc[hi].text)
        return self.text[a:b].strip(" ,")

    def _head_key(self, tok: Any) -> tuple[str | None, str]:
        """The entity the head of a noun phrase names, and how it was found."""
        lex = _lex()
        m = self.mention_obj(tok.idx, tok.idx + len(tok.text))
        if m is not None and not self.person(m.key):
            # "Khyber province Information Minister Ghani", "Budget Office Director and ... Mick Varn": a title
            # misparsed as an apposition or a conjunct of the office: the person
            for c in tok.children:
                mc = self.mention_obj(c.idx, c.idx + len(c.text)) if c.dep_ in ("appos", "conj") else None
                if mc is not None and self.person(mc.key):
                    return mc.key, "cue verb"
            # a surname the tagger took for an organization ("said Pak, founder of ..."): the person of that name
            if m.kind == "name" and " " not in m.text.strip():
                k = self.name_key(m.text, people=True)
                if k and self.person(k):
                    return k, "name"
        if m is not None and not (m.kind == "nominal" and any(c.dep_ == "det" and c.lower_ in INDEFINITE
                                                             for c in tok.children)):
            return m.key, "role noun" if m.kind == "nominal" else "cue verb"
        for c in tok.children:  # "a ministry spokesman, Nasrat Ilyan," / "its leader, Ilyan"
            if c.dep_ == "appos" and c.pos_ in ("PROPN", "NOUN"):
                mc = self.mention_obj(c.idx, c.idx + len(c.text))
                k = mc.key if mc is not None else (self.name_key(self._name_words(c)) if c.pos_ == "PROPN" else None)
                if k:
                    return k, "cue verb"
        if tok.lower_ in lex.offices and any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children):
            # "the vice president", "the Senator": the one person of the article with that title
            words = {c.lower_ for c in tok.children if c.dep_ in ("compound", "amod")} | {tok.lower_}
            keys = [e.key for e in self.an.entities if e.type == "PERSON"
                    and (any(words <= set(r.title.lower().split()) for r in e.roles)
                         or words <= self.titles.get(e.key, set()))]
            if len(keys) == 1:
                return keys[0], "role noun"
        if tok.pos_ == "PROPN":
            titles = {c.lower_ for c in tok.children if c.dep_ == "compound" and c.pos_ == "NOUN"}
            k = self.name_key(self._name_words(tok), titles) or self.name_key(self._name_words(tok, proper=False))
            return k, "name"
        if tok.pos_ == "NOUN" and tok.lemma_.lower() not in lex.people and tok.lower_ not in lex.offices:
            # "the Arland foreign ministry", "the Daily Example tabloid": an organization named before its kind
            k = self.name_key(self._name_words(tok, proper=False))
            if k and not self.person(k):
                return k, "name"
            for c in tok.children:
                if c.dep_ == "compound" and c.pos_ == "PROPN":
                    mc = self.mention_obj(c.idx, c.idx + len(c.text))
                    if mc is not None and mc.key in self.keys and self.keys[mc.key].type == "ORG":
                        return mc.key, "cue verb"
        return None, ""

    def _name_words(self, tok: Any, proper: bool = True) -> str:
        """The name a token heads: the proper nouns before it ("Mr. Varn"), or for a common noun its compound
        and adjective modifiers too ("Arland foreign ministry")."""
        lo = tok.i
        while lo - 1 >= 0:
            t = self.doc[lo - 1]
            if not (t.head.i == tok.i or lo <= t.head.i <= tok.i):
                break
            if not (t.pos_ == "PROPN" or t.tag_ == "HYPH" or (not proper and t.dep_ in ("compound", "amod"))):
                break
            lo -= 1
        return self.text[self.doc[lo].idx:tok.idx + len(tok.text)]

    def refer(self, tok: Any, before: list[tuple[int, _Ref]] | None = None) -> _Ref | None:
        """What the noun phrase headed by ``tok`` refers to."""
        lex = _lex()
        low = tok.lower_
        if tok.i in self.resolved:
            return self.resolved[tok.i]
        if low in lex.pronouns:
            ref = self.resolve_person(tok.idx, "m" if low in lex.male else "f", before)
            self.resolved[tok.i] = ref
            if ref is not None and ref.key and ref.key not in self.gender:
                self.gender[ref.key] = "m" if low in lex.male else "f"
            return ref
        if low in ("it", "they"):
            ref = self.resolve_group(tok.idx, low == "they", before)
            self.resolved[tok.i] = ref
            return ref
        plural = tok.tag_ in ("NNS", "NNPS")
        key, how = self._head_key(tok)
        if key is not None:
            return _Ref(key, self.keys[key].name if key in self.keys else None, self.person(key), plural,
                        tok.lemma_.lower(), how)
        if tok.pos_ in ("NOUN", "PROPN"):
            name = self._phrase(tok)
            if not name or len(name) > 80:
                return None
            head = tok.lemma_.lower()
            indefinite = any(c.dep_ == "det" and c.lower_ in INDEFINITE for c in tok.children)
            human = head in lex.people or low in lex.people or (indefinite and (head in lex.offices))
            return _Ref(None, name, human, plural, head)
        return None

    def resolve_person(self, pos: int, gender: str, before: list[tuple[int, _Ref]] | None = None) -> _Ref | None:
        """The most salient person before ``pos`` of that gender: a subject earlier in the sentence, a person
        named earlier in it, then the subjects and persons of the previous sentences (quoted ones skipped);
        an unnamed person source ("a ministry spokesman") counts as the subject it is."""

        def fits(r: _Ref) -> bool:
            if not r.person or r.plural:
                return False
            return r.key is None or self.gender.get(r.key, gender) == gender

        def named(key: str) -> bool:
            return self.person(key) and self.gender.get(key, gender) == gender

        i = self.sent_index(pos)
        here_subj = [r for p, r in (before or []) if p < pos and fits(r)]
        if here_subj:
            return here_subj[-1]
        s0 = self.sents[i][0] if self.sents else 0
        here = [m for m in self.mentions[bisect.bisect_left(self._mstarts, s0):]
                if m.start < pos and named(m.key) and not self.quoted(m.start)]
        if here:  # "Sorvik had asserted that ... until he met Brevik": the person earlier in the sentence
            return _Ref(here[0].key, self.keys[here[0].key].name, True, how="pronoun")
        j, seen = i, 0
        while seen < 3 and j > 0:
            j -= 1
            if self.all_quoted(j):
                continue  # quoted sentences carry no narration
            seen += 1
            subs = [r for _, r in self.subjects[j] if fits(r)] if j < len(self.subjects) else []
            if subs:
                r = subs[0]
                return _Ref(r.key, r.name, True, False, r.head, "pronoun")
            a, b = self.sents[j]
            recent = [m for m in self.mentions[bisect.bisect_left(self._mstarts, a):]
                      if m.start < b and named(m.key) and not self.quoted(m.start)]
            if recent:
                return _Ref(recent[-1].key, self.keys[recent[-1].key].name, True, how="pronoun")
        return None

    def resolve_group(self, pos: int, plural: bool, before: list[tuple[int, _Ref]] | None = None) -> _Ref | None:
        """"it" / "they" as a speaker: the organization, outlet or group that was the subject just before."""
        lex = _lex()

        def fits(r: _Ref) -> bool:
            if r.head in lex.not_sources or r.head in ("it", "they"):
                return False
            if r.key is not None:
                typ = self.keys[r.key].type if r.key in self.keys else ""
                return typ in GROUP_TYPES and (plural or typ != "NORP")
            return r.plural == plural and (plural or not r.person)

        here = [r for p, r in (before or []) if p < pos and fits(r)]
        if here:
            return here[-1]
        i = self.sent_index(pos)
        j, seen = i, 0
        while seen < 2 and j > 0:
            j -= 1
            if self.all_quoted(j):
                continue
            seen += 1
            subs = self.subjects[j] if j < len(self.subjects) else []
            if subs:  # the sentence's first subject, if it can be what "it" / "they" stands for
                r = subs[0][1]
                return _Ref(r.key, r.name, r.person, r.plural, r.head, "pronoun") if fits(r) else None
        return None


# ----------------------------------------------------------------------------- speakers

@dataclass
class _Speaker:
    key: str | None
    name: str | None
    cue: str
    cue_start: int
    cue_end: int
    how: str
    is_person: bool
    dist: int
    kind: str = "verb"  # verb | according | noun
    governs: bool = True  # the quote sits inside the cue's clause
    depth: int = 0  # how deep the cue is in the parse (the innermost speech act speaks the quote)
    relay: bool = False  # "— writes the Courier": an outlet relaying someone else's words

    def cls(self) -> int:
        if self.kind == "verb" and not self.relay:
            return 0
        if self.kind == "according" and self.is_person:
            return 0
        if self.kind == "noun" and self.is_person:
            return 1
        return 2


def _subject_via(tok: Any) -> tuple[Any | None, bool]:
    """The subject of a cue verb, climbing from participles and conjuncts to a verb that has one; the agent
    of a passive cue ("was first reported by the Courier"), none for a passive without one. And whether the
    subject was taken from another verb the cue is coordinated with."""
    verbs = _lex().verbs
    if tok.tag_ == "VBG" and not any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children):
        # "X commented that ..., stating that ...": the participle's speaker is the speech verb's subject
        for anc in tok.ancestors:
            if anc.lemma_.lower() in verbs and anc.pos_ == "VERB":
                subj = [c for c in anc.children if c.dep_ in ("nsubj", "nsubjpass")]
                if subj:
                    return subj[0], False
    if tok.lemma_.lower() not in ("quote", "cite") and any(c.dep_ in ("auxpass", "nsubjpass", "agent")
                                                          for c in tok.children):
        # "as was first reported by the Courier": the agent speaks; "it was announced that": no one named
        agent = [g for c in tok.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
        return (agent[0] if agent else None), False
    t, shared = tok, False
    for _ in range(4):
        # of two subjects (a misparsed apposition: "Ratings agency Varn’s said"), the name
        subj = sorted((c for c in t.children if c.dep_ in ("nsubj", "nsubjpass")), key=lambda c: c.pos_ != "PROPN")
        if subj:
            return subj[0], shared
        if t.dep_ == "acl" and t.head.pos_ in ("PROPN", "NOUN", "PRON"):
            return t.head, False  # "Marren, the German chancellor, posted on X: ..." parsed as a participle
        if t.dep_ in ("advcl", "conj", "xcomp", "acl", "ccomp", "relcl") and t.head is not t:
            if t.dep_ == "relcl":  # "..., which he described as ...": the relative clause's own subject
                return None, False
            shared = shared or (t.dep_ == "conj" and t.head.lemma_.lower() not in verbs)
            t = t.head
            continue
        break
    return None, False


def _speaker_of(ctx: _Context, tok: Any, how: str, dist: int) -> _Speaker | None:
    """The speaker of cue verb ``tok``: its subject's referent."""
    subj, shared = _subject_via(tok)
    if subj is None:
        return None
    return _can_speak(ctx, subj, _speaker_from(ctx, subj, tok, how, dist), shared)


def _can_speak(ctx: _Context, subj: Any, sp: _Speaker | None, shared: bool) -> _Speaker | None:
    """A subject shared with a verb that is no speech ("The tariffs took effect and Arland said ...",
    misparsed) must be someone who can speak: an entity or an unnamed person."""
    if sp is None or not shared or sp.key is not None:
        return sp
    ref = ctx.refer(subj)
    return sp if ref is not None and ref.person else None


def _speaker_from(ctx: _Context, tok: Any, cue_tok: Any, how: str, dist: int) -> _Speaker | None:
    ref = ctx.refer(tok)
    if ref is None or (ref.key is None and not ref.name):
        return None
    if ref.key is None and ref.head in _lex().not_sources:
        return None  # "polls suggest", "according to the deal"
    resolved_by = ref.how if ref.how in ("pronoun", "role noun") else how
    return _Speaker(ref.key, ref.name, cue_tok.text, cue_tok.idx, cue_tok.idx + len(cue_tok.text), resolved_by,
                    ctx.person(ref.key), dist)


RELAY = {"write", "report", "publish", "cite", "quote", "carry"}
CHARACTERIZE = {"describe", "call", "deem", "dub", "label", "term", "brand", "characterize", "characterise", "hail"}


def _is_cue(tok: Any, lex: _Lex) -> bool:
    """A speech verb in use: with its particle where it needs one ("chimed in"), not one that names a quote."""
    lemma = tok.lemma_.lower()
    if tok.pos_ not in ("VERB", "AUX") or (lemma not in lex.verbs and lemma not in lex.particles):
        return False
    prts = {c.lower_ for c in tok.children if c.dep_ in ("prt", "advmod")}
    if lemma in lex.needs_particle or lemma not in lex.verbs:
        return bool(prts & lex.particles.get(lemma, frozenset()))
    if lemma in lex.not_cues:
        return False
    if lemma == "continue":  # "continued to push for" is no speech
        return not any(c.dep_ == "xcomp" for c in tok.children)
    if lemma == "call" and not any(c.dep_ in ("dobj", "oprd", "xcomp") for c in tok.children):
        return False  # "called for"
    return True


def _cues(ctx: _Context, a: int, b: int, q: QSpan) -> list[_Speaker]:
    """Speakers offered by the cues in the frame a:b around quote q."""
    lex = _lex()
    doc = ctx.doc
    span = doc.char_span(a, b, alignment_mode="contract")
    out: list[_Speaker] = []
    if span is None:
        return out
    qspan = doc.char_span(q.start, q.end, alignment_mode="expand")
    qroots = {t.i for t in qspan} if qspan is not None else set()

    def governs(head: Any) -> bool:
        if head.lemma_.lower() in CHARACTERIZE:
            # "described the talks as a “success”", "what he deemed the “B-team”": the quote must be the
            # characterisation, not the thing described ("described the “frozen conflict” in detail")
            region = {t.i for c in head.children if c.dep_ in ("oprd", "xcomp", "ccomp", "attr", "acomp")
                      or (c.dep_ == "prep" and c.lower_ == "as") for t in c.subtree}
            region |= {t.i for c in head.children if c.dep_ == "dobj" and c.lower_ in ("what", "which", "it", "them")
                       for t in c.subtree}
            if head.dep_ == "relcl":
                region |= {t.i for t in head.head.subtree} - {t.i for t in head.subtree}
            return bool(qroots & region) or (bool(qroots & {t.i for t in head.subtree}) and not any(
                c.dep_ == "dobj" and qroots & {t.i for t in c.subtree} for c in head.children))
        if head.dep_ == "parataxis":  # "Still, he said, the troops will stay “until ...”"
            return bool(qroots & {t.i for t in head.head.subtree})
        return bool(qroots & {t.i for t in head.subtree})
    others = [(o.start, o.end) for o in ctx.quotes if o.level == q.level and o is not q and q.level == 0
              and o.end > a and o.start < b]
    for tok in span:
        if q.start <= tok.idx < q.end or any(s0 <= tok.idx < e0 for s0, e0 in others):
            continue
        dist = min(abs(tok.idx - q.close), abs(q.open - tok.idx))
        lemma = tok.lemma_.lower()
        sp = None
        kind, gov_head = "verb", tok
        if tok.lower_ == "according" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to":
            objs = [c for c in doc[tok.i + 1].children if c.dep_ == "pobj"]
            if objs:
                sp = _speaker_from(ctx, objs[0], tok, "according to", dist)
                kind, gov_head = "according", tok.head
        elif _is_cue(tok, lex):
            subj, shared = _subject_via(tok)
            if subj is None and tok.dep_ == "relcl":
                subj = next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subj is not None and not (q.start <= subj.idx < q.end):
                sp = _can_speak(ctx, subj, _speaker_from(ctx, subj, tok, "cue verb", dist), shared)
            elif tok.idx > q.close:
                sp = _after_quote(ctx, q, tok, dist)
        elif tok.pos_ == "NOUN" and lemma in lex.nouns:
            poss = [c for c in tok.children if c.dep_ == "poss"]
            if poss:
                sp = _speaker_from(ctx, poss[0], tok, "speech noun", dist)
                kind = "noun"
        if sp is not None:
            sp.kind = kind
            sp.governs = governs(gov_head) or (kind == "noun" and (governs(tok.head) or governs(tok.head.head)))
            sp.depth = sum(1 for _ in gov_head.ancestors)
            sp.relay = kind == "verb" and lemma in RELAY and not sp.is_person
            out.append(sp)
    return out


def _after_quote(ctx: _Context, q: QSpan, tok: Any, dist: int) -> _Speaker | None:
    """“...,” Tom Varn, the group's president, told reporters: the parser lost the subject inside the quote;
    the name right after the closing mark, before the cue, is the speaker."""
    text = ctx.text
    p = q.close + 1
    while p < tok.idx and text[p] in " ,”’\"'":
        p += 1
    m = ctx.mention_obj(p, p + 1)
    if m is None or m.start != p or m.end > tok.idx or not ctx.person(m.key):
        return None
    if not re.fullmatch(r"\s*(?:,[^“”\"\n]{0,80},\s*)?", text[m.end:tok.idx]):
        return None
    return _Speaker(m.key, ctx.keys[m.key].name, tok.text, tok.idx, tok.idx + len(tok.text), "cue verb", True, dist)


def _frame(ctx: _Context, q: QSpan) -> tuple[int, int]:
    """The clause around a quote: back to the previous sentence end outside quotes, on to the next one."""
    got = ctx.frames.get(q.open)
    if got is None:
        got = ctx.frames[q.open] = _find_frame(ctx, q)
    return got


def _find_frame(ctx: _Context, q: QSpan) -> tuple[int, int]:
    text = ctx.text
    if q.level > 0 and q.parent is not None:
        parent = next(p for p in ctx.quotes if p.open == q.parent)
        lo, hi = parent.start, parent.end
    else:
        lo = text.rfind("\n", 0, q.open) + 1
        hi = text.find("\n", q.close)
        hi = len(text) if hi < 0 else hi
    same = [o for o in ctx.quotes if o.level == q.level and o is not q and lo <= o.open < hi]
    # before: back to a sentence end that is not inside another quote ("U.S. officials" does not end one)
    a = q.open
    while a > lo:
        ch = text[a - 1]
        if ch in ".!?" and not any(o.open < a - 1 < o.close for o in same) and (
                a - 1 == lo or (text[a] in " \n" and _ends_sentence(text, a - 1))):
            break
        a -= 1
    # after: on to the end of the sentence, stopping at the next opening quote that starts a new sentence
    b = q.close + 1
    while b < hi:
        ch = text[b]
        if ch in ".!?" and not any(o.open < b < o.close for o in same) and _ends_sentence(text, b):
            b += 1
            break
        if any(o.open == b for o in same) and text[max(q.close + 1, b - 3):b].strip().endswith((".", "!", "?")):
            break
        b += 1
    return max(a, lo), min(b, hi)


_ABBREV = {"mr", "mrs", "ms", "dr", "st", "jr", "sr", "gen", "col", "lt", "sgt", "gov", "sen", "rep", "prof", "u.s",
           "u.k", "u.n", "e.u", "no", "vs", "etc", "inc", "ltd", "co", "corp", "jan", "feb", "aug", "sept", "oct", "nov",
           "dec"}


def _ends_sentence(text: str, i: int) -> bool:
    """Does the '.', '!' or '?' at i end a sentence (not "J.D." or "Mr.")?"""
    if text[i] != ".":
        return True
    nxt = text[i + 1:i + 3]
    if nxt[:1].isalpha():
        return False
    word = re.search(r"([\w.]+)$", text[max(0, i - 40):i])
    w = word.group(1).lower() if word else ""
    if len(w.replace(".", "")) == 1 or w in _ABBREV or "." in w:
        return False
    return True


def _fills_sentence(ctx: _Context, q: QSpan) -> bool:
    """The quote is (nearly) all of its sentence: nothing but punctuation around it."""
    a, b = _frame(ctx, q)
    rest = (ctx.text[a:q.open] + ctx.text[q.close + 1:b]).strip(" .,;:—–-\n")
    return not re.search(r"\w", rest)


def _clause_like(doc: Any, q: QSpan) -> bool:
    """Words someone said rather than a label: four words or more, with a verb."""
    span = doc.char_span(q.start, q.end, alignment_mode="expand")
    if span is None:
        return False
    words = [t for t in span if not t.is_punct and not t.is_space]
    return len(words) >= 4 and any(t.pos_ in ("VERB", "AUX") for t in words)


def _is_label(ctx: _Context, q: QSpan, body: str) -> bool:
    """A title, a name, a label or a scare quote rather than words someone said."""
    words = re.findall(r"[\w’'-]+", body)
    before = ctx.text[max(0, q.open - 40):q.open].lower()
    after = ctx.text[q.close + 1:q.close + 20]
    caps = [w for w in words if w[:1].isupper()]
    if len(words) >= 3 and len(caps) >= 0.7 * len(words) and not body.rstrip().endswith((",", ".", "!", "?")):
        return True  # a title: "Peace Pause on Hold"
    if re.search(r"\b(?:so-called|dubbed|nicknamed|known as|titled|entitled|headlined|article|book|film|report|"
                 r"operation|slogan|principle|motto|hashtag)\s*$", before):
        return True
    if re.match(r"\s*\(\s*(?:[A-Z][a-z]+ \d|\d)", after):
        return True  # "Title" (May 15, 2025)
    return False


ROUNDUP = re.compile(r"\s*(?P<who>[^\s:“\"][^:“\"\n]{1,118}?)\s*:\s*$")


def _roundup(ctx: _Context, q: QSpan) -> _Speaker | None:
    """A roundup line, "Name, Outlet: “...”" or "Name (Party): “...”": the name at the start of the line speaks."""
    if q.level:
        return None
    lo = ctx.text.rfind("\n", 0, q.open) + 1
    m = ROUNDUP.fullmatch(ctx.text, lo, q.open)
    if not m:
        return None
    who_start = m.start("who")
    first = ctx.mention_obj(who_start, m.end("who"))
    if first is None or first.start > who_start + 1 or not ctx.person(first.key):
        return None
    rest = ctx.text[first.end:m.end("who")]
    if rest.strip() and not re.match(r"\s*[,(\[—–-]", rest):
        return None  # "Varn said:" is a cue, handled as such; "Varn and the others:" is no roundup
    return _Speaker(first.key, ctx.keys[first.key].name, first.text, first.start, first.end, "roundup", True, 0)


POST = re.compile(r"(?P<body>\S.*?)\s*(?:pic\.twitter\.com/\S+\s*)?[—–]\s*(?P<who>[^()\n—–]{2,60}?)\s*"
                  r"\(@\w{1,30}\)\s*(?:[A-Z][a-z]+\.? \d{1,2}, \d{4})?\s*")


def _posts(ctx: _Context, spans: list[QSpan]) -> list[tuple[QSpan, _Speaker | None]]:
    """Embedded posts: a paragraph "text — Name (@handle) May 9, 2018" quotes the name."""
    out = []
    for m in re.finditer(r"[^\n]+", ctx.text):
        p = POST.fullmatch(ctx.text, m.start(), m.end())
        if p is None or any(m.start() <= s.open < m.end() for s in spans if s.level == 0):
            continue
        a, b = p.start("who"), p.end("who")
        key = ctx.mention_at(a, b) or ctx.name_key(ctx.text[a:b])
        sp = _Speaker(key, ctx.keys[key].name if key in ctx.keys else ctx.text[a:b], ctx.text[a:b], a, b, "post",
                      ctx.person(key), 0) if key or ctx.text[a:b].strip() else None
        out.append((QSpan(p.start("body") - 1, p.end("body"), 0), sp))
    return out


def _narrated(ctx: _Context, q: QSpan) -> tuple[int, _Speaker] | None:
    """The speaker of the sentence of reported speech just before a quote that stands alone: "Kudlow argues
    that ... . “...”", or a line ending "..., he said:" before a quote's paragraph."""
    lex = _lex()
    i = ctx.sent_index(q.open)
    if i == 0 or not ctx.sents:
        return None
    j = i - 1
    s, e = ctx.sents[j]
    if ctx.all_quoted(j):
        return None
    gap = ctx.text[e:q.open]
    if "\n" in gap and not ctx.text[s:e].rstrip().endswith(":"):
        return None  # only across a paragraph break after "... said:"
    span = ctx.doc.char_span(s, e, alignment_mode="expand")
    for tok in span or []:
        if ctx.quoted(tok.idx) or not _is_cue(tok, lex) or tok.lemma_.lower() in lex.not_reported:
            continue
        if tok.dep_ not in ("ROOT", "conj") or any(c.dep_ == "neg" for c in tok.children):
            continue
        sp = _speaker_of(ctx, tok, "narration", 0)
        if sp is not None and sp.key is not None:
            sp.how = "continuation"
            return tok.idx, sp
    return None


@component("quotes", adds=("quotes",), needs=("entities", "structure"))
def quotes(doc: Any, art: Article, an: Analysis, ctx_: dict[str, Any]) -> None:
    text = art.text
    spans = find_quotes(text)
    ctx = _Context(doc, art, an, spans)
    posts = _posts(ctx, spans)
    if posts:  # the post's words are speech: no narration cue inside them
        ctx.quotes = spans + [p for p, _ in posts]
        ctx._mask = ctx._quoted_mask()
    out: list[Quote] = []
    last: Quote | None = None
    last_para = -1
    for q in spans:
        body = text[q.start:q.end]
        if not re.search(r"\w", body):
            continue
        a, b = _frame(ctx, q)
        cands = _cues(ctx, a, b, q)
        speaker = None
        if cands:
            # the innermost speech act whose clause holds the quote; people before outlets relaying them
            pool = [c for c in cands if c.governs]
            if not pool and _clause_like(doc, q):
                pool = cands  # a full quote the parser attached elsewhere: the cue next to it still speaks it
            if pool:
                speaker = min(pool, key=lambda c: (c.cls(), -c.depth, not c.is_person, c.dist))
        words = len(re.findall(r"\w+", body))
        para = text.count("\n", 0, q.open)
        if speaker is None and q.level == 0:
            speaker = _roundup(ctx, q)
        if speaker is None:
            if q.level > 0 or _is_label(ctx, q, body):
                continue  # a quote inside a quote, with no cue of its own, belongs to the outer one
            full = _clause_like(doc, q)
            fills = _fills_sentence(ctx, q)
            # the second half of a split quote ("“A,” X said. “B.”") may be short
            split = last is not None and para == last_para and q.open - last.end < 120
            narrated = _narrated(ctx, q) if fills and full else None
            if narrated is not None and (last is None or last.cue_start is None or narrated[0] > last.cue_start
                                         or para - last_para > 2):
                speaker = narrated[1]
            elif last is not None and para - last_para <= 2 and fills and (full or split):
                speaker = _Speaker(last.speaker, last.speaker_name, last.cue or "", last.cue_start or 0,
                                   last.cue_end or 0, "continuation", ctx.person(last.speaker), 0)
            elif not full:
                continue  # a scare quote or a label: no one is quoted
        elif _is_label(ctx, q, body):
            continue
        fills = _fills_sentence(ctx, q)
        quote = _quote(art, len(out), q.start, q.end, "direct", speaker, a, b,
                       partial=not fills and not (words >= 6 and body.rstrip()[-1:] in ".!?,"))
        out.append(quote)
        if quote.speaker_name:
            last, last_para = quote, para
    for q, sp in posts:
        out.append(_quote(art, len(out), q.start, q.end, "direct", sp, q.start, q.end, partial=False))
    out.sort(key=lambda x: x.start)
    out.extend(_indirect(ctx, spans, len(out)))
    for n, quote in enumerate(out):
        quote.id = f"{art.id}:q{n + 1}"
    an.quotes = out
    # the people "he" and "she" stand for as subjects, for the statements that follow ("He appealed to ...")
    ctx_["pronoun_people"] = {i: r.key for i, r in ctx.resolved.items()
                              if r is not None and r.key and r.person and r.how == "pronoun"}


def _quote(art: Article, n: int, start: int, end: int, kind: str, sp: _Speaker | None, s: int, e: int,
           partial: bool) -> Quote:
    return Quote(id=f"{art.id}:q{n + 1}", text=art.text[start:end], start=start, end=end, kind=kind,
                 speaker=sp.key if sp else None, speaker_name=sp.name if sp else None, cue=sp.cue if sp else None,
                 cue_start=sp.cue_start if sp else None, cue_end=sp.cue_end if sp else None, partial=partial,
                 resolved_by=sp.how if sp else "", sentence_start=s, sentence_end=e)


# ----------------------------------------------------------------------------- reported speech

MODALS = {"would", "could", "might", "may", "should", "must", "can", "will", "shall", "'d", "'ll", "wo", "ca"}
WH = {"whether", "if", "how", "why", "what", "who", "whom", "when", "where", "which"}


def _reported_cue(tok: Any, lex: _Lex) -> bool:
    """A speech verb that reports what was said: not negated, not modal, not an infinitive or a question."""
    if not _is_cue(tok, lex) or tok.lemma_.lower() in lex.not_reported:
        return False
    for c in tok.children:
        if c.dep_ == "neg" or (c.dep_ == "aux" and (c.lower_ in MODALS or c.tag_ == "TO")):
            return False
    if tok.tag_ == "VB" and tok.dep_ in ("xcomp", "advcl", "acl", "ccomp") and tok.head.lemma_ not in ("go",):
        return False  # "will allow him to claim", "for Varn to say": nothing was said yet
    if tok.dep_ in ("advcl",) and any(c.lower_ in ("if", "unless") for c in tok.children):
        return False
    return True


def _clause(tokens: list[Any]) -> bool:
    words = [t for t in tokens if not t.is_punct and not t.is_space]
    return len(words) >= 3 and any(t.pos_ in ("VERB", "AUX") for t in words)


def _content(ctx: _Context, tokens: list[Any], root: Any) -> tuple[int, int] | None:
    """The character span of reported content: without a leading "that" or punctuation, or a trailing comma."""
    toks = [t for t in tokens if not t.is_space]
    while toks and (toks[0].is_punct and toks[0].text not in "“\"‘'" or (toks[0].lower_ == "that"
                                                                          and toks[0].dep_ == "mark")):
        toks = toks[1:]
    while toks and toks[-1].is_punct and toks[-1].text not in "”\"’'":
        toks = toks[:-1]
    if not toks or not _clause(toks):
        return None
    if toks[0].lower_ in WH and (toks[0].lower_ == "whether" or toks[0].head.i == root.i or toks[0] is root):
        return None  # "did not say how many", "asked whether": a question, nothing asserted
    return toks[0].idx, toks[-1].idx + len(toks[-1].text)


def _side(tokens: list[Any], cut: set[int]) -> list[Any]:
    """The run of ``tokens`` before or after the attribution ``cut``; none when the attribution splits the
    content in two ("While ..., the Courier reports, “...”": no one contiguous span says what was reported)."""
    runs: list[list[Any]] = [[]]
    for t in tokens:
        if t.i in cut:
            if runs[-1]:
                runs.append([])
        else:
            runs[-1].append(t)
    runs = [r for r in runs if sum(1 for t in r if not t.is_punct) >= 3]
    return runs[0] if len(runs) == 1 else []


def _own(tokens: list[Any], root: Any, lex: _Lex) -> list[Any]:
    """The reported clause without a second speech act joined to it ("said he would ... and claimed ...")."""
    cut = min((c.left_edge.i for c in root.children if c.dep_ == "conj" and c.i > root.i
               and c.pos_ == "VERB" and c.lemma_.lower() in lex.verbs), default=None)
    if cut is None:
        return tokens
    kept = [t for t in tokens if t.i < cut]
    while kept and (kept[-1].dep_ == "cc" or kept[-1].is_punct):
        kept.pop()
    return kept


def _indirect(ctx: _Context, spans: list[QSpan], n0: int) -> list[Quote]:
    """Reported speech: "Fenwick said (that) Russia failed to ...", "..., Fenwick said", "according to X, ..."."""
    lex = _lex()
    doc, text = ctx.doc, ctx.text
    out: list[Quote] = []
    by_sent: dict[int, list[Any]] = {}
    for tok in ctx.cue_tokens:
        by_sent.setdefault(ctx.sent_index(tok.idx), []).append(tok)
    for i, toks in by_sent.items():
        s, e = ctx.sents[i]
        taken: list[tuple[int, int]] = []
        for tok in toks:
            if ctx.quoted(tok.idx) or not s <= tok.idx < e:
                continue  # a cue inside quoted words is the quoted speaker's own narration
            content = subj = None
            if tok.lower_ == "according" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to":
                objs = [c for c in doc[tok.i + 1].children if c.dep_ == "pobj"]
                if not objs or objs[0].lemma_.lower() in lex.not_sources:
                    continue
                clause = tok.head
                while clause.dep_ not in ("ROOT", "ccomp") and clause.head is not clause:
                    clause = clause.head
                content = _side([t for t in clause.subtree if s <= t.idx < e], {t.i for t in tok.subtree})
                subj, shared, root = objs[0], False, clause
            elif tok.pos_ == "VERB" and _reported_cue(tok, lex):
                # the clause after the verb ("said the talks failed") before one in front of it ("..., X said")
                comp = sorted((c for c in tok.children if c.dep_ == "ccomp"), key=lambda c: c.i < tok.i)
                if any(c.dep_ == "dobj" and c.lemma_.lower() in lex.nouns for c in tok.children):
                    continue  # "highlighting Varn's announcement that ...": the noun's words, not the verb's
                root = comp[0] if comp else tok.head
                if comp:
                    content = _own(list(comp[0].subtree), comp[0], lex)
                elif (tok.dep_ == "parataxis" or (tok.dep_ in ("ccomp", "advcl") and tok.i > tok.head.i
                                                   and tok.left_edge.i > 0
                                                   and doc[tok.left_edge.i - 1].text in (",", "—", "–"))) and not any(
                        c.dep_ == "mark" for c in tok.children):
                    # "The plan, Varn said, would fail." / "The plan would fail, Varn said, and ..."
                    content = _side([t for t in tok.head.subtree if s <= t.idx < e], {t.i for t in tok.subtree})
                else:
                    continue
                subj, shared = _subject_via(tok)
            else:
                continue
            if subj is None or not content:
                continue
            rng = _content(ctx, content, root)
            if rng is None:
                continue
            a, b = rng
            inside = sum(ctx._mask[a:b]) + sum(text.count(c, a, b) for c in "“”\"")
            if inside >= 0.8 * (b - a) or any(a < y and x < b for x, y in taken):
                continue  # words quoted whole are a direct quote
            sp = _speaker_from(ctx, subj, tok, "according to" if tok.lower_ == "according" else "cue verb", 0)
            sp = _can_speak(ctx, subj, sp, shared)
            if sp is None or (sp.key is None and not sp.name):
                continue
            taken.append((a, b))
            out.append(_quote(ctx.art, n0 + len(out), a, b, "indirect", sp, s, e, partial=False))
    return out

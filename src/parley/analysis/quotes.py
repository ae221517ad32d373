"""Quotes and their speakers.

Quotation marks are paired per paragraph: curly and straight double quotes,
single quotes (British style, headlines, and quotes inside quotes) told apart
from apostrophes ("don’t", "talks’ agenda"). A quote is attributed by the cue
in its clause: the subject of a speech verb ("X said", "said X", "X, a ...
expert, noted"), climbing from participles ("..., stating that") to the verb
that has a subject; the object of "according to"; the possessor of a speech
noun ("Brevik's insistence that"). A pronoun or role noun as speaker ("he
added", "The Kremlin spokesman explained") is resolved to the most salient
person: a person subject of the same or previous sentences, else the most
recent person mentioned. Quotes without a cue continue the previous speaker's
quote when they fill their sentence. Quoted titles, labels and scare quotes
("the “shadow fleet”") are not quotes of a person. Reported speech without
quotation marks ("Fenwick said Russia failed to ...") is kept as indirect.
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


@cache
def _lex() -> tuple[frozenset[str], dict[str, str], frozenset[str], frozenset[str]]:
    data = load("speech.toml")
    return (frozenset(data["verbs"]), dict(data["particle_verbs"]), frozenset(data["nouns"]),
            frozenset(data["pronouns"]))


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


class _Context:
    """Who is salient where: person subjects and mentions per sentence, pronouns resolved in order."""

    def __init__(self, doc: Any, art: Article, an: Analysis, quotes: list[QSpan]) -> None:
        self.doc, self.art, self.an = doc, art, an
        self.text = art.text
        self.keys = {e.key: e for e in an.entities}
        self.mentions = sorted(an.mentions, key=lambda m: m.start)
        self._mstarts = [m.start for m in self.mentions]
        self._mmax = max((m.end - m.start for m in self.mentions), default=0)
        self.sents = [(s, e) for s, e in an.sentences]
        self.quotes = quotes
        self.resolved: dict[int, str] = {}  # token index of a pronoun subject -> entity key
        self.subjects: list[list[str]] = []
        self._build()

    def quoted(self, pos: int) -> bool:
        """True if ``pos`` is inside speech, not inside narration that happens to be quoted."""
        for q in self.quotes:
            if q.start <= pos < q.end:
                nested = [n for n in self.quotes if n.parent == q.open]
                if q.level == 0 and nested and not any(n.start <= pos < n.end for n in nested):
                    return False  # a quoted passage with its own narration ("The article states: “... ‘...’ he said.”")
                return True
        return False

    def mention_at(self, start: int, end: int) -> str | None:
        i = bisect.bisect_left(self._mstarts, start - self._mmax)
        while i < len(self.mentions) and self.mentions[i].start < end:
            m = self.mentions[i]
            if m.start <= start < m.end or start <= m.start < end:
                return m.key
            i += 1
        return None

    def person(self, key: str | None) -> bool:
        return bool(key and key in self.keys and self.keys[key].type == "PERSON")

    def sent_index(self, pos: int) -> int:
        for i, (s, e) in enumerate(self.sents):
            if s <= pos < e or (pos < s):
                return i if s <= pos < e else max(i - 1, 0)
        return len(self.sents) - 1

    def _build(self) -> None:
        _, _, _, pronouns = _lex()
        for s, e in self.sents:
            subj: list[str] = []
            span = self.doc.char_span(s, e, alignment_mode="expand")
            for tok in (span or []):
                if tok.dep_ not in ("nsubj", "nsubjpass") or self.quoted(tok.idx):
                    continue
                key = self.mention_at(tok.idx, tok.idx + len(tok.text))
                if key is None:
                    for t in tok.subtree:
                        key = self.mention_at(t.idx, t.idx + len(t.text))
                        if self.person(key):
                            break
                if key is None and tok.lower_ in pronouns:
                    key = self.resolve_pronoun(tok.idx, before_subjects=subj)
                    if key:
                        self.resolved[tok.i] = key
                if self.person(key):
                    subj.append(key)
            self.subjects.append(subj)

    def resolve_pronoun(self, pos: int, before_subjects: list[str] | None = None) -> str | None:
        """The most salient person before ``pos``: a subject earlier in the sentence, then subjects of the
        previous sentences, then the most recent person mentioned (narration only)."""
        i = self.sent_index(pos)
        if before_subjects:
            return before_subjects[-1]
        s0 = self.sents[i][0] if self.sents else 0
        here = [m for m in self.mentions if s0 <= m.start < pos and self.person(m.key) and not self.quoted(m.start)]
        if here:  # "Sorvik had asserted that ... until he met Brevik": the person earlier in the sentence
            return here[0].key
        for back in range(1, 4):
            j = i - back
            if j < 0:
                break
            if j < len(self.subjects) and self.subjects[j]:
                return self.subjects[j][0]
            recent = [m for m in self.mentions if self.sents[j][0] <= m.start < self.sents[j][1]
                      and self.person(m.key) and not self.quoted(m.start)]
            if recent:
                return recent[-1].key
        return None


def _subject_of(tok: Any) -> Any | None:
    """The subject of a cue verb, climbing from participles and conjuncts to a verb that has one."""
    verbs = _lex()[0]
    if tok.tag_ == "VBG" and not any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children):
        # "X commented that ..., stating that ...": the participle's speaker is the speech verb's subject
        for anc in tok.ancestors:
            if anc.lemma_.lower() in verbs and anc.pos_ == "VERB":
                subj = [c for c in anc.children if c.dep_ in ("nsubj", "nsubjpass")]
                if subj:
                    return subj[0]
    t = tok
    for _ in range(4):
        subj = [c for c in t.children if c.dep_ in ("nsubj", "nsubjpass")]
        if subj:
            return subj[0]
        if t.dep_ == "acl" and t.head.pos_ in ("PROPN", "NOUN", "PRON"):
            return t.head  # "Marren, the German chancellor, posted on X: ..." parsed as a participle of "Marren"
        if t.dep_ in ("advcl", "conj", "xcomp", "acl", "ccomp", "relcl") and t.head is not t:
            if t.dep_ == "relcl":  # "..., which he described as ...": the relative clause's own subject
                return None
            t = t.head
            continue
        break
    return None


def _speaker_from(ctx: _Context, tok: Any, cue_tok: Any, how: str, dist: int) -> _Speaker | None:
    _, _, _, pronouns = _lex()
    text = ctx.text
    key = ctx.mention_at(tok.idx, tok.idx + len(tok.text))
    if not ctx.person(key):
        poss = {d.i for c in tok.children if c.dep_ == "poss" for d in c.subtree}
        for t in tok.subtree:
            if t.i in poss:
                continue  # "Brevik's aide Pavel Dorn said": the aide speaks, not Brevik
            k = ctx.mention_at(t.idx, t.idx + len(t.text))
            if ctx.person(k):
                key = k
                break
    resolved_by = how
    if key is None and tok.lower_ in pronouns:
        key = ctx.resolved.get(tok.i) or ctx.resolve_pronoun(tok.idx)
        resolved_by = "pronoun"
    if key is None:
        # an unnamed speaker: "a member of a Russian delegation", "officials"
        sub = list(tok.subtree)
        a, b = sub[0].idx, sub[-1].idx + len(sub[-1].text)
        name = text[a:b]
        if len(name) > 80 or tok.pos_ not in ("NOUN", "PROPN"):
            return None
        return _Speaker(None, name, cue_tok.text, cue_tok.idx, cue_tok.idx + len(cue_tok.text), how, False, dist)
    ent = ctx.keys.get(key)
    if ent is not None and ent.type == "PERSON" and any(m.kind == "nominal" and m.start <= tok.idx < m.end
                                                         for m in ctx.mentions if m.key == key):
        resolved_by = "role noun"
    return _Speaker(key, ent.name if ent else None, cue_tok.text, cue_tok.idx, cue_tok.idx + len(cue_tok.text),
                    resolved_by, ctx.person(key), dist)


RELAY = {"write", "report", "publish", "cite", "quote", "carry"}
CHARACTERIZE = {"describe", "call", "deem", "dub", "label", "term", "brand", "characterize", "characterise", "hail"}


def _cues(ctx: _Context, a: int, b: int, q: QSpan) -> list[_Speaker]:
    """Speakers offered by the cues in the frame a:b around quote q."""
    verbs, particles, nouns, _ = _lex()
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
        elif tok.pos_ in ("VERB", "AUX") and (lemma in verbs or (lemma in particles and any(
                c.dep_ == "prt" and c.lower_ == particles[lemma] for c in tok.children))):
            if lemma in ("call", "point", "continue", "agree", "express", "cite", "quote") and lemma not in particles:
                # "called for", "agreed to", "expressed regret" are not speech cues on their own
                if lemma in ("call",) and not any(c.dep_ in ("dobj", "oprd", "xcomp") for c in tok.children):
                    continue
                if lemma in ("agree", "express", "continue", "cite", "quote"):
                    continue
            subj = _subject_of(tok)
            if subj is None and tok.dep_ == "relcl":
                subj = next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subj is not None and not (q.start <= subj.idx < q.end):
                sp = _speaker_from(ctx, subj, tok, "cue verb", dist)
        elif tok.pos_ == "NOUN" and lemma in nouns:
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


def _frame(ctx: _Context, q: QSpan) -> tuple[int, int]:
    """The clause around a quote: back to the previous sentence end outside quotes, on to the next one."""
    text = ctx.text
    if q.level > 0 and q.parent is not None:
        parent = next(p for p in ctx.quotes if p.open == q.parent)
        lo, hi = parent.start, parent.end
    else:
        lo = text.rfind("\n", 0, q.open) + 1
        hi = text.find("\n", q.close)
        hi = len(text) if hi < 0 else hi
    same = [o for o in ctx.quotes if o.level == q.level and o is not q and lo <= o.open < hi]
    # before: back to a sentence end that is not inside another quote
    a = q.open
    while a > lo:
        ch = text[a - 1]
        if ch in ".!?" and not any(o.open < a - 1 < o.close for o in same) and (a - 1 == lo or text[a] in " \n"):
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
    word = re.search(r"([\w.]+)$", text[:i])
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


@component("quotes", adds=("quotes",), needs=("entities", "structure"))
def quotes(doc: Any, art: Article, an: Analysis, ctx_: dict[str, Any]) -> None:
    text = art.text
    spans = find_quotes(text)
    ctx = _Context(doc, art, an, spans)
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
        if speaker is None:
            if q.level > 0 or _is_label(ctx, q, body):
                continue  # a quote inside a quote, with no cue of its own, belongs to the outer one
            full = _clause_like(doc, q)
            if last is not None and last.speaker and para - last_para <= 2 and _fills_sentence(ctx, q) and full:
                speaker = _Speaker(last.speaker, last.speaker_name, last.cue or "", last.cue_start or 0,
                                   last.cue_end or 0, "continuation", True, 0)
            elif not full:
                continue  # a scare quote or a label: no one is quoted
        elif _is_label(ctx, q, body):
            continue
        fills = _fills_sentence(ctx, q)
        quote = Quote(
            id=f"{art.id}:q{len(out) + 1}",
            text=body,
            start=q.start,
            end=q.end,
            kind="direct",
            speaker=speaker.key if speaker else None,
            speaker_name=speaker.name if speaker else None,
            cue=speaker.cue if speaker else None,
            cue_start=speaker.cue_start if speaker else None,
            cue_end=speaker.cue_end if speaker else None,
            partial=not fills and not (words >= 6 and body.rstrip()[-1:] in ".!?,"),
            resolved_by=speaker.how if speaker else "",
            sentence_start=a,
            sentence_end=b,
        )
        out.append(quote)
        if quote.speaker and ctx.person(quote.speaker):
            last, last_para = quote, para
    out.extend(_indirect(ctx, spans, len(out)))
    an.quotes = out


def _indirect(ctx: _Context, spans: list[QSpan], n0: int) -> list[Quote]:
    """Reported speech without quotation marks: "Fenwick said Russia failed to send senior officials"."""
    verbs, particles, _, _ = _lex()
    doc, text = ctx.doc, ctx.text
    out: list[Quote] = []
    for s, e in ctx.sents:
        if any(s <= q.open < e or s <= q.close < e for q in spans):
            continue
        span = doc.char_span(s, e, alignment_mode="expand")
        if span is None:
            continue
        for tok in span:
            lemma = tok.lemma_.lower()
            if tok.pos_ != "VERB" or lemma not in verbs or lemma in ("call", "describe", "agree", "express", "deny",
                                                                        "continue", "cite", "quote", "welcome",
                                                                        "praise", "hope", "fear", "believe", "think"):
                continue
            comp = [c for c in tok.children if c.dep_ == "ccomp"]
            subj = _subject_of(tok)
            if not comp or subj is None:
                continue
            sub = list(comp[0].subtree)
            a, b = sub[0].idx, sub[-1].idx + len(sub[-1].text)
            if b - a < 15:
                continue
            if text[a:a + 5].lower() == "that ":
                a += 5
            while a < b and not text[a].isalnum() and text[a] not in "\"“‘'":
                a += 1
            sp = _speaker_from(ctx, subj, tok, "cue verb", 0)
            if sp is None or (sp.key is None and not sp.name):
                continue
            out.append(Quote(id=f"{ctx.art.id}:q{n0 + len(out) + 1}", text=text[a:b], start=a, end=b, kind="indirect",
                             speaker=sp.key, speaker_name=sp.name, cue=tok.text, cue_start=tok.idx,
                             cue_end=tok.idx + len(tok.text), partial=False, resolved_by=sp.how,
                             sentence_start=s, sentence_end=e))
            break
    return out

"""Entities of one article: names found by spaCy NER (plus an entity ruler fed
from the gazetteers), relabelled where a gazetteer knows better, clustered into
article-local entities with canonical names, titles and roles, affiliations,
and role nouns ("the Kremlin spokesman") linked to the person they stand for.

Within an article: a surname alone joins the full name that ends with it
(or, spelled a letter off, the one it is closest to: "Maren" -> "Ilsa
Marren"); titles and honorifics are not part of names ("President Sorvik" ->
"Sorvik"); a capital that acts or speaks stands for its state ("Moscow said"),
one that is a place stays a city ("talks in Moscow").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from rapidfuzz import fuzz

from ..gazetteer import (
    Place,
    countries,
    fold,
    located_in,
    lookup,
    name_lexicon,
    party_lexicon,
    role_words,
    titles,
)
from ..ingestion.meta import outlet_info
from ..lexicon import load
from ..model import Analysis, Article, LocalEntity, Mention, Role
from .pipeline import component

KEEP = {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT"}
AGENT_DEPS = {"nsubj", "nsubjpass", "poss", "agent", "csubj"}
_SPELLING = {"defence": "defense", "advisor": "adviser", "aid": "aide", "spokeswoman": "spokesperson",
             "spokesman": "spokesperson", "programme": "program"}
_DETS = {"the", "a", "an", "this", "that", "its", "his", "her", "their"}


@dataclass
class _Cluster:
    key: str
    label: str
    names: list[str] = field(default_factory=list)
    tokens: list[str] = field(default_factory=list)  # folded name tokens of the fullest name
    roles: list[Role] = field(default_factory=list)
    affiliation: str | None = None
    merges: list[str] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    place: Place | None = None
    titled_apart: bool = False  # a surname told apart by its title from the one person named in full with it


def _title_norm(text: str) -> list[str]:
    toks = [t for t in re.findall(r"[\w-]+", fold(text)) if t not in _DETS and t not in ("s",)]
    return [_SPELLING.get(t, t) for t in toks]


def _strip_name(span: Any) -> tuple[int, int] | None:
    """Token offsets of the name inside a PERSON span, without titles, honorifics and possessives."""
    roles, mods, hon = titles()
    words = role_words()
    i, j = span.start, span.end
    doc = span.doc
    while i < j and (doc[i].lower_.rstrip(".") in hon or doc[i].lower_ in words or doc[i].lower_ in mods
                     or doc[i].lower_ in hon or fold(doc[i].text) in ("us", "u.s", "uk")
                     or (lookup(doc[i].text) is not None and lookup(doc[i].text).kind in ("adj", "country"))):
        i += 1
    # "Han Seo-yun" tagged "Han Seo-": the hyphenated syllable belongs to the name
    if j < len(doc) and doc[j - 1].text == "-" and not doc[j - 1].whitespace_ and doc[j].is_alpha:
        j += 1
    elif j + 1 < len(doc) and doc[j].text == "-" and not doc[j - 1].whitespace_ and not doc[j].whitespace_ \
            and doc[j + 1].is_alpha and doc[j + 1].text[:1].islower():
        j += 2
    while j > i and (doc[j - 1].text in ("'s", "’s", "'", "’", ",", ".", "-", "—", "–") or doc[j - 1].is_punct):
        j -= 1
    # page noise around a name: a lower-case word or an agency credit in front ("meet Vo", "AP Arvid Lenk"),
    # a credit, a number or an event behind ("Vo Lan AFP", "Vo G20"), a word the page repeats ("Lenk Lenk"),
    # a courtesy title written after the name ("Darun Akhund")
    after, _, _ = name_lexicon()
    while i < j - 1 and (_credit(doc[i].text) or doc[i].text[:1].islower() and doc[i].lower_ not in _PARTICLES
                         or doc[i].tag_.startswith("VB") and (doc[i].is_sent_start or i == 0 or "\n" in doc[i - 1].whitespace_)
                         or doc[i].lower_.rstrip("s") in words
                         or doc[i].lower_ in ("designate", "elect", "nominee", "leaders", "staff")):
        i += 1
    if i < j and doc[i].text[:1].islower() and doc[i].lower_ not in _PARTICLES:
        return None
    # a name written twice in a row ("Lenk Arvid Lenk", "Jo Tal Jo Tal"): the second writing
    first = fold(doc[i].text) if i < j else ""
    again = next((k for k in range(i + 1, j) if fold(doc[k].text) == first and len(first) > 1), None)
    if again is not None:  # "Jo Tal Jo Tal" -> "Jo Tal"; "Tal Jo Ann Tal" (an index form, then the name) -> "Jo Ann Tal"
        i = again if j - again >= 2 else i + 1
    for k in range(i, j):
        if any(ch.isdigit() for ch in doc[k].text) or doc[k].text in ("'s", "’s", "/", "|") or k > i and (
                _credit(doc[k].text) or doc[k].lower_ in _BREAKS and doc[k - 1].whitespace_):
            j = k  # "Varga's Senate", "Varga/Reuters", "Varga in"
            break
        if k + 1 < j and "\n" in doc[k].whitespace_:
            j = k + 1  # a name never runs over a line break
            break
    while j - i >= 2 and (doc[j - 1].lower_ == doc[j - 2].lower_ or doc[j - 1].lower_.rstrip(".") in after
                          or doc[j - 1].is_punct):
        j -= 1
    if i >= j:
        return None
    # "Defence Minister Tomas Varga" tagged as just "Varga": take the given name back
    while (i == span.start and i > 0 and doc[i - 1].pos_ == "PROPN" and doc[i - 1].text[:1].isupper()
           and doc[i - 1].lower_ not in words and doc[i - 1].lower_ not in mods and doc[i - 1].lower_.rstrip(".") not in hon
           and lookup(doc[i - 1].text) is None and doc[i - 1].ent_type_ in ("", "PERSON") and not doc[i - 1].is_sent_start
           and not _credit(doc[i - 1].text) and "\n" not in doc[i - 1].whitespace_ and j - i < 2):
        i -= 1
        span = doc[i:j]
    if not any(t.text[:1].isupper() for t in doc[i:j]):
        return None
    return i, j


_PARTICLES = {"de", "da", "del", "della", "di", "du", "van", "von", "der", "den", "ter", "bin", "ibn", "al", "el",
              "le", "la", "dos", "das", "y"}
# words that end a name: a name runs on into the next words of a headline or a caption ("Vo in Port Salvo")
_BREAKS = {"in", "on", "at", "with", "after", "before", "and", "or", "to", "for", "from", "by", "via", "as", "says",
           "said", "calls", "meets", "vs", "versus", "over", "amid", "under", "against", "into"}


_ORG_BREAKS = {"with", "after", "before", "says", "said", "via", "amid", "vs", "versus"}


def _credit(word: str) -> bool:
    """A wire, photo agency or outlet credit ("AFP", "Getty", "Reuters") written into the text."""
    w = word.strip(".,/")
    return bool(w) and (w.lower() in ("getty", "images") or len(w) >= 2 and w.isupper()
                        and (outlet_info(w) is not None or w.lower() in _wire_names()))


@cache
def _wire_names() -> frozenset[str]:
    return frozenset(w.lower() for w in load("outlets.toml").get("wires", []))


_GLUE = re.compile(r"(?<=[a-z])(?=[A-Z][a-z]{2,})")
_GLUE_PREFIX = re.compile(r"^(?:Mc|Mac|De|Di|Da|Du|Le|La|Van|Von|O|D|Al|El|Fitz|St)$")


def _glued_end(text: str, s: int, e: int) -> int:
    """End of a name run into the next word without a space ("Arvid Lenk JonasFederal" ends after "Jonas")."""
    last = text.rfind(" ", s, e) + 1 or s
    for m in _GLUE.finditer(text, last, e):
        if not _GLUE_PREFIX.match(text[last:m.start()]):
            return m.start()
    return e


_SMALL = {"a", "an", "the", "and", "or", "of", "in", "on", "at", "to", "for", "with", "by", "as", "vs", "via", "from"}


def _title_case_lines(text: str) -> list[tuple[int, int]]:
    """Lines written in title case (headlines, captions, related-link lists): every longer word capitalised."""
    out = []
    pos = 0
    for line in text.split("\n"):
        words = re.findall(r"[A-Za-z][\w’'-]*", line)
        long_words = [w for w in words if w.lower() not in _SMALL]
        if len(long_words) >= 3 and sum(w[:1].isupper() for w in long_words) >= 0.85 * len(long_words) \
                and sum(w[:1].islower() for w in long_words) <= 1:
            out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out


def _headline_names(doc: Any, text: str, raw: list[tuple[int, int, str, Any]]) -> list[tuple[int, int, str, Any]]:
    """In a title-case line every word looks like a name: a name there counts only when the article names it
    so elsewhere ("Lenk Throws Down With Sollen" gives "Lenk" and "Sollen"), or the gazetteers know it."""
    lines = _title_case_lines(text)
    if not lines:
        return raw
    inside = [any(a <= r[0] < b for a, b in lines) for r in raw]
    known: set[str] = set()
    for r, ins in zip(raw, inside, strict=True):
        if not ins:
            toks = _name_tokens(text[r[0]:r[1]])
            known.add(" ".join(toks))
            if r[2] == "PERSON" and toks:
                known.add(toks[-1])
                known.add(toks[0])
    out = []
    for r, ins in zip(raw, inside, strict=True):
        s, e, label, span = r
        if not ins or " ".join(_name_tokens(text[s:e])) in known or lookup(text[s:e]) is not None:
            out.append(r)
            continue
        if label != "PERSON":
            continue
        i = span.start
        while i < span.end:  # the longest runs of words the article names elsewhere
            for j in range(span.end, i, -1):
                sub = doc[i:j]
                if sub[0].text[:1].isupper() and " ".join(_name_tokens(sub.text)) in known:
                    out.append((sub.start_char, sub.end_char, "PERSON", sub))
                    i = j - 1
                    break
            i += 1
    return out


def _family_names(doc: Any, raw: list[tuple[int, int, str, Any]]) -> list[tuple[int, int, str, Any]]:
    """A person's family name alone, where the tagger missed it ("Ola Brekke arrived ... Brekke met ..."): a
    capitalised word equal to the last word of a full name the article gives, standing alone (no capitalised
    word joined to it, no other entity over it) and no place the gazetteers know, is a mention of that person."""
    families: set[str] = set()
    for _s, _e, label, span in raw:
        if label == "PERSON" and len(span) >= 2 and span[-1].text[:1].isupper() and len(span[-1].text) >= 3:
            families.add(span[-1].text)
    if not families:
        return raw
    taken = [(r[0], r[1]) for r in raw]
    ents = [(x.start_char, x.end_char) for x in doc.ents]
    out = list(raw)
    for tok in doc:
        if tok.text not in families or tok.pos_ in ("VERB", "AUX") or lookup(tok.text) is not None:
            continue
        a, b = tok.idx, tok.idx + len(tok.text)
        if any(s < b and a < e for s, e in taken + ents):
            continue
        prev = doc[tok.i - 1] if tok.i > 0 else None
        nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
        if prev is not None and not tok.is_sent_start and prev.text[:1].isupper() and prev.pos_ == "PROPN":
            continue  # "Anna Brekke": another person of that name, or a name the tagger cut
        if nxt is not None and nxt.text[:1].isupper() and nxt.pos_ == "PROPN" and not nxt.is_sent_start:
            continue  # "Brekke Foundation"
        out.append((a, b, "PERSON", doc[tok.i:tok.i + 1]))
    return sorted(out, key=lambda r: (r[0], r[1]))


def _name_tokens(text: str) -> list[str]:
    return [t for t in re.findall(r"[\w'-]+", fold(text).replace("'s", "")) if t]


def _compatible_first(a: str, b: str) -> bool:
    """Given names that can belong to one person: equal, or one is the other's initial(s)."""
    if a == b:
        return True
    if len(a) <= 2 and b.startswith(a[0]):
        return True
    return len(b) <= 2 and a.startswith(b[0])


@component("entities", adds=("entities", "mentions"), needs=("structure",))
def entities(doc: Any, art: Article, an: Analysis, ctx: dict[str, Any]) -> None:
    text = art.text
    states = countries()
    raw: list[tuple[int, int, str, Any]] = []  # (start_char, end_char, label, span)
    for ent in doc.ents:
        if ent.label_ not in KEEP:
            continue
        label = ent.label_
        if label == "PERSON" and outlet_info(ent.text.strip()) is not None:
            label = "ORG"  # "writes the Courier": a publication, not a person
        if label == "PERSON":
            cut = _strip_name(ent)
            if cut is None:
                continue
            span = doc[cut[0]:cut[1]]
        else:
            span = ent
            while len(span) > 1 and (span[0].lower_ in ("the",) or span[0].tag_.startswith("VB") and (
                    span[0].is_sent_start or "\n" in (doc[span.start - 1].whitespace_ if span.start else "\n"))):
                span = span[1:]  # "Inviting Valdorians onto ...": the verb that opens a sentence is no part of it
            cut = next((k for k in range(1, len(span)) if span[k].text in (":", "|") or span[k].lower_ in _ORG_BREAKS
                        and span[k - 1].whitespace_), None)
            if cut is not None:  # "the Oval Office with Varga", "Morning Briefing: Varga"
                span = span[:cut]
            while len(span) > 1 and (span[-1].text in ("'s", "’s") or span[-1].is_punct):
                span = span[:-1]
        place = lookup(span.text)
        if place is not None and label in ("PERSON", "ORG", "NORP", "LOC", "FAC", "GPE", "EVENT"):
            if label == "PERSON":
                # a name the gazetteers know as a place, used as one (listed, after a locative preposition)
                prev = doc[span.start - 1].lower_ if span.start > 0 else ""
                nxt = doc[span.end].lower_ if span.end < len(doc) else ""
                near_place = any(e.label_ in ("GPE", "LOC") and abs(e.start - span.start) <= 3 and e.start != ent.start
                                 for e in doc.ents)
                if place.kind != "city" or prev in ("in", "from", "to", "near", "of", "at") or near_place or nxt in (",", "and"):
                    label = place.label
            else:
                label = place.label if place.kind != "city" or label in ("PERSON", "ORG", "NORP") else label
        end = _glued_end(text, span.start_char, span.end_char) if label == "PERSON" else span.end_char
        raw.append((span.start_char, end, label, span))

    raw = _headline_names(doc, text, raw)
    raw = _family_names(doc, raw)

    # ---- people: full names, then surnames (exact, then a letter or two off)
    clusters: dict[str, _Cluster] = {}
    order: list[str] = []
    persons = [r for r in raw if r[2] == "PERSON"]
    singles = []
    for s, e, _, span in persons:
        toks = _name_tokens(text[s:e])
        if not toks:
            continue
        if len(toks) == 1:
            singles.append((s, e, span, toks))
            continue
        found = None
        for k in order:
            c = clusters[k]
            if c.label == "PERSON" and len(c.tokens) >= 2 and c.tokens[-1] == toks[-1] and _compatible_first(c.tokens[0], toks[0]):
                found = c
                break
        if found is None:
            key = "PERSON:" + " ".join(toks)
            found = clusters.setdefault(key, _Cluster(key, "PERSON", tokens=toks))
            order.append(key)
        if len(toks) > len(found.tokens):
            found.tokens = toks
        found.names.append(text[s:e])
        found.mentions.append(Mention(s, e, text[s:e], "PERSON", found.key))
    _, family_first, _ = name_lexicon()
    full_titles: dict[str, set[str]] = {}
    for s, e, span, toks in singles:
        tok = toks[0]
        parts = re.split(r"[-–]", tok)
        def owner(p: str) -> _Cluster | None:
            return next((c for c in clusters.values() if len(c.tokens) >= 2 and (
                c.tokens[-1] == p or p in family_first and c.tokens[0] == p)), None)

        if len(parts) == 2 and all(owner(p) is not None for p in parts):
            off = s  # "Sorvik-Brevik": two people
            for p, raw_part in zip(parts, re.split(r"[-–]", span.text), strict=True):
                c = owner(p)
                assert c is not None
                c.names.append(raw_part)
                c.mentions.append(Mention(off, off + len(raw_part), raw_part, "PERSON", c.key))
                off += len(raw_part) + 1
            continue
        if span.start > 0 and span.doc[span.start - 1].lower_ == "the" and len(span) == 1:
            continue  # "over the Bosphorus": a place NER took for a person
        full = [clusters[k] for k in order if clusters[k].label == "PERSON" and len(clusters[k].tokens) >= 2]
        full_all = full
        exact = [c for c in full if c.tokens[-1] == tok]
        if tok in family_first:
            exact += [c for c in full if c.tokens[0] == tok and c not in exact]
            if len(exact) > 1:
                continue  # "Mr. Han" in an article with two Hans: not enough to say who
        why = None
        other = clusters.get("PERSON:" + tok)
        if exact and other is not None and other.titled_apart:  # "President Tal" told apart from "First Lady Jo Tal"
            exact = [min(exact + [other], key=lambda c: (-len(c.mentions), min(m.start for m in c.mentions)))]
            if exact[0] is other:  # "Tal said": the Tal named most, then first
                other.names.append(text[s:e])
                other.mentions.append(Mention(s, e, text[s:e], "PERSON", other.key))
                continue
        if len(exact) > 1:  # "President Tal" with Jo Tal and President Ari Tal in the article: the president
            mine = _title_words(span.doc, span.start)
            fit = [c for c in exact if mine & {w for m in c.mentions for w in _title_words(
                span.doc, (span.doc.char_span(m.start, m.end, alignment_mode="expand") or span).start)}]
            exact = fit or exact
        if len(exact) > 1:
            # a surname two people of the article share is the principal's: the one named in full most often, then
            # first ("President Ari Tal ... First Lady Jo Tal ... Tal said": the president), not the nearest
            target = min(exact, key=lambda c: (-len(c.mentions), min(m.start for m in c.mentions)))
        elif exact:
            target = exact[0]
            mine = _title_words(span.doc, span.start)
            if mine and target.key not in full_titles:  # the titles of its full-name mentions, once per person
                full_titles[target.key] = {w for m in target.mentions if " " in m.text for w in _title_words(
                    span.doc, (span.doc.char_span(m.start, m.end, alignment_mode="expand") or span).start)}
            theirs = full_titles.get(target.key, set()) if mine else set()
            if mine and theirs and not mine & theirs:
                exact = []  # "President Tal" where the one Tal named in full is "First Lady Jo Tal": another Tal
                full = [c for c in full if c is not target]
                target = None
        if exact:
            why = f"'{span.text}' is the family name of '{' '.join(target.tokens)}' in this article"
        else:
            close = [(fuzz.ratio(c.tokens[-1], tok), c) for c in full
                     if len(tok) >= 4 and c.tokens[-1][:1] == tok[:1] and abs(len(c.tokens[-1]) - len(tok)) <= 2]
            close = [x for x in close if x[0] >= 80]
            target = max(close, key=lambda x: x[0])[1] if close else None
            if target is not None:
                why = f"'{span.text}' is a spelling variant of the surname of '{' '.join(target.tokens)}'"
            elif tok in [c.tokens[0] for c in full if c.tokens]:
                continue  # a given name alone: not enough to say who
        if target is None:
            key = "PERSON:" + tok
            target = clusters.get(key)
            if target is None:
                target = clusters[key] = _Cluster(key, "PERSON", tokens=[tok])
                order.append(key)
            target.titled_apart = target.titled_apart or any(c.tokens[-1] == tok for c in full_all)
        elif why and why not in target.merges:
            target.merges.append(why)
        target.names.append(text[s:e])
        target.mentions.append(Mention(s, e, text[s:e], "PERSON", target.key))

    # ---- everything else: canonical names from the gazetteers; seats of government that act stand for the state
    person_surnames = _by_surname(clusters)
    fam = [c for c in clusters.values() if c.label == "PERSON" and len(c.tokens) >= 2 and c.tokens[0] in family_first]
    for c in fam:  # "Pak said": NER calls the family name of "Pak Sol Ju" an organization
        if sum(o.tokens[0] == c.tokens[0] for o in fam) == 1:
            person_surnames.setdefault(c.tokens[0], c)
    for s, e, label, span in raw:
        place = lookup(span.text)
        key_tok = fold(span.text)
        parts = re.split(r"[-–]", key_tok)
        if len(parts) == 2 and all(p in person_surnames for p in parts):
            # "Sorvik-Brevik call": two people
            off = s
            for p, raw_part in zip(parts, re.split(r"[-–]", span.text), strict=True):
                c = person_surnames[p]
                c.mentions.append(Mention(off, off + len(raw_part), raw_part, "PERSON", c.key))
                c.names.append(raw_part)
                off += len(raw_part) + 1
            continue
        if label == "PERSON":
            continue
        target = person_surnames.get(key_tok) if (place is None or place.kind == "city") else None
        if target is None and place is None and len(span) == 1 and len(key_tok) >= 4 and span.text[:1].isupper() \
                and not span.text.isupper() and label in ("ORG", "GPE", "NORP"):
            close = [(fuzz.ratio(k, key_tok), c) for k, c in person_surnames.items()
                     if k[:1] == key_tok[:1] and abs(len(k) - len(key_tok)) <= 2]
            close = [x for x in close if x[0] >= 80]
            if close:
                target = max(close, key=lambda x: x[0])[1]
                why = f"'{span.text}' is a spelling variant of the surname of '{' '.join(target.tokens)}'"
                if why not in target.merges:
                    target.merges.append(why)
        if target is not None:  # NER called a known surname an ORG or a GPE
            target.mentions.append(Mention(s, e, text[s:e], "PERSON", target.key))
            target.names.append(span.text)
            continue
        if place is not None:
            agentive = span.root.dep_ in AGENT_DEPS or (span.root.dep_ == "compound" and span.root.head.lower_ in role_words())
            if place.kind == "seat" and not (agentive or place.label == "ORG"):
                name, lab = span.text if place.kind != "seat" else re.sub(r"^the\s+", "", span.text, flags=re.I), "GPE"
                key = f"GPE:{fold(name)}"
                c = clusters.setdefault(key, _Cluster(key, "GPE", place=Place(name, "city", place.country, "GPE")))
            elif place.label == "ORG" and place.kind == "seat":
                name = re.sub(r"^the\s+", "", span.text, flags=re.I)
                key = f"ORG:{fold(name)}"
                # the body keeps its own name ("White House", "Kremlin"), its state is its affiliation
                body = name.title() if name.isupper() else name
                c = clusters.setdefault(key, _Cluster(key, "ORG", place=Place(body, "seat", place.country, "ORG")))
                c.affiliation = place.country
                if agentive or span.root.dep_ == "compound":
                    c.merges.append(f"'{span.text}' stands for the government of {place.country}")
            elif place.kind in ("country", "adj", "seat"):
                key = f"GPE:{fold(place.name)}"
                c = clusters.setdefault(key, _Cluster(key, "GPE", place=states.get(fold(place.name), place)))
                if place.kind == "seat":
                    note = f"'{span.text}' (seat of government) stands for {place.name}"
                    if note not in c.merges:
                        c.merges.append(note)
            elif place.kind == "org":
                key = f"ORG:{fold(place.name)}"
                c = clusters.setdefault(key, _Cluster(key, "ORG", place=place))
            else:
                key = f"GPE:{fold(place.name)}"
                c = clusters.setdefault(key, _Cluster(key, "GPE", place=place))
            if key not in order:
                order.append(key)
        else:
            lab = "GPE" if label == "LOC" and False else label
            key = f"{lab}:{key_tok}"
            c = clusters.get(key)
            if c is None:
                # an acronym of an organization named in full in this article
                if lab == "ORG" and span.text.isupper() and len(span.text) <= 6:
                    for k in order:
                        other = clusters[k]
                        if other.label == "ORG" and other.names and "".join(
                                w[0] for w in other.names[0].split() if w[:1].isupper()) == span.text:
                            c = other
                            c.merges.append(f"'{span.text}' abbreviates '{other.names[0]}'")
                            break
                if c is None:
                    c = clusters[key] = _Cluster(key, lab)
                    order.append(key)
        c.names.append(span.text)
        c.mentions.append(Mention(s, e, text[s:e], label, c.key))

    _compass_states(doc, clusters)
    _missed_surnames(doc, art, clusters)
    _states_taken_for_people(doc, clusters, order)
    _roles(doc, art, clusters)
    _predicate_roles(doc, art, clusters)
    _nominals(doc, art, clusters)

    out: list[LocalEntity] = []
    mentions: list[Mention] = []
    dl_lo = art.text.find(art.dateline.text) if art.dateline else -1
    dl_hi = dl_lo + len(art.dateline.text) if dl_lo >= 0 else -1
    for key in order:
        c = clusters[key]
        if not c.mentions:
            continue
        if c.label == "PERSON":
            best = max(c.names, key=lambda n: (len(_name_tokens(n)), c.names.count(n), -len(n)))
            name = " ".join(best.split()) if len(_name_tokens(best)) >= 2 else best
            name = re.sub(r"(?:'s|’s)$", "", name)
        elif c.place is not None:
            name = c.place.name
        else:
            name = max(c.names, key=lambda n: (c.names.count(n), len(n)))
        seen: set[tuple[int, int]] = set()
        c.mentions = [m for m in c.mentions if not ((m.start, m.end) in seen or seen.add((m.start, m.end)))]
        variants = sorted({m.text for m in c.mentions if m.kind == "name"}
                          | (_titled_forms(doc, text, c) if c.label == "PERSON" else _located_forms(text, c)))
        agentive = 0
        for m in c.mentions:
            if dl_lo <= m.start < dl_hi:
                continue  # the dateline place is where the story was filed, not a party
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is not None and (span.root.dep_ in AGENT_DEPS or span.root.dep_ == "compound"
                                     and span.root.head.lower_ in role_words() | _STATE_HEADS):
                agentive += 1
        out.append(LocalEntity(key=c.key, name=name, type=c.label, variants=variants, roles=c.roles,
                               affiliation=c.affiliation, merges=c.merges, mentions=len(c.mentions),
                               agentive=agentive))
        mentions.extend(c.mentions)
    mentions.sort(key=lambda m: (m.start, m.end))
    an.entities = out
    an.mentions = mentions
    ctx["clusters"] = clusters


_REGION_AFTER = re.compile(r",\s*([A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,2})")


_COMPASS = ("north", "south", "east", "west")


def _compass_states(doc: Any, clusters: dict[str, _Cluster]) -> None:
    """"The North", "the South" stand for the one state of the article whose name begins so ("North Ostland"
    named, then "the North said ..."): the mentions move to that state. Not when the article names two such
    states, nor a bare "North" without "the" ("North and South America" stays)."""
    for word in _COMPASS:
        states = [c for c in clusters.values() if c.label == "GPE" and c.place is not None
                  and c.place.kind == "country" and fold(c.place.name).split()[0] == word
                  and len(c.place.name.split()) > 1]
        if len(states) != 1:
            continue
        target = states[0]
        for key in (f"LOC:{word}", f"GPE:{word}", f"ORG:{word}", f"NORP:{word}"):
            c = clusters.get(key)
            if c is None or not c.mentions:
                continue
            moved = []
            for m in c.mentions:
                span = doc.char_span(m.start, m.end, alignment_mode="expand")
                if span is None or span.start == 0 or doc[span.start - 1].lower_ != "the":
                    continue
                moved.append(m)
            if not moved:
                continue
            for m in moved:
                c.mentions.remove(m)
                if m.text in c.names:
                    c.names.remove(m.text)
                target.mentions.append(Mention(m.start, m.end, m.text, "GPE", target.key))
                target.names.append(m.text)
            why = f"'the {moved[0].text}' stands for {target.place.name}, the one state of the article so named"
            if why not in target.merges:
                target.merges.append(why)


def _located_forms(text: str, c: _Cluster) -> set[str]:
    """"Nagoya, Japan", "Camp Verde, Maryland": a place named with the country or U.S. state it lies in is one
    more spelling of the place."""
    if c.label not in ("GPE", "LOC", "FAC"):
        return set()
    out = set()
    for m in c.mentions:
        if m.kind != "name":
            continue
        got = _REGION_AFTER.match(text, m.end)
        words = got.group(1).split() if got else []
        region = next((" ".join(words[:n]) for n in range(1, len(words) + 1)
                       if located_in(m.text, " ".join(words[:n]))), None)  # "New York", "North Carolina"
        if region:
            out.add(f"{m.text}, {region}")
    return out


def _title_words(doc: Any, start: int) -> set[str]:
    """The role words of the title right before the name at token ``start`` ("President", "Foreign Minister")."""
    rng = _title_left(doc, start)
    words = role_words()
    return {t.lower_ for t in doc[rng[0]:rng[1]] if t.lower_ in words} if rng else set()


def _titled_forms(doc: Any, text: str, c: _Cluster) -> set[str]:
    """The name as written with the title or courtesy title in front of it ("Mr. Han", "Secretary of State X")."""
    _, _, hon = titles()
    out: set[str] = set()
    for m in c.mentions:
        if m.kind != "name":
            continue
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None or span.start == 0:
            continue
        i = span.start
        if doc[i - 1].lower_.rstrip(".") in hon and doc[i - 1].text[:1].isupper():
            i -= 1
        elif i >= 2 and doc[i - 1].text == "." and doc[i - 2].lower_ in hon and doc[i - 2].text[:1].isupper():
            i -= 2  # "Col." tokenized as "Col" and "."
        else:
            rng = _title_left(doc, span.start)
            if rng is not None and rng[1] - rng[0] <= 5 and all(
                    t.text[:1].isupper() or t.lower_ in ("of", "for", "-") for t in doc[rng[0]:rng[1]]) \
                    and not any(t.lower_ in ("'s", "’s") for t in doc[rng[0]:rng[1]]):
                i = rng[0]
        if i < span.start and "\n" not in text[doc[i].idx:m.end]:
            out.add(" ".join(text[doc[i].idx:m.end].split()))
    return out


_STATE_HEADS = {"delegation", "side", "team", "government", "army", "forces", "troops", "regime", "authorities",
                "officials", "parliament", "ministry", "state", "media", "television", "border", "leader", "leadership",
                "negotiators", "envoys", "military", "economy", "capital", "territory", "soldiers", "people",
                "citizens", "embassy", "foreign", "defence", "defense", "navy", "diplomats", "banks", "currency"}


def _states_taken_for_people(doc: Any, clusters: dict[str, _Cluster], order: list[str]) -> None:
    """A one-word "person" used the way states are ("the Kestrel side", "Kestrel's army", "Kestrel President
    X", "in Lisk") and never the way people are, is a place NER did not know."""
    words = role_words()
    _, _, hon = titles()
    for key in list(order):
        c = clusters.get(key)
        if c is None or c.label != "PERSON" or len(c.tokens) != 1:
            continue
        state = person = 0
        for m in c.mentions:
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is None:
                continue
            tok, prev = span[-1], doc[span.start - 1] if span.start > 0 else None
            nxt = doc[span.end] if span.end < len(doc) else None
            if prev is not None and (prev.lower_.rstrip(".") in hon or prev.lower_ in words):
                person += 1
            elif tok.dep_ == "compound" and (tok.head.lower_ in _STATE_HEADS or tok.head.lower_ in words):
                state += 1
            elif nxt is not None and nxt.text in ("'s", "’s") and tok.head.lower_ in _STATE_HEADS:
                state += 1
            elif prev is not None and prev.lower_ in ("in", "from", "to", "near", "across", "inside", "against"):
                state += 1
        twin = next((k for k in (f"GPE:{c.tokens[0]}", f"ORG:{c.tokens[0]}", f"NORP:{c.tokens[0]}") if k in clusters), None)
        if (state or twin) and not person and not c.roles:
            new_key = twin or f"GPE:{c.tokens[0]}"
            nc = clusters.setdefault(new_key, _Cluster(new_key, "GPE"))
            for m in c.mentions:
                nc.mentions.append(Mention(m.start, m.end, m.text, nc.label, new_key))
            nc.names.extend(c.names)
            nc.merges.append(f"'{c.names[0]}' is used as a place or state, not a person")
            del clusters[key]
            order[order.index(key)] = new_key if new_key not in order else key
            if order.count(key):
                order.remove(key)


def _by_surname(clusters: dict[str, _Cluster]) -> dict[str, _Cluster]:
    """The person a surname alone names in the article: of two people who share it, the principal (named most
    often, then first), as for a surname NER tagged (see above)."""
    out: dict[str, _Cluster] = {}
    for c in clusters.values():
        if c.label == "PERSON" and len(c.tokens) >= 2 and c.mentions:
            o = out.get(c.tokens[-1])
            if o is None or (-len(c.mentions), min(m.start for m in c.mentions)) < (
                    -len(o.mentions), min(m.start for m in o.mentions)):
                out[c.tokens[-1]] = c
    return out


def _missed_surnames(doc: Any, art: Article, clusters: dict[str, _Cluster]) -> None:
    """A surname NER did not tag again ("Rodkiewicz pointed out") is still that person."""
    surnames = _by_surname(clusters)
    _, family_first, _ = name_lexicon()
    first = [c for c in clusters.values() if c.label == "PERSON" and len(c.tokens) >= 2 and c.tokens[0] in family_first]
    for c in first:  # "Vo said": the family name of "Vo Lan", when no one else in the article has it
        if sum(o.tokens[0] == c.tokens[0] for o in first) == 1:
            surnames.setdefault(c.tokens[0], c)
    for c in clusters.values():  # one-word states and organizations NER found once but not again
        if c.label in ("GPE", "ORG", "NORP") and c.mentions and " " not in c.key.split(":", 1)[1]:
            surnames.setdefault(c.key.split(":", 1)[1], c)
    if not surnames:
        return
    taken = {m.start for c in clusters.values() for m in c.mentions}
    for tok in doc:
        if tok.ent_type_ or tok.idx in taken or not tok.text[:1].isupper() or tok.pos_ != "PROPN":
            continue
        c = surnames.get(fold(tok.text))
        if c is not None:
            c.mentions.append(Mention(tok.idx, tok.idx + len(tok.text), tok.text, c.label, c.key))
            c.names.append(tok.text)


# ----------------------------------------------------------------------------- titles and roles

def _title_left(doc: Any, start: int) -> tuple[int, int] | None:
    """Token range of a title right before the name at token ``start``."""
    roles, mods, hon = titles()
    words = role_words()
    i = start
    has_role = False
    while i > 0:
        t = doc[i - 1]
        low = t.lower_
        if low in ("'s", "’s") and i - 2 >= 0:
            i -= 2  # the owner of a possessive: "Brevik's adviser", "The Kremlin's chief negotiator"
            while i > 0 and doc[i - 1].text[:1].isupper() and doc[i - 1].pos_ in ("PROPN", "NOUN", "ADJ"):
                i -= 1
            continue
        if low in words or low.rstrip(".") in hon:
            has_role = has_role or low in words
            i -= 1
            continue
        if low in mods or (low in ("of", "for", "and") and i - 2 >= 0 and doc[i - 2].text[:1].isupper()
                           and (has_role or doc[i - 2].lower_ in words) and doc[i - 2].ent_type_ != "PERSON"):
            i -= 1  # "Minister of Foreign Affairs and Trade"; not "Minister Tomas Varela and Peruvian envoy"
            continue
        if t.text[:1].isupper() and t.pos_ in ("PROPN", "ADJ", "NOUN") and not t.is_sent_start:
            i -= 1
            continue
        if t.text[:1].isupper() and t.is_sent_start and (low in mods or lookup(t.text) is not None or t.pos_ == "PROPN"
                                                         or t.ent_type_ in ("NORP", "GPE", "ORG")):
            i -= 1
            continue
        if low in ("-", "–") or t.text in (".",) and i - 2 >= 0 and len(doc[i - 2].text) <= 2:
            i -= 1
            continue
        break
    if i == start or not has_role:
        return None
    while i < start and (doc[i].lower_ in ("the", "a", "an") or doc[i].is_punct):
        i += 1
    return (i, start) if i < start else None


def _appositive(doc: Any, end: int) -> tuple[int, int] | None:
    """Token range of ", the German chancellor," right after a name ending at token ``end``."""
    words = role_words()
    if end >= len(doc) or doc[end].text != ",":
        return None
    j = end + 1
    k = j
    while k < len(doc) and doc[k].text not in (",", ".", ";", ":", "—", "–", "(", ")", '"', "“", "”") and k - j < 12:
        if doc[k].lower_ in ("who", "which", "that", "whose") or (doc[k].pos_ in ("VERB", "AUX") and doc[k].tag_ not in ("VBN", "VBG")):
            return None
        k += 1
    seg = doc[j:k]
    if not len(seg) or not any(t.lower_ in words for t in seg):
        return None
    if seg[0].lower_ not in ("the", "a", "an") and seg[0].lower_ not in words and not seg[0].text[:1].isupper():
        return None
    people = [t for t in seg if t.ent_type_ == "PERSON"]
    if people and not any(t.lower_ in ("to", "for", "of") and t.i < people[0].i and any(
            w.lower_ in words for w in doc[j:t.i]) for t in seg):
        return None  # "X, Y and Z" lists people; "X, an adviser to Y," gives X a role
    return j, k


def _title_before_comma(doc: Any, start: int) -> tuple[int, int] | None:
    """"Brevik's adviser, NAME," : a title, a comma, then the name (which a comma closes)."""
    words = role_words()
    if start < 2 or doc[start - 1].text != ",":
        return None
    k = start - 1
    i = k
    while i > 0 and doc[i - 1].text not in (",", ".", ";", ":", "—", "(") and doc[i - 1].lower_ not in ("while", "and", "but", "as", "whereas") and k - i < 9:
        if doc[i - 1].pos_ in ("VERB", "AUX"):
            return None
        i -= 1
    seg = doc[i:k]
    if not len(seg) or seg[-1].lower_ not in words:
        return None
    while i < k and doc[i].lower_ in ("the", "a", "an"):
        i += 1
    return (i, k) if i < k else None


def _local_state(text: str, clusters: dict[str, _Cluster]) -> str | None:
    """A state this article names that the gazetteers do not know ("Kestrel", or "Valdoria" for "Valdorian")."""
    key = fold(text)
    _, mods, _ = titles()
    if key in mods or key in role_words():
        return None  # "Secretary of State", "Defence Minister"
    for k in (key, key[:-1] if key.endswith("n") else None, key[:-2] + "a" if key.endswith("an") else None):
        for label in ("GPE", "ORG"):
            if k and f"{label}:{k}" in clusters:
                c = clusters[f"{label}:{k}"]
                return c.place.name if c.place else (c.names[0] if c.names else text)
    return None


def _affiliation(doc: Any, rng: tuple[int, int], clusters: dict[str, _Cluster]) -> str | None:
    for t in doc[rng[0]:rng[1]]:
        if t.text[:1].isupper() and lookup(t.text) is None:
            local = _local_state(t.text, clusters)
            if local:
                return local
        place = lookup(t.text) if t.text[:1].isupper() else None
        if place is None and t.i + 1 < rng[1]:
            place = lookup(doc[t.i:t.i + 2].text) if doc[t.i].text[:1].isupper() else None
        if place is not None and place.kind in ("country", "adj", "seat"):
            return place.country or place.name
        if place is not None and place.kind == "org":
            return place.name
    return None


def _roles(doc: Any, art: Article, clusters: dict[str, _Cluster]) -> None:
    text = art.text
    people = [c for c in clusters.values() if c.label == "PERSON"]
    owner_of: list[tuple[_Cluster, tuple[int, int]]] = []
    for c in people:
        for m in c.mentions:
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is None:
                continue
            for rng in (_title_left(doc, span.start), _appositive(doc, span.end), _title_before_comma(doc, span.start)):
                if rng is None:
                    continue
                a, b = doc[rng[0]].idx, doc[rng[1] - 1].idx + len(doc[rng[1] - 1].text)
                title = text[a:b].strip(" ,")
                title = re.sub(r"\s+(?:Mr|Mrs|Ms|Dr|Sir|Prof)\.?$", "", title)
                if not title or len(title) > 90:
                    continue
                if all(_title_norm(r.title) != _title_norm(title) for r in c.roles):
                    c.roles.append(Role(title=title, start=a, end=a + len(title)))
                aff = _affiliation(doc, rng, clusters)
                if aff and not c.affiliation:
                    c.affiliation = aff
                owner_of.append((c, rng))
            tag = _PARTY_TAG.match(text, m.end)
            if tag and tag.group(1) in party_lexicon()[0]:
                a = tag.start(1)
                title = text[a:tag.end(2)]
                if all(r.title != title for r in c.roles):
                    c.roles.append(Role(title=title, start=a, end=a + len(title)))
    # "Brevik's adviser": the adviser speaks for the side of the person whose adviser he is
    for c, rng in owner_of:
        if c.affiliation:
            continue
        for other in people:
            if other is c or not other.affiliation:
                continue
            if any(rng[0] <= t.i < rng[1] and fold(t.text) == other.tokens[-1] for t in doc[rng[0]:rng[1]]):
                c.affiliation = other.affiliation
                break


# "Ana Ruiz, D-Ore.,", "Ana Ruiz (R-Texas)": the party tag of US news style after a name
_PARTY_TAG = re.compile(r",?\s*\(?([A-Z])-([A-Z][A-Za-z]*\.?(?:\s?[A-Z][a-z]*\.?)?)(?=[,)\s;]|$)")


_LEAD = {"lead", "head", "chair"}
_GROUP = {"delegation", "team", "side", "negotiators", "mission", "talks", "negotiations"}
_HOST = {"host", "open", "mediate", "chair", "broker", "facilitate", "welcome"}


def _person_at(doc: Any, tok: Any, clusters: dict[str, _Cluster]) -> _Cluster | None:
    poss = {d.i for c in tok.children if c.dep_ == "poss" for d in c.subtree}
    for t in [tok, *tok.subtree]:
        if t.i in poss:
            continue  # "Brevik's adviser, Tomas Varga": the adviser, not Brevik
        for c in clusters.values():
            if c.label == "PERSON" and any(m.start <= t.idx < m.end for m in c.mentions):
                return c
    return None


def _group_label(doc: Any, noun: Any) -> str:
    mods = [t.text for t in noun.lefts if t.dep_ in ("amod", "compound", "poss") and t.text[:1].isupper()]
    return " ".join(["the", *mods, noun.text]) if mods else f"the {noun.text}"


def _predicate_roles(doc: Any, art: Article, clusters: dict[str, _Cluster]) -> None:
    """Roles stated by the verb, not the title: "X led the Ukrainian delegation", "a team led by X",
    "X negotiated on behalf of Russia", "X, who opened the talks", "serving as mediator"."""
    def add(c: _Cluster, title: str, a: int, b: int, group: Any = None) -> None:
        if all(_title_norm(r.title) != _title_norm(title) for r in c.roles):
            c.roles.append(Role(title=title, start=a, end=b))
        if group is not None and not c.affiliation:  # "led the Ukrainian delegation": speaks for Ukraine
            c.affiliation = _affiliation(doc, (group.left_edge.i, group.i + 1), clusters)

    for tok in doc:
        lemma = tok.lemma_.lower()
        if tok.pos_ != "VERB":
            continue
        subj = next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if tok.dep_ == "relcl" and subj is not None and subj.lower_ in ("who", "that"):
            subj = tok.head
        objs = [c for c in tok.children if c.dep_ == "dobj"]
        if lemma in _LEAD:
            # "X led the Ukrainian delegation" / "a team ... led by X"
            if subj is not None and objs and objs[0].lemma_.lower() in _GROUP:
                person = _person_at(doc, subj, clusters)
                if person is not None:
                    a, b = tok.idx, objs[0].idx + len(objs[0].text)
                    add(person, f"head of {_group_label(doc, objs[0])}", a, b, objs[0])
            agent = next((c for c in tok.children if c.dep_ == "agent"), None)
            group = subj if subj is not None and subj.dep_ == "nsubjpass" else tok.head
            if agent is not None and group.lemma_.lower() in _GROUP | set(role_words()):
                for p in agent.children:
                    person = _person_at(doc, p, clusters)
                    if person is not None:
                        add(person, f"head of {_group_label(doc, group)}", tok.idx, p.idx + len(p.text), group)
        elif lemma == "negotiate" and subj is not None:
            for c in tok.children:
                if c.dep_ == "prep" and c.lower_ == "on" and any(t.lower_ == "behalf" for t in c.subtree):
                    person = _person_at(doc, subj, clusters)
                    sub = list(c.subtree)
                    if person is not None:
                        add(person, "negotiator " + art.text[sub[0].idx:sub[-1].idx + len(sub[-1].text)],
                            tok.idx, sub[-1].idx + len(sub[-1].text))
        elif lemma in _HOST and subj is not None and (objs and objs[0].lemma_.lower() in ("talk", "talks", "meeting",
                                                                                          "negotiation", "negotiations",
                                                                                          "round", "summit")
                                                   or lemma == "mediate"):
            person = _person_at(doc, subj, clusters)
            if person is not None:
                end = objs[0].idx + len(objs[0].text) if objs else tok.idx + len(tok.text)
                add(person, "mediator" if lemma in ("mediate", "broker", "facilitate") else "host of the talks",
                    tok.idx, end)
        elif lemma == "serve":  # "X—serving as mediator—announced"
            for c in tok.children:
                if c.dep_ == "prep" and c.lower_ == "as":
                    obj = next((p for p in c.children if p.dep_ == "pobj"), None)
                    if obj is not None and obj.lower_ in ("mediator", "host", "facilitator", "chair", "broker"):
                        target = subj if subj is not None else (tok.head if tok.dep_ in ("advcl", "acl", "appos") else None)
                        person = _person_at(doc, target, clusters) if target is not None else None
                        if person is None:  # the participle hangs off the verb whose subject it describes
                            head = tok.head
                            s2 = next((c2 for c2 in head.children if c2.dep_ == "nsubj"), None)
                            person = _person_at(doc, s2, clusters) if s2 is not None else None
                        if person is not None:
                            add(person, obj.lower_, tok.idx, obj.idx + len(obj.text))


def _nominals(doc: Any, art: Article, clusters: dict[str, _Cluster]) -> None:
    """"The Kremlin spokesman", "the German chancellor": a role noun phrase standing for a person of the article."""
    words = role_words()
    people = [c for c in clusters.values() if c.label == "PERSON" and c.roles]
    if not people:
        return
    taken = {(m.start, m.end) for c in clusters.values() if c.label == "PERSON" for m in c.mentions}
    for chunk in doc.noun_chunks:
        if chunk.root.lower_ not in words or any(t.ent_type_ == "PERSON" for t in chunk):
            continue
        if chunk.root.tag_ in ("NNS", "NNPS"):
            continue
        toks = _title_norm(chunk.text)
        if not toks:
            continue
        s, e = chunk.start_char, chunk.end_char
        while s < e and art.text[s:e].lower().startswith(("the ", "a ", "an ")):
            s = art.text.index(" ", s) + 1
        if any(a <= s < b or s <= a < e for a, b in taken):
            continue
        if any(r.start <= s < r.end or s <= r.start < e for c in people for r in c.roles):
            continue  # the title in front of a name is not another mention
        matches = []
        for c in people:
            for r in c.roles:
                rt = _title_norm(r.title)
                if set(toks) <= set(rt) and toks[-1] == rt[-1]:
                    matches.append(c)
                    break
        if not matches:
            continue

        def dist(c: _Cluster, s: int = s, e: int = e) -> int:
            before = [s - m.end for m in c.mentions if m.end <= s]
            after = [m.start - e for m in c.mentions if m.start >= e]
            return min(before) if before else (10_000 + min(after) if after else 10**9)

        target = min(matches, key=dist)
        if dist(target) >= 10_000 + 800:
            continue
        m = Mention(s, e, art.text[s:e], "PERSON", target.key, kind="nominal")
        target.mentions.append(m)
        note = f"role noun '{art.text[s:e]}' refers to {' '.join(target.tokens)}"
        if note not in target.merges:
            target.merges.append(note)

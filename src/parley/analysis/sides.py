"""Who a phrase stands for: the entity at a token, and the side (state or organization) it speaks for.

A state stands for itself; a seat of government ("the Kremlin") and a person
with an affiliation ("Ukrainian Defence Minister X") for their state; a group
noun with a national modifier ("the Russian delegation", "Ukraine's
negotiators", "Turkish officials") for that state; words inside a quote
("we", "our") for the quote's speaker's side.
"""

from __future__ import annotations

import bisect
from functools import cache
from typing import Any

from ..gazetteer import fold, lookup, party_lexicon, role_words
from ..model import Analysis, LocalEntity

GROUP_NOUNS = {"delegation", "delegations", "side", "team", "government", "officials", "official", "negotiators",
               "negotiator", "authorities", "forces", "army", "troops", "representatives", "envoys", "envoy",
               "leadership", "leaders", "leader", "ministry", "military", "diplomats", "administration", "regime",
               "parliament", "embassy", "spokesman", "spokesperson", "president", "minister", "member",
               "members", "camp", "soldiers", "people", "state", "media"}
FIRST_PERSON = {"we", "our", "us", "ours", "i", "my", "me"}
OTHERS = {"allies", "ally", "partners", "partner", "counterparts", "counterpart", "opponents", "opponent", "enemies",
          "enemy", "critics", "neighbours", "neighbors", "friends", "backers", "supporters", "adversaries", "rivals"}


def first_person(tok: Any) -> bool:
    """A first-person pronoun ("we", "us", "my"), not the country written "US" ("The US wanted ...")."""
    return tok.lower_ in FIRST_PERSON and not (tok.text == "US" and tok.pos_ != "PRON")


@cache
def _group_nouns() -> frozenset[str]:
    return frozenset(GROUP_NOUNS | set(role_words()))


def group_nouns() -> frozenset[str]:
    """Nouns that name a group or a role acting for a side ("delegation", "officials", "minister")."""
    return _group_nouns()


class Sides:
    def __init__(self, doc: Any, an: Analysis) -> None:
        self.doc = doc
        self.an = an
        self.ents: dict[str, LocalEntity] = {e.key: e for e in an.entities}
        self.mentions = sorted(an.mentions, key=lambda m: m.start)
        self.starts = [m.start for m in self.mentions]
        self.quotes = sorted((q for q in an.quotes if q.kind == "direct"), key=lambda q: q.start)
        self.pronoun_people: dict[int, str] = {}  # token index of "he"/"she" -> the person it stands for

    def key_at(self, start: int, end: int) -> str | None:
        i = bisect.bisect_right(self.starts, start) - 1
        for j in (i, i + 1):
            if 0 <= j < len(self.mentions):
                m = self.mentions[j]
                if m.start <= start < m.end or start <= m.start < end:
                    return m.key
        return None

    def side_of_key(self, key: str | None) -> str | None:
        if not key or key not in self.ents:
            return None
        e = self.ents[key]
        if e.type == "PERSON":
            return e.affiliation
        if e.type == "ORG" and e.affiliation:
            return e.affiliation
        if e.type == "GPE":
            # a state (known, or unknown but acting like one); never a city ("talks in Port Salvo")
            place = lookup(e.name)
            if place is not None:
                return place.country if place.kind in ("country", "seat", "adj") else None
            return e.name if e.agentive else None
        if e.type in ("ORG", "NORP"):
            return e.name
        return None

    def quote_at(self, pos: int):
        for q in self.quotes:
            if q.start <= pos < q.end:
                return q
        return None

    def entity_of(self, tok: Any) -> str | None:
        """The entity a noun phrase headed by ``tok`` names (its own mention, else one inside it)."""
        key = self.key_at(tok.idx, tok.idx + len(tok.text))
        if key:
            return key
        for t in tok.subtree:
            if t.dep_ in ("poss", "compound", "amod", "nmod", "appos", "flat") or t is tok:
                k = self.key_at(t.idx, t.idx + len(t.text))
                if k:
                    return k
        return None

    def side_of_token(self, tok: Any) -> tuple[str | None, str | None]:
        """(side, entity key) for the phrase headed by ``tok``."""
        if first_person(tok):
            q = self.quote_at(tok.idx)
            if q is not None and q.speaker:
                return self.side_of_key(q.speaker), q.speaker
            return None, None
        key = self.key_at(tok.idx, tok.idx + len(tok.text))
        if key:
            return self.side_of_key(key), key
        if tok.lower_ in OTHERS:
            return None, None  # "Kyiv's allies" are not Kyiv
        if tok.lower_ in _group_nouns() or tok.pos_ in ("NOUN", "PROPN"):
            for t in tok.children:
                if _party_of_head(tok, t):
                    continue
                if t.dep_ in ("amod", "compound", "poss", "nmod"):
                    k = self.key_at(t.idx, t.idx + len(t.text))
                    if k:
                        return self.side_of_key(k), (k if tok.lower_ not in _group_nouns() else None)
                    place = lookup(t.text) if t.text[:1].isupper() else None
                    if place is not None and place.kind in ("country", "adj", "seat"):
                        return place.country or place.name, None
            for t in tok.children:  # "a member of a Russian delegation"
                if t.dep_ == "prep" and t.lower_ in ("of", "from"):
                    for p in t.children:
                        if p.dep_ == "pobj":
                            side, key = self.side_of_token(p)
                            if side:
                                return side, key
        return None, None

    def sides_of(self, tok: Any) -> list[tuple[str | None, str | None]]:
        """The phrase and its conjuncts: "Russia and Ukraine", "Ukrainian and Russian envoys" -> both."""
        out = [self.side_of_token(tok)]
        for c in tok.conjuncts:
            out.append(self.side_of_token(c))
        if tok.lower_ in _group_nouns():  # "leaders from France, Germany and Poland"
            for c in tok.children:
                if c.dep_ == "prep" and c.lower_ in ("from", "of"):
                    for p in c.children:
                        if p.dep_ == "pobj":
                            for cj in [p, *p.conjuncts]:
                                side, key = self.side_of_token(cj)
                                ent = self.ents.get(key) if key else None
                                if side is None and ent is not None and ent.type == "GPE" and lookup(ent.name) is None:
                                    side = ent.name  # "negotiators from Valdoria": a place that sends negotiators
                                out.append((side, key))
        if tok.lower_ in _group_nouns() or tok.pos_ == "NOUN":
            for m in tok.children:
                if _party_of_head(tok, m):
                    continue
                if m.dep_ in ("amod", "compound", "nmod"):  # "Norwegian and Icelandic officials": each adjective
                    for cj in (m, *m.conjuncts):
                        k = self.key_at(cj.idx, cj.idx + len(cj.text))
                        side = self.side_of_key(k) if k else None
                        if side is None and cj.text[:1].isupper():
                            place = lookup(cj.text)
                            side = (place.country or place.name) if place and place.kind in ("country", "adj", "seat") else None
                        if side:
                            out.append((side, None))
        return [x for i, x in enumerate(out) if x not in out[:i] and x != (None, None)] or [(None, None)]


# offices whose holder speaks for the state whatever their party
_HEADS_OF_STATE = {"president", "chancellor", "premier"}


def _party_of_head(tok: Any, mod: Any) -> bool:
    """A party word on a head of state ("the Republican president"): he speaks for the state, not for the party,
    so the word names no side."""
    return tok.lower_ in _HEADS_OF_STATE and fold(mod.text) in party_lexicon()[1]


def fold_side(name: str | None) -> str | None:
    return fold(name) if name else None

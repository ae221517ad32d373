"""Rounds: the meetings of a negotiation's parties, one per meeting across all articles, with their status.

A **meeting** is a CONSULT event (talks, a meeting, a summit; not a phone call), or a signing the sides
are told to have done ("Ostland and Kestrel signed the accord in Port Salvo"), with who took part. Each
participant stands for a **side**: a state, an organization, or, when everyone at the table belongs to one
state, the part of it they speak for (the government, a party: "Democratic leaders" at the White House).
The **main sides** are the pair that meets most often across the corpus's articles (a mediator never is
one); a **round** is a meeting of the two (others may sit at the table too). An ally meeting one side, or a
third party meeting each in turn, is no round of this negotiation.

- Its **status** is *held* only when an article says it happened (past, not negated, not "could", reported
  on or after its day); a meeting announced, proposed, called off or put off is kept as *planned*,
  *proposed*, *cancelled* or *postponed* and never shown as held.
- Its **date** is the day the meeting's own clause gives (``ledger.event_date``: anchored on its article's date
  and tense; never a caption's, a dateline's or a deadline's); meetings on consecutive days at one place
  with the same people are one round, dated by its first day. A meeting named inside the clause of a dated one
  ("wrapped up his visit on Sunday, describing his talks with Sollen") is that meeting, with both their sides; a
  meeting dated only to a month ("the summit in June") or recalled to set another against it ("since the two
  leaders sat down for dinner on ...") lends its day, its sentence's sides and heads to no other meeting.
- A round shows both main sides (a meeting whose sentence names one side's people only is no round shown).
- Its **place** is the city most mentions give (a venue is kept apart), its **heads** the people of each main
  side who took part or led a delegation ("led by", "chief negotiator", "special envoy"), its **mediators**
  the third parties that mediated or brokered, and its **hosts** (a third party that hosted or chaired, the
  state of the venue when it is neither side's); ``mediators`` lists the mediators and the hosts the articles
  call so (hosted, chaired), never a state only because the venue is in it; ``hosts`` the hosts alone. Its
  **durations** are what the articles say the talks lasted.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from ..gazetteer import fold, lookup, seat_city
from ..model import Analysis, Article, Span
from .entities import CorpusEntity, slug

DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
HEAD_ROLE = re.compile(r"\b(?:head(?:s|ed)?\s+(?:of\s+)?the\s+\w*\s*delegation|head of|chief negotiator|top negotiator|"
                       r"lead negotiator|negotiator|led the|leads the|special envoy|special representative|envoy)\b",
                       re.I)
MEDIATOR_ROLE = re.compile(r"\b(?:mediator|mediation|facilitator|broker|intermediary|go-between|host of the talks)\b",
                           re.I)
HOST_ROLE = re.compile(r"\bhost\b", re.I)
GOVERNMENT = re.compile(r"\b(?:president|vice[- ]president|prime minister|premier|chancellor|minister|secretary|"
                        r"chief of staff|adviser|advisor|envoy|ambassador|spokes(?:man|woman|person)|white house|"
                        r"administration|cabinet|king|emir|crown prince|supreme leader)\b", re.I)
LEGISLATURE = re.compile(r"\b(?:speaker|senator|sen\.|rep\.|congress(?:man|woman)|lawmaker|legislator|"
                         r"majority leader|minority leader|whip|mp|member of parliament|appropriator)\b", re.I)
# a state's own institutions are no side of their own ("the House", "the Treasury", "Capitol Hill")
INSTITUTION = re.compile(r"\b(?:house|senate|congress|parliament|assembly|treasury|commerce|ministry|department|"
                         r"white house|pentagon|kremlin|cabinet|administration|government|capitol|court|agency|"
                         r"office|council|committee|army|navy|police)\b", re.I)
# the portfolio words of titles ("Secretary of State", "Defense Minister"), never a side
DEPARTMENT_WORDS = {"state", "defense", "defence", "justice", "interior", "foreign", "energy", "treasury", "commerce",
                    "finance", "trade", "agriculture", "labor", "labour", "health", "education", "transportation",
                    "homeland", "homeland security", "security", "war", "navy", "army", "staff", "cabinet", "house",
                    "senate", "congress", "white", "white house", "office", "national", "special", "deputy", "vice"}
PARTY_TAG = re.compile(r"[(,]\s*([DRI])-[A-Z][A-Za-z.]*\)?")
PARTY_WORDS = {"democratic": "Democrats", "democrat": "Democrats", "democrats": "Democrats",
               "republican": "Republicans", "republicans": "Republicans", "gop": "Republicans"}
PARTY_LETTER = {"D": "Democrats", "R": "Republicans", "I": "Independents"}
TALK_NOUNS = re.compile(r"\b(?:talks|negotiations|meeting|meetings|discussions|round|session|consultations|summit|"
                        r"met|meet|meets|negotiated|sat down)\b", re.I)
# the last word of a building's or a room's name: a venue the tagger may take for an organization ("Oval Office")
VENUE_WORD = re.compile(r"\b(?:office|house|palace|hotel|room|hall|guesthouse|villa|residence|mansion|castle|"
                        r"cent(?:er|re)|base|compound|capitol|chancellery|embassy|consulate|ministry)$", re.I)
# the participants named as a pair before the cue: "the two sides met", "both delegations sat down"
BOTH_SIDES = re.compile(r"\b(?:both|the two)\s+(?:sides|parties|delegations|teams|negotiating teams|governments)\b", re.I)
RECALLED = re.compile(r"(?:since|after|following|before|until|till|ahead of|prior to)\b", re.I)
TOP_DIPLOMAT = re.compile(r"\b(?:top|chief)\s+(?:[A-Z][\w.]*\s+)?diplomat\b")
FOREIGN_MINISTER = re.compile(r"\b(?:secretary of state|foreign (?:minister|secretary)|minister (?:of|for) foreign affairs)\b",
                              re.I)
COMPASS = {"North", "South", "East", "West"}
SHORT_STATE = re.compile(r"(?:\b[Tt]he\s+|^\s*)(North|South|East|West)(?:['’]s\b|\b(?!\s*[A-Z-]))")
STATUS_RANK = {"held": 0, "cancelled": 1, "postponed": 2, "planned": 3, "proposed": 4}


def _span(art: Article, start: int, end: int) -> dict[str, Any]:
    return Span(art.id, start, end, art.text[start:end]).__dict__


@dataclass
class Meeting:
    article: str
    event: str
    date: str | None
    status: str
    people: list[str]  # corpus entity ids of the persons taking part
    sides: set[str]
    places: list[str]
    evidence: dict[str, Any]
    summary: str
    reported: str | None
    by_side: dict[str, list[str]] = field(default_factory=dict)
    coarse: bool = False  # its clause dates it, but not to a day ("the summit in June"): no other day dates it
    context: set[str] = field(default_factory=set)  # the sides its sentence names, for "their talks"
    context_people: list[str] = field(default_factory=list)  # the people its sentence names, for "their talks"
    context_people_sides: set[str] = field(default_factory=set)  # the sides of those people ("" for none known)
    both: bool = False  # its participants are "the two sides", "both delegations": the main sides
    signing: bool = False  # a signing (the sides met to sign), not talks


class SideMap:
    """The side a person or a named party stands for, across the corpus."""

    def __init__(self, entities: list[CorpusEntity], items: list[tuple[Article, Analysis]],
                 emap: dict[tuple[str, str], str]) -> None:
        self.by_id = {e.id: e for e in entities}
        self._primary: dict[str, str | None] = {}
        # places no gazetteer knows that act like states somewhere ("Valdoria demanded"), by name
        self.statelike = {e.name for a, an in items for e in an.entities if e.type == "GPE" and e.agentive
                          and lookup(e.name) is None}
        from ..ingestion.meta import outlet_info

        self.outlets = {e.id for e in entities if e.type == "ORG" and outlet_info(e.name) is not None}
        self.named_sides = {e.name for e in entities if e.type in ("ORG", "NORP", "GPE") and e.id not in self.outlets}
        self.acting: set[str] = set()  # organizations that act as parties in the corpus's events (set by meetings)
        # a name the tagger took for an organization that is a person's surname ("a meeting with Tallow")
        by_surname: dict[str, list[CorpusEntity]] = defaultdict(list)
        for e in entities:
            if e.type == "PERSON" and len(e.name.split()) > 1:
                by_surname[fold(e.name).split()[-1]].append(e)
        self.surnames = set(by_surname)
        self.person_of: dict[str, str] = {}
        for e in entities:
            people = by_surname.get(fold(e.name), [])
            if e.type in ("ORG", "NORP", "GPE") and people and lookup(e.name) is None:
                top = max(people, key=lambda p: (p.mentions, p.id))
                if top.mentions >= 0.8 * sum(p.mentions for p in people):  # one person holds the name
                    self.person_of[e.id] = top.id
        # "the North", "the South": the one state of the corpus whose name begins so ("North Ostland"), else none
        starts: dict[str, set[str]] = defaultdict(set)
        for e in entities:
            pl = lookup(e.name) if e.type == "GPE" else None
            name = pl.name if pl is not None and pl.kind == "country" else (
                e.name if e.type == "GPE" and e.name in self.statelike else None)
            if name and name.split()[0] in COMPASS and len(name.split()) > 1:
                starts[name.split()[0]].add(name)
        self.compass = {w: next(iter(v)) for w, v in starts.items() if len(v) == 1}
        self.sub: dict[str, str | None] = {}
        texts = {a.id: a.text for a, _ in items}
        party_votes: dict[str, Counter] = defaultdict(Counter)
        for art, an in items:
            for m in an.mentions:
                eid = emap.get((art.id, m.key))
                ent = self.by_id.get(eid) if eid else None
                if ent is None or ent.type != "PERSON":
                    continue
                after = texts[art.id][m.end:m.end + 14]
                tag = PARTY_TAG.match(after)
                if tag:
                    party_votes[eid][PARTY_LETTER[tag.group(1)]] += 2
                before = texts[art.id][max(0, m.start - 60):m.start].lower()
                for w in re.findall(r"[a-z]+", before)[-6:]:
                    if w in PARTY_WORDS:
                        party_votes[eid][PARTY_WORDS[w]] += 1
        for eid, ent in self.by_id.items():
            if ent.type != "PERSON":
                continue
            titles = " ".join(r["title"] for r in ent.roles)
            votes = party_votes.get(eid, Counter())
            if GOVERNMENT.search(titles) and not LEGISLATURE.search(titles):
                self.sub[eid] = "government"
            elif votes:
                self.sub[eid] = max(sorted(votes), key=lambda p: votes[p])
            else:
                self.sub[eid] = None

    def state(self, name: str | None) -> str | None:
        """A state or organization by its canonical name ("Moscow", "Russian" -> "Russia"); None for a city."""
        if not name:
            return None
        return self._named(name, "GPE")

    def primary(self, eid: str) -> str | None:
        if eid in self._primary:
            return self._primary[eid]
        ent = self.by_id.get(eid)
        out = None
        if ent is not None and eid in self.outlets:
            out = None  # a news organization reports; it is no side
        elif ent is not None and ent.type in ("GPE", "ORG", "NORP"):
            out = self._named(ent.name, ent.type)
        elif ent is not None and ent.type == "PERSON":
            votes: Counter = Counter()  # the states and organizations a person's titles name: "U.S. Treasury Secretary"
            for r in ent.roles:
                short = SHORT_STATE.search(r["title"])  # "the North's chief negotiator"
                if short and short.group(1) in self.compass:
                    votes[self.compass[short.group(1)]] += len(r.get("evidence") or [1])
                words = re.findall(r"[A-Z][\w.'’-]+", r["title"])
                pairs = [f"{a} {b}" for a, b in zip(words, words[1:], strict=False)]
                own = set(fold(ent.name).split())
                for w in [*pairs, *words]:  # "U.S. Commerce Secretary": "U.S.", not "U.S. Commerce"
                    w = re.sub(r"['’]s$", "", w)
                    if w.lower() in DEPARTMENT_WORDS or set(fold(w).split()) & (own | self.surnames):
                        continue  # "Secretary of State", "Defense Minister", a piece of a person's name
                    state = lookup(w) is not None or w in self.statelike
                    side = self._named(w, "GPE") if state else (
                        self._named(w, "ORG") if w in self.named_sides else None)
                    people = None if state else self._named(w, "NORP")  # "Valdorian Trade Minister"
                    if people in self.statelike:
                        side, state = people, True
                    if side and (state or side in self.acting):  # "CIA Director": a state's agency, no side
                        votes[side] += len(r.get("evidence") or [1])
            known = self._named(ent.affiliation, "GPE") if ent.affiliation else None
            if known is not None and (lookup(known) is not None or known in self.statelike or known in self.acting):
                votes[known] += 1
            if votes:
                out = max(sorted(votes), key=lambda k: votes[k])
            elif ent.name and len(ent.name.split()) == 1:  # "Lenk" alone: the one full name ending with it
                key = fold(ent.name)
                others = sorted((o for o in self.by_id.values() if o.type == "PERSON" and o.id != eid
                                 and len(o.name.split()) > 1), key=lambda o: o.id)
                fulls = {self.primary(o.id) for o in others if fold(o.name).split()[-1] == key} - {None}
                if not fulls:  # a family name written first ("Vo" for "Vo Lan", "Han" for "Han Seo-yun")
                    fulls = {self.primary(o.id) for o in others if fold(o.name).split()[0] == key} - {None}
                out = next(iter(fulls)) if len(fulls) == 1 else None
        self._primary[eid] = out
        return out

    def _named(self, name: str, etype: str) -> str | None:
        """The side a name stands for: a known state, seat or organization; a place that acts like a state; a
        people's adjective of such a place ("Valdorian"); a party or movement no gazetteer knows."""
        place = lookup(name)
        if place is not None:
            return (place.country or place.name) if place.kind in ("country", "seat", "adj", "org") else None
        if name in self.statelike:
            return name
        if etype == "NORP":
            low = name.lower()
            stem = next((g for g in sorted(self.statelike) if len(g) >= 4 and low.startswith(g.lower()[:len(g) - 1])),
                        None)
            if stem:
                return stem
        if name.lower() in PARTY_WORDS:
            return PARTY_WORDS[name.lower()]  # "Democratic leaders", "the Democrats": one party
        if etype in ("ORG", "NORP") and not INSTITUTION.search(name) and name.lower() not in DEPARTMENT_WORDS:
            return name
        return None

    def sides_of(self, people: list[str], named: list[str]) -> tuple[set[str], dict[str, list[str]]]:
        """The sides at a meeting (``people``: person ids; ``named``: ids of named parties, or names of parties
        known only as sides): states or organizations when there are two; else the parts of one state."""
        prim = {p: self.primary(p) for p in people}
        states = {s for s in prim.values() if s} | {
            s for s in (self.primary(n) if n in self.by_id else self.state(n) for n in named) if s}
        by: dict[str, list[str]] = defaultdict(list)
        if len(states) >= 2:
            for p, s in prim.items():
                if s:
                    by[s].append(p)
            return states, dict(by)
        state = next(iter(states)) if states else None

        def part(sub: str) -> str:  # the government speaks for its state: one label wherever the state meets
            return state if sub == "government" and state else sub

        subs = {p: self.sub.get(p) for p in people}
        parts = {part(s) for s in subs.values() if s}
        if len(parts) >= 2:
            for p, s in subs.items():
                if s:
                    by[part(s)].append(p)
            return parts, dict(by)
        for p, s in prim.items():
            if s:
                by[s].append(p)
        return states, dict(by)


def _status(ev: dict[str, Any], reported: str | None) -> str:
    mod = ev["modality"]
    if mod in ("cancelled", "postponed"):
        return mod
    if ev["negated"] or mod in ("refused", "denied"):
        return "not held"
    if mod == "happened":
        if ev["date"] and reported and ev["date"] > reported:
            return "planned"  # a report cannot tell of a meeting after its own day as held
        return "held"
    if mod in ("proposed", "demanded"):
        return "proposed"
    return "planned"


def _signing(ev: dict[str, Any]) -> bool:
    """A signing told as done by the parties that signed ("Ostland and Kestrel signed the accord in Port Salvo"): the
    two sides met to sign, a round (the round's sides are still those the event names: both, or no round)."""
    return ev["type"] == "AGREE" and ev["cue"].lower() in ("signed", "signs", "sign") and ev["modality"] == "happened" \
        and not ev["negated"] and not ev["summary"].lower().startswith("to ")


def meetings(items: list[tuple[Article, Analysis]], events: list[dict[str, Any]], sides: SideMap,
             reported: dict[str, str | None], emap: dict[tuple[str, str], str],
             extra: dict[str, str] | None = None) -> list[Meeting]:
    """The meetings the events tell of; ``extra``: names of the parties known only as sides (entity id -> name)."""
    extra = extra or {}
    arts = {a.id: a for a, _ in items}
    an_of = {a.id: an for a, an in items}
    out = []
    calls = set()  # the sentences that tell of a call: "held a video conference ... and discussed ..." is no meeting
    for ev in events:
        if ev["type"] == "CONSULT" and ev["mode"] == "phone":
            at = ev["evidence"][0]["start"]
            calls.update((ev["article"], a) for a, b in an_of[ev["article"]].sentences if a <= at < b)
    for ev in events:
        if not (ev["type"] == "CONSULT" or _signing(ev)) or ev["mode"] in ("phone", "third-party") or ev.get("caption"):
            continue  # calls are not rounds; a photo caption never dates one
        at = ev["evidence"][0]["start"]
        if any((ev["article"], a) in calls for a, b in an_of[ev["article"]].sentences if a <= at < b):
            continue
        if ev.get("quoted") and ev["modality"] == "happened":
            continue  # a speaker's words are not the report that a meeting took place
        if ev["mode"] == "host" and not ev["targets"]:
            continue  # "welcomed the response" is no meeting
        if ev.get("date_from") not in ("clause", "lead"):
            ev = {**ev, "date": None}  # a day the article gives its talks elsewhere dates no meeting
        who = [sides.person_of.get(x, x) for x in ev["actors"] + ev["targets"]]
        people = [x for x in who if sides.by_id.get(x) and sides.by_id[x].type == "PERSON"]
        named = [x for x in who if sides.by_id.get(x) and sides.by_id[x].type in ("GPE", "ORG", "NORP")]
        named += [extra[x] for x in ev["actors"] + ev["targets"] if x in extra]
        s, by = sides.sides_of(list(dict.fromkeys(people)), named)
        art = arts[ev["article"]]
        places = [p for p in (ev.get("places") or ([ev["place"]] if ev["place"] else [])) if p]
        if ev["mode"] == "visit" and not places:  # "Lenk would travel to Port Salvo to continue talks": the city
            places = [sides.by_id[x].name for x in ev["targets"] if sides.by_id.get(x)
                      and sides.by_id[x].type == "GPE" and _city(sides.by_id[x].name, sides.statelike)]
        m = Meeting(art.id, ev["id"], ev["date"], _status(ev, reported.get(art.id)), list(dict.fromkeys(people)),
                    s, places,
                    ev["evidence"][0], f"{ev['cue']}: {ev['summary']}", reported.get(art.id), by)
        if not s and not RECALLED.match(m.evidence["text"]):  # "their first direct talks": the sides the sentence names
            an = an_of[art.id]
            at = ev["evidence"][0]["start"]
            sent = next(((a, b) for a, b in an.sentences if a <= at < b), None)
            if sent:
                from ..analysis.timex import dateline_span

                dl = dateline_span(art) or (-1, -1)
                ids = {emap.get((art.id, x.key)) for x in an.mentions if sent[0] <= x.start < sent[1]
                       and not dl[0] <= x.start < dl[1]}
                for eid in sorted(i for i in ids if i):
                    side = sides.primary(eid)
                    if side:
                        m.context.add(side)
                    eid = sides.person_of.get(eid, eid)
                    if sides.by_id.get(eid) and sides.by_id[eid].type == "PERSON" and eid not in m.context_people:
                        m.context_people.append(eid)
                        m.context_people_sides.add(side or "")  # "": a person of no known side
        m.coarse = ev.get("date_from") == "coarse"
        cue_at = m.evidence["text"].lower().find(ev["cue"].lower())
        m.both = not s and bool(BOTH_SIDES.search(m.evidence["text"][:max(cue_at, 0)]))
        m.signing = ev["type"] == "AGREE"
        out.append(m)
    _nested(out, sides)
    return out


def _nested(ms: list[Meeting], sides: SideMap) -> None:
    """A meeting named inside the clause of a dated one is that meeting: "Lenk wrapped up his visit on Sunday,
    describing his talks with Sollen as productive" dates the talks, and the talks give the visit its other side.
    Only held meetings of one article, the outer dated by its own clause, the inner dated by none."""
    from .ledger import RELATIVE_CLAUSE as OTHER_TIME  # another time: "after talks broke down"

    for inner in ms:
        if inner.date or inner.coarse or inner.status != "held":
            continue
        a, b = inner.evidence["start"], inner.evidence["end"]
        outer = [m for m in ms if m is not inner and m.article == inner.article and m.date and m.status == "held"
                 and m.evidence["start"] <= a and b <= m.evidence["end"] and (m.evidence["start"], m.evidence["end"]) != (a, b)]
        if len(outer) != 1:
            continue
        o = outer[0]
        if OTHER_TIME.search(o.evidence["text"][:a - o.evidence["start"]][-40:]) or OTHER_TIME.match(
                inner.evidence["text"].split(" ", 1)[0] + " "):
            continue  # "visited the border on Thursday after negotiations with X broke down": another time
        inner.date = o.date
        people = list(dict.fromkeys(o.people + inner.people))
        found, by = sides.sides_of(people, [])
        union = o.sides | inner.sides | (found if len(found) >= 2 else set())
        by_side: dict[str, list[str]] = {}
        for part in (o.by_side, inner.by_side, by if len(found) >= 2 else {}):
            for side, who in part.items():
                by_side.setdefault(side, [])
                by_side[side] += [p for p in who if p not in by_side[side]]
        for m in (o, inner):
            m.sides, m.by_side, m.people = set(union), {k: list(v) for k, v in by_side.items()}, list(people)


def mediators(items: list[tuple[Article, Analysis]], events: list[dict[str, Any]], emap: dict[tuple[str, str], str],
              by_id: dict[str, CorpusEntity]) -> set[str]:
    """Entities that mediate: a person or party with a mediator's role, or the actor of a mediating event."""
    out: set[str] = set()
    for art, an in items:
        for e in an.entities:
            if e.type == "PERSON" and any(MEDIATOR_ROLE.search(r.title) for r in e.roles):
                pid = emap.get((art.id, e.key))
                if pid:
                    out.add(pid)
    for ev in events:
        if ev["type"] == "CONSULT" and ev["mode"] == "third-party" and ev["modality"] == "happened":
            out.update(a for a in ev["actors"] if a in by_id)
    return out


def main_sides(ms: list[Meeting], mediator_sides: set[str]) -> list[str]:
    """The pair of sides that meet most often (distinct articles)."""
    pairs: Counter = Counter()
    held: Counter = Counter()  # meetings that took place count first: a refusal to meet is no meeting
    seen: set[tuple[str, frozenset[str], bool]] = set()
    for m in ms:
        sides = sorted(m.sides)
        for i, a in enumerate(sides):
            for b in sides[i + 1:]:
                pair = frozenset((a, b))
                for tally, ok in ((pairs, True), (held, m.status == "held")):
                    key = (m.article, pair, tally is held)
                    if ok and key not in seen:
                        seen.add(key)
                        tally[pair] += 1
    if not pairs:
        return []
    top = max(sorted(pairs, key=lambda p: sorted(p)), key=lambda p: (held[p], pairs[p]))
    return sorted(top)


def _place_name(name: str) -> str:
    """A dateline's place as a name ("HANOI" -> "Hanoi", "SEOUL/TOKYO" kept for the locality check to refuse)."""
    if name.isupper():
        place = lookup(name)
        return place.name if place is not None and place.kind in ("city", "seat") else name.title()
    return name


def _locality(name: str) -> bool:
    if re.search(r"[–—/]", name) or len(name) > 40:
        return False
    place = lookup(name)
    return place is None or place.kind in ("city", "seat")


def _city(name: str, statelike: set[str]) -> bool:
    """A city or a capital by name ("Port Salvo", "Washington"): not a state, nor a building standing for one."""
    place = lookup(name)
    if place is None:
        return name not in statelike and _locality(name)
    return place.kind in ("city", "seat") and place.label == "GPE" and _locality(name)


def _next_day(a: str, b: str) -> bool:
    try:
        return (dt.date.fromisoformat(b) - dt.date.fromisoformat(a)).days == 1
    except ValueError:
        return False


def build_rounds(items: list[tuple[Article, Analysis]], events: list[dict[str, Any]], entities: list[CorpusEntity],
                 emap: dict[tuple[str, str], str], reported: dict[str, str | None],
                 durations: list[dict[str, Any]], fallback_main: list[str] = (),
                 extra: dict[str, str] | None = None,
                 story_of: dict[str, str] | None = None) -> tuple[list[dict[str, Any]], list[str], set[str]]:
    """(rounds, main sides, mediator entity ids). ``durations``: how long talks lasted, as the articles say
    ({"article", "value", "text", "approx", "day", "span"}); ``fallback_main``: the main sides when no meeting
    names two sides (the parties most involved in the ledger's statements)."""
    sides = SideMap(entities, items, emap)
    by_id = sides.by_id
    acts: Counter = Counter()
    for ev in events:  # organizations that act in the events of two articles or more are parties ("the rebel movement")
        for x in {*ev["actors"], *ev["targets"]}:
            if by_id.get(x) and by_id[x].type in ("ORG", "NORP"):
                acts[(by_id[x].name, ev["article"])] += 1
    per_org = Counter(name for name, _aid in acts)
    sides.acting = {name for name, n in per_org.items() if n >= 2}
    def partylike(name: str) -> bool:
        return lookup(name) is None and not INSTITUTION.search(name) and name.lower() not in DEPARTMENT_WORDS \
            and fold(name) not in sides.surnames

    for ev in events:  # a place no gazetteer knows that takes part in a meeting is a party ("Valdoria")
        if ev["type"] == "CONSULT":
            sides.statelike.update(by_id[x].name for x in {*ev["actors"], *ev["targets"]}
                                   if by_id.get(x) and by_id[x].type == "GPE" and partylike(by_id[x].name))
    sides.statelike.update(n for n in (extra or {}).values() if partylike(n))
    an_of = {a.id: an for a, an in items}
    arts = {a.id: a for a, _ in items}
    med = mediators(items, events, emap, by_id)
    med_sides = {sides.primary(x) for x in med} - {None}
    ms = meetings(items, events, sides, reported, emap, extra)
    _date_from_article(ms)
    main = main_sides(ms, med_sides) or [s for s in fallback_main if s not in med_sides]
    mainset = set(main)
    for m in ms:
        if m.both and len(main) == 2:  # "since the two sides signed the accord on Saturday"
            m.sides = set(main)
    # meetings of two main sides or more, by day; a meeting named only as "the talks" joins a round of its day
    rounds_by_day: dict[str, list[Meeting]] = defaultdict(list)
    generic: dict[str, list[Meeting]] = defaultdict(list)
    for m in ms:
        if not m.date or not DAY.match(m.date):
            continue
        if m.status != "held" and not (m.reported and m.date > m.reported):
            continue  # "on Thursday proposed a meeting": the day of the proposal, not of a meeting
        if len(m.sides & mainset) >= 2 or _told_by_context(m, mainset, med_sides):
            rounds_by_day[m.date].append(m)
        elif not m.sides and TALK_NOUNS.search(m.summary):
            generic[m.date].append(m)
    _undated_signings(ms, rounds_by_day, mainset)
    days = sorted(rounds_by_day)
    groups: list[list[str]] = []
    for d in days:
        prev = groups[-1] if groups else None
        if prev and _next_day(prev[-1], d) and _same_meeting(rounds_by_day[prev[-1]], rounds_by_day[d]):
            prev.append(d)
        else:
            groups.append([d])
    lent = _announced(groups, rounds_by_day, mainset)
    rounds = []
    for group in groups:
        if all(id(m) in lent for d in group for m in rounds_by_day[d]):
            continue  # the announcement of a round that was then held: shown as that round
        mts = [m for d in group for m in rounds_by_day[d]] + [m for d in group for m in generic.get(d, [])]

        nxt = (dt.date.fromisoformat(group[-1]) + dt.timedelta(days=1)).isoformat()
        more = [m for m in generic.get(nxt, []) if m.status == "held" and set(m.places) & {p for x in mts for p in x.places}]
        if more and nxt not in rounds_by_day:  # "two days of talks in X that ended on Saturday"
            group.append(nxt)
            mts += more
        status = min((m.status for m in mts if m.status in STATUS_RANK),
                     key=lambda st: STATUS_RANK[st], default=None)
        if status is None:
            continue
        if status == "held":
            mts = [m for m in mts if m.status == "held"] + [m for m, day in lent.values() if day == group[0]]
        else:
            mts = [m for m in mts if m.status == status]
        r = _round(group, mts, status, main, sides, med, arts, an_of, durations, emap)
        if len(r["parties"]) >= 2:  # "the Sollen talks" whose sentence names one side's people only: no round shown
            rounds.append(r)
    _story_durations(rounds, durations, story_of or {})
    return rounds, main, med


def _undated_signings(ms: list[Meeting], rounds_by_day: dict[str, list[Meeting]], main: set[str]) -> None:
    """An accord is signed once: a signing by the main sides that its article does not date ("X and Y signed the
    accord in Port Salvo"), reported on the day of the one dated signing of the same sides or in the three days
    after it, is that signing (it lends the round its place and its signatories)."""
    signed = [d for d, mts in rounds_by_day.items() if any(m.signing and m.status == "held" for m in mts)]
    for m in ms:
        if not (m.signing and m.date is None and m.status == "held" and main <= m.sides and m.reported
                and DAY.match(m.reported)):
            continue
        near = [d for d in signed if 0 <= (dt.date.fromisoformat(m.reported) - dt.date.fromisoformat(d)).days <= 3]
        if len(near) == 1:
            m.date = near[0]
            rounds_by_day[near[0]].append(m)


ANNOUNCED_WITHIN = 3  # days between an announced meeting's first day and the first day of the talks held


def _announced(groups: list[list[str]], by_day: dict[str, list[Meeting]],
               main: set[str]) -> dict[int, tuple[Meeting, str]]:
    """Meetings announced before they began ("Lenk will travel to Port Salvo from Tuesday to continue the talks",
    filed on Monday) that open the days of talks held between the same two sides, with no other talks between:
    that round, announced. Their place and people tell of it; they are no planned round of their own."""
    held = [g for g in groups if any(m.status == "held" for d in g for m in by_day[d])]
    out: dict[int, tuple[Meeting, str]] = {}  # id of the announcement -> (it, the first day of the talks held)
    for g in groups:
        for d in g:
            for m in by_day[d]:
                if m.status != "planned" or not m.reported or m.reported >= d or len(m.sides & main) < 2:
                    continue
                start = dt.date.fromisoformat(d)
                nxt = [h for h in held if h[0] >= d]
                if nxt and (dt.date.fromisoformat(nxt[0][0]) - start).days <= ANNOUNCED_WITHIN:
                    out[id(m)] = (m, nxt[0][0])
    return out


def _story_durations(rounds: list[dict[str, Any]], durations: list[dict[str, Any]], story_of: dict[str, str]) -> None:
    """How long the talks lasted, said in an article that dates no meeting itself ("The talks lasted three hours"
    in a column) but belongs to a story of one held round: that round's duration."""
    held = [r for r in rounds if r["status"] == "held"]
    by_story: dict[str, set[str]] = defaultdict(set)
    for r in held:
        for aid in r["articles"]:
            if aid in story_of:
                by_story[story_of[aid]].add(r["id"])
    in_round = {aid for r in rounds for aid in r["articles"]}
    by_id = {r["id"]: r for r in held}
    for d in durations:
        if d["article"] in in_round or d.get("day") or d["article"] not in story_of:
            continue
        rids = by_story.get(story_of[d["article"]], set())
        if len(rids) == 1:
            by_id[next(iter(rids))]["duration"].append(
                {"text": d["text"], "value": d["value"], "approx": d["approx"], "article": d["article"],
                 "evidence": [d["span"]]})


def _date_from_article(ms: list[Meeting]) -> None:
    """A held meeting an article tells of without a day takes the day of the article's one dated held meeting of
    the same people ("X wrapped up his visit to Y on Sunday ... X met with Y for two hours"): a dated meeting
    of only some of them (X alone, elsewhere, the day before) dates nothing."""
    by_art: dict[str, list[Meeting]] = defaultdict(list)
    for m in ms:
        if m.status == "held":
            by_art[m.article].append(m)
    for group in by_art.values():
        # a meeting recalled to set another against it ("since the two leaders sat down for dinner Dec. 1") dates
        # itself, not the article's other meetings
        dated = [m for m in group if m.date and DAY.match(m.date) and not RECALLED.match(m.evidence["text"])]
        for m in group:
            if m.date or m.coarse:
                continue
            # a meeting of all its people (Lenk and Sollen: not Lenk alone in another city on another day)
            days = {d.date for d in dated if m.people and set(m.people) <= set(d.people)
                    or (len(d.sides | d.context) >= 2 and (d.sides | d.context) <= (m.sides | m.context))}
            if len(days) == 1:
                m.date = next(iter(days))


def _same_meeting(a: list[Meeting], b: list[Meeting]) -> bool:
    """Whether two days' meetings are one round going on: the same place (or none given) and people in common, or
    one day's told only by their sides."""
    pa = {p for m in a for p in m.places if _locality(p)}
    pb = {p for m in b for p in m.places if _locality(p)}
    if pa and pb and not pa & pb:
        return False
    if all(not m.people for m in b) or all(not m.people for m in a):
        return True  # "the talks between the two countries stalled Friday": the talks going on, told by their sides
    return bool({p for m in a for p in m.people} & {p for m in b for p in m.people})


def _told_by_context(m: Meeting, main: set[str], med_sides: set[str]) -> bool:
    """A meeting that names no side ("the talks on Thursday") is the main sides' when its sentence names two of
    them and no person of another side: with a third side's leader in it ("Lenk said he and Sollen agreed at
    a meeting that the Ostland-Marenia summit must go ahead") or its other participant named ("a meeting with
    security officials"), the sentence does not say whose meeting it is."""
    if m.sides or not TALK_NOUNS.search(m.summary) or len(m.context & main) < 2:
        return False
    third = m.context_people_sides - main - med_sides
    if third - {""} or (third and m.context - main - med_sides):
        return False  # a person of a third side, or of none beside a third state (a state merely named is none)
    return not re.search(r"\bwith\b", m.evidence["text"], re.I)  # "between" names the two: "between the two economies"


def _round(days: list[str], mts: list[Meeting], status: str, main: list[str], sides: SideMap, med: set[str],
           arts: dict[str, Article], an_of: dict[str, Analysis], durations: list[dict[str, Any]],
           emap: dict[tuple[str, str], str]) -> dict[str, Any]:
    by_id = sides.by_id
    med_sides = {sides.primary(x) for x in med} - {None}
    day = days[0]
    votes: Counter = Counter()
    venues: Counter = Counter()
    for m in mts:
        an = an_of[m.article]
        for p in m.places:
            if any(x.label == "FAC" and x.text == p for x in an.mentions) or VENUE_WORD.search(p):
                venues[re.sub(r"^(?:the|a)\s+", "", p, flags=re.I)] += 1  # "the Cedar State Guest House"
            elif _locality(p):
                votes[p] += 1
    after = (dt.date.fromisoformat(days[-1]) + dt.timedelta(days=1)).isoformat()
    for aid in sorted({m.article for m in mts}):
        a = arts[aid]
        if a.dateline and a.dateline.place and a.published.date in (*days, after) and _locality(a.dateline.place):
            votes[_place_name(a.dateline.place)] += 1  # a report filed from there on the day or the day after
    if not votes:  # a city-state, or only the country given: "a summit in Singapore"
        for m in mts:
            for p in m.places:
                pl = lookup(p)
                if pl is not None and pl.kind == "country" and pl.name not in main:
                    votes[pl.name] += 1
    place = max(sorted(votes), key=lambda p: votes[p]) if votes else None
    city_votes: Counter = Counter()
    for aid in sorted({m.article for m in mts}):  # a venue named where the article tells of these talks
        a, an = arts[aid], an_of[aid]
        for s, e in an.sentences:
            sent = a.text[s:e]
            if not TALK_NOUNS.search(sent) or not ((place and place in sent) or any(
                    s <= t.start < e and (t.value or "")[:10] in days for t in an.timexes)):
                continue
            for x in an.mentions:
                if s <= x.start < e and x.kind == "name" and (x.label == "FAC" or (
                        x.label == "ORG" and VENUE_WORD.search(x.text) and re.search(
                            r"\b(?:in|at|inside|an?|the)\s+(?:\w+\s+)?$", a.text[max(s, x.start - 24):x.start])
                        and TALK_NOUNS.search(a.text[x.end:x.end + 40]) is not None)):
                    venues[x.text] += 1
                elif x.label == "GPE" and s <= x.start < e and x.kind == "name" and not votes and re.search(
                        r"\b(?:in|at)\s+(?:the\s+)?$", a.text[max(s, x.start - 8):x.start]) and _locality(x.text):
                    city_votes[x.text] += 1  # "talks in Beijing on Thursday"
    if not votes and city_votes:
        votes = city_votes
        place = max(sorted(votes), key=lambda p: votes[p])
    venue = max(sorted(venues), key=lambda p: venues[p]) if venues else None
    seat = seat_city(venue) if venue and not votes else None
    if seat:  # "the meeting at the White House": in the capital
        votes[seat] += venues[venue]
        place = seat
    # heads: per main side, the people who took part, those said to lead first
    count: dict[str, Counter] = defaultdict(Counter)
    evidence = [m.evidence for m in mts]
    for m in mts:
        by_side = m.by_side
        if not m.people and m.context_people:  # "their meeting in the Oval Office": the people its sentence names
            by_side = sides.sides_of(m.context_people, [])[1]
        for side, people in by_side.items():
            for p in people:
                count[side][p] += 1
    for m in mts:  # "the top Ostland diplomat met ...": the one foreign minister of that side its article names
        if not TOP_DIPLOMAT.search(m.evidence["text"]):
            continue
        an = an_of[m.article]
        for side in sorted(m.sides & set(main)):
            if m.by_side.get(side):
                continue
            fms = sorted({pid for e in an.entities if e.type == "PERSON" and any(FOREIGN_MINISTER.search(r.title)
                          for r in e.roles) for pid in [emap.get((m.article, e.key))] if pid
                          and sides.primary(pid) == side})
            if len(fms) == 1:
                count[side][fms[0]] += 1
    led: set[str] = set()
    later = (dt.date.fromisoformat(days[-1]) + dt.timedelta(days=2)).isoformat()
    for aid in sorted({m.article for m in mts}):  # people the round's articles say lead a side's delegation
        an = an_of[aid]
        # an article filed during the round, or the sentences that tell of it: a later article's "delegations led
        # by" are those of its own talks, not of the round it recalls
        current = arts[aid].published.date is not None and days[0] <= arts[aid].published.date <= later
        told = [sent for sent in an.sentences if any(
            m.article == aid and sent[0] <= m.evidence["start"] < sent[1] and not RECALLED.match(m.evidence["text"])
            for m in mts)]
        for e in an.entities:
            if e.type == "PERSON" and any(HEAD_ROLE.search(r.title) and (current or any(
                    a <= r.start < b for a, b in told)) for r in e.roles):
                pid = emap.get((aid, e.key))
                side = sides.primary(pid) if pid else None
                if side in main:
                    count[side][pid] += 1
                    led.add(pid)
    heads_by: dict[str, list[str]] = {}
    for side in sorted(count):
        if side not in main:
            continue
        ranked = sorted(count[side], key=lambda p: (p not in led and not any(
            HEAD_ROLE.search(r["title"]) for r in by_id[p].roles), -count[side][p], p))
        heads_by[side] = ranked[:2]
    heads = [p for side in main for p in heads_by.get(side, [])]
    said = " ".join(m.evidence["text"] for m in mts)
    mediators_ = sorted({p for m in mts for p in m.people if p in med} |
                        {x for x in med if by_id[x].type != "PERSON" and by_id[x].name in said})
    hosts = {p for m in mts for p in m.people if sides.primary(p) not in main and p not in med
             and any(HOST_ROLE.search(r["title"]) for r in by_id[p].roles)}
    for aid in sorted({m.article for m in mts}):  # a third party the round's articles call host or mediator
        for e in an_of[aid].entities:
            pid = emap.get((aid, e.key))
            if e.type != "PERSON" or not pid or sides.primary(pid) in main:
                continue
            if any(MEDIATOR_ROLE.search(r.title) for r in e.roles):
                mediators_ = sorted({*mediators_, pid})
            elif any(HOST_ROLE.search(r.title) for r in e.roles):
                hosts.add(pid)
    cued = set(hosts)  # hosts the articles call so (hosted, chaired) mediate too; the venue's state alone does not
    state = sides.state(place) if place else None  # the state of the venue, when neither side's: the host
    if state and state not in main:
        hosts.update(e.id for e in by_id.values() if e.type == "GPE" and e.name == state)
    hosts_ = sorted(hosts)
    arts_of = sorted({m.article for m in mts})
    durs = [d for d in durations if d["article"] in arts_of and d.get("day") in (None, *days)]
    for h in heads:
        for r in by_id[h].roles:
            if HEAD_ROLE.search(r["title"]):
                evidence.extend(sp for sp in r.get("evidence", [])[:1] if sp["article"] in arts_of)
    rid_place = place or venue or "unknown"
    return {
        "id": f"round:{day}:{slug(rid_place)}", "date": day, "end_date": days[-1] if len(days) > 1 else None,
        "status": status, "place": place, "venue": venue,
        "places": [{"name": p, "sources": votes[p]} for p in sorted(votes, key=lambda p: (-votes[p], p))],
        "duration": [{"text": d["text"], "value": d["value"], "approx": d["approx"], "article": d["article"],
                      "evidence": [d["span"]]} for d in durs],
        "parties": [s for s in main if s in heads_by or any(s in m.sides or (_told_by_context(m, set(main), med_sides)
                                                                             and s in m.context) for m in mts)],
        "heads": heads, "heads_by_party": heads_by, "mediators": mediators_ + [h for h in hosts_ if h not in mediators_ and h in cued],
        "hosts": hosts_, "articles": arts_of, "evidence": evidence}

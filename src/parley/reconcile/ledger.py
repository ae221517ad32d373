"""The negotiation ledger: parties, positions, agreements, rounds and a timeline, across articles.

- Parties are the sides statements and events are attributed to; the two most
  involved are the main parties ("both sides" means them); people with a host
  or mediator role, and their states, are mediators.
- Positions group statements by party x issue x stance; agreements by issue x
  status (agreed, implemented, discussed, not agreed), each with every span it
  rests on and the outlets behind it.
- Rounds are the meetings of the main parties, one per meeting across
  articles, with their status (held, planned, proposed, cancelled, postponed),
  place, venue, durations, heads and hosts or mediators (see ``rounds``).
- The timeline orders what happened by when it happened, not when it was
  reported; report dates sit beside, estimated and approximate dates are
  flagged, and planned events are kept apart from past ones.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter, defaultdict
from collections.abc import Callable
from typing import Any

from ..analysis.statements import BOTH
from ..analysis.timex import EVENT_CLASS, article_events, dateline_span, event_class
from ..analysis.timex import event_day as dates_an_event
from ..gazetteer import fold, lookup, party_lexicon
from ..model import Analysis, Article, Event, Span
from .entities import CorpusEntity, slug

DAY = re.compile(r"^\d{4}-\d{2}-\d{2}")


def _span(art: Article, start: int, end: int) -> dict[str, Any]:
    return Span(art.id, start, end, art.text[start:end]).__dict__


RELATIVE_CLAUSE = re.compile(r"\b(?:after|before|since|until|when|while|as)\s+(?:\w+\s+){0,4}$", re.I)
# a clause set at another time inside an event's clause: its day is not the event's
SUBORDINATE = re.compile(r"\b(?:since|after|following)\b(?!\s+(?:(?:about|around|nearly|almost|more than|less than|"
                         r"just|some|over|roughly)\s+)?(?:\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten|"
                         r"several|a few|many)(?:\s+\w+)?\s+(?:minutes?|hours?|days?|weeks?|months?|years?|rounds?|"
                         r"sessions?)\b)", re.I)  # not "ended after two hours", not "before reporters", not "until Friday"
DEADLINE = re.compile(r"\b(?:by|until|till|before|ahead of|no later than|not later than)\s+(?:the\s+)?$", re.I)


# a photo caption or credit: "X and Y meet in Tokyo, Japan, July 8, 2018.", "(REUTERS/Jane Doe)", "File photo"
CAPTION = re.compile(r"(?:\b(?:REUTERS|AFP|Getty Images|EPA|AP Photo|File [Pp]hoto|FILE PHOTO|Photograph|Photo credit|"
                     r"Pool [Pp]hoto|Hide Caption|Photos?:)\b)|(?:\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)"
                     r"[a-z]*\.?\s+\d{1,2},\s+\d{4}\.?\s*(?:\(|$))")
_COARSE = re.compile(r"^\d{4}(?:-\d{2}|-W\d{2}|-Q\d|-[A-Z]{2})?$")


def event_day(ev: Event, an: Analysis, text: str, lead: tuple[int, int] | None = None,
              dateline: tuple[int, int] | None = None) -> tuple[str | None, str | None]:
    """The day of an event after story anchoring, and where it comes from: ``clause`` (a day-valued expression
    inside the event's clause that is not a deadline: "agree to a ceasefire by Monday" does not date the
    ultimatum, and "the first talks since the leaders met on Dec. 1" is not dated by the day of that meeting) or
    ``lead`` (in the lead sentence of a report, the day that sentence gives, unless the clause itself is dated
    more coarsely: "since talks broke down in May"); ``coarse`` with no day when the clause is dated only so.
    A dateline's date never dates an event."""
    cue_at = text.find(ev.cue, ev.start, ev.end)
    cue_at = ev.start if cue_at < 0 else cue_at
    other: list[str] = []  # days of another event the clause sets its own against

    def day_in(lo: int, hi: int) -> str | None:
        for t in an.timexes:
            if not (lo <= t.start < hi) or (dateline and dateline[0] <= t.start < dateline[1]):
                continue
            if dates_an_event(t) and t.type in ("date", "time"):
                if lo == ev.start and cue_at < t.start and SUBORDINATE.search(text[cue_at:t.end]):
                    other.append(t.text)
                    continue  # "talks ... the highest since the leaders met Dec. 1": the day of another event
                if DEADLINE.search(text[max(0, t.start - 20):t.start]):
                    continue
                return t.value[:10]
        return None

    day = day_in(ev.start, ev.end)
    if day:
        return day, "clause"
    if other or any(ev.start <= t.start < ev.end and t.value and _COARSE.match(t.value) for t in an.timexes):
        return None, "coarse"  # "in May", "last year", "since Dec. 1": dated, but not to a day
    if lead and lead[0] <= ev.start < lead[1] and not RELATIVE_CLAUSE.search(text[max(lead[0], ev.start - 30):ev.start]):
        day = day_in(*lead)
        if day:
            return day, "lead"
    return None, None


def event_date(ev: Event, an: Analysis, text: str, lead: tuple[int, int] | None = None) -> str | None:
    return event_day(ev, an, text, lead)[0]


def caption_like(sentence: str) -> bool:
    return bool(CAPTION.search(sentence))


def lead_sentence(art: Article, an: Analysis) -> tuple[int, int] | None:
    for s, e in an.sentences:
        if s >= art.body_start:
            return (s, e)
    return None


def _quoted(an: Analysis, pos: int) -> bool:
    return any(q.kind == "direct" and q.start <= pos < q.end for q in an.quotes)


class Parties:
    """Side names -> entity ids, creating entries for sides no mention named."""

    def __init__(self, entities: list[CorpusEntity]) -> None:
        self.by_name: dict[str, str] = {}
        for e in entities:
            if e.type in ("GPE", "ORG", "NORP"):
                self.by_name.setdefault(fold(e.name), e.id)
        self.entities = entities
        self.extra: list[CorpusEntity] = []
        # a family name used as a side ("the Lenk administration", "Lisk officials") is the side of the people
        # of that name, when those with a known side agree on it
        sides: dict[str, set[str]] = defaultdict(set)
        for e in entities:
            if e.type == "PERSON" and e.affiliation and len(e.name.split()) >= 2:
                sides[fold(e.name.split()[-1])].add(e.affiliation)
        self.family_side = {k: next(iter(v)) for k, v in sides.items() if len(v) == 1}

    def id(self, side: str | None) -> str | None:
        if not side:
            return None
        key = fold(side)
        if key not in self.by_name and key in self.family_side and fold(self.family_side[key]) != key:
            return self.id(self.family_side[key])
        if key not in self.by_name:
            place = lookup(side)
            name = place.name if place and place.kind in ("country", "seat", "adj") else side
            key2 = fold(name)
            if key2 in self.by_name:
                self.by_name[key] = self.by_name[key2]
            else:
                eid = f"gpe:{slug(name)}"
                ce = CorpusEntity(id=eid, name=name, type="GPE", aliases=[], variants=[], roles=[], articles=[],
                                  mentions=0, affiliation=None, merges=["named only as a side (adjective or group)"])
                self.extra.append(ce)
                self.by_name[key] = self.by_name[key2] = eid
        return self.by_name[key]

    def body(self, name: str, state_id: str) -> str:
        """An entity for a government body the text names only by its state ("Afghan government"): the body,
        with its state as affiliation."""
        state = next((e.name for e in self.entities + self.extra if e.id == state_id), None)
        key = fold(name)
        if key not in self.by_name:
            eid = f"org:{slug(name)}"
            ce = CorpusEntity(id=eid, name=name[:1].upper() + name[1:], type="ORG", aliases=[], variants=[], roles=[],
                              articles=[], mentions=0, affiliation=state,
                              merges=["named only as a government by its state (adjective + government)"])
            self.extra.append(ce)
            self.by_name[key] = eid
        return self.by_name[key]


def _holder_id(parties: Parties, by_id: dict[str, CorpusEntity], emap: dict[tuple[str, str], str], art: Article,
               st: Any, pid: str) -> str:
    """Who holds a position as the text names it: the government body ("the White House", "the Afghan
    government") rather than its state, when the holder phrase names one; the state stays its affiliation."""
    if st.holder:
        return parties.body(st.holder, pid)
    eid = emap.get((art.id, st.speaker)) if st.speaker else None
    e = by_id.get(eid) if eid else None
    state = by_id[pid].name if pid in by_id else next((x.name for x in parties.extra if x.id == pid), None)
    if e is not None and e.type == "ORG" and e.affiliation and state and fold(e.affiliation) == fold(state) \
            and fold(e.name) != fold(state):
        return e.id
    return pid


_TAG = re.compile(r"^([A-Z])-[A-Z]")
# "President of the Democratic Republic of ...": a state's name, not a party
_STATE_NAME_WORDS = re.compile(r"\b(?:Democratic|People's|People’s|Socialist|Islamic|Federal)\s+(?:Republic|People)", re.I)


# the titles of an executive's head and staff: in a fight between a state's parties they hold for the executive
_EXECUTIVE = re.compile(r"\b(?:president|vice president|prime minister|chancellor|chief of staff|press secretary)\b"
                        r"(?! of the (?:senate|house|assembly|council))", re.I)


def person_party(e: CorpusEntity) -> str | None:
    """The political party a person's titles name ("the Senate Democratic leader", "Republican Sen.", the tag
    "D-Ore."), as the name its members go by ("Democrats"); None when the titles name none, or two, or the person
    heads or staffs the executive ("the Republican president")."""
    tags, words = party_lexicon()
    found: set[str] = set()
    if any(_EXECUTIVE.search(str(r.get("title") or "")) for r in e.roles):
        return None  # "the Republican president": the head of the executive speaks for it, not for a party
    for r in e.roles:
        title = str(r.get("title") or "")
        tag = _TAG.match(title)
        if tag:
            if tag.group(1) in tags:
                found.add(tags[tag.group(1)])
            continue
        for w in re.findall(r"[A-Z][A-Za-z]+", _STATE_NAME_WORDS.sub(" ", title)):
            if fold(w) in words:
                found.add(words[fold(w)])
    return next(iter(found)) if len(found) == 1 else None


def _person_side(parties: Parties, by_id: dict[str, CorpusEntity], emap: dict[tuple[str, str], str],
                 art: Article, key: str | None) -> str | None:
    """The side of a person whom the article names without one: the person's affiliation across the corpus
    ("Sollen refused ..." in an article that never calls her her state's leader)."""
    e = by_id.get(emap.get((art.id, key), "")) if key else None
    return parties.id(e.affiliation) if e is not None and e.type == "PERSON" and e.affiliation else None


def _corpus_affiliation(parties: Parties, by_id: dict[str, CorpusEntity], emap: dict[tuple[str, str], str],
                        art: Article, st: Any) -> str | None:
    """The side of a position's holder whom its article names without a side (``_person_side``)."""
    return _person_side(parties, by_id, emap, art, st.speaker)


class DomesticSides:
    """Who holds a position when the sides are a state's own parties (a budget fight between a legislature's
    parties and the executive): a member of a party that holds positions in its own name ("Democrats rejected
    ...") holds the position for the party, not for the state or the chamber (the leader's "no" is the
    Democrats' "no"); and the state's other positions (its president's) are its executive's, the seat of
    government the coverage names ("the White House"). Only when the party groups hold more positions than any
    other state: in talks between states a senator's party changes nothing."""

    def __init__(self, items: list[tuple[Article, Analysis]], by_id: dict[str, CorpusEntity],
                 emap: dict[tuple[str, str], str], parties: Parties) -> None:
        self.by_id, self.parties, self.emap = by_id, parties, emap
        held: Counter = Counter()
        for art, an in items:
            for st in an.statements:
                if st.kind == "position" and (st.party or st.speaker):
                    pid = parties.id(st.party) if st.party else _corpus_affiliation(parties, by_id, emap, art, st)
                    if pid:
                        held[_holder_id(parties, by_id, emap, art, st, pid)] += 1
        _, words = party_lexicon()
        named = {pid: fold(by_id[pid].name) for pid in held if self.kind(pid) in ("NORP", "ORG") and pid in by_id}
        # "Democrat", "Democratic", "GOP" as a side: the party's group when the corpus names it ("Democrats")
        self.alias = {pid: gid for pid, name in named.items() if name in words
                      and (gid := parties.by_name.get(fold(words[name]))) and gid != pid}
        for pid, gid in self.alias.items():
            held[gid] += held.pop(pid)
        # the parties holding positions in their own name
        self.groups = {pid for pid in held if pid in named and named[pid] in words
                       and fold(words[named[pid]]) == named[pid]}
        self.party_of: dict[str, str] = {}
        for e in by_id.values():
            g = person_party(e) if e.type == "PERSON" else None
            gid = parties.by_name.get(fold(g)) if g else None
            if gid in self.groups:
                self.party_of[e.id] = gid
        mentioned = Counter(emap[(a.id, m.key)] for a, an in items for m in an.mentions if (a.id, m.key) in emap)
        in_groups = sum(held[g] for g in self.groups)
        states = ({self.state_of(by_id[p].affiliation) for p in self.party_of}
                  | {self.seat_of(p) for p in set(held) | set(mentioned)}) - {None}
        self.domestic = {s for s in states if in_groups and all(
            held[o] < in_groups for o in held if o != s and self.kind(o) == "GPE")}
        if not self.domestic:
            self.party_of = {}
        self.body: dict[str, str] = {}
        for s in self.domestic:  # the seat of its government the coverage names most (holding positions first)
            seats = [pid for pid in set(held) | set(mentioned) if self.seat_of(pid) == s]
            if seats:
                self.body[s] = max(seats, key=lambda p: (held[p], mentioned[p], p))

    def kind(self, pid: str) -> str | None:
        e = self.by_id.get(pid)
        return e.type if e is not None else ("GPE" if pid.startswith("gpe:") else None)

    def state_of(self, name: str | None) -> str | None:
        for _ in range(2):  # a chamber's member: the chamber's state
            place = lookup(name) if name else None
            eid = (self.parties.by_name.get(fold(name)) or (
                self.parties.id(name) if place is not None and place.kind == "country" else None)) if name else None
            e = self.by_id.get(eid) if eid else None
            if e is None:
                return eid if eid and eid.startswith("gpe:") else None  # a state known only as a side
            if e.type == "GPE":
                return e.id
            name = e.affiliation
        return None

    def seat_of(self, pid: str) -> str | None:
        e = self.by_id.get(pid)
        place = lookup(e.name) if e is not None and e.type == "ORG" else None
        return self.state_of(e.affiliation) if place is not None and place.kind == "seat" else None

    def side(self, art: Article, st: Any) -> str | None:
        """The side of a position statement before its holder is chosen: the text's side, else the person's
        affiliation across the corpus, else (in a fight between a state's parties) the person's party."""
        if st.party:
            return self.parties.id(st.party)
        pid = _corpus_affiliation(self.parties, self.by_id, self.emap, art, st)
        eid = self.emap.get((art.id, st.speaker)) if st.speaker else None
        return pid or (self.party_of.get(eid) if eid else None)

    def holder(self, pid: str, speaker: str | None) -> str:
        pid = self.alias.get(pid, pid)
        if speaker in self.party_of and pid not in self.groups and (
                pid in self.domestic or self.kind(pid) == "ORG" and self.state_of(
                    self.by_id[pid].affiliation if pid in self.by_id else None) in self.domestic | {None}):
            return self.party_of[speaker]
        return self.body.get(pid, pid)


def _talk_durations(items: list[tuple[Article, Analysis]]) -> list[dict[str, Any]]:
    """How long talks lasted, as the articles say ("the talks lasted three hours", "a 90-minute meeting"): the
    duration values of the claim statements that measure a meeting."""
    from ..analysis.statements import SINCE_LAST

    out = []
    for art, an in items:
        for st in an.statements:
            if st.kind != "claim":
                continue
            for v in st.values:
                if v["type"] != "duration" or v.get("measure") != "talks" or v.get("range") or v.get("negated") \
                        or v.get("measure") == SINCE_LAST or v.get("tense") == "future":
                    continue
                day = next((t.value[:10] for t in an.timexes if st.start <= t.start < st.end and t.value
                            and DAY.match(t.value) and t.type in ("date", "time") and not v["start"] <= t.start < v["end"]),
                           None)
                out.append({"article": art.id, "value": v["value"], "text": v["text"], "approx": v.get("mod") == "~",
                            "mod": v.get("mod"), "day": day, "span": _span(art, v["start"], v["end"])})
    return out


def build_ledger(items: list[tuple[Article, Analysis]], entities: list[CorpusEntity],
                 emap: dict[tuple[str, str], str], reported: dict[str, str | None] | None = None,
                 story_of: dict[str, str] | None = None) -> dict[str, Any]:
    arts = {a.id: a for a, _ in items}
    reported = {a.id: (reported or {}).get(a.id) or a.published.date for a, _ in items}
    by_id = {e.id: e for e in entities}
    parties = Parties(entities)

    def outlet(aid: str) -> str:
        a = arts[aid]
        return a.source_key

    # ------------------------------------------------------------------ events
    events_out = []
    involvement: Counter = Counter()
    for art, an in items:
        # a talks noun the article dates elsewhere ("Last Thursday's talks ... The talks lasted three hours")
        own = article_events(art.text, [t for t in an.timexes], an.anchor, an) if an.anchor else {}
        lead, dateline = lead_sentence(art, an), dateline_span(art)
        for ev in an.events:
            def ids(keys: list[str], art: Article = art) -> list[str]:
                out = []
                for k in keys:
                    eid = parties.id(k[5:]) if k.startswith("side:") else emap.get((art.id, k))
                    if eid and eid not in out:
                        out.append(eid)
                return out

            actors, targets = ids(ev.actors), ids(ev.targets)
            day, source = event_day(ev, an, art.text, lead, dateline)
            if day is None and source != "coarse" and ev.cue.lower() in EVENT_CLASS:
                day, source = own.get(f"{event_class(ev.cue)}@"), "article"
            sent = next(((a, b) for a, b in an.sentences if a <= ev.start < b), (ev.start, ev.end))
            events_out.append({
                "id": ev.id, "type": ev.type, "mode": ev.mode, "actors": actors, "targets": targets, "date": day,
                "date_from": source if day or source == "coarse" else None, "caption": caption_like(art.text[sent[0]:sent[1]]),
                "place": ev.place, "places": ev.places, "modality": ev.modality, "negated": ev.negated, "summary": ev.summary,
                "issues": ev.issues, "cue": ev.cue, "article": art.id, "quoted": _quoted(an, ev.start),
                "evidence": [_span(art, ev.start, ev.end)]})

    # ------------------------------------------------------------------ positions and agreements
    pos_groups: dict[tuple[str, str, str], list[tuple[Article, Any]]] = defaultdict(list)
    agr_groups: dict[tuple[str, str], list[tuple[Article, Any]]] = defaultdict(list)
    domestic = DomesticSides(items, by_id, emap, parties)
    agreed_by = _agreement_sides(parties, by_id, emap)
    for art, an in items:
        for st in an.statements:
            if st.kind == "position" and st.issue and st.stance:
                pid = domestic.side(art, st)
                if pid:
                    speaker = emap.get((art.id, st.speaker)) if st.speaker else None
                    hid = domestic.holder(_holder_id(parties, by_id, emap, art, st, pid), speaker)
                    pos_groups[(hid, st.issue, st.stance)].append((art, st))
                    involvement[domestic.holder(pid, speaker)] += 1  # the side, not its body ("the Kremlin")
            elif st.kind == "agreement" and st.issue and st.status:
                agr_groups[(st.issue, st.status)].append((art, st))
                for pid in agreed_by(art, st):
                    involvement[pid] += 1

    from .rounds import build_rounds

    statelike = {e.id for e in entities if e.type in ("GPE", "ORG")} | {e.id for e in parties.extra}
    if domestic.domestic:
        statelike |= domestic.groups  # in a fight between a state's parties the parties are sides
    names_of = {e.id: e.name for e in entities + parties.extra}
    involved = [names_of[p] for p, _ in sorted(involvement.items(), key=lambda kv: (-kv[1], kv[0]))
                if p in statelike and p in names_of][:2]
    rounds, main_sides, med = build_rounds(items, events_out, entities, emap, reported, _talk_durations(items),
                                           involved, {e.id: e.name for e in parties.extra}, story_of)
    mediator_ids = set(med) | {h for r in rounds for h in r["hosts"]}
    # in a fight between a state's parties the state's side is its executive ("the White House")
    main = list(dict.fromkeys(domestic.holder(pid, None) for pid in (parties.id(s) for s in main_sides) if pid))
    for r in rounds:  # the round's parties and heads by party, as entity ids
        r["parties"] = list(dict.fromkeys(domestic.holder(pid, None) for pid in (parties.id(x) for x in r["parties"])
                                          if pid))
        heads: dict[str, list] = {}
        for k, v in r["heads_by_party"].items():
            key = domestic.holder(parties.id(k), None) if parties.id(k) else k
            heads[key] = list(dict.fromkeys(heads.get(key, []) + list(v)))
        r["heads_by_party"] = heads

    keep = _negotiation_articles(items, emap, by_id, parties, main, story_of, domestic)
    # a party's stance on an issue as one story (one round, one exchange) told it: a demand of one round and the
    # same demand months later are two items, each with the statements of its story
    by_story: dict[tuple[str, str, str, str], list[tuple[Article, Any]]] = defaultdict(list)
    for key, group in pos_groups.items():
        for art, st in group:
            if keep is None or art.id in keep:
                by_story[(*key, (story_of or {}).get(art.id) or "")].append((art, st))
    stories_of = Counter(key[:3] for key in by_story)
    positions = []
    def content_of(st: Any) -> str:
        return st.values[0]["content"] if st.values else st.text

    for (pid, issue, stance, sid), whole in sorted(by_story.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        whole.sort(key=lambda x: (x[0].published.date or "9999", x[0].seq))
        # one party's demands on one issue in one story that say different things are different positions
        # ("asked for $5 billion for a wall", "asked what would happen in 30 days if the government reopened")
        for k, group in enumerate(_by_terms(whole, content_of, loose=False)):
            art0, st0 = group[0]
            contents = [content_of(st) for _, st in group]
            best = min(group, key=lambda x: (x[1].start < x[0].body_start + 1 if x[0].title else False,
                                             not x[1].text.rstrip().endswith((".", "”", '"')), -min(len(x[1].text), 260)))
            positions.append({
                "id": f"pos:{slug(pid)}:{slug(issue)}:{slug(stance)}"
                      + (f":{slug(sid or art0.id)}" if stories_of[(pid, issue, stance)] > 1 else "")
                      + (f":{slug(st0.id)}" if k else ""), "party": pid,
                "party_name": by_id[pid].name if pid in by_id else next(e.name for e in parties.extra if e.id == pid),
                "issue": issue, "stance": stance, "content": best[1].text.strip(),
                "date": next((st.date for _, st in group if st.date), art0.published.date),
                "speakers": sorted({emap.get((a.id, st.speaker)) for a, st in group if st.speaker} - {None}),
                "outlets": sorted({outlet(a.id) for a, _ in group}),
                "statements": [{"content": c, "article": a.id, "cue": st.cue}
                               for c, (a, st) in zip(contents, group, strict=True)],
                "evidence": [_span(a, st.start, st.end) for a, st in group]})

    agreements = []
    used_ids: set[str] = set()
    named_of = _agreement_sides(parties, by_id, emap, lambda pid: domestic.holder(pid, None))
    for (issue, status), group in sorted(agr_groups.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        if status == "discussed":
            continue  # a topic talked about is no agreement (judged review: every such item read as one, wrongly)
        # one agreement is made once: the same words in another story (another round, months later) are another
        # agreement, and within a story another pair of parties makes another one
        by_story: dict[str, list] = defaultdict(list)
        for art, st in group:
            if keep is None or art.id in keep:
                by_story[(story_of or {}).get(art.id) or ""].append((art, st))
        parts = [(pids, one) for sid in sorted(by_story)
                 for pids, members in _by_parties(by_story[sid], main, named_of) for one in _by_terms(members)]
        parts.sort(key=lambda g: (-len(g[1]), g[0]))
        for pids, members in parts:
            if main and not set(pids) & set(main):
                continue  # an agreement of other parties than the negotiation's (judged review)
            if len(main) >= 2 and not set(main) <= set(pids) and set(pids) - set(main) - mediator_ids:
                continue  # one main party with another ("Valdoria signed a trade pact with Ostland"): another pair's
            members.sort(key=lambda x: (x[0].published.date or "9999", x[0].seq))
            # the statement that names the item's parties best stands for it; the earliest among those
            art0, st0 = max(members, key=lambda x: (len(_named_parties(x[0], x[1], main, named_of) & set(pids)),
                                                    -members.index(x)))
            suffix = "" if len(parts) == 1 else ":" + "-".join(slug(p) for p in pids)
            if len(parts) > 1 and sum(g[0] == pids for g in parts) > 1:
                suffix += f":{slug((story_of or {}).get(members[0][0].id) or members[0][0].id)}"
            aid = f"agr:{slug(issue)}:{slug(status)}{suffix}"
            if aid in used_ids:
                aid += f":{slug(members[0][1].id)}"  # another agreement of the same story and parties
            used_ids.add(aid)
            agreements.append({
                "id": aid, "parties": pids, "issue": issue, "status": status,
                "content": st0.text, "date": next((st.date for _, st in members if st.date), None),
                "outlets": sorted({outlet(a.id) for a, _ in members}),
                "statements": [{"text": st.text, "article": a.id, "cue": st.cue} for a, st in members],
                "evidence": [_span(a, st.start, st.end) for a, st in members]})

    for ag in agreements:
        if ag["date"] is None and rounds and ag["status"] in ("agreed", "discussed", "not agreed"):
            arts_of = {e["article"] for e in ag["evidence"]}
            for r in rounds:
                if r["status"] == "held" and arts_of & set(r["articles"]):
                    ag["date"] = r["date"]
                    break
    timeline = _timeline(items, events_out, rounds, agreements, arts)
    return {"parties": {"main": main, "mediators": sorted(mediator_ids)}, "events": events_out,
            "positions": positions, "agreements": agreements, "rounds": rounds, "timeline": timeline,
            "extra_entities": parties.extra}


def _negotiation_articles(items: list[tuple[Article, Analysis]], emap: dict[tuple[str, str], str],
                          by_id: dict[str, CorpusEntity], parties: Parties, main: list[str],
                          story_of: dict[str, str] | None, domestic: DomesticSides | None = None) -> set[str] | None:
    """The articles of the stories that name both main parties (a state, or someone affiliated with it) together,
    in two sentences at least: the positions and agreements of the negotiation. A story of other parties ("Ostland and Marenia signed a trade
    deal") or of one main party's other business adds none. None when there are no stories or main parties."""
    if not story_of or len(main) < 2:
        return None
    def side(eid: str | None) -> set[str]:
        if not eid:
            return set()
        aff = by_id[eid].affiliation if eid in by_id else None
        out = {eid} | ({parties.by_name[fold(aff)]} if aff and fold(aff) in parties.by_name else set())
        if domestic is not None:  # a fight between a state's parties: its members' party, its executive
            out |= {domestic.holder(x, eid) for x in out} | ({domestic.party_of[eid]} if eid in domestic.party_of else set())
        return out

    both: Counter = Counter()
    for art, an in items:
        sid = story_of.get(art.id) or art.id
        bounds = [s for s, _e in an.sentences]
        per: dict[int, set[str]] = defaultdict(set)
        for m in an.mentions:
            per[bisect.bisect_right(bounds, m.start)] |= side(emap.get((art.id, m.key)))
        both[sid] += sum(set(main) <= ids for ids in per.values())
    told = {sid for sid, n in both.items() if n >= 2}
    return {a.id for a, _ in items if (story_of.get(a.id) or a.id) in told}


def _named_parties(art: Article, st: Any, main: list[str], named_of: Callable[[Article, Any], list[str]]) -> set[str]:
    out = set(named_of(art, st))
    return out | (set(main) if BOTH in st.parties and out <= set(main) else set())


# words that tell what was agreed: lower-case words (names of parties and people left out) and figures, without
# the words of agreeing and reporting themselves
_TERM_WORD = re.compile(r"(?<![\w'’-])(?:[a-z][a-z-]{3,}|\d[\d.,]*)")
_NOT_TERMS = {"agree", "agreed", "agrees", "agreement", "agreements", "deal", "deals", "accord", "said", "says",
              "told", "that", "this", "with", "from", "have", "has", "had", "their", "they", "them", "were", "will",
              "would", "also", "after", "into", "over", "which", "while", "when", "than", "what", "been", "being",
              "under", "part", "officials", "official", "leaders", "sides", "side", "both", "other", "some", "more",
              "including", "includes", "include", "included", "announced", "reached", "signed", "statement", "there"}


def _term_words(text: str) -> set[str]:
    return {w[:5] for w in _TERM_WORD.findall(text) if w not in _NOT_TERMS}


def _by_terms(members: list[tuple[Article, Any]], text: Callable[[Any], str] = lambda st: st.text,
              loose: bool = True) -> list[list[tuple[Article, Any]]]:
    """The statements of one issue, status, story and parties split by what was agreed. Two statements are one
    agreement when half the words that say what was agreed (of the shorter) are shared ("hold off on new tariffs for
    90 days" and "hold off on further tariff increases"); a statement of another article also joins the item it
    shares most such words with, when that item has none from its article (outlets tell one agreement in their own
    words: "agreed to share their terms for a ceasefire", "will present their views on a ceasefire"). So one
    report's truce, purchases and currency pact on trade are three items, each with its own content. With
    ``loose`` False only the shared half counts (a party's positions: what each statement demands)."""
    out: list[tuple[set[str], set[str], list[tuple[Article, Any]]]] = []
    for art, st in members:
        words = _term_words(text(st))
        close = [g for g in out if words and g[0] and len(words & g[0]) * 2 >= min(len(words), len(g[0]))]
        if not close and loose:
            close = [g for g in out if art.id not in g[1] and words & g[0]]
        home = max(close, key=lambda g: len(words & g[0]), default=None)
        if home is None:
            out.append((set(words), {art.id}, [(art, st)]))
        else:
            home[0].update(words)
            home[1].add(art.id)
            home[2].append((art, st))
    return [g[2] for g in out]


def _agreement_sides(parties: Parties, by_id: dict[str, CorpusEntity], emap: dict[tuple[str, str], str],
                     side: Callable[[str], str] = lambda pid: pid) -> Callable[[Article, Any], list[str]]:
    """The parties an agreement statement names, as the ledger names them (``side``): its parties, and the people
    its article gives no side, by their affiliation across the corpus ("Lenk and Sollen agreed" where the article
    never calls Sollen her state's leader)."""
    def named(art: Article, st: Any) -> list[str]:
        pids = [parties.id(p) for p in st.parties if p != BOTH]
        pids += [_person_side(parties, by_id, emap, art, key) for key in st.people]
        return list(dict.fromkeys(side(pid) for pid in pids if pid))
    return named


def _by_parties(group: list[tuple[Article, Any]], main: list[str],
                named_of: Callable[[Article, Any], list[str]]) -> list[tuple[list[str], list]]:
    """The statements of one issue and status, split by who agreed: a statement joins the first group (largest
    party set first) whose parties include its own ("Valdoria agreed" joins "Valdoria and Kestrel agreed"); an
    agreement of another pair of parties is an item of its own. "Both sides" are the main parties, unless the
    statement names a side that is not one of them. A statement that names no party makes no agreement.
    ``named_of`` gives the parties a statement names (``_agreement_sides``)."""
    resolved = []
    for art, st in group:
        named = named_of(art, st)
        # "both sides" are the main parties, unless the statement names a side that is not one of them
        # ("both sides" with one main side known stand for no one)
        both = main if BOTH in st.parties and set(named) <= set(main) and len(main) >= 2 else []
        pids: list[str] = []
        for pid in named + both:
            if pid not in pids:
                pids.append(pid)
        if pids:
            resolved.append((pids, art, st))
    resolved.sort(key=lambda x: (-len(x[0]), x[1].published.date or "9999", x[1].seq, x[2].start))
    out: list[tuple[list[str], list]] = []
    for pids, art, st in resolved:
        home = next((g for g in out if set(pids) <= set(g[0])), None)
        if home is None:
            out.append((list(pids), [(art, st)]))
        else:
            home[1].append((art, st))
    out.sort(key=lambda g: (-len(g[1]), g[0]))
    return out


def _timeline(items: list[tuple[Article, Analysis]], events: list[dict[str, Any]], rounds: list[dict[str, Any]],
              agreements: list[dict[str, Any]], arts: dict[str, Article]) -> list[dict[str, Any]]:
    estimated = {a.id for a, an in items if not a.published.date}
    entries: list[dict[str, Any]] = []
    round_days = {r["date"] for r in rounds if r["status"] == "held"}
    for r in rounds:
        where = r["place"] or r["venue"] or "an unnamed place"
        what = "Round of talks" if r["status"] == "held" else f"Round of talks ({r['status']})"
        entries.append({"date": r["date"], "kind": "round", "summary": f"{what} in {where}"
                        + (f" ({r['venue']})" if r["venue"] and r["venue"] != where else ""),
                        "events": [], "evidence": r["evidence"][:6], "reported": sorted(
                            {arts[a].published.date for a in r["articles"] if arts[a].published.date}),
                        "approximate": False, "planned": r["status"] != "held"})
    groups: dict[tuple, list[dict[str, Any]]] = defaultdict(list)
    for ev in events:
        d = ev["date"]
        if ev["negated"] or ev["quoted"] or ev["modality"] in ("demanded", "refused", "denied", "proposed"):
            continue
        if not d and not (ev["modality"] == "planned" and ev["type"] in ("COOPERATE", "CONSULT", "AGREE", "RETREAT")
                          and ev["issues"]):
            continue
        if ev["type"] == "CONSULT" and d in round_days and ev["mode"] not in ("phone", "visit"):
            continue  # part of the round
        key = (d, ev["type"], ev["mode"], tuple(sorted(ev["actors"] + ev["targets"])), ev["modality"] == "planned")
        groups[key].append(ev)
    for (d, _t, _m, _a, planned), evs in groups.items():
        evs.sort(key=lambda e: len(e["summary"]))
        if d is None:
            d = None
        entries.append({"date": d, "kind": "event", "summary": evs[0]["summary"], "type": evs[0]["type"],
                        "events": [e["id"] for e in evs], "evidence": [e["evidence"][0] for e in evs][:6],
                        "reported": sorted({arts[e["article"]].published.date for e in evs if arts[e["article"]].published.date}),
                        "approximate": any(e["article"] in estimated for e in evs) or not (d and DAY.match(d)),
                        "planned": planned})
    for ag in agreements:
        if ag["date"] and ag["status"] in ("agreed", "implemented"):
            what = re.sub(r"\s+", " ", ag["content"]).strip()
            entries.append({"date": ag["date"], "kind": "agreement",
                            "summary": f"{ag['status'].capitalize()} ({ag['issue']}): {what[:160]}",
                            "events": [], "evidence": ag["evidence"][:6], "reported": [], "approximate": False,
                            "planned": False})
    entries.sort(key=lambda e: (e["planned"], e["date"] or "9999", {"round": 0, "agreement": 1, "event": 2}[e["kind"]]))
    return entries

"""The negotiation ledger: parties, positions, agreements, rounds and a timeline, across articles.

- Parties are the sides statements and events are attributed to; the two most
  involved are the main parties ("both sides" means them); people with a host
  or mediator role, and their states, are mediators.
- Positions group statements by party x issue x stance; agreements by issue x
  status (agreed, implemented, discussed, not agreed), each with every span it
  rests on and the outlets behind it.
- Rounds are the days on which the parties met (consultation events dated to
  a day), with the place most sources give (the most specific: a venue over a
  city over a country), the durations each source reports, the delegation heads
  of the main parties and the hosts or mediators.
- The timeline orders what happened by when it happened, not when it was
  reported; report dates sit beside, estimated and approximate dates are
  flagged, and planned events are kept apart from past ones.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from typing import Any

from ..analysis.statements import BOTH
from ..analysis.timex import EVENT_CLASS, article_events, event_class, event_day
from ..gazetteer import fold, lookup
from ..model import Analysis, Article, Event, Span
from .entities import CorpusEntity, slug

DAY = re.compile(r"^\d{4}-\d{2}-\d{2}")
ROUND_NOUNS = re.compile(r"\b(?:talks|negotiations|meeting|meetings|discussions|round|session|consultations|"
                         r"met|meet|gathered|negotiated|held)\b", re.I)
HEAD_ROLE = re.compile(r"\b(?:head of|chief negotiator|negotiator (?:on behalf|for)|led the|leads the|head of the)\b", re.I)
MEDIATOR_ROLE = re.compile(r"\b(?:mediator|host of the talks|host|facilitator|broker)\b", re.I)
TIME_UNITS = {"minute": "M", "hour": "H"}


def _span(art: Article, start: int, end: int) -> dict[str, Any]:
    return Span(art.id, start, end, art.text[start:end]).__dict__


RELATIVE_CLAUSE = re.compile(r"\b(?:after|before|since|until|when|while|as)\s+(?:\w+\s+){0,4}$", re.I)
DEADLINE = re.compile(r"\b(?:by|until|till|before|ahead of|no later than|not later than)\s+(?:the\s+)?$", re.I)


def event_date(ev: Event, an: Analysis, text: str, lead: tuple[int, int] | None = None) -> str | None:
    """The day of an event after story anchoring: a day-valued expression inside its clause that is not a
    deadline ("agree to a ceasefire by Monday" does not date the ultimatum); in the lead sentence of a
    report, the day that sentence gives."""
    lo, hi = ev.start, ev.end
    if lead and lead[0] <= ev.start < lead[1] and not RELATIVE_CLAUSE.search(text[max(lead[0], ev.start - 30):ev.start]):
        lo, hi = lead
    for t in an.timexes:
        if lo <= t.start < hi and event_day(t) and t.type in ("date", "time"):
            if DEADLINE.search(text[max(0, t.start - 20):t.start]):
                continue
            return t.value[:10]
    return None


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

    def id(self, side: str | None) -> str | None:
        if not side:
            return None
        key = fold(side)
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


def build_ledger(items: list[tuple[Article, Analysis]], entities: list[CorpusEntity],
                 emap: dict[tuple[str, str], str]) -> dict[str, Any]:
    arts = {a.id: a for a, _ in items}
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
        for ev in an.events:
            def ids(keys: list[str], art: Article = art) -> list[str]:
                out = []
                for k in keys:
                    eid = parties.id(k[5:]) if k.startswith("side:") else emap.get((art.id, k))
                    if eid and eid not in out:
                        out.append(eid)
                return out

            actors, targets = ids(ev.actors), ids(ev.targets)
            day = event_date(ev, an, art.text, lead_sentence(art, an))
            if day is None and ev.cue.lower() in EVENT_CLASS:
                day = own.get(f"{event_class(ev.cue)}@")
            events_out.append({
                "id": ev.id, "type": ev.type, "mode": ev.mode, "actors": actors, "targets": targets, "date": day,
                "place": ev.place, "places": ev.places, "modality": ev.modality, "negated": ev.negated, "summary": ev.summary,
                "issues": ev.issues, "cue": ev.cue, "article": art.id, "quoted": _quoted(an, ev.start),
                "evidence": [_span(art, ev.start, ev.end)]})

    # ------------------------------------------------------------------ positions and agreements
    pos_groups: dict[tuple[str, str, str], list[tuple[Article, Any]]] = defaultdict(list)
    agr_groups: dict[tuple[str, str], list[tuple[Article, Any]]] = defaultdict(list)
    for art, an in items:
        for st in an.statements:
            if st.kind == "position" and st.party and st.issue and st.stance:
                pid = parties.id(st.party)
                if pid:
                    pos_groups[(pid, st.issue, st.stance)].append((art, st))
                    involvement[pid] += 1
            elif st.kind == "agreement" and st.issue and st.status:
                agr_groups[(st.issue, st.status)].append((art, st))
                for p in st.parties:
                    if p != BOTH and parties.id(p):
                        involvement[parties.id(p)] += 1

    mediator_ids = _mediators(items, emap, by_id, parties)
    statelike = {e.id for e in entities if e.type in ("GPE", "ORG")} | {e.id for e in parties.extra}
    main = [p for p, _ in involvement.most_common() if p not in mediator_ids and p in statelike][:2]

    positions = []
    for (pid, issue, stance), group in sorted(pos_groups.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        group.sort(key=lambda x: (x[0].published.date or "9999", x[0].seq))
        art0, st0 = group[0]
        contents = [st.values[0]["content"] if st.values else st.text for _, st in group]
        best = min(group, key=lambda x: (x[1].start < x[0].body_start + 1 if x[0].title else False,
                                         not x[1].text.rstrip().endswith((".", "”", '"')), -min(len(x[1].text), 260)))
        positions.append({
            "id": f"pos:{slug(pid)}:{slug(issue)}:{slug(stance)}", "party": pid,
            "party_name": by_id[pid].name if pid in by_id else next(e.name for e in parties.extra if e.id == pid),
            "issue": issue, "stance": stance, "content": best[1].text.strip(),
            "date": next((st.date for _, st in group if st.date), art0.published.date),
            "speakers": sorted({emap.get((a.id, st.speaker)) for a, st in group if st.speaker} - {None}),
            "outlets": sorted({outlet(a.id) for a, _ in group}),
            "statements": [{"content": c, "article": a.id, "cue": st.cue} for c, (a, st) in zip(contents, group, strict=True)],
            "evidence": [_span(a, st.start, st.end) for a, st in group]})

    agreements = []
    for (issue, status), group in sorted(agr_groups.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        group.sort(key=lambda x: (x[0].published.date or "9999", x[0].seq))
        pids: list[str] = []
        for _, st in group:
            for p in st.parties:
                for pid in (main if p == BOTH else [parties.id(p)]):
                    if pid and pid not in pids:
                        pids.append(pid)
        if not pids and status in ("agreed", "implemented", "discussed"):
            pids = list(main)
        art0, st0 = group[0]
        agreements.append({
            "id": f"agr:{slug(issue)}:{slug(status)}", "parties": pids, "issue": issue, "status": status,
            "content": st0.text, "date": next((st.date for _, st in group if st.date), None),
            "outlets": sorted({outlet(a.id) for a, _ in group}),
            "statements": [{"text": st.text, "article": a.id, "cue": st.cue} for a, st in group],
            "evidence": [_span(a, st.start, st.end) for a, st in group]})

    rounds = _rounds(items, events_out, emap, by_id, main, mediator_ids, arts)
    for ag in agreements:
        if ag["date"] is None and rounds and ag["status"] in ("agreed", "discussed", "not agreed"):
            arts_of = {e["article"] for e in ag["evidence"]}
            for r in rounds:
                if arts_of & set(r["articles"]):
                    ag["date"] = r["date"]
                    break
    timeline = _timeline(items, events_out, rounds, agreements, arts)
    return {"parties": {"main": main, "mediators": sorted(mediator_ids)}, "events": events_out,
            "positions": positions, "agreements": agreements, "rounds": rounds, "timeline": timeline,
            "extra_entities": parties.extra}


def _mediators(items: list[tuple[Article, Analysis]], emap: dict[tuple[str, str], str],
               by_id: dict[str, CorpusEntity], parties: Parties) -> set[str]:
    out: set[str] = set()
    for art, an in items:
        for e in an.entities:
            if e.type == "PERSON" and any(MEDIATOR_ROLE.search(r.title) for r in e.roles):
                pid = emap.get((art.id, e.key))
                if pid:
                    out.add(pid)
                if e.affiliation and parties.id(e.affiliation):
                    out.add(parties.id(e.affiliation))
    return out


def _rounds(items: list[tuple[Article, Analysis]], events: list[dict[str, Any]], emap: dict[tuple[str, str], str],
            by_id: dict[str, CorpusEntity], main: list[str], mediators: set[str],
            arts: dict[str, Article]) -> list[dict[str, Any]]:
    an_of = {a.id: an for a, an in items}
    by_day: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for ev in events:
        if ev["type"] != "CONSULT" or ev["mode"] in ("phone", "visit") or not ev["date"] or ev["negated"]:
            continue
        if ev["modality"] not in ("happened",) or not (ROUND_NOUNS.search(ev["summary"]) or ROUND_NOUNS.search(ev["cue"])):
            continue
        if ev["cue"].lower() in ("gathered", "gather", "held", "hold", "had", "have") and not (set(ev["actors"]) & set(main)):
            continue  # "families gathered outside the ministry" is not a round
        # a round is a meeting of the main parties, their delegations, or "the talks"; not any consultation
        text = (ev["summary"] + " " + ev["cue"]).lower()
        if main and not (set(ev["actors"]) & set(main) or re.search(
                r"\b(?:delegations?|sides|envoys|negotiators|talks|negotiations)\b", text)):
            continue
        by_day[ev["date"]].append(ev)
    rounds = []
    for day, evs in sorted(by_day.items()):
        art_ids = sorted({e["article"] for e in evs})
        # places: venues (FAC) over cities over countries; the dateline place of a report of that day counts
        votes: Counter = Counter()
        kinds: dict[str, int] = {}
        for e in evs:
            for p in e.get("places") or ([e["place"]] if e["place"] else []):
                if _is_locality(p):
                    votes[p] += 1
                    an = an_of[e["article"]]
                    if any(m.label == "FAC" and m.text == p for m in an.mentions):
                        kinds[p] = 0
        for aid in art_ids:
            a = arts[aid]
            if a.dateline and a.dateline.place and a.published.date == day:
                votes[a.dateline.place] += 1
            an = an_of[aid]
            for s, e in an.sentences:  # a venue named where the article speaks of the talks
                if not ROUND_NOUNS.search(a.text[s:e]):
                    continue
                for m in an.mentions:
                    if m.label == "FAC" and s <= m.start < e:
                        votes[m.text] += 1
                        kinds[m.text] = 0
        for p in list(votes):
            kinds.setdefault(p, 1)
        if not any(kinds[p] == 1 for p in votes):
            continue
        place = min(votes, key=lambda p: (kinds.get(p, 1) != 1, -votes[p], p))
        venue = next((p for p in votes if kinds.get(p) == 0), None)
        # every article that places talks on that day and at that place belongs to the round
        round_arts = set(art_ids)
        for art, an in items:
            for ev in an.events:
                if ev.type == "CONSULT" and event_date(ev, an, art.text, lead_sentence(art, an)) == day:
                    round_arts.add(art.id)
        durations = []
        heads: list[str] = []
        hosts: list[str] = []
        evidence = [e["evidence"][0] for e in evs]
        for aid in sorted(round_arts):
            art, an = arts[aid], an_of[aid]
            for q in an.quantities:
                if q.unit in TIME_UNITS and q.value:
                    sent = next(((s, e) for s, e in an.sentences if s <= q.start < e), None)
                    if sent and ROUND_NOUNS.search(art.text[sent[0]:sent[1]]) and not re.search(
                            r"\bcall\b", art.text[sent[0]:sent[1]], re.I):
                        durations.append({"text": q.text, "value": f"PT{q.value:g}{TIME_UNITS[q.unit]}",
                                          "approx": q.approx, "article": aid, "evidence": [_span(art, q.start, q.end)]})
            for e in an.entities:
                eid = emap.get((aid, e.key))
                if e.type != "PERSON" or not eid:
                    continue
                aff = by_id[eid].affiliation if eid in by_id else e.affiliation
                side = next((p for p in main if by_id.get(p) and fold(by_id[p].name) == fold(aff or "")), None)
                for r in e.roles:
                    if HEAD_ROLE.search(r.title) and side and eid not in heads:
                        heads.append(eid)
                        evidence.append(_span(art, r.start, r.end))
                    if MEDIATOR_ROLE.search(r.title) and eid not in hosts:
                        hosts.append(eid)
                        evidence.append(_span(art, r.start, r.end))
        place_name = place if not venue or venue == place else place
        city = next((p for p in votes if kinds.get(p) == 1), None)
        rounds.append({
            "id": f"round:{day}:{slug(city or place)}", "date": day, "place": city or place_name, "venue": venue,
            "places": [{"name": p, "sources": votes[p]} for p in sorted(votes, key=lambda p: -votes[p])],
            "duration": durations, "heads": heads, "mediators": hosts, "articles": sorted(round_arts),
            "evidence": evidence})
    return rounds


def _is_locality(name: str) -> bool:
    """A city, a seat of government or an unknown place name, not a country or a compound like "U.S.–Russia"."""
    if re.search(r"[–—/]", name) or len(name) > 40:
        return False
    place = lookup(name)
    return place is None or place.kind in ("city", "seat")


def _timeline(items: list[tuple[Article, Analysis]], events: list[dict[str, Any]], rounds: list[dict[str, Any]],
              agreements: list[dict[str, Any]], arts: dict[str, Article]) -> list[dict[str, Any]]:
    estimated = {a.id for a, an in items if not a.published.date}
    entries: list[dict[str, Any]] = []
    round_days = {r["date"] for r in rounds}
    for r in rounds:
        entries.append({"date": r["date"], "kind": "round", "summary": f"Round of talks in {r['place']}"
                        + (f" ({r['venue']})" if r["venue"] and r["venue"] != r["place"] else ""),
                        "events": [], "evidence": r["evidence"][:6], "reported": sorted(
                            {arts[a].published.date for a in r["articles"] if arts[a].published.date}),
                        "approximate": False, "planned": False})
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

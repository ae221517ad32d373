"""The briefing: a short multi-document summary of a dossier in which every sentence cites its spans.

Template-built from the sections already laid out, in the order a correspondent would brief: what
happened (the rounds), who was at the table (delegation heads, hosts and mediators), each main party's
positions, what was agreed (and what was not), what the outlets dispute, the timeline, quotes by speaker,
and how the outlets compare. A sentence is only written when there is evidence to cite; each carries the
spans it rests on (at most ``MAX_EVIDENCE``) and the section it belongs to.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any

from .claims import human_duration

MAX_EVIDENCE = 4
MAX_POSITIONS = 4  # per party
MAX_TIMELINE = 8
MAX_QUOTED = 4  # speakers
SECTIONS = ("what happened", "at the table", "positions", "agreements", "disputed", "timeline", "quotes",
            "outlets")


def _ev(spans: list[dict[str, Any]], limit: int = MAX_EVIDENCE) -> list[dict[str, Any]]:
    out, seen = [], set()
    for sp in spans:
        key = (sp["article"], sp["start"], sp["end"])
        if key in seen:
            continue
        seen.add(key)
        out.append({"article": sp["article"], "start": sp["start"], "end": sp["end"], "text": sp["text"]})
        if len(out) >= limit:
            break
    return out


def _and(items: list[str]) -> str:
    items = [i for i in items if i]
    if len(items) <= 2:
        return " and ".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _clip(text: str, n: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[:n - 1].rsplit(" ", 1)[0] + "…"


class _Brief:
    def __init__(self) -> None:
        self.items: list[dict[str, Any]] = []

    def say(self, section: str, text: str, spans: list[dict[str, Any]], **extra: Any) -> None:
        evidence = _ev(spans)
        if evidence:  # no sentence without a citation
            self.items.append({"section": section, "text": text, "evidence": evidence, **extra})


def build_briefing(d: dict[str, Any]) -> list[dict[str, Any]]:
    names = {e["id"]: e["name"] for e in d.get("entities", [])}
    by_id = {e["id"]: e for e in d.get("entities", [])}
    outlet_of = {a["id"]: a.get("outlet") or (a.get("agencies") or [None])[0] or "an unnamed outlet"
                 for a in d.get("articles", [])}
    main = d.get("parties", {}).get("main", [])
    b = _Brief()
    _rounds(b, d, names)
    _table(b, d, names, by_id, main)
    _positions(b, d, names, main)
    _agreements(b, d, names)
    _disputed(b, d, outlet_of)
    _timeline(b, d)
    _quotes(b, d)
    _outlets(b, d, names)
    return b.items


def _rounds(b: _Brief, d: dict[str, Any], names: dict[str, str]) -> None:
    main = [names.get(p, p) for p in d.get("parties", {}).get("main", [])]
    for r in d.get("rounds", []):
        place = r.get("place") or r.get("venue")
        where = (f" in {place}" if place else "") + (
            f" ({r['venue']})" if r.get("venue") and r["venue"] != place else "")
        parties = [names.get(p, p) for p in r.get("parties") or []] or main
        who = f"Delegations of {_and(parties)}" if parties else "The delegations"
        status = r.get("status", "held")
        if status != "held":
            verb = {"planned": "were to meet", "proposed": "were proposed to meet", "cancelled":
                    "were to meet, but the meeting was called off", "postponed": "were to meet, but the meeting was put off"
                    }.get(status, "were to meet")
            b.say("what happened", f"{who} {verb}{where} on {r['date']}.", r["evidence"], round=r["id"])
            continue
        durations = Counter(human_duration(x["value"]) for x in r.get("duration", []))
        how_long = ""
        if len(durations) == 1:
            how_long = f" for {next(iter(durations))}"
        until = f" to {r['end_date']}" if r.get("end_date") else ""
        b.say("what happened", f"{who} met{where} on {r['date']}{until}{how_long}.", r["evidence"], round=r["id"])
        if len(durations) > 1:
            told = [f"{v} ({', '.join(sorted({_outlet(d, x['article']) for x in r['duration'] if human_duration(x['value']) == v}))})"
                    for v in durations]
            b.say("what happened", f"Sources differ on how long the talks lasted: {_and(told)}.",
                  [x["evidence"][0] for x in r["duration"]], round=r["id"])


def _outlet(d: dict[str, Any], aid: str) -> str:
    for a in d.get("articles", []):
        if a["id"] == aid:
            return a.get("outlet") or (a.get("agencies") or ["an unnamed outlet"])[0]
    return "an unnamed outlet"


def _role_spans(e: dict[str, Any], words: tuple[str, ...] = ()) -> list[dict[str, Any]]:
    spans = []
    for r in e.get("roles", []):
        if not words or any(w in r["title"].lower() for w in words):
            spans.extend(r.get("evidence", []))
    return spans


def _table(b: _Brief, d: dict[str, Any], names: dict[str, str], by_id: dict[str, dict[str, Any]],
           main: list[str]) -> None:
    for r in d.get("rounds", []):
        if r.get("status", "held") != "held":
            continue
        for h in r.get("heads", []):
            e = by_id.get(h)
            if not e:
                continue
            side = e.get("affiliation")
            spans = _role_spans(e, ("head", "led", "lead", "negotiator", "chief")) or _role_spans(e)
            title = next((x["title"] for x in e.get("roles", []) if x.get("evidence")), None)
            what = f"the {side} delegation" if side else "a delegation"
            b.say("at the table", f"{e['name']}{f', {title},' if title else ''} led {what}.", spans, entity=h)
        for m in r.get("mediators", []):
            e = by_id.get(m)
            if not e:
                continue
            spans = _role_spans(e, ("mediat", "host", "foreign minister", "broker")) or _role_spans(e)
            title = next((x["title"] for x in e.get("roles", []) if x.get("evidence")), None)
            b.say("at the table", f"{e['name']}{f' ({title})' if title else ''} hosted or mediated the talks.",
                  spans, entity=m)


def _positions(b: _Brief, d: dict[str, Any], names: dict[str, str], main: list[str]) -> None:
    by_party: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for p in d.get("positions", []):
        by_party[p["party"]].append(p)
    order = [p for p in main if p in by_party] + sorted(p for p in by_party if p not in main)
    for pid in order[:4]:
        ps = sorted(by_party[pid], key=lambda p: (-len({e["article"] for e in p["evidence"]}), p["issue"]))
        for p in ps[:MAX_POSITIONS]:
            n = len({e["article"] for e in p["evidence"]})
            where = f" ({n} articles)" if n > 1 else ""
            b.say("positions", f"{names.get(pid, pid)}, {p['stance']} on {p['issue']}{where}: {_clip(p['content'])}",
                  p["evidence"], position=p["id"])


def _agreements(b: _Brief, d: dict[str, Any], names: dict[str, str]) -> None:
    from .claims_ledger import procedural_agreements

    procedural = procedural_agreements(d)
    for ag in d.get("agreements", []):
        who = _and([names.get(p, p) for p in ag.get("parties", [])]) or "The parties"
        if ag["id"] in procedural:  # "agreed to present their views on a possible ceasefire"
            n = len(ag.get("outlets", []))
            b.say("agreements", f"{who} agreed on steps towards {ag['issue']}{f' ({n} outlets)' if n > 1 else ''}: "
                                f"{_clip(ag['content'])}", ag["evidence"], agreement=ag["id"])
            continue
        n = len(ag.get("outlets", []))
        src = f" ({n} outlets)" if n > 1 else ""
        text = {"agreed": f"{who} agreed on {ag['issue']}{src}: {_clip(ag['content'])}",
                "implemented": f"The agreement on {ag['issue']} was carried out{src}: {_clip(ag['content'])}",
                "not agreed": f"No agreement was reached on {ag['issue']}{src}: {_clip(ag['content'])}",
                "discussed": f"{who} discussed {ag['issue']}{src}: {_clip(ag['content'])}"}.get(
            ag["status"], f"{ag['issue']} ({ag['status']}): {_clip(ag['content'])}")
        b.say("agreements", text, ag["evidence"], agreement=ag["id"])


def _disputed(b: _Brief, d: dict[str, Any], outlet_of: dict[str, str]) -> None:
    for c in d.get("claims", []):
        if c["status"] != "contested":
            continue
        sides = []
        for v in c.get("values") or []:
            outlets = sorted({outlet_of.get(a, a) for a in v["articles"]})
            sides.append(f"{v['text']} ({', '.join(outlets)})")
        if not sides:
            sides = [f"{x['value']} ({x['outlet']})" for x in c["contradict"]]
        spans = c["support"][:2] + [x["span"] for x in c["contradict"]][:2]
        lead = {"rounding": "Outlets differ (one figure may be rounded)",
                "over time": "Outlets differ (reported at different times: the figure may have changed)"}.get(
            c.get("differ") or "", "Outlets disagree")
        b.say("disputed", f"{lead}: {_clip(c['statement'], 120)} — {'; '.join(sides)}.", spans,
              claim=c["id"])


def _timeline(b: _Brief, d: dict[str, Any]) -> None:
    past, seen = [], set()
    for t in d.get("timeline", []):
        key = (t["date"], t["summary"][:60])
        if not t.get("planned") and key not in seen:
            seen.add(key)
            past.append(t)
    for t in past[:MAX_TIMELINE]:
        mark = "about " if t.get("approximate") else ""
        b.say("timeline", f"{mark}{t['date']}: {_clip(t['summary'], 140)}", t["evidence"])
    for t in [t for t in d.get("timeline", []) if t.get("planned")][:3]:
        when = f" for {t['date']}" if t.get("date") else ""
        b.say("timeline", f"Planned{when}: {_clip(t['summary'], 140)}", t["evidence"])


def _quotes(b: _Brief, d: dict[str, Any]) -> None:
    by: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for q in d.get("quotes", []):
        if q["kind"] == "direct" and q.get("speaker") and not q.get("partial") and len(q["text"].split()) >= 6:
            by[q["speaker"]].append(q)
    top = sorted(by.items(), key=lambda kv: (-len(kv[1]), kv[0]))[:MAX_QUOTED]
    for sid, qs in top:
        q = max(qs, key=lambda q: len(q["text"]))
        b.say("quotes", f"{q['speaker_name']} ({len(qs)} quote{'s' if len(qs) > 1 else ''}): “{_clip(q['text'], 200)}”",
              q["evidence"][:1], entity=sid)


def _outlets(b: _Brief, d: dict[str, Any], names: dict[str, str]) -> None:
    for o in d.get("outlets", []):
        if not o.get("voice"):
            continue
        top, share = next(iter(o["voice"].items()))
        quotes = {q["id"]: q for q in d.get("quotes", [])}
        spans = [quotes[qid]["evidence"][0] for qid in o.get("voice_quotes", {}).get(top, []) if qid in quotes]
        loaded = [t["term"] for t in o.get("loaded_terms", [])[:3]]
        tone = f"; loaded words in its own voice: {', '.join(loaded)}" if loaded else ""
        b.say("outlets", f"{o['name']} ({o['kind']}) quotes {names.get(top, top)} most ({share:.0%} of "
                         f"{o['quotes']} attributed quotes){tone}.", spans, outlet=o["name"])

"""Markdown for the analytic sections of a dossier (each present only if its stage ran).

Citations are ``[article:start-end]`` markers (the first eight characters of the article id and the
character offsets of the span in its clean text), so every line points back to its sentences.
"""

from __future__ import annotations

from typing import Any

from . import views


def cite(evidence: list[dict[str, Any]], limit: int = 3) -> str:
    marks = [f"[{e['article'][:8]}:{e['start']}-{e['end']}]" for e in evidence[:limit]]
    more = f" +{len(evidence) - limit}" if len(evidence) > limit else ""
    return " ".join(marks) + more


def _cell(text: str) -> str:
    return " ".join(str(text).split()).replace("|", "\\|")


def _clip(text: str, n: int = 140) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[:n - 1] + "…"


def briefing(d: dict[str, Any]) -> list[str]:
    if "briefing" not in d:
        return []
    lines = ["## Briefing", ""]
    section = None
    for item in d["briefing"]:
        if item.get("section") != section:
            section = item.get("section")
            lines += ["", f"**{(section or '').capitalize()}**", ""] if section else []
        lines.append(f"- {item['text']} {cite(item['evidence'], 2)}")
    return lines + [""] if d["briefing"] else lines + ["_Nothing to brief: no rounds, positions or claims found._", ""]


def rounds(d: dict[str, Any]) -> list[str]:
    if "rounds" not in d:
        return []
    lines = ["## Rounds of talks", ""]
    for r in views.rounds(d):
        venue = f", {r['venue']}" if r.get("venue") and r["venue"] != r["where"] else ""
        durations = "; ".join(f"{x['text']} ({x['article'][:8]})" for x in r.get("duration", [])) or "not given"
        status = f" ({r['status_label']})" if r["status_label"] else ""
        lines += [f"### {r['date']} — {r['where']}{venue}{status}", "",
                  f"- Heads of delegation: {', '.join(r['head_names']) or 'not named'}",
                  f"- Hosts and mediators: {', '.join(r['mediator_names']) or 'none named'}",
                  f"- Duration by source: {durations}",
                  f"- Evidence: {cite(r['evidence'], 4)}", ""]
    if not d["rounds"]:
        lines += ["_No round of talks found._", ""]
    return lines


def positions(d: dict[str, Any]) -> list[str]:
    if "positions" not in d:
        return []
    m = views.matrix(d)
    lines = ["## Positions (party × issue)", ""]
    if not m["parties"]:
        return lines + ["_No positions found._", ""]
    lines.append("| party | " + " | ".join(_cell(i) for i in m["issues"]) + " |")
    lines.append("|---|" + "---|" * len(m["issues"]))
    for p in m["parties"]:
        row = []
        for issue in m["issues"]:
            cell = m["cells"].get(f"{p['id']}|{issue}", [])
            row.append(", ".join(f"{x['stance']} ({len(x['evidence'])})" for x in cell) or "·")
        lines.append(f"| **{_cell(p['name'])}** | " + " | ".join(row) + " |")
    lines += ["", "Statements behind each cell:", ""]
    nm = views.names(d)
    for pos in d["positions"]:
        lines.append(f"- {nm.get(pos['party'], pos['party'])} · {pos['issue']} · {pos['stance']}: "
                     f"{_clip(pos['content'])} {cite(pos['evidence'], 2)}")
    return lines + [""]


def agreements(d: dict[str, Any]) -> list[str]:
    if "agreements" not in d:
        return []
    lines = ["## Agreements", ""]
    nm = views.names(d)
    procedural = views.procedural_agreements(d)
    for ag in d["agreements"]:
        who = ", ".join(nm.get(p, p) for p in ag["parties"]) or "the parties"
        if ag["id"] in procedural:
            ag = {**ag, "status": "agreed steps towards it"}
        on = f" on {ag['date']}" if ag.get("date") else ""
        lines.append(f"- **{ag['issue']}** — {ag['status']}{on} "
                     f"({who}; {len(ag.get('outlets', []))} outlet(s)): {_clip(ag['content'])} {cite(ag['evidence'], 3)}")
    if not d["agreements"]:
        lines.append("_No agreement found._")
    return lines + [""]


def claims(d: dict[str, Any]) -> list[str]:
    if "claims" not in d:
        return []
    outlet = {a["id"]: a["outlet"] or a["id"][:8] for a in d["articles"]}
    lines = ["## Contested claims", ""]
    contested = views.contested(d)
    for c in contested:
        lines.append(f"### {_clip(c['statement'], 120)}")
        lines.append("")
        lines.append("| says | outlet | sentence |")
        lines.append("|---|---|---|")
        for sp in c["support"]:
            value = (c.get("value") or {}).get("text", "")
            lines.append(f"| {_cell(value)} | {_cell(outlet.get(sp['article'], sp['article']))} | "
                         f"{_cell(_clip(sp['text'], 160))} {cite([sp])} |")
        for x in c["contradict"]:
            lines.append(f"| {_cell(x['value'])} | {_cell(x['outlet'])} | {_cell(_clip(x['span']['text'], 160))} "
                         f"{cite([x['span']])} |")
        lines.append("")
    if not contested:
        lines += ["_The outlets do not contradict each other on any claim Parley checked._", ""]
    corroborated = [c for c in d["claims"] if c["status"] == "corroborated"]
    lines += ["## Corroborated claims", ""]
    for c in corroborated[:25]:
        via = f" (via {', '.join(c['primary_sources'])})" if c.get("primary_sources") else ""
        lines.append(f"- ×{c['independent_sources']}{via} {_clip(c['statement'])} {cite(c['support'], 3)}")
    if not corroborated:
        lines.append("_No claim is confirmed by two independent sources._")
    single = sum(1 for c in d["claims"] if c["status"] == "single-source")
    lines += ["", f"{single} further claim(s) rest on a single source (`parley claims`).", ""]
    return lines


def timeline(d: dict[str, Any]) -> list[str]:
    if "timeline" not in d:
        return []
    lines = ["## Timeline", ""]
    for t in views.timeline(d):
        mark = "~" if t.get("approximate") else ""
        plan = " (planned)" if t.get("planned") else ""
        reported = ", ".join(t.get("reported", []))
        lines.append(f"- {mark}{t['date'] or 'undated'}{plan}: {_clip(t['summary'])} "
                     f"_(reported {reported or '—'})_ {cite(t['evidence'], 2)}")
    return lines + [""]


def quotes(d: dict[str, Any]) -> list[str]:
    if "quotes" not in d:
        return []
    lines = ["## Quotes by speaker", ""]
    for speaker, qs in views.quotes_by_speaker(d)[:15]:
        lines.append(f"**{speaker}** ({len(qs)})")
        lines.append("")
        for q in qs[:6]:
            mark = "“”" if q["kind"] == "direct" else "‹›"
            lines.append(f"- {mark[0]}{_clip(q['text'], 200)}{mark[1]} {cite(q['evidence'], 1)}")
        lines.append("")
    return lines


def entities(d: dict[str, Any]) -> list[str]:
    if "entities" not in d:
        return []
    people = [e for e in d["entities"] if e["type"] == "PERSON"][:30]
    lines = ["## People", ""]
    for e in people:
        roles = "; ".join(sorted({r["title"] for r in e.get("roles", [])})[:3])
        side = f" — {e['affiliation']}" if e.get("affiliation") else ""
        variants = f" (also spelt: {', '.join(v['name'] for v in e['variants'])})" if e.get("variants") else ""
        lines.append(f"- **{e['name']}**{side}{f', {roles}' if roles else ''}{variants}: {e['mentions']} mention(s) "
                     f"in {len(e['articles'])} article(s)")
    return lines + [""]


def outlets(d: dict[str, Any]) -> list[str]:
    if "outlets" not in d:
        return []
    nm = views.names(d)
    lines = ["## Outlets compared", "", "| outlet | kind | articles | most quoted | loaded words | leaves out |",
             "|---|---|---|---|---|---|"]
    for o in d["outlets"]:
        voice = ", ".join(f"{nm.get(p, p)} {s:.0%}" for p, s in list(o["voice"].items())[:3]) or "—"
        loaded = ", ".join(t["term"] for t in o.get("loaded_terms", [])[:4]) or "—"
        lines.append(f"| {_cell(o['name'])} | {o['kind']} | {len(o['articles'])} | {_cell(voice)} | {_cell(loaded)} | "
                     f"{len(o.get('omitted', []))} corroborated claim(s) |")
    return lines + [""]


def stories(d: dict[str, Any]) -> list[str]:
    if "stories" not in d or len(d["stories"]) < 2:
        return []
    lines = ["## Stories", ""]
    for s in d["stories"]:
        lines.append(f"- `{s['id']}` {s['title'] or '(untitled)'} — {len(s['articles'])} article(s)")
    return lines + [""]


def markdown_sections(d: dict[str, Any]) -> list[str]:
    out: list[str] = []
    for part in (briefing, rounds, positions, agreements, claims, timeline, quotes, entities, outlets, stories):
        out += part(d)
    return out

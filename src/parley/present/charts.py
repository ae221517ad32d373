"""Charts of a dossier, as Vega-Lite built with Altair and rendered to inline SVG by vl-convert: no
JavaScript, no network, so they show in a self-contained HTML file and under a strict Content-Security-Policy.

Each ``*_spec`` function returns a Vega-Lite spec (a dict) or None when there is nothing to draw; ``svg``
renders a spec (cached by its content, so a page served twice renders once). A mark with an ``href`` field
is a link (an SVG ``<a>``): the negotiation's timeline links each mark to the evidence it rests on.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
from collections import Counter
from collections.abc import Callable
from functools import lru_cache
from typing import Any

from . import views

WIDTH = 640
TYPE_COLOR = {"PERSON": "#4c78a8", "GPE": "#f58518", "ORG": "#54a24b", "NORP": "#b279a2", "LOC": "#9d755d"}
STANCE_COLOR = {"demand": "#e45756", "red line": "#9e0142", "proposal": "#4c78a8", "offer": "#72b7b2",
                "acceptance": "#54a24b", "concession": "#88d27a", "rejection": "#b279a2", "threat": "#f58518"}


def _alt() -> Any:
    import altair as alt

    return alt


def svg(spec: dict[str, Any] | None) -> str:
    """The chart as an SVG element ('' for no chart)."""
    if not spec:
        return ""
    return _render(json.dumps(spec, sort_keys=True, default=str))


_BASE = re.compile(r'xlink:href="https?://vega\.github\.io/vega-datasets/(?=/|#)')
_LINKED = re.compile(r'(<a xlink:href="[^"]*">)<path aria-label="([^"]*)"')


@lru_cache(maxsize=256)
def _render(spec_json: str) -> str:
    import vl_convert

    out = vl_convert.vegalite_to_svg(json.loads(spec_json))
    # Vega's loader puts its default base URL before a link's address; a link here is the page's own
    out = _BASE.sub('xlink:href="', out)
    # a linked mark says what it is when pointed at (Vega's tooltips need a script; an SVG <title> does not)
    out = _LINKED.sub(r'\1<title>\2</title><path aria-label="\2"', out)
    # a stable id per chart for the page's own styles, and no XML prologue inside HTML
    key = hashlib.sha1(spec_json.encode()).hexdigest()[:8]
    return out.replace("<svg ", f'<svg role="img" data-chart="{key}" ', 1)


def timeline_spec(d: dict[str, Any]) -> dict[str, Any] | None:
    rows = []
    for t in views.timeline(d):
        if not t.get("date") or len(t["date"]) < 10:
            continue
        rows.append({"date": t["date"][:10], "kind": t.get("kind", "event"), "summary": t["summary"][:120],
                     "sources": len({e["article"] for e in t.get("evidence", [])}),
                     "when": "planned" if t.get("planned") else ("approximate" if t.get("approximate") else "dated")})
    if not rows:
        return None
    alt = _alt()
    chart = alt.Chart(alt.Data(values=rows)).mark_point(filled=True, opacity=0.8).encode(
        x=alt.X("date:T", title="when it happened", axis=alt.Axis(format="%d %b %Y", labelAngle=-30)),
        y=alt.Y("kind:N", title=None, axis=alt.Axis(labelLimit=200)),
        size=alt.Size("sources:Q", title="articles", scale=alt.Scale(range=[60, 400], zero=False)),
        color=alt.Color("when:N", title=None, scale=alt.Scale(domain=["dated", "approximate", "planned"],
                                                             range=["#4c78a8", "#9ecae9", "#f58518"])),
        shape=alt.Shape("when:N", legend=None, scale=alt.Scale(domain=["dated", "approximate", "planned"],
                                                              range=["circle", "circle", "triangle-up"])),
        tooltip=["date:T", "summary:N", "sources:Q"],
    ).properties(width=WIDTH, height=max(80, 36 * len({r["kind"] for r in rows})), title="Timeline")
    return chart.to_dict()


ROUND_COLOR = {"held": "#4c78a8", "planned": "#f58518", "proposed": "#f2cf5b", "postponed": "#b279a2",
               "cancelled": "#e45756"}
LANES = ("rounds", "agreements", "events")


def negotiation_timeline_spec(d: dict[str, Any], href: Callable[[dict[str, Any]], str]) -> dict[str, Any] | None:
    """The timeline of a whole negotiation by event time (when it happened, not when it was reported): a lane
    of its rounds (each labelled with its number; not held ones by their status), one of its agreements (made
    or carried out) and one of the other events. Every mark links (``href``) to the first span of its
    evidence. Undated rounds and events, and those dated only to a month or a year, are left out."""
    rows = []
    for r in views.rounds_in_order(d):
        if not r.get("date") or len(r["date"]) < 10 or not r.get("evidence"):
            continue
        label = f"R{r['number']}" if r.get("number") else r["status"]
        where = r.get("place") or r.get("venue")
        rows.append({"date": r["date"][:10], "lane": "rounds", "label": label, "status": r["status"],
                     "summary": (f"Round {r['number']}" if r.get("number") else f"Round ({r['status']})")
                     + (f" in {where}" if where else ""), "sources": len({sp["article"] for sp in r["evidence"]}),
                     "href": href(r["evidence"][0])})
    for t in views.timeline(d):
        if t.get("kind") == "round" or not t.get("date") or len(t["date"]) < 10 or not t.get("evidence"):
            continue
        lane = "agreements" if t.get("kind") == "agreement" else "events"
        rows.append({"date": t["date"][:10], "lane": lane, "label": "",
                     "status": "planned" if t.get("planned") else "approximate" if t.get("approximate") else "dated",
                     "summary": t["summary"][:120], "sources": len({sp["article"] for sp in t["evidence"]}),
                     "href": href(t["evidence"][0])})
    if not any(r["lane"] == "rounds" for r in rows):
        return None
    for r in rows:  # what a mark says when pointed at (its aria-label, and its <title>)
        r["description"] = f"{r['date']}: {r['summary']} ({r['sources']} article{'s' if r['sources'] != 1 else ''})"
    rows.sort(key=lambda r: (LANES.index(r["lane"]), r["date"], r["summary"], r["href"]))
    alt = _alt()
    lanes = [lane for lane in LANES if any(r["lane"] == lane for r in rows)]
    x = alt.X("date:T", title="when it happened", scale=alt.Scale(padding=24),
              axis=alt.Axis(format="%d %b %Y", labelAngle=-30))
    y = alt.Y("lane:N", title=None, sort=lanes, scale=alt.Scale(domain=lanes), axis=alt.Axis(labelLimit=200))
    tooltip = [alt.Tooltip("date:T", format="%d %b %Y"), "summary:N", "sources:Q"]
    palette = {**ROUND_COLOR, "dated": "#54a24b", "approximate": "#9ecae9"}
    shown = [k for k in palette if any(r["status"] == k for r in rows)]  # the legend: what is drawn
    color = alt.Color("status:N", title=None, scale=alt.Scale(domain=shown, range=[palette[k] for k in shown]))
    rounds = [r for r in rows if r["lane"] == "rounds"]
    others = [r for r in rows if r["lane"] != "rounds"]
    layers = [alt.Chart(alt.Data(values=rounds)).mark_point(filled=True, opacity=0.9, shape="diamond", size=220,
                                                             cursor="pointer")
              .encode(x=x, y=y, color=color, href="href:N", tooltip=tooltip, description="description:N")
              .properties(name="rounds"),
              alt.Chart(alt.Data(values=rounds)).mark_text(dy=-16, fontSize=11)
              .encode(x=x, y=y, text="label:N").properties(name="round_labels")]
    if others:
        layers.append(alt.Chart(alt.Data(values=others)).mark_point(filled=True, opacity=0.75, cursor="pointer")
                      .encode(x=x, y=y, color=color, href="href:N", tooltip=tooltip, description="description:N",
                              size=alt.Size("sources:Q", title="articles", scale=alt.Scale(range=[50, 300], zero=False),
                                            legend=alt.Legend(format="d", tickMinStep=1)))
                      .properties(name="events"))
    chart = alt.layer(*layers).properties(width=WIDTH, height=46 * len(lanes) + 20,
                                          title="The negotiation over time (each mark links to its evidence)")
    return chart.to_dict()


def network_spec(d: dict[str, Any], limit: int = 14) -> dict[str, Any] | None:
    """Who acts on whom: events between entities (actors to targets, and co-actors), circle layout."""
    names = views.names(d)
    types = {e["id"]: e["type"] for e in d.get("entities", [])}
    edges: Counter = Counter()
    for ev in d.get("events", []):
        people = list(dict.fromkeys(ev.get("actors", []) + ev.get("targets", [])))
        for i, a in enumerate(people):
            for b in people[i + 1:]:
                if a != b:
                    edges[tuple(sorted((a, b)))] += 1
    if not edges:
        return None
    weight: Counter = Counter()
    for (a, b), n in edges.items():
        weight[a] += n
        weight[b] += n
    nodes = [n for n, _ in weight.most_common(limit)]
    keep = set(nodes)
    pos = {n: (math.cos(2 * math.pi * i / len(nodes)), math.sin(2 * math.pi * i / len(nodes)))
           for i, n in enumerate(nodes)}
    edge_rows = [{"x": pos[a][0], "y": pos[a][1], "x2": pos[b][0], "y2": pos[b][1], "events": n,
                  "pair": f"{names.get(a, a)} – {names.get(b, b)}"}
                 for (a, b), n in edges.items() if a in keep and b in keep]
    node_rows = [{"x": pos[n][0], "y": pos[n][1], "name": names.get(n, n), "type": types.get(n, "other"),
                  "events": weight[n], "align": "left" if pos[n][0] >= 0 else "right"} for n in nodes]
    alt = _alt()
    scale = alt.Scale(domain=[-1.6, 1.6])
    base_x, base_y = alt.X("x:Q", axis=None, scale=scale), alt.Y("y:Q", axis=None, scale=scale)
    lines = alt.Chart(alt.Data(values=edge_rows)).mark_rule(color="#999").encode(
        x=base_x, y=base_y, x2="x2:Q", y2="y2:Q",
        strokeWidth=alt.StrokeWidth("events:Q", legend=None, scale=alt.Scale(range=[1, 6])),
        tooltip=["pair:N", "events:Q"])
    dots = alt.Chart(alt.Data(values=node_rows)).mark_circle(opacity=1).encode(
        x=base_x, y=base_y, size=alt.Size("events:Q", legend=None, scale=alt.Scale(range=[80, 600])),
        color=alt.Color("type:N", title=None, scale=alt.Scale(domain=list(TYPE_COLOR),
                                                             range=list(TYPE_COLOR.values()))),
        tooltip=["name:N", "type:N", "events:Q"])
    labels = alt.Chart(alt.Data(values=node_rows)).mark_text(dx=10, fontSize=11, align="left").encode(
        x=base_x, y=base_y, text="name:N")
    chart = alt.layer(lines, dots, labels).properties(width=WIDTH, height=420, title="Who acts on whom (events)")
    return chart.to_dict()


def matrix_spec(d: dict[str, Any]) -> dict[str, Any] | None:
    m = views.matrix(d)
    rows = []
    for p in m["parties"]:
        for issue in m["issues"]:
            cell = m["cells"].get(f"{p['id']}|{issue}", [])
            if not cell:
                continue
            top = max(cell, key=lambda x: len(x["evidence"]))
            rows.append({"party": p["name"], "issue": issue, "stance": top["stance"],
                         "statements": sum(len(x["evidence"]) for x in cell),
                         "stances": ", ".join(x["stance"] for x in cell)})
    if not rows:
        return None
    alt = _alt()
    base = alt.Chart(alt.Data(values=rows)).encode(
        x=alt.X("issue:N", title=None, sort=m["issues"], axis=alt.Axis(labelAngle=-30)),
        y=alt.Y("party:N", title=None, sort=[p["name"] for p in m["parties"]]))
    rect = base.mark_rect(stroke="white").encode(
        color=alt.Color("stance:N", title="main stance", scale=alt.Scale(domain=list(STANCE_COLOR),
                                                                         range=list(STANCE_COLOR.values()))),
        tooltip=["party:N", "issue:N", "stances:N", "statements:Q"])
    text = base.mark_text(color="white", fontWeight="bold").encode(text="statements:Q")
    chart = alt.layer(rect, text).properties(width=min(WIDTH, 90 * len(m["issues"])),
                                             height=40 * len(m["parties"]), title="Positions: party × issue")
    return chart.to_dict()


def voice_spec(d: dict[str, Any]) -> dict[str, Any] | None:
    names = views.names(d)
    rows = []
    for o in d.get("outlets", []):
        for party, share in list(o.get("voice", {}).items())[:6]:
            rows.append({"outlet": o["name"], "party": names.get(party, party), "share": share})
    if not rows:
        return None
    alt = _alt()
    chart = alt.Chart(alt.Data(values=rows)).mark_bar().encode(
        y=alt.Y("outlet:N", title=None),
        x=alt.X("share:Q", title="share of attributed quotes", stack="normalize", axis=alt.Axis(format="%")),
        color=alt.Color("party:N", title="voice of"),
        tooltip=["outlet:N", "party:N", alt.Tooltip("share:Q", format=".0%")],
    ).properties(width=WIDTH - 160, height=max(60, 24 * len({r["outlet"] for r in rows})),
                 title="Whose voice each outlet carries")
    return chart.to_dict()


def mentions_spec(rows: list[dict[str, Any]], title: str) -> dict[str, Any] | None:
    """Mentions over time: rows of {"date", "outlet", "mentions"}."""
    rows = [r for r in rows if r.get("date")]
    if not rows:
        return None
    alt = _alt()
    chart = alt.Chart(alt.Data(values=rows)).mark_bar().encode(
        x=alt.X("date:T", title=None, timeUnit="yearmonthdate", axis=alt.Axis(format="%d %b %Y", labelAngle=-30)),
        y=alt.Y("sum(mentions):Q", title="mentions"),
        color=alt.Color("outlet:N", title=None),
        tooltip=["date:T", "outlet:N", "mentions:Q"],
    ).properties(width=WIDTH - 120, height=160, title=title)
    return chart.to_dict()


def dossier_charts(d: dict[str, Any], href: Callable[[dict[str, Any]], str] | None = None) -> dict[str, str]:
    """Every chart of a dossier page, as SVG. The dossier of a negotiation has the negotiation's timeline
    (its rounds, agreements and events, each mark linked by ``href`` to its evidence), when it has a dated
    round; else the timeline of events."""
    timeline = negotiation_timeline_spec(d, href) if d.get("negotiation") and href is not None else None
    return {"timeline": svg(timeline or timeline_spec(d)), "network": svg(network_spec(d)),
            "matrix": svg(matrix_spec(d)), "voice": svg(voice_spec(d))}

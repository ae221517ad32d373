"""Views over a dossier dict, shared by the terminal, the HTML report and the web UI.

They only read: each takes the JSON dossier and returns plain data to lay out.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

STANCE_ORDER = ["demand", "red line", "proposal", "offer", "acceptance", "concession", "rejection", "threat"]


def names(d: dict[str, Any]) -> dict[str, str]:
    return {e["id"]: e["name"] for e in d.get("entities", [])}


def matrix(d: dict[str, Any]) -> dict[str, Any]:
    """Party x issue grid of positions: cells list each stance with its statements and outlets."""
    nm = names(d)
    main = d.get("parties", {}).get("main", [])
    cells: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    counts: dict[str, int] = defaultdict(int)
    for p in d.get("positions", []):
        cells[(p["party"], p["issue"])].append(p)
        counts[p["party"]] += len(p["evidence"])
    parties = sorted(counts, key=lambda pid: (pid not in main, main.index(pid) if pid in main else 0, -counts[pid]))
    issue_count: dict[str, int] = defaultdict(int)
    for (_, issue), ps in cells.items():
        issue_count[issue] += sum(len(p["evidence"]) for p in ps)
    issues = sorted(issue_count, key=lambda i: -issue_count[i])
    for ps in cells.values():
        ps.sort(key=lambda p: (STANCE_ORDER.index(p["stance"]) if p["stance"] in STANCE_ORDER else 99))
    return {"parties": [{"id": p, "name": nm.get(p, p), "main": p in main} for p in parties], "issues": issues,
            "cells": {f"{p}|{i}": v for (p, i), v in cells.items()}}


def timeline(d: dict[str, Any]) -> list[dict[str, Any]]:
    return d.get("timeline", [])


def rounds(d: dict[str, Any]) -> list[dict[str, Any]]:
    nm = names(d)
    out = []
    for r in d.get("rounds", []):
        status = r.get("status", "held")
        where = r.get("place") or r.get("venue") or "place not given"
        out.append({**r, "head_names": [nm.get(h, h) for h in r["heads"]],
                    "mediator_names": [nm.get(h, h) for h in r["mediators"]], "where": where,
                    "status": status, "status_label": "" if status == "held" else f"{status}, not held"})
    return out


def quotes_by_speaker(d: dict[str, Any]) -> list[tuple[str, list[dict[str, Any]]]]:
    groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for q in d.get("quotes", []):
        groups[q["speaker_name"] or "(unattributed)"].append(q)
    return sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0]))


def contested(d: dict[str, Any]) -> list[dict[str, Any]]:
    return [c for c in d.get("claims", []) if c["status"] == "contested"]


def procedural_agreements(d: dict[str, Any]) -> set[str]:
    """Agreements on a step towards their issue ("agreed to present their views on a ceasefire")."""
    from ..reconcile.claims_ledger import procedural_agreements as of

    return of(d)


def cited_spans(d: dict[str, Any]) -> dict[str, set[tuple[int, int]]]:
    """Every span a dossier cites, per article."""
    from ..model import iter_spans

    out: dict[str, set[tuple[int, int]]] = defaultdict(set)
    for sp in iter_spans({k: v for k, v in d.items() if k != "articles"}):
        out[sp["article"]].add((sp["start"], sp["end"]))
    return out


def title_of(d: dict[str, Any]) -> str:
    if d.get("negotiation"):
        return d["negotiation"]["title"]
    stories = d.get("stories") or []
    if len(stories) == 1 and stories[0].get("title"):
        return stories[0]["title"]
    return f"Dossier of {len(d.get('articles', []))} articles"


# ----------------------------------------------------------------------------- the dossier of a negotiation

def rounds_in_order(d: dict[str, Any]) -> list[dict[str, Any]]:
    """Its rounds by date (undated last), each with its number among the rounds held."""
    out = sorted(rounds(d), key=lambda r: (r.get("date") is None, r.get("date") or "", r["id"]))
    n = 0
    for r in out:
        if r["status"] == "held":
            n += 1
            r["number"] = n
        else:
            r["number"] = None
    return out


def _round_of(date: str | None, held: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The last round held on or before ``date``."""
    best = None
    for r in held:
        if date and r.get("date") and r["date"] <= date:
            best = r
    return best


def positions_by_party(d: dict[str, Any]) -> list[dict[str, Any]]:
    """Each party's positions round by round, main parties first. A position's statements are placed at the
    round held on or before the day of their article (a demand made again at a later round is stated there
    again); per issue, each row says whether the stance is new, held (as at the round before) or moved."""
    held = [r for r in rounds_in_order(d) if r["status"] == "held"]
    day = {a["id"]: (a.get("published") or {}).get("date") for a in d.get("articles", [])}
    main = d.get("parties", {}).get("main", [])
    nm = names(d)
    # (party, issue, stance, round number) -> row
    acc: dict[tuple[str, str, str, int], dict[str, Any]] = {}
    for p in d.get("positions", []):
        arts = sorted({st["article"] for st in p.get("statements", []) if st.get("article")}) or [None]
        for aid in arts:
            date = (day.get(aid) if aid else None) or p.get("date")
            r = _round_of(date, held)
            key = (p["party"], p["issue"], p["stance"], r["number"] if r else 0)
            row = acc.setdefault(key, {"party": p["party"], "issue": p["issue"], "stance": p["stance"],
                                       "round": r["number"] if r else None, "round_date": r["date"] if r else None,
                                       "date": date, "content": p["content"], "position": p["id"],
                                       "evidence": []})
            if date and (row["date"] is None or date < row["date"]):
                row["date"] = date
            row["evidence"] += [sp for sp in p.get("evidence", []) if aid is None or sp.get("article") == aid]
            if aid:
                said = [st["content"] for st in p.get("statements", []) if st.get("article") == aid]
                ev = [sp["text"] for sp in p.get("evidence", []) if sp.get("article") == aid]
                row["content"] = (ev or said or [row["content"]])[0]
    by_party: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in acc.values():
        by_party[row["party"]].append(row)
    out = []
    for pid in sorted(by_party, key=lambda x: (x not in main, main.index(x) if x in main else 0,
                                               -len(by_party[x]), nm.get(x, x))):
        rows = sorted(by_party[pid], key=lambda x: (x["round"] or 0, x["date"] or "9999", x["issue"], x["stance"]))
        before: dict[str, set[str]] = {}  # issue -> stances at the last round it was stated
        at: dict[str, tuple[int, set[str]]] = {}
        for row in rows:
            rnd = row["round"] or 0
            if row["issue"] in at and at[row["issue"]][0] != rnd:
                before[row["issue"]] = at[row["issue"]][1]
                at[row["issue"]] = (rnd, set())
            at.setdefault(row["issue"], (rnd, set()))[1].add(row["stance"])
            prev = before.get(row["issue"])
            row["change"] = ("new" if prev is None else "held" if row["stance"] in prev
                             else "moved from " + ", ".join(sorted(prev)))
        out.append({"id": pid, "name": nm.get(pid, pid), "main": pid in main, "positions": rows})
    return out


def agreements_over_time(d: dict[str, Any]) -> list[dict[str, Any]]:
    """Agreements by issue, each issue's steps in date order (agreed, then carried out, or not), with the
    status the issue stands at now (its latest step)."""
    by_issue: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for ag in d.get("agreements", []):
        by_issue[ag["issue"]].append(ag)
    out = []
    for issue, steps in by_issue.items():
        steps = sorted(steps, key=lambda a: (a.get("date") or "9999", a["id"]))
        out.append({"issue": issue, "steps": steps, "status": steps[-1]["status"],
                    "first_date": steps[0].get("date")})
    return sorted(out, key=lambda x: (x["first_date"] or "9999", x["issue"]))

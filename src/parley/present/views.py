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

"""Exports of a story's ledger: its tables (rounds, positions, agreements, claims, quotes) as CSV, and its
events as PLOVER-shaped JSON Lines. Read-only: both are made from the story's dossier. Every row keeps the
evidence it rests on, as ``article:start-end`` references (``;``-separated) into the articles' clean texts.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from ..errors import InvalidRequest

TABLES: dict[str, tuple[str, ...]] = {
    "rounds": ("id", "date", "end_date", "status", "place", "venue", "parties", "heads", "mediators", "hosts",
               "articles", "evidence"),
    "positions": ("id", "date", "party", "party_name", "issue", "stance", "content", "speakers", "outlets",
                  "evidence"),
    "agreements": ("id", "date", "parties", "issue", "status", "content", "outlets", "evidence"),
    "claims": ("id", "status", "kind", "subject", "predicate", "value", "statement", "sources",
               "independent_sources", "articles"),
    "quotes": ("id", "article", "speaker", "speaker_name", "kind", "cue", "partial", "text", "evidence"),
}
FORMATS = ("csv", "jsonl")


def _refs(spans: list[dict[str, Any]]) -> str:
    return ";".join(f"{s['article']}:{s['start']}-{s['end']}" for s in spans or [] if "article" in s)


def _cell(key: str, value: Any) -> str:
    if key == "evidence":
        return _refs(value)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return ";".join(x if isinstance(x, str) else json.dumps(x, ensure_ascii=False, sort_keys=True) for x in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return str(value)


def table_csv(d: dict[str, Any], table: str) -> str:
    """One ledger table of dossier ``d`` as CSV (a header row, then one row per item, in dossier order)."""
    if table not in TABLES:
        raise InvalidRequest(f"unknown table {table!r}", hint=f"use one of {', '.join(TABLES)} (or events, as jsonl)")
    cols = TABLES[table]
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(cols)
    for item in d.get(table, []):
        w.writerow([_cell(c, item.get(c)) for c in cols])
    return buf.getvalue()


def plover_events(d: dict[str, Any]) -> list[dict[str, Any]]:
    """The dossier's events in the shape of PLOVER event records: ``event_type``, ``mode``, ``actor``,
    ``recipient``, ``event_date``, ``location``, plus Parley's ``modality``, ``negated`` and evidence."""
    names = {e["id"]: e["name"] for e in d.get("entities", [])}
    out = []
    for ev in d.get("events", []):
        out.append({
            "id": ev["id"], "event_type": ev["type"], "mode": ev.get("mode"),
            "actor": [{"id": a, "name": names.get(a)} for a in ev.get("actors", [])],
            "recipient": [{"id": t, "name": names.get(t)} for t in ev.get("targets", [])],
            "event_date": ev.get("date"), "location": ev.get("place"), "context": ev.get("issues", []),
            "modality": ev.get("modality"), "negated": ev.get("negated"), "quoted": ev.get("quoted"),
            "source": ev.get("article"), "text": ev.get("summary"), "evidence": ev.get("evidence", []),
        })
    return out


def events_jsonl(d: dict[str, Any]) -> str:
    return "".join(json.dumps(e, ensure_ascii=False, sort_keys=True) + "\n" for e in plover_events(d))


def export(d: dict[str, Any], table: str, fmt: str) -> str:
    """``table`` of dossier ``d`` in ``fmt``: a ledger table as csv, or ``events`` as jsonl."""
    if table == "events":
        if fmt != "jsonl":
            raise InvalidRequest("events export as JSON Lines", hint="use -f jsonl (format=jsonl)")
        return events_jsonl(d)
    if fmt != "csv":
        raise InvalidRequest(f"the {table} table exports as csv", hint="use -f csv (format=csv)")
    return table_csv(d, table)

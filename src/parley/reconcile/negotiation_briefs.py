"""What changed in a negotiation since the last brief.

Every version of a negotiation's dossier that is made (``negotiation_dossier``) is kept as a **brief**
(table ``negotiation_briefs``): what it held, item by item, each with its evidence:

- ``round``: a round of talks (its date, end, status, place, venue, heads, mediators);
- ``position``: a party's stances on an issue;
- ``agreement``: an agreement on an issue with its status (agreed, carried out, not agreed);
- ``claim``: a claim that is contested or corroborated by independent sources (single-source claims are not
  news);
- ``quote``: a quote by a head of delegation of one of its rounds.

``changes`` compares two briefs: an item the older one did not hold is **new**, an item whose value
differs is **changed** (with what it was). An item the newer brief no longer holds is left out: a brief
says what happened, not what a re-analysis dropped. Output is deterministic: items sorted by kind, then key.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from sqlalchemy import insert, select

from ..store import schema
from ..store.db import Store

KINDS = ("round", "agreement", "position", "claim", "quote")
EVIDENCE = 3  # spans kept per item


def _names(d: dict[str, Any]) -> dict[str, str]:
    return {e["id"]: e["name"] for e in d.get("entities", [])}


def _ev(spans: list[dict[str, Any]], limit: int = EVIDENCE) -> list[dict[str, Any]]:
    return [{k: sp[k] for k in ("article", "start", "end", "text") if k in sp} for sp in (spans or [])[:limit]]


def items_of(d: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """What a negotiation's dossier holds, as items keyed ``kind|id``: each with ``kind``, ``value`` (what
    is compared), ``text`` (said to a reader) and ``evidence``."""
    nm = _names(d)
    out: dict[str, dict[str, Any]] = {}
    heads: set[str] = set()
    for r in d.get("rounds", []):
        heads.update(r.get("heads") or [])
        value = {"date": r.get("date"), "end_date": r.get("end_date"), "status": r.get("status", "held"),
                 "place": r.get("place"), "venue": r.get("venue"),
                 "heads": sorted(nm.get(h, h) for h in r.get("heads") or []),
                 "mediators": sorted(nm.get(h, h) for h in r.get("mediators") or [])}
        where = value["place"] or value["venue"] or "a place not given"
        when = value["date"] or "an undated day"
        text = (f"Round of talks {value['status']} in {where} on {when}" +
                (f"; heads: {', '.join(value['heads'])}" if value["heads"] else "") +
                (f"; mediators: {', '.join(value['mediators'])}" if value["mediators"] else ""))
        out[f"round|{r['id']}"] = {"kind": "round", "value": value, "text": text, "evidence": _ev(r.get("evidence"))}
    positions: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for p in d.get("positions", []):
        positions.setdefault((p["party"], p["issue"]), []).append(p)
    for (party, issue), ps in sorted(positions.items()):
        stances = sorted({p["stance"] for p in ps})
        name = ps[0].get("party_name") or nm.get(party, party)
        spans = [sp for p in sorted(ps, key=lambda p: p["stance"]) for sp in p.get("evidence", [])[:1]]
        out[f"position|{party}|{issue}"] = {"kind": "position", "value": {"stances": stances},
                                            "text": f"{name} on {issue}: {', '.join(stances)}",
                                            "evidence": _ev(spans)}
    for ag in d.get("agreements", []):
        parties = ", ".join(nm.get(p, p) for p in ag.get("parties") or []) or "the parties"
        said = {"agreed": "agreed", "implemented": "carried out", "not agreed": "not agreed"}.get(ag["status"],
                                                                                                ag["status"])
        out[f"agreement|{ag['id']}"] = {"kind": "agreement", "value": {"status": ag["status"], "issue": ag["issue"]},
                                        "text": f"Agreement on {ag['issue']} {said} ({parties}): {ag['content']}",
                                        "evidence": _ev(ag.get("evidence"))}
    for c in d.get("claims", []):
        if c["status"] not in ("contested", "corroborated"):
            continue
        spans = list(c.get("support") or [])[:2] + [x["span"] for x in c.get("contradict") or [] if x.get("span")][:2]
        value = {"status": c["status"]}
        if c["status"] == "contested":
            value["values"] = sorted(str(v.get("text")) for v in c.get("values") or [])
        out[f"claim|{c['id']}"] = {"kind": "claim", "value": value, "text": f"{c['status']}: {c['statement']}",
                                   "evidence": _ev(spans, 4)}
    for q in d.get("quotes", []):
        if q.get("speaker") not in heads:
            continue
        ev = q.get("evidence") or []
        key = f"quote|{q.get('article')}|{ev[0]['start'] if ev else q.get('id')}"
        out[key] = {"kind": "quote", "value": {"text": q["text"]},
                    "text": f"{q.get('speaker_name') or nm.get(q['speaker'], q['speaker'])}: “{q['text']}”",
                    "evidence": _ev(ev, 1)}
    return out


def _order(key: str) -> tuple[int, str]:
    kind = key.split("|", 1)[0]
    return (KINDS.index(kind) if kind in KINDS else len(KINDS), key)


def diff(old: dict[str, dict[str, Any]] | None, new: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    """The items of ``new`` that ``old`` did not hold (``new``) or held with another value (``changed``)."""
    old = old or {}
    out = []
    for key in sorted(new, key=_order):
        item, before = new[key], old.get(key)
        if before is not None and before["value"] == item["value"]:
            continue
        change = {"key": key, "kind": item["kind"], "change": "new" if before is None else "changed",
                  "text": item["text"], "value": item["value"], "evidence": item["evidence"]}
        if before is not None:
            change["was"] = before["text"]
        out.append(change)
    return out


# ----------------------------------------------------------------------------- kept briefs

def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def briefs(store: Store, negotiation_id: str) -> list[dict[str, Any]]:
    """The briefs kept of a negotiation, oldest first: ``id``, ``version``, ``created``, ``items``."""
    B = schema.negotiation_briefs
    with store.reader() as conn:
        rows = conn.execute(select(B.c.id, B.c.version, B.c.created, B.c.data)
                            .where(B.c.negotiation_id == negotiation_id).order_by(B.c.id)).all()
    out: list[dict[str, Any]] = []
    for r in rows:
        if out and out[-1]["version"] == r[1]:  # two readers kept the same version at once: one brief
            continue
        out.append({"id": r[0], "version": r[1], "created": r[2], "items": json.loads(r[3])})
    return out


def _last_version(store: Store, negotiation_id: str) -> str | None:
    B = schema.negotiation_briefs
    with store.reader() as conn:
        return conn.execute(select(B.c.version).where(B.c.negotiation_id == negotiation_id)
                            .order_by(B.c.id.desc()).limit(1)).scalar()


def keep(store: Store, negotiation_id: str, version: str, data: dict[str, Any]) -> bool:
    """Keep the brief of this version of the negotiation's dossier, unless the last brief kept is of it;
    returns whether one was kept."""
    if _last_version(store, negotiation_id) == version:
        return False
    blob = json.dumps(items_of(data), ensure_ascii=False, sort_keys=True)
    with store.writer() as conn:
        conn.execute(insert(schema.negotiation_briefs).values(negotiation_id=negotiation_id, version=version,
                                                              created=_now(), data=blob))
    return True


def utc(since: str) -> str:
    """A date or an ISO time as the briefs' ``created`` strings compare (UTC); ``InvalidRequest`` if neither."""
    from ..errors import InvalidRequest

    try:
        t = dt.datetime.fromisoformat(since.strip())
    except ValueError:
        raise InvalidRequest(f"{since!r} is not a date", hint="give YYYY-MM-DD or an ISO time (UTC)") from None
    if len(since.strip()) == 10:
        return t.date().isoformat()
    if t.tzinfo is not None:
        t = t.astimezone(dt.UTC)
    return t.replace(tzinfo=dt.UTC).isoformat(timespec="seconds")


def changes(store: Store, negotiation_id: str, since: str | None = None,
            known: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """What changed in a negotiation: its current brief (made now if its dossier changed) against the brief
    before it (``since`` None: since the last brief), or against the last brief made before ``since`` (a
    date or an ISO time, UTC). With no older brief, everything it holds is new. ``known``: the negotiations
    section, if the caller has just brought it up to date."""
    from .negotiation_dossier import entries, entry, negotiation_dossier

    since = utc(since) if since else None
    known = known if known is not None else entries(store)
    n = entry(store, negotiation_id, known)
    negotiation_dossier(store, negotiation_id, known=known)  # makes (and keeps) the current brief if needed
    kept = briefs(store, negotiation_id)
    current = kept[-1]
    if since is None:
        base = kept[-2] if len(kept) > 1 else None
    else:
        older = [b for b in kept[:-1] if b["created"] < since]
        base = older[-1] if older else None
    return {"negotiation": negotiation_id, "title": n["title"], "brief": current["id"],
            "created": current["created"], "since": base["created"] if base else None,
            "base": base["id"] if base else None,
            "changes": diff(base["items"] if base else None, current["items"])}


def history(store: Store, negotiation_id: str, limit: int = 20,
            known: list[dict[str, Any]] | None = None) -> list[dict[str, Any]]:
    """The briefs of a negotiation, newest first, each with what changed since the one before it (a feed)."""
    from .negotiation_dossier import negotiation_dossier

    negotiation_dossier(store, negotiation_id, known=known)
    kept = briefs(store, negotiation_id)
    out = []
    for i in range(len(kept) - 1, max(-1, len(kept) - 1 - limit), -1):
        prev = kept[i - 1] if i > 0 else None
        out.append({"brief": kept[i]["id"], "created": kept[i]["created"],
                    "since": prev["created"] if prev else None,
                    "changes": diff(prev["items"] if prev else None, kept[i]["items"])})
    return out


__all__ = ["briefs", "changes", "diff", "history", "items_of", "keep"]

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
differs is **changed** (with what it was), an item the newer brief no longer holds is **removed** (a round
no longer reported as held, a position no longer stated, an agreement or a contest no longer reported), with
the evidence it had in the older brief, so that a reader can see what it rested on. An item new to the
brief, or changed, that rests only on articles the older brief already had is **revised**, not new (the
older articles now read so: a quote of someone who has since become a head of delegation, a round that a
meeting of them joins now that the sides are settled); pages and the feed keep those
apart from the news. Across two briefs, an entity is matched by name or alias (its id follows its canonical
name, which can grow as articles arrive) and an item the dossier gave another id by its evidence spans. A
changed item cites first the spans of the articles it did not rest on before. A brief keeps up to ``SPANS``
spans per item, the articles each item rests on (``sources``) and the negotiation's articles. Output is
deterministic: items sorted by kind, then key; removals after the new and changed items of their kind.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from sqlalchemy import insert, select

from ..store import schema
from ..store.db import Store

KINDS = ("round", "agreement", "position", "claim", "quote")
EVIDENCE = 3  # spans shown per change (4 for a claim: two on each side)
SPANS = 24  # spans kept per item in a brief (and the articles of all its spans, ``sources``)


def _names(d: dict[str, Any]) -> dict[str, str]:
    return {e["id"]: e["name"] for e in d.get("entities", [])}


def _aliases(d: dict[str, Any]) -> dict[str, list[str]]:
    return {e["id"]: sorted({e["name"].casefold(), *(a.casefold() for a in e.get("aliases") or [])})
            for e in d.get("entities", [])}


def _ev(spans: list[dict[str, Any]], limit: int = SPANS) -> list[dict[str, Any]]:
    return [{k: sp[k] for k in ("article", "start", "end", "text") if k in sp} for sp in (spans or [])[:limit]]


def _item(kind: str, value: dict[str, Any], text: str, spans: list[dict[str, Any]] | None,
          articles: list[str] | None = None) -> dict[str, Any]:
    spans = spans or []
    return {"kind": kind, "value": value, "text": text, "evidence": _ev(spans),
            "sources": sorted(set(articles or []) | {sp["article"] for sp in spans})}


def _sources(item: dict[str, Any]) -> list[str]:
    """The articles an item rests on (a brief kept by older code has only its spans)."""
    return item.get("sources") or sorted({sp["article"] for sp in item["evidence"]})


def _shown(item: dict[str, Any], had: set[str] | None = None) -> list[dict[str, Any]]:
    """The spans a change cites: those from articles not in ``had`` (what the older brief rested on) first,
    so that a change cites what made it (the article that corroborates a claim, the statement that moved a
    position)."""
    limit = 4 if item["kind"] == "claim" else 1 if item["kind"] == "quote" else EVIDENCE
    spans = item["evidence"]
    if had:
        spans = [sp for sp in spans if sp["article"] not in had] + [sp for sp in spans if sp["article"] in had]
    return spans[:limit]


def items_of(d: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """What a negotiation's dossier holds, as items keyed ``kind|id``: each with ``kind``, ``value`` (what
    is compared), ``text`` (said to a reader), ``evidence`` (its spans, at most ``SPANS``) and ``sources``
    (the articles of all its spans)."""
    nm, aka = _names(d), _aliases(d)
    out: dict[str, dict[str, Any]] = {}
    heads: set[str] = set()
    for r in d.get("rounds", []):
        heads.update(r.get("heads") or [])
        value = {"date": r.get("date"), "end_date": r.get("end_date"), "status": r.get("status", "held"),
                 "place": r.get("place"), "venue": r.get("venue"),
                 # compared by entity: a head shown under a fuller name as more articles arrive is no change
                 "heads": sorted(r.get("heads") or []), "mediators": sorted(r.get("mediators") or [])}
        where = value["place"] or value["venue"] or "a place not given"
        when = value["date"] or "an undated day"
        heads_, mediators = (sorted(nm.get(h, h) for h in value[k]) for k in ("heads", "mediators"))
        text = (f"Round of talks {value['status']} in {where} on {when}" +
                (f"; heads: {', '.join(heads_)}" if heads_ else "") +
                (f"; mediators: {', '.join(mediators)}" if mediators else ""))
        out[f"round|{r['id']}"] = _item("round", value, text, r.get("evidence"), r.get("articles"))
        out[f"round|{r['id']}"]["entities"] = {h: aka.get(h, []) for h in value["heads"] + value["mediators"]}
    positions: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for p in d.get("positions", []):
        positions.setdefault((p["party"], p["issue"]), []).append(p)
    for (party, issue), ps in sorted(positions.items()):
        stances = sorted({p["stance"] for p in ps})
        name = ps[0].get("party_name") or nm.get(party, party)
        ordered = sorted(ps, key=lambda p: p["stance"])  # each stance's first span, then the others
        spans = ([sp for p in ordered for sp in p.get("evidence", [])[:1]] +
                 [sp for p in ordered for sp in p.get("evidence", [])[1:]])
        out[f"position|{party}|{issue}"] = _item("position", {"stances": stances},
                                                 f"{name} on {issue}: {', '.join(stances)}", spans)
        out[f"position|{party}|{issue}"]["entities"] = {party: aka.get(party, [])}
    for ag in d.get("agreements", []):
        parties = ", ".join(nm.get(p, p) for p in ag.get("parties") or []) or "the parties"
        said = {"agreed": "agreed", "implemented": "carried out", "not agreed": "not agreed"}.get(ag["status"],
                                                                                                ag["status"])
        out[f"agreement|{ag['id']}"] = _item("agreement", {"status": ag["status"], "issue": ag["issue"]},
                                             f"Agreement on {ag['issue']} {said} ({parties}): {ag['content']}",
                                             ag.get("evidence"))
    for c in d.get("claims", []):
        if c["status"] not in ("contested", "corroborated"):
            continue
        support = list(c.get("support") or [])
        against = [x["span"] for x in c.get("contradict") or [] if x.get("span")]
        spans = support[:2] + against[:2] + support[2:] + against[2:]  # two of each side shown
        value = {"status": c["status"]}
        if c["status"] == "contested":
            value["values"] = sorted(str(v.get("text")) for v in c.get("values") or [])
        out[f"claim|{c['id']}"] = _item("claim", value, f"{c['status']}: {c['statement']}", spans)
    for q in d.get("quotes", []):
        if q.get("speaker") not in heads:
            continue
        ev = q.get("evidence") or []
        key = f"quote|{q.get('article')}|{ev[0]['start'] if ev else q.get('id')}"
        out[key] = _item("quote", {"text": q["text"]},
                         f"{q.get('speaker_name') or nm.get(q['speaker'], q['speaker'])}: “{q['text']}”", ev[:1])
    return out


def _order(key: str) -> tuple[int, str]:
    kind = key.split("|", 1)[0]
    return (KINDS.index(kind) if kind in KINDS else len(KINDS), key)


REMOVED = {"round": "no longer reported", "position": "no longer stated", "agreement": "no longer reported",
           "claim": "no longer reported as such", "quote": "no longer quoted"}


def _renamed(old: dict[str, dict[str, Any]], new: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """``old`` with its entities under their ids in ``new``: an entity's id follows its canonical name, which
    can change as articles arrive ("J. Smith" becomes "John Smith"); an id of ``old`` that ``new`` does not
    know is the one id of ``new`` (unknown to ``old``) that shares a name or alias with it, if there is one."""
    def ents(items: dict[str, dict[str, Any]]) -> dict[str, set[str]]:
        out: dict[str, set[str]] = {}
        for item in items.values():
            for eid, names in (item.get("entities") or {}).items():
                out.setdefault(eid, set()).update(names)
        return out

    was, now = ents(old), ents(new)
    rename = {}
    for eid in sorted(set(was) - set(now)):
        found = [n for n in sorted(set(now) - set(was)) if was[eid] & now[n]]
        if len(found) == 1:
            rename[eid] = found[0]
    if not rename:
        return old
    out = {}
    for key, item in old.items():
        kind, *rest = key.split("|")
        key = "|".join([kind, *(rename.get(x, x) for x in rest)])
        value = dict(item["value"])
        for field in ("heads", "mediators"):
            if field in value:
                value[field] = sorted(rename.get(x, x) for x in value[field])
        out[key] = {**item, "value": value}
    return out


def _rekeyed(old: dict[str, dict[str, Any]], new: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """``old`` with an item under its key in ``new`` when the dossier gave it another id: an item of ``old``
    that ``new`` does not hold is the item of ``new`` (of its kind, unknown to ``old``) with which it shares
    most evidence spans, when that item shares spans with no other such item of ``old`` (an agreement whose
    id grew its parties once a second agreement on its issue came, a round whose place became known)."""
    def spans(item: dict[str, Any]) -> set[tuple[str, int, int]]:
        return {(sp["article"], sp["start"], sp["end"]) for sp in item["evidence"]}

    gone = [k for k in sorted(old) if k not in new]
    fresh = [k for k in sorted(new) if k not in old]
    if not gone or not fresh:
        return old
    shared: dict[str, list[tuple[int, str]]] = {}
    claims: dict[str, set[str]] = {}
    for k in gone:
        mine = spans(old[k])
        for n in fresh:
            if new[n]["kind"] == old[k]["kind"]:
                common = len(mine & spans(new[n]))
                if common:
                    shared.setdefault(k, []).append((-common, n))
                    claims.setdefault(n, set()).add(k)
    moved = {}
    for k, found in shared.items():
        found.sort()
        if (len(found) == 1 or found[0][0] < found[1][0]) and claims[found[0][1]] == {k}:
            moved[k] = found[0][1]
    if not moved:
        return old
    return {moved.get(k, k): item for k, item in old.items()}


def diff(old: dict[str, dict[str, Any]] | None, new: dict[str, dict[str, Any]],
         had: list[str] | None = None) -> list[dict[str, Any]]:
    """The items of ``new`` that ``old`` did not hold (``new``) or held with another value (``changed``), and
    the items of ``old`` that ``new`` no longer holds (``removed``, with the text and evidence they had).
    Entities are matched across the two by name or alias (``_renamed``), items the dossier gave another id
    by their evidence (``_rekeyed``). ``had``: the articles of the older
    brief (default: those its items rest on); an item that is new but rests only on them is ``revised``, not
    new: the older articles now read so (a quote of a speaker who has since become a head of delegation, a
    round found anew in them), and nothing new reported it."""
    known = set(had) if had is not None else {a for item in (old or {}).values() for a in _sources(item)}
    old = _rekeyed(_renamed(old, new), new) if old else {}
    out = []
    for key in sorted(set(new) | set(old), key=lambda k: (_order(k)[0], k not in new, k)):
        item, before = new.get(key), old.get(key)
        if item is None:
            assert before is not None
            out.append({"key": key, "kind": before["kind"], "change": "removed",
                        "text": f"{REMOVED.get(before['kind'], 'no longer reported')}: {before['text']}",
                        "value": before["value"], "evidence": _shown(before), "sources": _sources(before)})
            continue
        if before is not None and before["value"] == item["value"]:
            continue
        fresh = "new" if (not old or not set(_sources(item)) <= known) else "revised"
        # a held item that now reads otherwise from the older articles alone (a meeting in them that now joins
        # a round because the new batch settled who the sides are) is revised, not news of the new batch
        altered = "changed" if fresh == "new" else "revised"
        change = {"key": key, "kind": item["kind"], "change": fresh if before is None else altered,
                  "text": item["text"], "value": item["value"], "evidence": _shown(item, set(_sources(before)) if before else known),
                  "sources": _sources(item)}
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
        blob = json.loads(r[3])
        if set(blob) == {"articles", "items"}:  # item keys hold a '|': a brief kept with its articles
            out.append({"id": r[0], "version": r[1], "created": r[2], "items": blob["items"],
                        "articles": blob["articles"]})
        else:  # kept by older code: its items alone
            out.append({"id": r[0], "version": r[1], "created": r[2], "items": blob, "articles": None})
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
    blob = json.dumps({"articles": sorted(a["id"] for a in data.get("articles", [])), "items": items_of(data)},
                      ensure_ascii=False, sort_keys=True)
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
            "changes": diff(base["items"] if base else None, current["items"], base["articles"] if base else None)}


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
                    "changes": diff(prev["items"] if prev else None, kept[i]["items"],
                                    prev["articles"] if prev else None)})
    return out


__all__ = ["briefs", "changes", "diff", "history", "items_of", "keep"]

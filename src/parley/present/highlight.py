"""An article's clean text with every extracted item marked, as escaped HTML.

Items (entities, quotes, time expressions, quantities, events, claim evidence) may overlap: the text is
cut at every item boundary and each piece is wrapped in one ``<span>`` whose classes name every item that
covers it (``hl-entity``, ``hl-quote``, ...) and whose ``title`` says what they are. Every piece of text
and every title is escaped, so an article that holds HTML or script shows it as text. A target span
(the evidence a link points to) gets ``id="hl"`` and the ``hl-target`` class.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from markupsafe import Markup, escape


@dataclass(frozen=True)
class Item:
    start: int
    end: int
    kind: str  # entity quote timex quantity event claim
    label: str


def items_of(d: dict[str, Any], article_id: str) -> list[Item]:
    """The items of one article in a dossier."""
    out: list[Item] = []
    names = {e["id"]: e["name"] for e in d.get("entities", [])}
    for q in d.get("quotes", []):
        if q.get("article") == article_id:
            sp = q["evidence"][0]
            who = q.get("speaker_name") or "unattributed"
            out.append(Item(sp["start"], sp["end"], "quote", f"{q['kind']} quote — {who}"))
    for t in d.get("timexes", []):
        if t.get("article") == article_id:
            sp = t["evidence"][0]
            out.append(Item(sp["start"], sp["end"], "timex", f"time: {t['value']} ({t['type']})"))
    for qt in d.get("quantities", []):
        if qt.get("article") == article_id:
            sp = qt["evidence"][0]
            unit = f" {qt['unit']}" if qt.get("unit") else ""
            out.append(Item(sp["start"], sp["end"], "quantity", f"quantity: {qt['value']}{unit}"))
    for ev in d.get("events", []):
        if ev.get("article") == article_id:
            sp = ev["evidence"][0]
            who = ", ".join(names.get(a, a) for a in ev.get("actors", []))
            out.append(Item(sp["start"], sp["end"], "event", f"event {ev['type']} ({ev['modality']}){': ' + who if who else ''}"))
    for m in d.get("mentions", []):
        if m.get("article") == article_id:
            out.append(Item(m["start"], m["end"], "entity", f"{m.get('type', '')}: {m['name']}"))
    for c in d.get("claims", []):
        for sp in c["support"]:
            if sp["article"] == article_id:
                out.append(Item(sp["start"], sp["end"], "claim", f"claim ({c['status']}): {c['statement'][:100]}"))
        for x in c["contradict"]:
            if x["span"]["article"] == article_id:
                out.append(Item(x["span"]["start"], x["span"]["end"], "claim",
                                f"contradicts: {c['statement'][:100]}"))
    return out


def render(text: str, items: list[Item], target: tuple[int, int] | None = None,
           anchors: dict[int, list[str]] | None = None) -> Markup:
    """``text`` as HTML, items marked, line breaks kept as paragraphs; ``anchors``: ids of empty anchors
    to place at character offsets (the targets of a report's citations)."""
    n = len(text)
    anchors = anchors or {}
    items = [i for i in items if 0 <= i.start < i.end <= n]
    if target and 0 <= target[0] < target[1] <= n:
        items.append(Item(target[0], target[1], "target", "the evidence you followed"))
    else:
        target = None
    cuts = sorted({0, n, *(i.start for i in items), *(i.end for i in items), *_breaks(text),
                   *(a for a in anchors if 0 <= a <= n)})
    out: list[str] = ['<p>']
    open_target = False
    for a, b in zip(cuts, cuts[1:], strict=False):
        piece = text[a:b]
        out.extend(f'<a id="{escape(x)}"></a>' for x in anchors.get(a, []))
        covering = [i for i in items if i.start <= a and b <= i.end]
        parts = piece.split("\n")
        for k, part in enumerate(parts):
            if k:
                out.append("</p><p>")
            if not part:
                continue
            if covering:
                kinds = sorted({i.kind for i in covering})
                title = "; ".join(dict.fromkeys(i.label for i in covering))
                attrs = f' class="{" ".join("hl-" + k for k in kinds)}" title="{escape(title)}"'
                if "target" in kinds and not open_target:
                    attrs += ' id="hl"'
                    open_target = True
                out.append(f"<span{attrs}>{escape(part)}</span>")
            else:
                out.append(str(escape(part)))
    out.append("</p>")
    return Markup("".join(out).replace("<p></p>", ""))


def _breaks(text: str) -> list[int]:
    return [i for i, ch in enumerate(text) if ch == "\n"] + [i + 1 for i, ch in enumerate(text) if ch == "\n"]

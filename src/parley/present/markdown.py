"""The dossier as Markdown that reads well in a terminal. Citations are
``[article-id:start-end]`` markers that point at the evidence spans."""

from __future__ import annotations

from typing import Any


def cite(evidence: list[dict[str, Any]], limit: int = 3) -> str:
    marks = [f"[{e['article'][:8]}:{e['start']}-{e['end']}]" for e in evidence[:limit]]
    more = f" +{len(evidence) - limit}" if len(evidence) > limit else ""
    return " ".join(marks) + more


def _articles(d: dict[str, Any]) -> list[str]:
    lines = ["## Sources", ""]
    for a in d["articles"]:
        pub = a["published"]
        date = pub["date"] or "undated"
        how = pub["source"] + (", estimated" if pub.get("estimated") else "")
        dup = f" — copy of {a['duplicate_of'][:8]}" if a.get("duplicate_of") else ""
        lines.append(f"- `{a['id'][:8]}` **{a['title'] or '(untitled)'}** — {a['outlet'] or 'unknown outlet'}, "
                     f"{date} ({how}), {a['kind']}{dup}")
        for c in pub.get("conflicts", []):
            lines.append(f"  - date conflict: {c['date']} from {c['source']} ('{c['text']}')")
        if a["removed"]:
            reasons = sorted({r["reason"] for r in a["removed"]})
            lines.append(f"  - removed {len(a['removed'])} noise line(s): {', '.join(reasons)}")
    return lines


def render(d: dict[str, Any]) -> str:
    from .sections import markdown_sections

    lines = [f"# Dossier ({len(d['articles'])} articles)", "", f"_{d['format']}, generated {d['generated']}_", ""]
    lines += markdown_sections(d)
    lines += _articles(d)
    return "\n".join(lines).rstrip() + "\n"

"""The dossier as Markdown that reads well in a terminal. Citations are
``[article-id:start-end]`` markers that point at the evidence spans."""

from __future__ import annotations

from typing import Any


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


def _negotiation(d: dict[str, Any]) -> list[str]:
    neg = d["negotiation"]
    dates = " – ".join(dict.fromkeys(x for x in (neg.get("first_date"), neg.get("last_date")) if x)) or "undated"
    lines = [f"Negotiation `{neg['id']}`: {', '.join(neg['parties'])}; {dates}; {len(neg['stories'])} stories, "
             f"{len(neg['articles'])} articles.", "", "## Stories", ""]
    for s in d.get("stories", []):
        when = " – ".join(dict.fromkeys(x for x in (s.get("first_date"), s.get("last_date")) if x)) or "undated"
        lines.append(f"- `{s['id']}` **{s.get('title') or '(untitled)'}** — {when}, {len(s['articles'])} articles "
                     f"(`parley dossier --story {s['id']}`)")
    return lines + [""]


def render(d: dict[str, Any]) -> str:
    from .sections import markdown_sections

    title = d["stories"][0]["title"] if len(d.get("stories", [])) == 1 and d["stories"][0].get("title") else None
    neg = d.get("negotiation")
    if neg:
        title = neg["title"]
    head = f"# Dossier: {title}" if title else f"# Dossier ({len(d['articles'])} articles)"
    lines = [head, "", f"_{d['format']}, generated {d['generated']}; {len(d['articles'])} articles. "
             "Citations are [article:start-end] offsets into each article's clean text (`parley show ID`)._", ""]
    if neg:
        lines += _negotiation(d)
    lines += markdown_sections(d)
    lines += _articles(d)
    return "\n".join(lines).rstrip() + "\n"

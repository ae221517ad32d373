"""HTML: the Jinja2 environment shared by the web UI and the self-contained report.

``render(d)`` writes one HTML file that needs nothing else: the stylesheet inline, charts as inline SVG,
no script, and every citation a link to the cited sentence, marked in the article texts at the end.
Everything taken from articles is escaped (autoescape), so text holding HTML or script shows as text.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from itertools import groupby
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape


def _groupby_keep(items: list[dict[str, Any]], key: str) -> list[tuple[Any, list[dict[str, Any]]]]:
    """Group consecutive items by ``key``, keeping their order (Jinja's groupby sorts)."""
    return [(k, list(g)) for k, g in groupby(items, key=lambda x: x.get(key))]


@cache
def env() -> Environment:
    e = Environment(loader=PackageLoader("parley.present", "templates"),
                    autoescape=select_autoescape(["html"], default_for_string=True, default=True),
                    trim_blocks=True, lstrip_blocks=True)
    e.filters["groupby_keep"] = _groupby_keep
    from . import views

    e.globals["views"] = views
    return e


@cache
def stylesheet() -> str:
    return resources.files("parley.present").joinpath("static/parley.css").read_text(encoding="utf-8")


def anchor_id(article: str, start: int, end: int) -> str:
    return f"c-{article[:8]}-{start}-{end}"


def render(d: dict[str, Any]) -> str:
    """The dossier as one self-contained HTML file."""
    from . import charts, highlight, views

    cited = views.cited_spans(d)
    texts = {}
    for a in d.get("articles", []):
        spans = sorted(cited.get(a["id"], set()))
        items = [highlight.Item(s, e, "cited", "cited in this dossier") for s, e in spans]
        anchors: dict[int, list[str]] = {}
        for s, e in spans:
            anchors.setdefault(s, []).append(anchor_id(a["id"], s, e))
        texts[a["id"]] = highlight.render(a.get("text") or "", items, anchors=anchors)
    def href(sp: dict[str, Any]) -> str:
        return "#" + anchor_id(sp["article"], sp["start"], sp["end"])

    return env().get_template("report.html").render(
        d=d, charts=charts.dossier_charts(d, href), texts=texts, title=views.title_of(d), report=True,
        inline_css=stylesheet(), root="", link_entities=False,
        href=href)

"""The dossier people read: the cited briefing, Markdown and the self-contained HTML report."""

from __future__ import annotations

import re

import pytest

from parley.dossier import build, dossier

from conftest import EXAMPLES
from helpers import write


@pytest.fixture(scope="module")
def example(example_store):
    return build(example_store)


def test_every_briefing_sentence_cites_spans_that_read_their_text(example, seed_store):
    for d in (example, build(seed_store)):
        texts = {a["id"]: a["text"] for a in d["articles"]}
        assert len(d["briefing"]) >= 8
        for item in d["briefing"]:
            assert item["text"] and item["evidence"], item
            for sp in item["evidence"]:
                assert texts[sp["article"]][sp["start"]:sp["end"]] == sp["text"]
        sections = {b["section"] for b in d["briefing"]}
        assert {"what happened", "at the table", "positions", "agreements", "disputed", "quotes"} <= sections


def test_briefing_of_the_example_says_what_happened_and_what_is_disputed(example):
    text = " ".join(b["text"] for b in example["briefing"])
    assert "met in Port Salvo (Aldmoor Palace) on 2026-03-12" in text
    assert "Tomas Varga" in text and "Ilsa Marren" in text and "Odile Fenwick" in text
    assert "agreed on prisoners" in text
    assert "steps towards ceasefire" in text, "a procedural agreement is not a ceasefire"
    disputed = [b for b in example["briefing"] if b["section"] == "disputed"]
    assert disputed and "three hours" in disputed[0]["text"] and "The Lisk Observer" in disputed[0]["text"]


def test_markdown_has_every_section_with_citations(example):
    md = example.to_markdown()
    for head in ("## Briefing", "## Rounds of talks", "## Positions (party × issue)", "## Agreements",
                 "## Contested claims", "## Corroborated claims", "## Timeline", "## Quotes by speaker",
                 "## Outlets compared", "## Sources"):
        assert head in md, head
    cites = re.findall(r"\[([0-9a-f]{8}):(\d+)-(\d+)\]", md)
    assert len(cites) > 50
    texts = {a["id"][:8]: a["text"] for a in example["articles"]}
    for aid, s, e in cites:
        assert 0 <= int(s) < int(e) <= len(texts[aid])


def test_html_report_is_self_contained_and_links_every_citation(example):
    html = example.to_html()
    assert "<script" not in html.lower()
    assert not re.search(r'(?:src|href)="(?:https?:)?//', html), "no external asset"
    assert "<svg" in html and "<style>" in html
    targets = set(re.findall(r'href="#(c-[0-9a-f]{8}-\d+-\d+)"', html))
    anchors = set(re.findall(r'<a id="(c-[0-9a-f]{8}-\d+-\d+)"></a>', html))
    assert len(targets) > 30 and targets <= anchors


def test_article_html_and_script_are_escaped_in_reports(tmp_path):
    evil = ("<script>alert('x')</script> Envoys of <b>Arland</b> and Besk met in Corvo on Monday for talks, "
            "officials said. \"We agreed to meet again,\" said Arland's negotiator Mira <img src=x onerror=alert(1)> Tal.")
    write(tmp_path / "evil.txt", "<script>document.title='pwned'</script>\n\n" + evil)
    d = dossier(str(tmp_path))
    html = d.to_html()
    assert "<script" not in html.lower() and "<img src=x" not in html
    assert "&lt;script&gt;" in html and "&lt;img src=x onerror=alert(1)&gt;" in html
    md = d.to_markdown()
    assert md  # Markdown is plain text; it carries the text as written


def test_cli_writes_html_and_markdown(tmp_path):
    from typer.testing import CliRunner

    from parley.cli import app

    out = tmp_path / "d.html"
    r = CliRunner().invoke(app, ["dossier", str(EXAMPLES), "--format", "html", "-o", str(out)])
    assert r.exit_code == 0, r.output
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    r = CliRunner().invoke(app, ["dossier", str(EXAMPLES), "--format", "md"])
    assert r.exit_code == 0 and "## Briefing" in r.output

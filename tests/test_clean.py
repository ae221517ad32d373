"""Noise removal: whole lines only, every removal kept with a reason, no article sentence lost."""

from __future__ import annotations

import re

import pytest

from parley.ingestion.clean import clean
from parley.textdate import date_line

from conftest import gold, seed_files


@pytest.mark.parametrize("path", seed_files(), ids=lambda p: p.name[:3])
def test_gold_noise_lines_are_removed(path):
    raw = path.read_text(encoding="utf-8")
    lines = raw.split("\n")
    c = clean(raw)
    removed_lines = {r.line for r in c.removed}
    for item in gold()["files"][path.name]["boilerplate"]:
        assert item["line"] in removed_lines, f"noise line {item['line']} {item['text']!r} was kept"
        assert lines[item["line"] - 1].strip() == item["text"].strip()
    # every removal says why
    assert all(r.reason for r in c.removed)


@pytest.mark.parametrize("path", seed_files(), ids=lambda p: p.name[:3])
def test_no_article_sentence_is_removed(path):
    raw = path.read_text(encoding="utf-8")
    c = clean(raw)
    noise = {b["line"] for b in gold()["files"][path.name]["boilerplate"]}
    for r in c.removed:
        if r.line in noise:
            continue
        # the only other lines that may go are lines that state nothing but a date (metadata)
        assert r.reason == "date line" and date_line(r.text), f"removed a line of the article: {r.text!r}"
    for n, line in enumerate(raw.split("\n"), 1):
        if line.strip() and n not in noise and not date_line(line):
            assert line.strip() in c.text, f"line {n} missing from clean text"


def test_reaction_widget_without_heading_and_counters():
    raw = "A headline\n\nBody sentence one is long enough to count as article prose here. Another one.\n\nlike\n12\nlove\n3\nangry\n0\n"
    c = clean(raw)
    assert "like" not in c.text.split("\n") and "12" not in c.text
    assert sum(r.reason == "reaction widget" for r in c.removed) == 6


def test_rules_never_cut_prose_mentioning_the_same_words():
    body = ("Officials said the website uses cookies to track readers, and regulators opened an inquiry on Monday.\n"
            "Read more about the case in the court filing, the lawyer told reporters after the hearing ended.\n"
            "The advertisement campaign, which cost 3 million, was pulled after complaints from viewers.\n")
    c = clean("Cookie case widens\n\n" + body)
    assert c.text.endswith(body.strip())
    assert not c.removed


@pytest.mark.parametrize("line,reason", [
    ("ADVERTISEMENT", "advertisement marker"),
    ("— Advertisement —", "advertisement marker"),
    ("Story continues below advertisement", "advertisement marker"),
    ("Read more: Ten things to know about the summit", "related-link teaser"),
    ("SEE ALSO: Markets rally on hopes", "related-link teaser"),
    ("Share this article", "share prompt"),
    ("Follow us on Telegram", "share prompt"),
    ("We use cookies to personalise content. By continuing you agree to our cookie policy.", "cookie banner"),
    ("Photo credit: Jane Roe/Agency", "media placeholder"),
])
def test_noise_rules_anywhere(line, reason):
    raw = ("Headline here\n\nFirst paragraph of the story has enough words to be prose, officials said.\n"
           f"{line}\nSecond paragraph continues the story with more words and a full stop.\n")
    c = clean(raw)
    assert [r.reason for r in c.removed] == [reason]
    assert line not in c.text


@pytest.mark.parametrize("footer,reason", [
    ("Most read", "site widget heading"),
    ("Latest stories", "site widget heading"),
    ("Reporting by Jane Roe; Editing by John Doe", "edit credit"),
    ("© 2026 Example Media Group", "copyright notice"),
    ("Jane Roe is a senior correspondent for The Daily Example", "author bio"),
    ("The Daily Example – Foreign Desk.", "outlet credit"),
    ("Tags: Talks, Ceasefire, Diplomacy", "tag list"),
])
def test_footer_rules_only_at_the_edges(footer, reason):
    body = "First paragraph of the story has enough words to be prose, officials said on Monday."
    tail = clean(f"Headline\n\n{body}\n\n{footer}\n")
    assert [r.reason for r in tail.removed] == [reason]
    # the same line between two body paragraphs is left alone (it may be part of the story)
    middle = clean(f"Headline\n\n{body}\n{footer}\n{body} More words follow here.\n")
    assert footer in middle.text


def test_title_and_duplicated_headline():
    c = clean("Talks end without deal\n\nTalks end without deal\n\nNegotiators left the venue on Friday after six hours, officials said.")
    assert c.title == "Talks end without deal"
    assert [r.reason for r in c.removed] == ["duplicated headline"]
    assert c.text.startswith("Talks end without deal\n\nNegotiators")
    assert c.text[c.body_start:].startswith("Negotiators")


def test_no_title_when_first_line_is_prose():
    c = clean("Negotiators left the venue on Friday after six hours of talks, officials said, and nothing was agreed.\nMore text follows.")
    assert c.title is None and c.body_start == 0


def test_bylines_in_many_forms():
    for raw, names in [
        ("Headline\nBy:\nJane Q. Roe\nBody text goes here with enough words to be prose. Yes.", ["Jane Q. Roe"]),
        ("Headline\nBy Jane Roe and John Doe, Reuters\nBody text goes here with enough words to be prose. Yes.",
         ["Jane Roe", "John Doe"]),
        ("Headline\nWritten by: Ana Lima\nBody text goes here with enough words to be prose. Yes.", ["Ana Lima"]),
    ]:
        c = clean(raw)
        assert [n for _, n in c.bylines] == names
        assert not re.search(r"^By", c.text, re.M)

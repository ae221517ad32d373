"""Metadata with provenance: dates by precedence, datelines, outlets, authors, kind."""

from __future__ import annotations

import pytest

from parley.ingestion.build import build_article
from parley.ingestion.clean import clean
from parley.ingestion.meta import RecordMeta, extract, find_dateline
from parley.ingestion.readers import RawDoc
from parley.textdate import date_line, find_dates

from conftest import SEEDS, seed_article


def _article(text: str, **meta):
    art, _ = build_article(RawDoc(locator="t", format="txt", text=text, meta=RecordMeta(**meta)))
    return art


def test_seed_000_is_dated_from_its_date_line(seed_store):
    art = seed_article(seed_store, "000")
    assert art.published.date == "2025-05-20"
    assert art.published.source == "explicit"
    assert art.authors == ["Michael K."]


def test_seed_002_dateline_beats_page_header(seed_store):
    art = seed_article(seed_store, "002")
    assert art.published.date == "2025-05-16"
    assert art.published.source == "dateline"
    assert "2025-07-09" in [c.date for c in art.published.conflicts]
    assert art.dateline.place == "Istanbul" and art.agencies[:1] == ["dpa"]


def test_seeds_without_stated_dates_stay_null_at_ingest(seed_store):
    for name in ("001", "003", "004"):
        art = seed_article(seed_store, name)
        assert art.published.date is None and art.published.source == "unknown"


def test_seed_outlets_and_kinds(seed_store):
    assert seed_article(seed_store, "003").outlet == "Axadle Times International"
    assert seed_article(seed_store, "003").editors == ["Ali Musa"]
    a4 = seed_article(seed_store, "004")
    assert a4.outlet == "The Observer" and a4.authors == ["Nina Kuryata"] and a4.kind == "opinion"
    assert seed_article(seed_store, "000").kind == "opinion"  # first person narration
    assert seed_article(seed_store, "002").kind == "report"


@pytest.mark.parametrize("text,value", [
    ("5/20/25", "2025-05-20"), ("Wednesday, 09 July 2025", "2025-07-09"), ("May 20, 2025", "2025-05-20"),
    ("2025-05-20", "2025-05-20"), ("20.05.2025", "2025-05-20"), ("Tue 20 May 2025 10:32 BST", "2025-05-20"),
    ("Published: July 9th, 2025", "2025-07-09"), ("Updated 10:32 AM EDT, Tue May 20, 2025", "2025-05-20"),
    ("20/5/2025", "2025-05-20"),
])
def test_date_lines_in_many_formats(text, value):
    found = date_line(text)
    assert found is not None and found.value == value


def test_date_line_rejects_prose_and_impossible_dates():
    assert date_line("The talks were held on May 20, 2025 in Geneva.") is None
    assert find_dates("13/45/2025") == []


@pytest.mark.parametrize("para,place,date,credit", [
    ("Istanbul, 16 May 2025 (dpa/MIA) — Talks ended.", "Istanbul", "2025-05-16", "dpa/MIA"),
    ("KYIV (Reuters) - Officials said.", "Kyiv", None, "Reuters"),
    ("WASHINGTON — The president said.", "Washington", None, None),
    ("GENEVA, May 3 (AP) -- Diplomats met.", "Geneva", "2025-05-03", "AP"),
])
def test_datelines(para, place, date, credit):
    d = find_dateline(para, 2025)
    assert d is not None and (d.place, d.date, d.credit) == (place, date, credit)


def test_prose_is_not_a_dateline():
    assert find_dateline("In Istanbul, the mood was grim — nobody expected much.", 2025) is None


def test_metadata_beats_date_lines_and_conflicts_are_kept():
    art = _article("Headline\n\n3 June 2024\n\nTalks resumed on Monday after a long pause, officials said.",
                   date="2024-06-04")
    assert art.published.date == "2024-06-04" and art.published.source == "metadata"
    assert [c.date for c in art.published.conflicts] == ["2024-06-03"]


def test_undated_text_is_not_dated_from_its_latest_date():
    # the latest date a text names is often an event it recalls, not the day it was written
    art = _article("Headline\n\nThe ministers met on 3 March 2024 and again on 5 March 2024, officials said. "
                   "A third meeting will be held on 30 March 2024.")
    assert art.published.date is None and art.published.source == "unknown"


def test_no_date_means_null_never_invented():
    art = _article("Headline\n\nThe ministers met on Monday and will meet again soon, officials said today.")
    assert art.published.date is None and art.published.source == "unknown"


def test_kind_from_labels_and_first_person():
    assert _article("OPINION: Why the talks will fail\n\nThe talks will fail, and here is why it matters.").kind == "opinion"
    assert _article("Analysis: What the deal means\n\nThe deal changes the balance in the region, experts say.").kind == "analysis"
    assert _article("Headline\n\nI went to the talks. I think my view is clear: nothing moved at all.").kind == "opinion"
    assert _article("Headline\n\n\"I think nothing moved,\" the minister said after the talks ended.").kind == "report"


def test_outlet_from_url_domain_and_registry():
    art = _article("Headline\n\nDiplomats met in Vienna on Monday, officials said, without a result.",
                   url="https://www.reuters.com/world/abc")
    assert art.outlet == "Reuters" and art.outlet_source == "url domain"
    assert art.agencies == ["Reuters"]  # a wire in the registry
    other = _article("Headline\n\nDiplomats met in Vienna on Monday, officials said, without a result.",
                     url="https://news.example.org/x")
    assert other.outlet == "news.example.org"


def test_seed_text_keeps_title_and_dateline():
    raw = (SEEDS / "002_0818f1581f9fa156.txt").read_text(encoding="utf-8")
    c = clean(raw)
    m = extract(c, RecordMeta())
    assert c.text.startswith(m.title)
    assert "Istanbul, 16 May 2025 (dpa/MIA) —" in c.text

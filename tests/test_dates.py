"""Publication dates from every source, with provenance; estimates only when the text pins its own day.

All texts are written for these tests (invented places, people and agencies)."""

from __future__ import annotations

import pytest

from parley.analysis.pipeline import analyze_many
from parley.ingestion.build import build_article
from parley.ingestion.meta import RecordMeta
from parley.ingestion.readers import RawDoc, read_bytes, record_doc
from parley.reconcile.dates import anchor_corpus
from parley.textdate import page_dates, url_date

from helpers import ATOM, RSS

BODY = ("Negotiators from Valdoria and Kestrel met for three hours of talks in Port Salvo, officials said after "
        "the session ended.")


def _article(text: str, **meta):
    art, _ = build_article(RawDoc(locator="t", format="txt", text=text, meta=RecordMeta(**meta)))
    return art


def _html(html: str, url: str | None = None):
    art, _ = build_article(RawDoc(locator="t.html", format="html", html=html, meta=RecordMeta(url=url)))
    return art


# ----------------------------------------------------------------------------- URL


@pytest.mark.parametrize("url,value", [
    ("https://news.example/2026/03/12/talks-resume", "2026-03-12"),
    ("https://news.example/world/2026/3/2/41234/talks", "2026-03-02"),
    ("https://news.example/news/2026/mar/12/talks", "2026-03-12"),
    ("https://news.example/World/2026/0312/Talks-resume", "2026-03-12"),
    ("https://news.example/a/20260312/talks", "2026-03-12"),
    ("https://news.example/talks-resume-2026-03-12.html", "2026-03-12"),
])
def test_url_path_dates(url, value):
    art = _article("Talks resume\n\n" + BODY, url=url)
    assert art.published.date == value
    assert art.published.source == "metadata" and art.published.basis.startswith("url path")


@pytest.mark.parametrize("url", [
    "https://news.example/world/talks-resume-260312063412531.html",  # an id's timestamp: when the page was made
    "https://news.example/story?id=20260312",  # a query string
    "https://news.example/2026/13/12/talks",  # no such month
    "https://news.example/2026/03/talks",  # a month only
])
def test_url_without_an_unambiguous_day_gives_no_date(url):
    assert _article("Talks resume\n\n" + BODY, url=url).published.date is None


def test_url_month_is_only_a_month():
    assert url_date("https://news.example/2026/03/talks").value == "2026-03"


# ----------------------------------------------------------------------------- datelines


@pytest.mark.parametrize("lead,url,date,place,credit", [
    ("PORT SALVO, 12 March 2026 (Meridian Press) — ", None, "2026-03-12", "Port Salvo", "Meridian Press"),
    ("PORT SALVO, March 12, 2026 — ", None, "2026-03-12", "Port Salvo", None),
    ("LISK, May 3 (Meridian Press) - ", "https://wire.example/2026/05/04/talks", "2026-05-03", "Lisk", "Meridian Press"),
    ("DRAVENY, June 2. /KNA/. ", "https://kna.example/world/2026/06/talks", "2026-06-02", "Draveny", "KNA"),
    ("VELSK. June 2 (Interfax) - ", "https://wire.example/2026/06/02/a", "2026-06-02", "Velsk", "Interfax"),
    ("Corvo [Valdoria], May 9 (KNA): ", "https://wire.example/2026/05/09/a", "2026-05-09", "Corvo", "KNA"),
])
def test_dateline_styles_date_the_article(lead, url, date, place, credit):
    art = _article("Talks resume\n\n" + lead + BODY, url=url)
    assert art.published.date == date and art.published.source == "dateline"
    assert (art.dateline.place, art.dateline.credit) == (place, credit)


def test_dateline_without_a_date_still_names_place_and_agency():
    for lead, place, credit in (("TARN/LISK (Meridian Press) - ", "Tarn/Lisk", "Meridian Press"),
                                ("(Meridian Press) - ", None, "Meridian Press"), ("LISK—", "Lisk", None)):
        art = _article("Talks resume\n\n" + lead + BODY)
        assert (art.dateline.place, art.dateline.credit, art.published.date) == (place, credit, None)


def test_dateline_year_only_from_an_unambiguous_candidate():
    # no other candidate: the year is unknown, so no date
    assert _article("Talks resume\n\nLISK, May 3 (Meridian Press) - " + BODY).published.date is None
    # two candidates a year apart: ambiguous, so the dateline stays without a year (the record date wins)
    art = _article("Talks resume\n\nLISK, May 3 (Meridian Press) - " + BODY, date="2026-04-28",
                   url="https://wire.example/2025/05/03/talks")
    assert art.published.date == "2026-04-28" and art.published.source == "metadata"
    assert art.dateline.date is None
    # months away from the only other candidate: no year either
    far = _article("Talks resume\n\nLISK, Dec. 30 (Meridian Press) - " + BODY, url="https://wire.example/2026/06/15/a")
    assert far.published.date == "2026-06-15" and far.dateline.date is None
    # across the new year, the nearest occurrence
    ny = _article("Talks resume\n\nLISK, Dec. 31 (Meridian Press) - " + BODY, url="https://wire.example/2026/01/01/a")
    assert ny.published.date == "2025-12-31"


def test_dateline_weekday_must_fit_the_year():
    # 3 May 2026 is a Sunday: "Friday, May 3" cannot be in 2026
    art = _article("Talks resume\n\nLISK, Friday, May 3 (Meridian Press) - " + BODY,
                   url="https://wire.example/2026/05/talks")
    assert art.published.date is None


def test_dateline_beats_record_date_and_the_record_date_is_kept():
    art = _article("Talks resume\n\nPORT SALVO, 12 March 2026 (Meridian Press) — " + BODY, date="2026-03-13")
    assert art.published.date == "2026-03-12"
    assert [(c.date, c.note) for c in art.published.conflicts] == [("2026-03-13", "metadata")]


def test_prose_with_a_dash_is_not_a_dateline():
    art = _article("Talks resume\n\nIn Port Salvo, the mood was grim — nobody expected much from the talks.")
    assert art.dateline is None


# ----------------------------------------------------------------------------- page lines


def test_published_line_below_the_headline():
    art = _article("Talks resume in Port Salvo\nPublished: May 9, 2025 at 9:00 PM IST\n\n" + BODY)
    assert art.published.date == "2025-05-09" and art.published.source == "explicit"
    assert "Published" not in art.text


def test_posted_beats_updated_and_updated_is_never_chosen():
    art = _article("Talks resume in Port Salvo\nPosted on 16 May 2025 | Updated 17 May 2025\n\n" + BODY)
    assert art.published.date == "2025-05-16"
    assert [c.date for c in art.published.conflicts] == ["2025-05-17"]
    only = _article("Talks resume in Port Salvo\nUpdated 10:32 AM EDT, Tue May 20, 2025\n\n" + BODY)
    assert only.published.date is None and [c.date for c in only.published.conflicts] == ["2025-05-20"]


def test_weekday_date_line_above_the_headline_is_not_the_title():
    text = "Thursday, July 24\n\nTalks resume in Port Salvo\n\n" + BODY
    art = _article(text, url="https://news.example/2025/07/talks")
    assert art.title == "Talks resume in Port Salvo"
    assert art.published.date == "2025-07-24" and art.published.source == "explicit"
    assert _article(text).published.date is None  # no year anywhere: no date


def test_date_line_below_the_text():
    art = _article("Talks resume in Port Salvo\n\n" + BODY + "\n\nPublished 9 May 2025, 21:00 (GMT+3)")
    assert art.published.date == "2025-05-09" and art.text.rstrip().endswith("ended.")


def test_page_header_date_loses_to_the_url():
    art = _article("• Wednesday, 09 July 2025\n\nTalks resume in Port Salvo\n\n" + BODY,
                   url="https://news.example/2025/05/16/talks")
    assert art.published.date == "2025-05-16" and [c.date for c in art.published.conflicts] == ["2025-07-09"]


@pytest.mark.parametrize("line", ["Dec. 11: The first meeting in Port Salvo", "June 12", "Updated at 10:18 a.m.",
                                  "Date: 03/12/2026 was chosen for the vote"])
def test_lines_that_are_not_page_dates(line):
    assert page_dates(line) == []


def test_month_and_day_order_unknown_is_not_a_date():
    art = _article("Talks resume in Port Salvo\n03/12/2026\n\n" + BODY)
    assert art.published.date is None


# ----------------------------------------------------------------------------- feeds, records and HTML


def test_record_field_date():
    doc = record_doc({"text": "Talks resume\n\n" + BODY, "published_at": "2026-03-12T08:00:00Z"}, "r", None)
    art, _ = build_article(doc)
    assert art.published.date == "2026-03-12" and art.published.source == "metadata"


def test_feed_entry_dates_with_their_provenance():
    rss = list(read_bytes(RSS.encode(), "f.rss", None, 10**6))
    assert [(d.meta.date, d.meta.date_source) for d in rss] == [("2024-02-05", "feed entry"),
                                                                 ("2024-02-06", "feed entry")]
    (atom,) = read_bytes(ATOM.encode(), "f.atom", None, 10**6)
    assert (atom.meta.date, atom.meta.date_source) == ("2024-02-05", "feed entry (updated)")
    art, _ = build_article(RawDoc(locator="f.atom#1", format="rss", text="Talks resume\n\n" + BODY, meta=atom.meta))
    assert art.published.date == "2024-02-05" and art.published.basis.startswith("feed entry (updated)")


def test_html_metadata_original_date_not_the_update():
    page = ("<html><head><title>Talks resume in Port Salvo</title>"
            '<meta property="article:published_time" content="2026-03-12T08:00:00Z">'
            '<meta property="article:modified_time" content="2026-03-20T08:00:00Z"></head>'
            f"<body><article><h1>Talks resume in Port Salvo</h1><p>{BODY}</p>"
            "<p>The next round is expected in Port Salvo as well, according to the host government.</p>"
            "</article></body></html>")
    art = _html(page)
    assert art.published.date == "2026-03-12" and art.published.basis.startswith("html metadata")


# ----------------------------------------------------------------------------- estimates


@pytest.mark.parametrize("body", [
    # the latest date is a recalled event
    "The ministers met on Monday in Port Salvo, where the treaty of 4 June 1998 was signed, officials said.",
    # the text's weekday agrees with a date it names, but the day it was written is not pinned
    "The ministers met on Thursday in Port Salvo. The talks on 12 March 2026 were the first in two years.",
    # a speaker's "today" is the speaker's
    "\"Today, 12 March 2026, we start again,\" the minister said on arrival in Port Salvo for the talks.",
    # it pins a day, but reports a later one
    "The ministers met today, 12 March 2026, in Port Salvo. A second session took place on 14 March 2026.",
    # it pins a day, but its weekday disagrees (12 March 2026 is a Thursday)
    "The ministers met today, Friday, in Port Salvo. Their talks began today, 12 March 2026, officials said.",
])
def test_estimates_are_refused_when_the_text_does_not_pin_its_day(body):
    art = _article("Talks resume\n\n" + body)
    assert art.published.date is None and not art.published.estimated


def test_estimate_when_the_text_pins_its_own_day():
    art = _article("Talks resume\n\nThe ministers met today, 12 March 2026, in Port Salvo. They will meet again "
                   "on 30 March 2026, officials said. Their last talks were held on 4 June 1998.")
    assert art.published.date == "2026-03-12"
    assert art.published.source == "relative" and art.published.estimated
    assert "today, 12 March 2026" in art.published.basis
    yesterday = _article("Talks resume\n\nThe ministers met yesterday (11 March 2026) in Port Salvo, aides said.")
    assert yesterday.published.date == "2026-03-12" and yesterday.published.estimated


# ----------------------------------------------------------------------------- the story's estimates


STORY = [
    ("https://wire.example/2026/03/12/talks",
     "Talks end in Port Salvo\n\nPORT SALVO, 12 March 2026 (Meridian Press) — Negotiators from Valdoria and "
     "Kestrel ended their talks in Port Salvo on Thursday without an agreement, officials said."),
    ("https://daily.example/2026/03/12/port-salvo",
     "No deal in Port Salvo\n\nThe talks in Port Salvo ended on Thursday without a deal, both delegations said."),
    (None, "Kestrel blames Valdoria\n\nKestrel blamed Valdoria for the failure of yesterday's talks in Port Salvo, "
           "its foreign ministry said in a statement."),
    (None, "Week of blame\n\nBoth sides traded blame on Saturday over last Thursday's talks in Port Salvo, "
           "which ended without an agreement."),
]


def test_story_estimates_pin_a_day_or_give_a_range_without_a_date():
    arts = [_article(text, url=url) for url, text in STORY]
    assert [a.published.date for a in arts] == ["2026-03-12", "2026-03-12", None, None]
    items = list(zip(arts, analyze_many(arts), strict=True))
    est = anchor_corpus(items)
    pinned, ranged = est[arts[2].id], est[arts[3].id]
    assert pinned.date == "2026-03-13" and "Port Salvo" in pinned.basis
    assert ranged.date is None and ranged.earliest == "2026-03-13" and ranged.latest == "2026-03-19"


def test_a_dateline_date_does_not_date_the_event():
    art = _article("Talks end in Port Salvo\n\nPORT SALVO, 13 March 2026 (Meridian Press) — Valdoria and Kestrel "
                   "agreed to exchange 500 prisoners, officials said after talks that ended late on Thursday.")
    an = next(analyze_many([art]))
    assert art.published.date == "2026-03-13"
    dl = [t for t in an.timexes if t.text == "13 March 2026"]
    assert dl and dl[0].value == "2026-03-13" and dl[0].rel.get("dateline")
    assert an.events and all(e.date != "2026-03-13" for e in an.events)

"""Story titles: an event's name, else the most central headline; never a date, dateline, byline or chrome."""

from __future__ import annotations

from parley.reconcile.titles import bad_title, central_headline, distinct, story_title


def test_lines_that_are_no_headline():
    for line in ("Published: March 3, 2024 at 9:00 PM GMT", "Updated 12.03.2024 14:05", "Monday, 5 February 2024",
                 "5 Feb 2024", "By Rae Lund", "CORVO (Wire) -", "CORVO, Arland —", "", None, "Share"):
        assert bad_title(line), line
    for line in ("Envoys meet in Corvo", "Arland and Besk agree to a prisoner swap",
                 "Talks in Corvo end without a deal on 5 February"):
        assert not bad_title(line), line


def test_central_headline_skips_chrome_and_prefers_shared_words():
    arts = [{"id": "a", "title": "Published: February 5, 2024 at 9:00 AM"},
            {"id": "b", "title": "Farm prices fall in Besk"},
            {"id": "c", "title": "Arland and Besk envoys meet in Corvo"},
            {"id": "d", "title": "Corvo talks: Arland envoys meet Besk"}]
    assert central_headline(arts)["id"] == "c"
    assert central_headline([{"id": "x", "title": "By Ola Berg"}]) is None


def _data(round_articles):
    return {"entities": [{"id": "gpe:arland", "name": "Arland"}, {"id": "gpe:besk", "name": "Besk"}],
            "rounds": [{"id": "round:2024-02-05:corvo", "status": "held", "date": "2024-02-05", "place": "Corvo",
                        "parties": ["gpe:arland", "gpe:besk"], "articles": round_articles,
                        "evidence": [{"article": "a", "start": 0, "end": 5, "text": "Envoy"}]}],
            "articles": [{"id": "a", "title": "Envoys meet"}, {"id": "b", "title": "Corvo envoys meet again"},
                         {"id": "c", "title": "5 February 2024"}]}


def test_a_round_names_the_story():
    title, basis = story_title(_data(["a", "b"]), {"id": "s", "articles": ["a", "b", "c"]})
    assert title == "Arland–Besk talks in Corvo, 5 February 2024"
    assert basis["kind"] == "round" and basis["round"] == "round:2024-02-05:corvo" and basis["evidence"]


def test_a_minor_round_does_not_name_the_story():
    title, basis = story_title(_data(["a"]), {"id": "s", "articles": ["a", "b", "c"]})
    assert basis == {"kind": "headline", "article": "a"} and title == "Envoys meet"


def test_no_two_stories_share_a_title():
    rows = [{"id": "s1", "title": "Envoys meet", "first_date": "2024-02-05", "last_date": "2024-02-06"},
            {"id": "s2", "title": "Envoys meet", "first_date": "2024-03-01", "last_date": "2024-03-01"},
            {"id": "s3", "title": "Envoys meet", "first_date": "2024-03-01", "last_date": "2024-03-01"},
            {"id": "s4", "title": None, "first_date": None, "last_date": None}]
    titles = [r["title"] for r in distinct(rows)]
    assert titles[0] == "Envoys meet" and titles[1] == "Envoys meet (1 March 2024)"
    assert titles[2] == "Envoys meet (s3)" and titles[3] is None
    assert len(set(titles[:3])) == 3


def test_stored_titles_come_from_the_dossier(tmp_path):
    from parley.dossier import story_dossier
    from parley.ingestion.run import ingest
    from parley.present import service
    from parley.store.db import Store

    texts = {"a.txt": "Published: February 5, 2024 at 9:00 AM\n\nEnvoys from Arland and Besk met in Corvo on Monday "
                      "for six hours of talks, officials said.\n",
             "b.txt": "Arland and Besk envoys meet in Corvo\n\nEnvoys from Arland and Besk met in Corvo on Monday "
                      "for talks, officials said. The next round is expected in Corvo.\n"}
    for name, text in texts.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    st = Store(str(tmp_path / "t.db"))
    try:
        ingest([str(tmp_path)], st)
        listed = service.stories(st)
        for s in listed:
            d = story_dossier(st, s["id"])
            assert not bad_title(d["stories"][0]["title"])
            assert d["stories"][0]["title_basis"]["kind"] in ("round", "headline")
        titles = [s["title"] for s in service.stories(st)]
        assert all(t and not bad_title(t) for t in titles)
        assert len(set(titles)) == len(titles)
    finally:
        st.close()

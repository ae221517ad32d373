"""Story clustering: the online, local re-clustering (reconcile/stories.py) and its stored twin."""

from __future__ import annotations

import json

import pytest

from parley.reconcile import stories
from parley.reconcile.stories import Clusterer, Doc, Node, average_link, decay

from conftest import DATA, EXAMPLES, SEEDS


def _doc(i: str, text: str, date: str | None = None) -> Doc:
    return Doc.of(i, text, text.split(".")[0], None, date)


QUAKE_A = ("A strong earthquake struck Vellmar province early on Tuesday, toppling houses in Ostrin and Pelk. "
           "The Vellmar Geological Office measured the quake at magnitude 6.2. Rescue teams from Ostrin searched "
           "the rubble in Pelk, where officials said eleven people died.")
QUAKE_A2 = ("Rescue teams in Pelk pulled survivors from collapsed houses on Wednesday, a day after the magnitude "
            "6.2 earthquake in Vellmar province. Officials in Ostrin raised the death toll to fourteen.")
QUAKE_B = ("An earthquake of magnitude 5.1 shook the coastal town of Dunmore in Aslor on Sunday. The Aslor "
           "Seismic Service said there was little damage in Dunmore and nearby Carrow; no one was hurt.")
QUAKE_B2 = ("Residents of Dunmore and Carrow in Aslor cleaned up on Monday after Sunday's magnitude 5.1 "
            "earthquake, which the Aslor Seismic Service said cracked walls but hurt no one.")
CUP = ("Harlow Rovers won the Cup final on Saturday, beating Stenby 3-1 at Marsh Park. Rovers captain Ada "
       "Quill scored twice as Harlow lifted the trophy for the first time.")


def test_two_quakes_of_one_kind_are_two_stories_and_the_match_a_third():
    c = Clusterer(0.22)
    for i, text in enumerate([QUAKE_A, QUAKE_B, CUP, QUAKE_A2, QUAKE_B2]):
        c.add(_doc(f"d{i}", text, "2030-04-0" + str(i + 1)))
    a = c.assigned
    assert a["d0"] == a["d3"], "the follow-up joins its quake"
    assert a["d1"] == a["d4"]
    assert len({a["d0"], a["d1"], a["d2"]}) == 3, "two quakes of one kind stay apart; the match is elsewhere"


def test_copies_follow_their_original():
    c = Clusterer(0.22)
    c.add(_doc("a", QUAKE_A))
    c.add(_doc("copy", QUAKE_A), follow="a")
    c.add(_doc("b", QUAKE_A2))
    assert c.assigned["copy"] == c.assigned["a"] == c.assigned["b"]
    assert c.stories[c.assigned["a"]].size == 3


def test_average_link_and_time_decay():
    v = {"x": 1.0}
    nodes = [Node(["a"], v, v, 1, "2030-01-01", None), Node(["b"], v, v, 1, "2030-01-03", None),
             Node(["c"], {"y": 1.0}, {"y": 1.0}, 1, None, None)]
    assert sorted(map(sorted, average_link(nodes, 0.5))) == [[0, 1], [2]]
    assert decay("2030-01-01", "2030-01-05") == 1.0
    assert decay("2030-01-01", "2030-06-01") < 0.01, "months apart, the same words are another story"
    far = [Node(["a"], v, v, 1, "2030-01-01", None), Node(["b"], v, v, 1, "2031-01-01", None)]
    assert len(average_link(far, 0.5)) == 2


def test_a_bridging_article_joins_two_stories_and_the_older_id_stays():
    """Two reports of one event that share no words open two stories; a third that shares words with both
    brings them together under the older story's id."""
    c = Clusterer(0.22)
    c.add(_doc("p", "The ferry Castor ran aground near Tessel on Friday, the harbour master of Tessel said."))
    c.add(_doc("q", "Coastguard boats from Marlin Bay rescued forty stranded passengers overnight, officials in "
                    "Marlin Bay said."))
    assert c.assigned["p"] != c.assigned["q"]
    c.add(_doc("r", "The ferry Castor ran aground near Tessel on Friday and coastguard boats from Marlin Bay "
                    "rescued its forty stranded passengers."))
    assert c.assigned["p"] == c.assigned["q"] == c.assigned["r"] == "s-p"
    assert set(c.stories) == {"s-p"} and c.stories["s-p"].size == 3


def _stream():
    files = sorted(SEEDS.glob("*.txt")) + sorted((DATA / "unrelated").glob("*.txt"))
    return [str(f) for f in files] + [str(EXAMPLES)]


@pytest.mark.parametrize("recent", [30, 2])
def test_the_stored_clusterer_places_articles_as_the_in_memory_one(tmp_path, monkeypatch, recent):
    """The store runs the very algorithm the benchmark measures: same stream, same stories, same ids (with
    ``recent=2``, big stories keep most members in their core)."""
    monkeypatch.setattr(stories, "RECENT", recent)
    from parley.ingestion.run import ingest
    from parley.store.db import Store

    st = Store(str(tmp_path / "s.db"))
    for src in _stream():  # several batches, as separate ingests
        ingest([src], st, analyze=False)
    stored = st.story_of()
    arts = list(st.iter_articles())
    st.close()
    c = Clusterer(0.22)
    for art in arts:
        follow = art.duplicate_of if art.duplicate_of in c.assigned else None
        c.add(Doc.of(art.id, art.text[art.body_start:], art.title, art.url, art.published.date), follow=follow)
    assert {a.id: c.assigned[a.id] for a in arts} == stored
    assert len(set(stored.values())) >= 5


@pytest.mark.parametrize("recent", [30, 2])
def test_stored_state_is_consistent(tmp_path, monkeypatch, recent):
    """Sizes match memberships; every story has members; the index points at live stories only."""
    monkeypatch.setattr(stories, "RECENT", recent)
    from sqlalchemy import func, select

    from parley.ingestion.run import ingest
    from parley.store import schema
    from parley.store.db import Store

    st = Store(str(tmp_path / "s.db"))
    for src in _stream():
        ingest([src], st, analyze=False)
    with st.reader() as conn:
        sizes = dict(conn.execute(select(schema.stories.c.id, schema.stories.c.size)).all())
        counts = dict(conn.execute(select(schema.story_articles.c.story_id, func.count())
                                   .group_by(schema.story_articles.c.story_id)).all())
        indexed = {r[0] for r in conn.execute(select(schema.story_terms.c.story_id).distinct())}
        n_articles = conn.execute(select(func.count()).select_from(schema.articles)).scalar_one()
        cores = [json.loads(r[0])["core_size"] for r in conn.execute(select(schema.stories.c.data))]
    st.close()
    assert (max(cores) > 0) == (recent == 2), "small RECENT: big stories have a core"
    assert sizes == counts
    assert sum(counts.values()) == n_articles
    assert indexed <= set(sizes)


def test_a_story_merged_away_leaves_no_cached_dossier_or_entity_rows(tmp_path):
    """When an article bridges two stories, the absorbed story's cached dossier and entity index go too."""
    from sqlalchemy import select

    from parley.ingestion.run import ingest
    from parley.store import schema
    from parley.store.db import Store

    from helpers import write

    st = Store(str(tmp_path / "m.db"))
    write(tmp_path / "a" / "p.txt", "Castor aground\n\nThe ferry Castor ran aground near Tessel on Friday, the "
                                    "harbour master of Tessel said.")
    write(tmp_path / "a" / "q.txt", "Passengers rescued\n\nCoastguard boats from Marlin Bay rescued forty stranded "
                                    "passengers overnight, officials in Marlin Bay said.")
    assert ingest([str(tmp_path / "a")], st).ok
    assert len(st.stories()) == 2 and not st.stories_without_dossier()
    write(tmp_path / "b" / "r.txt", "Castor passengers safe\n\nThe ferry Castor ran aground near Tessel on Friday "
                                    "and coastguard boats from Marlin Bay rescued its forty stranded passengers.")
    assert ingest([str(tmp_path / "b")], st).ok
    (story,) = st.stories()
    with st.reader() as conn:
        cached = {r[0] for r in conn.execute(select(schema.story_cache.c.story_id))}
        indexed = {r[0] for r in conn.execute(select(schema.entity_index.c.story_id).distinct())}
    assert cached == {story["id"]} and indexed <= {story["id"]}
    st.close()

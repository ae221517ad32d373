"""The negotiation layer groups stories of one process and keeps look-alikes apart (fictional stories)."""

from __future__ import annotations

from parley.reconcile.negotiations import Grouper, StoryView, gap_days, group, parties_match

TRADE = {"tariff": 3.0, "quota": 2.0, "steel": 2.0, "export": 1.0}
WATER = {"river": 3.0, "dam": 3.0, "water": 2.0, "basin": 1.0}


def sv(sid: str, parties: tuple[str, ...], terms: dict[str, float], first: str, last: str | None = None,
       subject: str | None = None) -> StoryView:
    return StoryView(sid, parties, terms, first, last or first, subject)


def test_rounds_of_one_process_group_together() -> None:
    negs = group([sv("s1", ("Arvania", "Belmora"), TRADE, "2031-03-02", "2031-03-05", "trade"),
                  sv("s2", ("Arvania", "Belmora"), TRADE, "2031-04-20", subject="trade"),
                  sv("s3", ("Arvania", "Belmora", "Corvel"), TRADE, "2031-06-01", subject="trade")])
    assert len(negs) == 1
    n = negs[0]
    assert n.stories == ["s1", "s2", "s3"]
    assert n.first_date == "2031-03-02" and n.last_date == "2031-06-01"
    assert n.title() == "Arvania–Belmora trade talks, 2031"
    assert n.as_dict()["parties"] == ["Arvania", "Belmora"]


def test_look_alikes_stay_apart() -> None:
    negs = group([sv("s1", ("Arvania", "Belmora"), TRADE, "2031-03-02"),
                  sv("s2", ("Arvania", "Belmora"), TRADE, "2033-03-02"),  # same parties, another year
                  sv("s3", ("Corvel", "Dastan"), TRADE, "2031-03-10"),  # other parties, same subject
                  sv("s4", ("Arvania", "Belmora"), WATER, "2031-03-20")])  # same parties, other subject
    assert sorted(n.stories[0] for n in negs) == ["s1", "s2", "s3", "s4"]
    assert all(len(n.stories) == 1 for n in negs)


def test_bridging_story_merges_and_oldest_keeps_id() -> None:
    g = Grouper()
    g.add(sv("s1", ("Arvania", "Belmora"), TRADE, "2031-03-02"))
    g.add(sv("s2", ("Corvel", "Dastan"), TRADE, "2031-03-09"))
    assert len(g.negotiations()) == 2
    nid = g.add(sv("s3", ("Arvania", "Belmora", "Corvel", "Dastan"), TRADE, "2031-03-20"))
    assert nid == "n-s1" and [n.stories for n in g.negotiations()] == [["s1", "s2", "s3"]]


def test_replacing_and_removing_a_story() -> None:
    g = Grouper()
    g.add(sv("s1", ("Arvania", "Belmora"), TRADE, "2031-03-02"))
    g.add(sv("s2", ("Arvania", "Belmora"), TRADE, "2031-03-12"))
    g.add(sv("s2", ("Arvania", "Belmora"), WATER, "2031-03-12"))  # re-placed after its members changed
    assert g.negotiation_of("s1") != g.negotiation_of("s2")
    g.remove("s2")
    assert g.negotiation_of("s2") is None and [n.stories for n in g.negotiations()] == [["s1"]]


def test_order_of_arrival_does_not_change_batch_output() -> None:
    views = [sv(f"s{i}", ("Arvania", "Belmora"), TRADE, f"2031-0{i}-01") for i in range(1, 6)]
    assert [n.as_dict() for n in group(views)] == [n.as_dict() for n in group(list(reversed(views)))]


def test_helpers() -> None:
    assert gap_days("2031-01-01", "2031-01-10", "2031-01-05", None) == 0
    assert gap_days("2031-01-01", "2031-01-10", "2031-02-09", None) == 30
    assert gap_days(None, None, "2031-01-01", None) is None
    assert parties_match({"A", "B"}, {"A", "B"})
    assert not parties_match({"A", "B"}, {"A", "C"})
    assert parties_match({"A", "B", "C"}, {"A", "B"})


def test_ingestion_does_not_import_the_dossier_module() -> None:
    import ast
    from pathlib import Path

    import parley.ingestion as ing

    for f in sorted(Path(ing.__file__).parent.glob("*.py")):
        for node in ast.walk(ast.parse(f.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                assert not (node.module or "").endswith("dossier"), f"{f.name} imports {node.module}"
            if isinstance(node, ast.Import):
                assert not any(a.name.endswith("dossier") for a in node.names), f.name


def test_a_story_of_two_tracks_bridges_nothing():
    # one leader's story about both tracks matches both negotiations; it joins the oldest, and the two stay apart
    a = StoryView("s1", ("Arvania", "Belmora", "Leader"), TRADE, "2031-03-02", "2031-03-02", sides=("Arvania", "Belmora"))
    b = StoryView("s2", ("Arvania", "Corvel", "Leader"), TRADE, "2031-03-05", "2031-03-05", sides=("Arvania", "Corvel"))
    both = StoryView("s3", ("Arvania", "Belmora", "Corvel", "Leader"), TRADE, "2031-03-09", "2031-03-09",
                     sides=("Arvania", "Belmora", "Corvel"))
    g = Grouper()
    for v in (a, b, both):
        g.add(v)
    assert sorted(n.stories for n in g.negotiations()) == [["s1", "s3"], ["s2"]]


def test_a_party_every_story_names_does_not_crowd_out_the_right_negotiation():
    # many small negotiations share one party; the one sharing both sides is still among the candidates
    g = Grouper()
    g.add(StoryView("s00", ("Arvania", "Belmora"), TRADE, "2031-01-02", "2031-01-02", sides=("Arvania", "Belmora")))
    for i in range(1, 15):
        g.add(StoryView(f"s{i:02d}", ("Arvania", f"Other{i}"), WATER, f"2031-02-{i:02d}", f"2031-02-{i:02d}", sides=("Arvania",)))
    nid = g.add(StoryView("s99", ("Arvania", "Belmora"), TRADE, "2031-03-01", "2031-03-01", sides=("Arvania", "Belmora")))
    assert nid == g.negotiation_of("s00")


def test_who_reports_or_illustrates_a_story_is_no_party_to_it():
    from parley.reconcile.negotiations import _reporter

    assert _reporter("Reuters") and _reporter("AP Photo/Jane Doe") and _reporter("@janedoe")
    assert not _reporter("Valdoria") and not _reporter("Kestrel Trade Ministry") and not _reporter("Democrats")

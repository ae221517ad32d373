"""Who holds a position, on real coverage's habits (issue 12): "The US" is the country, not the pronoun "us";
"the North" is the one state of the article whose name begins so; a person the article names without a side
holds the position for the side the corpus gives them; and in a fight between a state's own parties (a budget
standoff), a party member's position is the party's and the president's is the executive's. Short articles
written for this test (fictional people; states, seats of government and party names are general knowledge)."""

from __future__ import annotations

DAY = "2031-05-02"


def analysed(text):
    from parley.analysis.pipeline import analyze
    from parley.model import Article, Published

    return analyze(Article(id="p1", text=text, published=Published(date=DAY, source="metadata")))


def positions(text):
    return [(st.party, st.issue, st.stance) for st in analysed(text).statements if st.kind == "position"]


def test_the_us_is_the_country_not_the_pronoun():
    assert ("United States", "demilitarization", "demand") in positions(
        "The US wanted Kestrel to put its arsenal on the negotiating table.")


def test_us_in_a_quote_is_still_the_speakers_side():
    got = analysed("“Let us be clear: we demand a ceasefire,” said Valdoria's foreign minister Ana Brisk.")
    assert all(st.party != "United States" for st in got.statements if st.kind == "position"), got.statements


def test_the_north_is_the_one_state_so_named():
    an = analysed("South Sudan and Kestrel met on Friday. Later the South rejected a ceasefire with Kestrel.")
    assert ("South Sudan", "ceasefire", "rejection") in [(st.party, st.issue, st.stance)
                                                           for st in an.statements if st.kind == "position"]


def test_the_south_stays_a_region_when_two_states_are_so_named():
    an = analysed("South Sudan and South Africa held talks. Later the South rejected a ceasefire.")
    assert not any(st.party in ("South Sudan", "South Africa") for st in an.statements if st.kind == "position")


def test_a_party_tag_is_a_role_with_its_span():
    text = "Sen. Ana Ruiz, D-Ore., rejected the funding bill."
    ruiz = next(e for e in analysed(text).entities if e.type == "PERSON")
    tag = next(r for r in ruiz.roles if r.title == "D-Ore.")
    assert text[tag.start:tag.end] == "D-Ore."


def test_a_person_without_a_side_in_the_article_is_kept_for_the_corpus():
    got = [st for st in analysed("President Maria Holt rejected a ceasefire on Friday.").statements if st.kind == "position"]
    assert got and got[0].party is None and got[0].speaker and got[0].stance == "rejection", got


def test_person_party_reads_titles_and_tags():
    from parley.reconcile.entities import CorpusEntity
    from parley.reconcile.ledger import person_party

    def person(*titles):
        return CorpusEntity(id="person:x", name="X", type="PERSON", aliases=[], variants=[],
                            roles=[{"title": t} for t in titles], articles=[], mentions=1, affiliation=None)

    assert person_party(person("the Senate Democratic leader")) == "Democrats"
    assert person_party(person("R-Utah", "Senate Majority Leader")) == "Republicans"
    assert person_party(person("President of the Democratic Republic of Ostland")) is None
    assert person_party(person("Republican Sen.", "D-Ore.")) is None  # two parties: none
    assert person_party(person("the Republican president", "President")) is None  # the executive's, not a party's


BUDGET = [
    ("The Harbour Post", "2031-01-08", "Budget standoff",
     "U.S. President Tom Alder met congressional leaders at the White House on Tuesday. Democrats and the White "
     "House traded offers. Democrats rejected funding "
     "for the border wall. House Speaker Ruth Calloway, D-Ore., said Democrats rejected the funding bill. "
     "Senate Majority Leader Dan Voss, R-Utah, urged Democrats to accept the funding bill. Alder demanded "
     "$5 billion in funding for the border wall."),
    ("The Evening Ledger", "2031-01-09", "Shutdown talks",
     "Democrats rejected funding for a border wall again on Wednesday, and the White House said Democrats "
     "would not negotiate. Republicans urged a vote on the "
     "funding bill. Speaker Ruth Calloway rejected the spending bill. President Alder insisted on funding for the border wall. The "
     "White House demanded border security funding."),
]


def test_a_budget_fight_gives_positions_to_the_parties_and_the_executive(tmp_path):
    from helpers import reports_dossier

    d = reports_dossier(tmp_path, BUDGET)
    names = {e["id"]: e["name"] for e in d["entities"]}
    by_speaker = {(s, names.get(p["party"], p["party_name"])) for p in d["positions"] for s in p["speakers"]}
    holders = {names.get(p["party"], p["party_name"]) for p in d["positions"]}
    assert "United States" not in holders, d["positions"]
    calloway = next(e for e in d["entities"] if e["name"].endswith("Calloway"))["id"]
    alder = next(e for e in d["entities"] if e["name"].endswith("Alder"))["id"]
    assert (calloway, "Democrats") in by_speaker, by_speaker
    assert (alder, "White House") in by_speaker, by_speaker


def test_talks_between_states_keep_the_state_as_holder(tmp_path):
    from helpers import reports_dossier

    talks = ("Envoys of the United States and Norway met in Geneva on Friday for talks on sanctions. "
             "U.S. President Tom Alder demanded sanctions on Norway. Norway rejected sanctions. "
             "Sen. Ana Ruiz, D-Ore., said Democrats back the talks. Democrats demanded sanctions on Norway.")
    d = reports_dossier(tmp_path, [("The Harbour Post", DAY, "Sanctions talks", talks),
                                   ("The Evening Ledger", DAY, "Geneva talks", talks.replace("Friday", "Friday night"))])
    alder = next(e["id"] for e in d["entities"] if e["name"].endswith("Alder"))
    held = {(p["party_name"], p["stance"]) for p in d["positions"] if alder in p["speakers"]}
    assert held == {("United States", "demand")}, d["positions"]
    assert ("Norway", "rejection") in {(p["party_name"], p["stance"]) for p in d["positions"]}, d["positions"]


def test_he_holds_the_position_of_the_person_he_stands_for():
    got = [st for st in analysed("Ostland's Vice Premier Tomas Brenner met officials of Valdoria on Monday. "
                                 "He appealed to Valdoria to avoid more tariffs.").statements if st.kind == "position"]
    assert [(st.party, st.issue, st.stance) for st in got] == [("Ostland", "trade", "demand")], got
    assert "brenner" in (got[0].speaker or "").lower()


def test_what_is_asked_is_the_infinitive_of_an_asking_verb():
    got = positions("Ostland appealed to Valdoria to avoid more tariffs.")
    assert ("Ostland", "trade", "demand") in got, got


def agreements(text):
    return [(st.issue, st.status, tuple(st.parties)) for st in analysed(text).statements if st.kind == "agreement"]


def test_one_thing_agreed_is_one_agreement_whatever_its_clause_mentions():
    got = agreements("Ostland and Kestrel agreed to a phased process in which Kestrel would give up its "
                     "nuclear arsenal in stages.")
    assert len(got) == 1, got


def test_two_things_agreed_are_two_agreements():
    got = agreements("Ostland and Kestrel agreed to a ceasefire and an exchange of prisoners.")
    assert sorted(g[0] for g in got) == ["ceasefire", "prisoners"], got


def test_a_person_without_a_side_in_an_agreement_is_resolved_across_the_corpus():
    from types import SimpleNamespace

    from parley.reconcile.entities import CorpusEntity
    from parley.reconcile.ledger import Parties, _agreement_sides

    got = [st for st in analysed("President Tom Alder and Ruth Calloway agreed to a ceasefire on Friday.").statements
           if st.kind == "agreement"]
    assert got and got[0].people, got
    keys = got[0].people
    ent = lambda i, n, t, aff=None: CorpusEntity(id=i, name=n, type=t, aliases=[], variants=[], roles=[],  # noqa: E731
                                                 articles=[], mentions=1, affiliation=aff)
    val, alder = ent("gpe:valdoria", "Valdoria", "GPE"), ent("person:alder", "Tom Alder", "PERSON", "Valdoria")
    named_of = _agreement_sides(Parties([val, alder]), {e.id: e for e in (val, alder)},
                                {("p1", k): "person:alder" for k in keys})
    assert named_of(SimpleNamespace(id="p1"), got[0]) == ["gpe:valdoria"]


def test_a_subjunctive_agree_is_asked_for_not_agreed():
    assert agreements("Observers felt no urgency that Kestrel agree to a ceasefire.") == []
    assert agreements("Ostland and Kestrel agree to a ceasefire.") == [("ceasefire", "agreed", ("Ostland", "Kestrel"))]


def test_what_an_agreement_left_without_is_not_agreed():
    got = agreements("Valdoria gave ground as a result of Ostland's agreement to meet with the Kestrel leader for a "
                     "summit last month without first extracting a formal pledge of a ceasefire.")
    assert [g[0] for g in got] == ["leaders' meeting"], got


def test_the_party_of_a_president_is_not_his_side():
    got = positions("The Republican president vowed to reject any budget unless it included funding for the wall.")
    assert not any(p in ("Republican", "Republicans") for p, _, _ in got), got

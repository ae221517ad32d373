"""Who holds a position or made an agreement, and on what: the agent of the cue and the issues of its own scope
(analysis/holders.py; issue 12). Short sentences written for this test (fictional states and people)."""

from __future__ import annotations

import pytest

DAY = "2031-05-02"


def _statements(text):
    from parley.analysis.pipeline import analyze
    from parley.model import Article, Published

    an = analyze(Article(id="h1", text=text, published=Published(date=DAY, source="metadata")))
    return [st for st in an.statements if st.kind != "claim"]


def positions(text):
    return {(st.party, st.issue, st.stance) for st in _statements(text) if st.kind == "position"}


def agreements(text):
    return {(st.issue, st.status, tuple(sorted(st.parties))) for st in _statements(text) if st.kind == "agreement"}


# -- the holder is the cue's agent

def test_the_rejecter_holds_the_rejection_not_the_one_whose_demand_it_rejects():
    got = positions("Valdoria rejected Kestrel's demand for a ceasefire.")
    assert ("Valdoria", "ceasefire", "rejection") in got
    assert not [p for p in got if p[0] != "Valdoria" and p[2] == "rejection"], got


def test_a_pronoun_subject_of_a_report_is_its_source():
    assert ("Valdoria", "ceasefire", "rejection") in positions("Valdoria said it had rejected the ceasefire.")


def test_coordinated_verbs_share_their_subject():
    got = positions("Kestrel has demanded a ceasefire and rejected talks on territory.")
    assert {("Kestrel", "ceasefire", "demand"), ("Kestrel", "territory", "rejection")} <= got
    assert ("Kestrel", "ceasefire", "rejection") not in got  # each cue over its own object


def test_a_relative_pronoun_stands_for_its_antecedent():
    got = positions("Valdoria, which rejected a ceasefire last week, now wants a prisoner exchange.")
    assert {("Valdoria", "ceasefire", "rejection"), ("Valdoria", "prisoners", "demand")} <= got
    assert ("Valdoria", "prisoners", "rejection") not in got


def test_a_light_verb_gives_a_stance_noun_its_subject():
    assert ("Valdorian", "sanctions", "concession") in positions(
        "The Valdorian government made concessions on sanctions, officials said.")


@pytest.mark.parametrize("text", [
    "Officials said Lisk believes Valdoria wants a ceasefire.",  # a belief about Valdoria, not its stance
    "Asked whether Valdoria wants a ceasefire, the minister declined to comment.",  # a question
    "The Valdorian minister was not ready to offer a ceasefire.",  # negated through the copula
    "Both sides welcomed an accepted definition of the ceasefire.",  # a participle as a label
])
def test_no_stance_where_nobody_takes_one(text):
    assert not [p for p in positions(text) if p[1] == "ceasefire" and p[2] in ("demand", "offer", "acceptance")], \
        positions(text)


# -- the issue is in the cue's scope

def test_the_issue_comes_from_the_object_not_from_a_frame_or_the_subject():
    got = positions("The Valdorian envoy, who spent years in the region, demanded a ceasefire.")
    assert ("Valdorian", "ceasefire", "demand") in got
    assert not [p for p in got if p[1] == "territory"], got
    got = positions("After the summit, Valdoria demanded a prisoner exchange.")
    assert ("Valdoria", "prisoners", "demand") in got
    assert not [p for p in got if p[1] == "leaders' meeting"], got


def test_sanctions_relief_is_about_sanctions():
    got = positions("Valdoria demanded relief from sanctions.")
    assert ("Valdoria", "sanctions", "demand") in got
    assert not [p for p in got if p[1] == "humanitarian"], got
    assert ("Valdoria", "humanitarian", "demand") in positions("Valdoria demanded relief supplies for civilians.")


# -- agreements: parties from the agent, status from the clause

def test_an_agreement_has_the_parties_of_its_subject():
    assert ("ceasefire", "agreed", ("Kestrel", "Valdoria")) in agreements(
        "Valdoria and Kestrel agreed to a ceasefire on Friday, officials said.")
    assert ("prisoners", "agreed", ("*both*",)) in agreements("The two sides agreed to exchange 500 prisoners each.")


@pytest.mark.parametrize("text", [
    "A ceasefire was agreed on Friday.",  # nobody named
    "Valdoria and Kestrel are poised to sign a peace deal on Saturday.",  # expected
    "Envoys met in the town where the ceasefire was signed in 1990.",  # a description of a place
    "The talks ended in disagreement on sanctions.",  # "disagreement" is no agreement
    "Valdoria agreed to lift sanctions once relations with Kestrel improve.",  # conditional
])
def test_no_agreement_without_a_party_or_as_a_wish_or_condition(text):
    assert not [a for a in agreements(text) if a[1] == "agreed"], agreements(text)


def test_failing_to_reach_a_deal_is_no_agreement():
    got = agreements("Valdoria and Kestrel failed to reach a deal on sanctions on Friday.")
    assert [a for a in got if a[0] == "sanctions" and a[1] == "not agreed"], got
    assert not [a for a in got if a[1] == "agreed"], got


def test_agreements_of_another_pair_of_parties_are_kept_apart(tmp_path):
    from helpers import reports_dossier

    reports = [("The Harbour Post", DAY, "Ceasefire agreed",
                "Envoys of Valdoria and Kestrel met in Port Salvo on Friday. The leaders of Valdoria and Kestrel "
                "agreed to a ceasefire, officials said. Valdoria also agreed to a ceasefire, its envoy said."),
               ("Kestrel Today", DAY, "Another ceasefire",
                "Talks ended in Tovar on Friday. The leaders of Valdoria and Ostland agreed to a ceasefire, officials "
                "said.")]
    d = reports_dossier(tmp_path, reports)
    nm = {e["id"]: e["name"] for e in d["entities"]}
    ceasefires = [sorted(nm.get(p, p) for p in a["parties"]) for a in d["agreements"]
                  if a["issue"] == "ceasefire" and a["status"] == "agreed"]
    assert all(len(set(ps) & {"Kestrel", "Ostland"}) < 2 for ps in ceasefires), ceasefires
    assert any({"Kestrel", "Valdoria"} <= set(ps) for ps in ceasefires), ceasefires


def test_a_place_or_a_comma_set_off_description_is_not_the_issue():
    got = positions("Valdoria's refusal to make concessions at the summit disappointed its neighbours.")
    assert not [p for p in got if p[1] == "leaders' meeting"], got
    got = positions("Valdoria welcomed the Kestrel envoy, currently under sanctions, to its capital.")
    assert not [p for p in got if p[1] == "sanctions"], got


def test_a_verb_after_a_noun_the_parse_left_without_subject_does_not_borrow_one():
    got = positions("Kestrel said Valdoria posed a threat and his envoy offered a ceasefire.")
    assert ("Valdoria", "ceasefire", "offer") not in got, got


def test_an_agreement_with_its_complement_away_from_the_verb_is_found():
    assert [a for a in agreements("The Valdorian government agreed on Sunday to a ceasefire, officials said.")
            if a[:2] == ("ceasefire", "agreed")]


def test_an_agreement_in_a_clause_about_the_future_is_none():
    got = agreements("Troops would leave the region after Valdoria agrees to a ceasefire.")
    assert not [a for a in got if a[1] == "agreed"], got


@pytest.mark.parametrize("text", [
    "In an interview, the Valdorian president did not rule out a compromise on sanctions.",  # no rejection
    "Mira Tal said she doesn't think Valdoria will offer any big concessions on sanctions.",  # a doubt
    "Valdorians want to ensure that they are safe but have refused to link the issue with a deal on sanctions.",
])
def test_negations_doubts_and_other_clauses_state_no_stance_on_the_issue(text):
    assert not [p for p in positions(text) if p[1] == "sanctions" and p[2] != "rejection"], positions(text)
    assert not [p for p in positions(text) if p[1] == "sanctions" and p[0] != "Valdorians"], positions(text)


def test_a_possessive_pronoun_that_cannot_be_the_subject_gives_no_holder():
    got = positions("The Kestrel president walked out after Valdorian officials refused to yield to his demands for a "
                    "ceasefire.")
    assert not [p for p in got if p[0] == "Valdorian" and p[2] == "demand"], got
    assert ("Valdoria", "ceasefire", "demand") in positions("Valdoria repeated its demands for a ceasefire.")


def test_declining_to_comment_is_no_rejection_and_a_wish_no_agreement():
    assert not positions("The Valdorian president declined to say what would happen to sanctions as part of a deal.")
    assert not [a for a in agreements("The Valdorian government keeps saying that it wants Kestrel to agree to a "
                                      "ceasefire quickly.") if a[1] == "agreed"]

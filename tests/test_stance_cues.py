"""Stance cues of other wordings (data/stances.toml, analysis/statements.py, issue 12): a denunciation is a
rejection, an appeal to the other side a demand, a willingness an offer; a legal appeal, a willingness denied or a
negated cue are none. Short articles written for this test (fictional states and people)."""

from __future__ import annotations

import pytest

DAY = "2031-05-02"


def analysed(text):
    from parley.analysis.pipeline import analyze
    from parley.model import Article, Published

    return analyze(Article(id="p1", text=text, published=Published(date=DAY, source="metadata")))


def stances(text):
    return {(st.party, st.issue, st.stance) for st in analysed(text).statements if st.kind == "position"}


@pytest.mark.parametrize("text, want", [
    ("Valdoria denounced the sanctions as theft.", ("Valdoria", "sanctions", "rejection")),
    ("Valdoria appealed to Kestrel to lift the sanctions.", ("Valdoria", "sanctions", "demand")),
    ("Valdoria signalled its willingness to discuss a ceasefire.", ("Valdoria", "ceasefire", "offer")),
])
def test_a_denunciation_an_appeal_and_a_willingness_are_stances(text, want):
    assert want in stances(text), stances(text)


@pytest.mark.parametrize("text", [
    "Valdoria appealed to the supreme court against the sanctions.",  # a legal appeal
    "Valdoria showed no willingness to discuss a ceasefire.",  # none shown
    "Valdoria has not denounced the sanctions.",  # not done
])
def test_a_legal_appeal_or_a_negated_cue_is_no_stance(text):
    got = stances(text)
    assert not [p for p in got if p[2] in ("demand", "offer", "rejection")], got


def test_no_deal_without_in_a_quote_is_the_speakers_demand():
    got = stances('Valdoria\'s foreign minister, Elena Brask, said: "There will be no deal without a ceasefire."')
    assert ("Valdoria", "ceasefire", "demand") in got, got


def test_no_deal_without_in_narration_has_no_holder():
    assert not stances("There will be no deal without a ceasefire, analysts in Port Salvo believe."), "no holder"


def test_a_question_states_no_stance():
    assert stances("Lenk asked Valdoria: if we reopen the border, are you going to approve a ceasefire?") == set()
    assert stances("Does Valdoria really want a ceasefire with Kestrel?") == set()


def test_a_demand_dropped_is_a_concession():
    assert stances("Valdoria dropped its demand for a ceasefire on Friday.") == {("Valdoria", "ceasefire", "concession")}


@pytest.mark.parametrize("text, want", [
    ("Valdoria will not agree to a ceasefire unless Kestrel withdraws its troops.", ("Valdoria", "ceasefire", "red line")),
    ("Valdoria's envoy said Valdoria would not continue the talks unless Kestrel eased the sanctions.",
     ("Valdoria", "sanctions", "red line")),
])
def test_a_refusal_with_its_condition_is_a_red_line(text, want):
    assert want in stances(text)


def test_a_past_refusal_until_a_day_is_no_red_line():
    assert not any(s == "red line" for _, _, s in stances("Valdoria did not sign the ceasefire until Friday."))


@pytest.mark.parametrize("text", [
    "Valdoria's president insisted Valdoria will be taking in billions from tariffs.",  # a claim, not a demand
    "Valdoria refused to assign blame for the failed summit.",  # no comment, no rejection of the summit
    "Valdoria asked its ministers to look for other sources of funding for the border wall.",  # its own people
])
def test_claims_refusals_to_comment_and_orders_to_ones_own_side_are_no_stance(text):
    assert stances(text) == set()


def test_an_insistence_on_what_the_other_side_must_do_is_a_demand():
    assert ("Valdoria", "territory", "demand") in stances("Valdoria insisted that Kestrel withdraw its troops.")
    assert ("Valdoria", "budget", "demand") in stances(
        "Valdoria asked Kestrel to look for other sources of funding for the border wall.")


def test_what_a_threat_says_one_is_willing_to_do_is_the_threat():
    assert stances("The president threatened that Valdoria was willing to keep the sanctions in place for years.") \
        == {("Valdoria", "sanctions", "threat")}

"""Positions the coverage states in other words than a stance verb (analysis/statements.py, issue 12): a refusal
said as a negated will ("will not accept"), an issue a pronoun stands for, and the positions of a story that is
no negotiation of the store's sides (reconcile/assemble.py). Short articles written for this test (fictional
states and people)."""

from __future__ import annotations

import pytest

DAY = "2031-05-02"


def positions(text):
    from parley.analysis.pipeline import analyze
    from parley.model import Article, Published

    an = analyze(Article(id="p1", text=text, published=Published(date=DAY, source="metadata")))
    return {(st.party, st.issue, st.stance) for st in an.statements if st.kind == "position"}


@pytest.mark.parametrize("text", [
    "Valdoria will not accept a ceasefire, its foreign minister said.",
    "Valdoria would not consider any ceasefire proposal, officials said.",
    "The Valdorian government does not want a ceasefire.",
    "Valdoria won't sign a ceasefire that leaves troops in the region.",
])
def test_a_refusal_said_with_a_modal_or_a_present_do_is_a_rejection(text):
    assert ("Valdoria", "ceasefire", "rejection") in positions(text) or \
        ("Valdorian", "ceasefire", "rejection") in positions(text), positions(text)


@pytest.mark.parametrize("text", [
    "Valdoria did not accept the ceasefire before the deadline.",  # what happened, not a stance
    "Valdoria has not yet signed the ceasefire.",  # so far
    "Valdoria would not accept a ceasefire if Kestrel kept its troops in the region.",  # a hypothesis
    "Valdoria accepted the ceasefire.",  # not negated: acceptance, no rejection
])
def test_a_past_or_perfect_negation_or_a_condition_is_no_rejection(text):
    assert not [p for p in positions(text) if p[2] == "rejection"], positions(text)


def test_a_pronoun_in_the_scope_stands_for_the_issue_named_before_it():
    got = positions("Kestrel wants the sanctions lifted, while Valdoria wants to keep them in place.")
    assert ("Valdoria", "sanctions", "demand") in got, got


def test_an_expletive_it_borrows_no_issue():
    got = positions("Kestrel rejected the sanctions, and Valdoria made it clear that talks would go on.")
    assert not [p for p in got if p[0] == "Valdoria"], got


def test_a_story_of_another_pair_of_sides_adds_no_positions(tmp_path):
    from helpers import reports_dossier

    talks = ("Envoys of Valdoria and Kestrel met in Port Salvo on Friday for talks on a ceasefire. Valdoria demanded "
             "a ceasefire, its envoy said. Kestrel rejected a ceasefire, officials of Valdoria and Kestrel said.")
    reports = [("The Harbour Post", DAY, "Ceasefire talks", talks),
               ("Kestrel Today", DAY, "Ceasefire talks in Port Salvo", talks.replace("Friday", "Friday morning")),
               ("The Ostland Courier", "2031-09-14", "Fishing quarrel",
                "The Ostland parliament on Thursday rejected the Marenian fishing deal. Ostland and Marenia have "
                "quarrelled over fishing for years. Marenia demanded a ceasefire in the fishing war with Ostland.")]
    d = reports_dossier(tmp_path, reports)
    nm = {e["id"]: e["name"] for e in d["entities"]}
    parties = {nm.get(p["party"], p["party"]) for p in d["positions"]}
    assert {"Valdoria", "Kestrel"} & parties, d["positions"]
    assert not parties & {"Ostland", "Marenia"}, d["positions"]


def test_what_a_refusal_is_conditioned_on_is_demanded():
    got = positions("Valdoria will not agree to start the talks without a ceasefire, its envoy said.")
    assert ("Valdoria", "ceasefire", "demand") in got and ("Valdoria", "ceasefire", "rejection") not in got, got


@pytest.mark.parametrize("text", [
    "Critics say that Valdoria does not support a ceasefire.",  # a description in someone else's words
    "The Valdorian government denied accusations that its plan is a ceasefire in disguise.",  # a charge denied
    "Valdoria refused to sign the budget in an effort to force a debate on sanctions.",  # a purpose, not the object
])
def test_a_description_a_denied_charge_or_a_purpose_is_no_rejection_of_the_issue(text):
    assert not [p for p in positions(text) if p[2] == "rejection" and p[1] in ("ceasefire", "sanctions")], positions(text)

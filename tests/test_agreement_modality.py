"""Hedged and hypothetical agreements keep their modality and are never agreed (issue 12).

Short reports written for this test (fictional states and people).
"""

from __future__ import annotations

import pytest

from helpers import agreement_statuses

DAY = "2031-05-02"


def _agreements(text):
    return agreement_statuses(text, DAY)


@pytest.mark.parametrize("text", [
    "Valdoria has sort of agreed to a ceasefire with Kestrel, an official said.",
    "Kestrel would agree to a ceasefire with Valdoria, its envoy said.",
    "Valdoria and Kestrel are expected to agree on a ceasefire next week.",
    "The foreign minister said Valdoria and Kestrel should have agreed to a ceasefire.",
])
def test_hedged_agreement_is_not_agreed(text):
    assert ("ceasefire", "agreed") not in _agreements(text)


def test_plain_agreement_is_agreed():
    assert ("ceasefire", "agreed") in _agreements("Valdoria and Kestrel agreed to a ceasefire on Friday, officials said.")


def test_a_topic_only_discussed_is_no_agreement_item(tmp_path):
    from helpers import reports_dossier

    reports = [("The Harbour Post", DAY, "Valdoria and Kestrel talk again",
                "Valdoria and Kestrel agreed to a ceasefire on Friday, officials said. A prisoner exchange will be "
                "discussed at the next round, the Valdorian envoy said."),
               ("Kestrel Today", DAY, "Ceasefire agreed",
                "Kestrel and Valdoria agreed to a ceasefire on Friday. The two sides discussed a prisoner exchange.")]
    d = reports_dossier(tmp_path, reports)
    statuses = {(a["issue"], a["status"]) for a in d["agreements"]}
    assert ("ceasefire", "agreed") in statuses, statuses
    assert not [a for a in d["agreements"] if a["status"] == "discussed"], statuses


def _issues(text):
    from parley.analysis.pipeline import analyze
    from parley.model import Article, Published

    an = analyze(Article(id="h1", text=text, published=Published(date=DAY, source="metadata")))
    return {st.issue for st in an.statements if st.kind != "claim"}


def test_holding_something_hostage_is_a_figure_not_prisoners():
    assert "prisoners" not in _issues("Valdoria demanded that Kestrel stop holding the budget hostage, its envoy said.")
    assert "prisoners" in _issues("Valdoria demanded the release of the hostages, its envoy said.")
    assert "prisoners" in _issues("Valdoria demanded that Kestrel free the hostage it held, its envoy said.")


def _stances(text):
    from parley.analysis.pipeline import analyze
    from parley.model import Article, Published

    an = analyze(Article(id="n1", text=text, published=Published(date=DAY, source="metadata")))
    return [(st.issue, st.kind) for st in an.statements if st.kind not in ("claim", "agreement")]


@pytest.mark.parametrize("text", [
    "The Valdorian envoy offered no details on the ceasefire, officials said.",
    "The proposed ceasefire between Valdoria and Kestrel was discussed in Port Salvo.",
])
def test_a_cue_that_states_no_stance_makes_no_position(text):
    assert not [s for s in _stances(text) if s[0] == "ceasefire"], _stances(text)


def test_an_offer_is_a_position():
    assert [s for s in _stances("Valdoria offered Kestrel a ceasefire on Friday, its envoy said.")
            if s[0] == "ceasefire"]


def test_an_agreement_told_as_what_a_meeting_was_where_it_was_made_is_agreed():
    got = _agreements("Lenk praised his meeting with Sollen, where Valdoria and Kestrel agreed to a ceasefire.")
    assert ("ceasefire", "agreed") in got
    got = _agreements("Lenk spoke of the outcome of his meeting with Sollen on Saturday, where the two sides agreed "
                      "to a ceasefire.")
    assert ("ceasefire", "agreed") in got
    # a place described by what was once signed there is no report of the agreement
    assert ("ceasefire", "agreed") not in _agreements("They drove to the village where the truce was signed.")


def test_an_agreement_takes_the_day_of_its_own_clause():
    from parley.analysis.pipeline import analyze
    from parley.model import Article, Published

    def days(text):
        an = analyze(Article(id="p1", text=text, published=Published(date=DAY, source="metadata")))
        return [st.date for st in an.statements if st.kind == "agreement"]

    assert days("The May 15 deadline was imposed when Russia agreed last week to a ceasefire.") == [None]
    assert days("Russia and Ukraine agreed on Wednesday to a ceasefire.") == ["2031-04-30"]

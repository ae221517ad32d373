"""What a made agreement provides is an agreed item; a hedged, demanded or hypothetical term is not; one story's
different agreements on one issue are different items; an accord of one main party with another state is not the
negotiation's (issue 12).

Short reports written for this test (fictional states and people).
"""

from __future__ import annotations

import pytest

from helpers import agreement_statuses

DAY = "2031-05-02"


def _agreements(text):
    return agreement_statuses(text, DAY)


@pytest.mark.parametrize("text, issue", [
    ("Under the agreement, Kestrel will release 300 prisoners by Friday, the envoy said.", "prisoners"),
    ("The agreement includes a ceasefire along the river, officials said.", "ceasefire"),
    ("The two sides signed the accord, which calls for a ceasefire along the river.", "ceasefire"),
    ("Valdorian soldiers will receive back pay as part of the deal, Lisk said.", "budget"),
    ("Under the draft accord, some 5,000 Kestrel troops would be withdrawn in exchange for a ceasefire.", "ceasefire"),
])
def test_a_term_of_the_agreement_is_agreed(text, issue):
    assert (issue, "agreed") in _agreements(text), _agreements(text)


@pytest.mark.parametrize("text", [
    "Under a possible agreement, Kestrel would release 300 prisoners, the envoy said.",
    "The deal could include a ceasefire along the river, officials said.",
    "The deal would include a ceasefire along the river, Lisk said.",
    "The deal does not include a ceasefire, officials said.",
    "Any deal must include a ceasefire, Valdoria said.",
    "If the agreement includes a ceasefire, Kestrel will sign it.",
    "It is also possible the deal will include a ceasefire, one source said.",
    "As part of the deal with Valdoria, Kestrel is demanding the release of all its prisoners.",
    "The agreement gave no guarantees on the holding of elections, officials said.",
    "Lisk will boast that his deal includes a ceasefire.",
])
def test_a_hedged_or_demanded_term_is_not_agreed(text):
    assert not [a for a in _agreements(text) if a[1] == "agreed"], _agreements(text)


def test_a_storys_agreements_on_one_issue_are_items_of_their_own(tmp_path):
    from helpers import reports_dossier

    reports = [("The Harbour Post", DAY, "Valdoria and Kestrel end their tariff war",
                "Valdoria and Kestrel agreed on Friday to hold off on new tariffs for 90 days, officials said. "
                "Kestrel also agreed to buy $20 billion of Valdorian farm products, the Valdorian envoy said. "
                "Valdoria and Kestrel will meet again in Port Salvo, the Kestrel envoy said."),
               ("Kestrel Today", DAY, "Tariff truce agreed",
                "Kestrel and Valdoria agreed to hold off on further tariffs for 90 days. Kestrel agreed to buy "
                "$20 billion of farm products from Valdoria, the Kestrel trade minister said.")]
    d = reports_dossier(tmp_path, reports)
    trade = [a for a in d["agreements"] if a["issue"] == "trade" and a["status"] == "agreed"]
    assert len({a["id"] for a in trade}) == len(trade)
    contents = [a["content"] for a in trade]
    assert any("90 days" in c for c in contents) and any("farm products" in c for c in contents), contents
    truce = next(a for a in trade if "90 days" in a["content"])
    assert all("90 days" in s["text"] for s in truce["statements"]), truce["statements"]


def test_an_agreement_of_one_main_party_with_another_state_is_not_the_negotiations(tmp_path):
    from helpers import reports_dossier

    reports = [("The Harbour Post", DAY, "Valdoria and Kestrel agree a ceasefire",
                "Envoys of Valdoria and Kestrel met in Port Salvo on Friday. The leaders of Valdoria and Kestrel "
                "agreed to a ceasefire, officials said. The leaders of Valdoria and Ostland agreed to cut tariffs on "
                "grain, officials said."),
               ("Kestrel Today", DAY, "Ceasefire agreed",
                "Kestrel and Valdoria agreed to a ceasefire on Friday. Envoys of Kestrel and Valdoria will meet "
                "again in Port Salvo, the Kestrel envoy said.")]
    d = reports_dossier(tmp_path, reports)
    nm = {e["id"]: e["name"] for e in d["entities"]}
    got = [(a["issue"], sorted(nm.get(p, p) for p in a["parties"])) for a in d["agreements"] if a["status"] == "agreed"]
    assert any(i == "ceasefire" and {"Kestrel", "Valdoria"} <= set(ps) for i, ps in got), got
    assert not [ps for _i, ps in got if "Ostland" in ps], got

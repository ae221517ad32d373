"""A claim is contested only when two values answer the same question and cannot both be true (issue 12).

Short reports written for this test (fictional states and people): each pair of outlets below gives values
that a keyword matcher would set against each other, and only the real disagreements may come out contested.
"""

from __future__ import annotations

import pytest

from parley.reconcile.claims import values_agree

from helpers import reports_dossier

DAY1, DAY2 = "2031-04-10", "2031-04-11"

REPORTS = [
    # the length of one round: a real disagreement (two hours against three)
    ("The Harbour Post", DAY1, "Talks in Port Salvo end without a deal",
     "PORT SALVO — Negotiators from Valdoria and Kestrel met in Port Salvo on Thursday. The talks lasted two hours, "
     "officials said. About 400 soldiers guard the palace. Recruits aged 18 to 25 were called up last month."),
    ("Kestrel Today", DAY2, "Kestrel says the Port Salvo talks were long",
     "Negotiators from Valdoria and Kestrel met in Port Salvo on Thursday. The talks lasted three hours, a Kestrel "
     "official said. The government freed 1,000 prisoners and returned 1,200 bodies of fallen soldiers."),
    # counts of different things, a range, a round figure and the same weekday valued from two report days
    ("Lisk Evening News", DAY2, "Prisoners freed after Port Salvo talks",
     "Kestrel freed 1,000 prisoners on Thursday, the ministry said. The talks took place on Thursday in Port Salvo. "
     "Recruits aged 18 to 25 will serve a year. Some 30,000 troops remain at the border."),
    ("Valdoria Wire", DAY1, "Troops stay at the border",
     "About 28,500 troops remain at the border, Valdoria said. The talks took place on Thursday in Port Salvo."),
]


@pytest.fixture(scope="module")
def dossier(tmp_path_factory):
    return reports_dossier(tmp_path_factory.mktemp("questions"), REPORTS)


def contested(d):
    return [c for c in d["claims"] if c["status"] == "contested"]


def test_the_real_disagreement_is_contested_with_its_question(dossier):
    hits = [c for c in contested(dossier) if c["kind"] == "duration"]
    assert len(hits) == 1, [(c["question"], c["statement"]) for c in contested(dossier)]
    c = hits[0]
    assert c["question"].startswith("How long"), c["question"]
    texts = {v["text"] for v in c["values"]}
    assert {"two hours", "three hours"} <= texts
    for v in c["values"]:  # each value with its outlets and spans
        assert v["outlets"] and v["spans"] and all(s["text"] == v["text"] for s in v["spans"])


def test_nothing_else_is_contested(dossier):
    """Prisoners against bodies (different things), 18 against 25 (a range), "about 28,500" against "some 30,000" (hedged
    figures that overlap), "Thursday" in reports of two days (one weekday, two anchors): no contest."""
    assert len(contested(dossier)) == 1, [c["statement"] for c in contested(dossier)]


def test_values_admit_what_their_precision_allows():
    num = lambda n, mod=None: {"type": "number", "value": float(n), "mod": mod}  # noqa: E731
    assert not values_agree(num(28500), num(30000))  # two plain counts: not both exact ...
    assert values_agree(num(28500), num(30000), loose=True)  # ... unless the round one is read as a rounding
    assert not values_agree(num(1000), num(1200))
    assert values_agree(num(100, ">"), num(140))
    assert not values_agree(num(100, "<"), num(140))


def test_outcome_of_one_round_told_both_ways_is_contested(tmp_path):
    base = ("PORT SALVO — Negotiators from Valdoria and Kestrel met in Port Salvo on Thursday, with Marenian "
            "Foreign Minister Odile Fenwick as host.")
    reports = [("The Harbour Post", DAY1, "Talks end", base + " The talks were productive, a Valdorian envoy said."),
               ("Kestrel Today", DAY2, "Talks end", base + " There was no progress at the talks, Kestrel said."),
               ("Lisk Evening News", DAY2, "Talks end", base + " The talks on Thursday failed, officials said.")]
    d = reports_dossier(tmp_path, reports)
    held = [r for r in d["rounds"] if r["status"] == "held"]
    assert held and held[0]["date"] == DAY1
    outcome = [c for c in d["claims"] if c["kind"] == "outcome"]
    assert len(outcome) == 1 and outcome[0]["status"] == "contested", [c["statement"] for c in d["claims"]]
    assert outcome[0]["question"].startswith("How the talks of 2031-04-10")


def _values(text):
    from parley.analysis.pipeline import analyze
    from parley.model import Article, Published

    an = analyze(Article(id="v1", text=text, published=Published(date=DAY1, source="metadata")))
    return [v for st in an.statements if st.kind == "claim" for v in st.values]


@pytest.mark.parametrize("text, value", [
    ("The talks lasted 8-1/2 hours, officials said.", "PT8.5H"),
    ("The talks lasted 8 1/2 hours, officials said.", "PT8.5H"),
    ("The talks lasted two-and-a-half hours, officials said.", "PT2.5H"),
    ("The envoys met for an hour and a half on Tuesday.", "PT1.5H"),
])
def test_fractions_of_durations_are_kept(text, value):
    assert value in [v["value"] for v in _values(text) if v["type"] == "duration"], _values(text)


def test_a_rate_is_not_a_duration():
    vals = _values("Valdoria will pay the guards at least $15 an hour and raise tariffs 5 percent a year.")
    assert not [v for v in vals if v["type"] == "duration"], vals


def test_troops_forces_and_service_members_count_one_thing():
    vals = _values("There are some 14,000 Valdorian forces in Kestria. Valdoria has about 13,000 service members "
                   "there. The approximately 12,000 troops stationed there will stay. Kestria has 40,000 security "
                   "forces.")
    measures = {v["value"]: v.get("measure") for v in vals if v["type"] == "number"}
    assert measures[14000.0] == measures[13000.0] == measures[12000.0] == "troop", measures
    assert measures[40000.0] == "force", measures  # a host state's security forces are not the troops

"""A claim is contested only when two values answer the same question and cannot both be true (issue 12).

Short reports written for this test (fictional states and people): each pair of outlets below gives values
that a keyword matcher would set against each other, and only the real disagreements may come out contested.
"""

from __future__ import annotations

import json

import pytest

from parley.dossier import build
from parley.ingestion.run import ingest
from parley.reconcile.claims import values_agree
from parley.store.db import Store

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
    tmp = tmp_path_factory.mktemp("questions")
    path = tmp / "reports.jsonl"
    path.write_text("\n".join(json.dumps({"id": f"r{i}", "outlet": o, "date": d, "title": t, "text": x,
                                          "url": f"https://example.org/{i}"})
                              for i, (o, d, t, x) in enumerate(REPORTS)) + "\n", encoding="utf-8")
    st = Store(str(tmp / "s.db"))
    assert ingest([str(path)], st).ok
    d = build(st).data
    st.close()
    return d


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
    """Prisoners against bodies (different things), 18 against 25 (a range), 28,500 against 30,000 (a round
    figure admits the precise one), "Thursday" in reports of two days (one weekday, two anchors): no contest."""
    assert len(contested(dossier)) == 1, [c["statement"] for c in contested(dossier)]


def test_values_admit_what_their_precision_allows():
    num = lambda n, mod=None: {"type": "number", "value": float(n), "mod": mod}  # noqa: E731
    assert values_agree(num(28500), num(30000))
    assert not values_agree(num(1000), num(1200))
    assert values_agree(num(100, ">"), num(140))
    assert not values_agree(num(100, "<"), num(140))


def test_outcome_of_one_round_told_both_ways_is_contested(tmp_path):
    base = ("PORT SALVO — Negotiators from Valdoria and Kestrel met in Port Salvo on Thursday, with Marenian "
            "Foreign Minister Odile Fenwick as host.")
    reports = [("The Harbour Post", DAY1, "Talks end", base + " The talks were productive, a Valdorian envoy said."),
               ("Kestrel Today", DAY2, "Talks end", base + " There was no progress at the talks, Kestrel said."),
               ("Lisk Evening News", DAY2, "Talks end", base + " The talks on Thursday failed, officials said.")]
    path = tmp_path / "r.jsonl"
    path.write_text("\n".join(json.dumps({"id": f"o{i}", "outlet": o, "date": d, "title": t, "text": x,
                                          "url": f"https://example.org/o{i}"})
                              for i, (o, d, t, x) in enumerate(reports)) + "\n", encoding="utf-8")
    st = Store(str(tmp_path / "s.db"))
    assert ingest([str(path)], st).ok
    d = build(st).data
    st.close()
    held = [r for r in d["rounds"] if r["status"] == "held"]
    assert held and held[0]["date"] == DAY1
    outcome = [c for c in d["claims"] if c["kind"] == "outcome"]
    assert len(outcome) == 1 and outcome[0]["status"] == "contested", [c["statement"] for c in d["claims"]]
    assert outcome[0]["question"].startswith("How the talks of 2031-04-10")

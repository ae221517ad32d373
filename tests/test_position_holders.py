"""Who holds a position as the text names it (analysis/statements.py, reconcile/ledger.py, issue 12): a government
body ("the Kremlin", "the Valdorian government") holds it as itself, with its state as its affiliation, so a reader
sees who holds it and the state it speaks for. Short articles written for this test (fictional states and people;
seats of government are general knowledge)."""

from __future__ import annotations

import pytest

DAY = "2031-05-02"


def analysed(text):
    from parley.analysis.pipeline import analyze
    from parley.model import Article, Published

    return analyze(Article(id="p1", text=text, published=Published(date=DAY, source="metadata")))


def test_a_seat_of_government_keeps_its_own_name_with_its_state_as_affiliation():
    an = analysed("The Kremlin rejected a ceasefire with Valdoria on Friday.")
    body = [e for e in an.entities if e.type == "ORG"]
    assert [(e.name, e.affiliation) for e in body] == [("Kremlin", "Russia")], an.entities
    assert [(st.party, st.stance) for st in an.statements if st.kind == "position"] == [("Russia", "rejection")]


@pytest.mark.parametrize("text, body", [
    ("The Valdorian government said it would not agree to start the talks without a ceasefire.", "Valdorian government"),
    ("The Valdorian administration rejected a ceasefire on Friday.", "Valdorian administration"),
])
def test_a_government_named_by_its_state_is_the_holder(text, body):
    got = [(st.party, st.holder) for st in analysed(text).statements if st.kind == "position"]
    assert got and all(h == body for _, h in got), got


@pytest.mark.parametrize("text", [
    "Valdoria demanded a ceasefire on Friday.",  # the state itself
    "The Valdorian city government demanded a ceasefire.",  # a city's government, not the state's
    "Valdorian officials demanded a ceasefire.",  # no body
])
def test_no_body_when_the_holder_is_the_state_or_no_government(text):
    got = [(st.party, st.holder) for st in analysed(text).statements if st.kind == "position"]
    assert all(h is None for _, h in got), got


def test_the_dossier_position_is_the_bodys_with_its_state_as_affiliation(tmp_path):
    from helpers import reports_dossier

    talks = ("Envoys of Valdoria and Kestrel met in Port Salvo on Friday for talks on a ceasefire. The Valdorian "
             "government demanded a ceasefire, its envoy said. Kestrel rejected a ceasefire, officials said.")
    d = reports_dossier(tmp_path, [("The Harbour Post", DAY, "Ceasefire talks", talks)])
    ents = {e["id"]: e for e in d["entities"]}
    held = {(p["party_name"], p["stance"]) for p in d["positions"] if p["issue"] == "ceasefire"}
    assert ("Valdorian government", "demand") in held, d["positions"]
    pos = next(p for p in d["positions"] if p["party_name"] == "Valdorian government")
    assert ents[pos["party"]]["affiliation"] in ("Valdoria", "Valdorian"), ents[pos["party"]]  # the side it names


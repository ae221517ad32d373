"""Cross-source verification: claims, independent corroboration, contradictions, outlet profiles, stories.

On the seeds (against ../shared/gold/seeds.json) and on the example corpus, whose syndicated copy
(02, The Valdoria Herald, republishing 01 of Meridian Press) must never count as a second source.
"""

from __future__ import annotations

import json
import re

import pytest
from typer.testing import CliRunner

from parley.cli import app, main
from parley.dossier import build
from parley.reconcile.claims import human_duration, primary_source
from parley.reconcile.claims import values_agree as _agree

from conftest import DATA, SEEDS, gold


def spans_of(claim):
    return [s for s in claim["support"]] + [c["span"] for c in claim["contradict"]]


def texts_of(claim):
    return " | ".join(s["text"] for s in spans_of(claim))


def test_every_claim_rests_on_its_spans(seeds, example):
    for d in (seeds, example):
        texts = {a["id"]: a for a in d["articles"]}
        assert d["claims"], "no claims found"
        for c in d["claims"]:
            assert c["support"], c
            assert c["status"] in ("corroborated", "single-source", "contested")
            assert (c["status"] == "contested") == bool(c["contradict"])
            assert (c["status"] == "corroborated") == (not c["contradict"] and c["independent_sources"] >= 2)
            for sp in spans_of(c):
                assert sp["article"] in texts
                assert sp["end"] > sp["start"]


def test_three_years_against_three_and_a_half_is_contested_with_both_spans(seeds):
    contested = [c for c in seeds["claims"] if c["status"] == "contested"]
    hit = [c for c in contested if re.search(r"\bthree years\b", texts_of(c))
           and "three and a half years" in texts_of(c)]
    assert hit, [c["statement"] for c in contested]
    c = hit[0]
    values = {v["text"] for v in c["values"]}
    assert "three years" in values and "three and a half years" in values
    # the two values stand on opposite sides: one in the support, the other a contradicting span with its value
    support = " | ".join(s["text"] for s in c["support"])
    against = {x["value"] for x in c["contradict"]}
    assert ("three and a half years" in support and "three years" in against) or \
        ("three and a half years" in against and re.search(r"\bthree years\b", support))
    assert c["question"].startswith("How long"), c["question"]


def test_prisoner_exchange_is_corroborated_by_three_independent_outlets(seeds):
    hits = [c for c in seeds["claims"] if c["status"] == "corroborated" and c["independent_sources"] >= 3
            and re.search(r"prisoner|exchange|swap", c["statement"] + texts_of(c), re.I)]
    assert hits, [(c["statement"], c["independent_sources"]) for c in seeds["claims"]]
    gold_files = {f for fact in gold()["cross_source"]["corroborated"] if "prisoner" in fact["fact"].lower()
                  for f in fact["sources"]}
    by_id = {a["id"]: a for a in seeds["articles"]}
    got = {by_id[s["article"]]["path"].rsplit("/", 1)[-1] for s in hits[0]["support"]}
    assert len(got & gold_files) >= 3


def test_name_variant_is_a_variant_not_a_contradiction(seeds):
    fm = [e for e in seeds["entities"] if {"Hakan Fiden", "Hakan Fidan"} <= {e["name"], *e["aliases"]}]
    assert len(fm) == 1, "Fiden and Fidan must be one person"
    assert any(v["name"] in ("Hakan Fiden", "Hakan Fidan") for v in fm[0]["variants"])
    for c in seeds["claims"]:
        if c["status"] == "contested":
            assert not any(re.search(r"Fid[ae]n", str(x["value"])) for x in c["contradict"])


def test_syndicated_copy_does_not_corroborate(example):
    arts = {a["id"]: a for a in example["articles"]}
    copy = next(a for a in example["articles"] if a["outlet"] == "The Valdoria Herald")
    original = arts[copy["duplicate_of"]]
    assert original["outlet"] == "Meridian Press"
    # "first talks in two years" is only in the wire story and its syndicated copy
    claim = next(c for c in example["claims"] if c["kind"] == "duration" and c["value"]["value"] == "P2Y")
    assert {s["article"] for s in claim["support"]} == {copy["id"], original["id"]}
    assert claim["independent_sources"] == 1
    assert claim["status"] == "single-source"
    # the same holds for a quote that only the wire story and its copy carry
    sorvik = next(c for c in example["claims"] if c["kind"] == "attribution" and "sit down" in c["statement"])
    assert sorvik["status"] == "single-source" and len(sorvik["support"]) == 2


def test_example_duration_conflict_lists_every_value(example):
    c = next(c for c in example["claims"] if c["status"] == "contested" and c["kind"] == "duration")
    assert {v["text"] for v in c["values"]} >= {"three hours"}
    assert any("two hours" in s["text"] for s in c["support"])
    bad = [x for x in c["contradict"] if x["value"] == "three hours"]
    assert bad and bad[0]["outlet"] == "The Lisk Observer"
    # the 40-minute phone call of the leaders is another event, not a third value for the talks
    assert "forty minutes" not in texts_of(c)


def test_contested_claims_on_the_example_are_all_real(example):
    """Precision of contradictions on the example corpus: each contested claim is a real discrepancy."""
    contested = [c for c in example["claims"] if c["status"] == "contested"]
    assert len(contested) == 1, [c["statement"] for c in contested]


def test_status_conflicts_need_the_same_thing_agreed():
    from parley.reconcile.claims_ledger import _procedural

    assert _procedural("We have agreed that all sides will present their views on a possible ceasefire",
                       "agreed", "ceasefire")
    assert _procedural("They agreed to submit written ceasefire proposals within two weeks", "agreed", "ceasefire")
    assert not _procedural("The two sides agreed a ceasefire along the front line", "agreed", "ceasefire")


def test_agreed_and_not_agreed_on_one_issue_must_speak_of_one_thing():
    from parley.reconcile.claims_ledger import _same_thing

    st = lambda text, cue: {"statements": [{"text": text, "cue": cue}]}  # noqa: E731
    yes = st("Arland agreed to lower tariffs on Bexonian grain from March.", "agreed to")
    assert not _same_thing(yes, st("Arland did not agree to scale back its steel subsidies.", "did not agree"), "trade")
    assert _same_thing(yes, st("Bexony said Arland did not agree to lower grain tariffs.", "did not agree"), "trade")
    assert _same_thing(st("The two sides agreed a ceasefire along the front line.", "agreed"),
                       st("No ceasefire was agreed.", "was agreed"), "ceasefire")


def test_value_tolerance_and_bounds():
    from parley.analysis.statements import duration_days

    def dur(value, mod=None):
        return {"type": "duration", "value": value, "days": duration_days(value), "mod": mod}

    assert not _agree(dur("P3Y"), dur("P3.5Y"))  # three vs three and a half years
    assert _agree(dur("P3Y", ">"), dur("P3.5Y"))  # "over three years" fits both
    assert _agree(dur("PT90M"), dur("PT2H", "~"))  # 90 minutes is about two hours (to the hour)
    assert _agree(dur("PT90M"), dur("PT1.5H"))
    assert _agree(dur("PT90M", "~"), dur("PT2H", "<"))  # "about 90 minutes", "less than two hours"
    assert not _agree(dur("P35D"), dur("P36D"))  # the length of a shutdown, to the day
    assert not _agree(dur("PT2H"), dur("PT3H"))
    num = lambda n, mod=None: {"type": "number", "value": float(n), "mod": mod}  # noqa: E731
    assert not _agree(num(28500), num(30000))  # a plain count is a count: the two cannot both be exact ...
    assert _agree(num(28500), num(30000), loose=True)  # ... though the round one may be a rounding of the other
    assert _agree(num(30000), num(30500))  # within what a plain round count admits
    assert not _agree(num(13000, "~"), num(14000, "~"))  # "about 13,000" and "about 14,000" troops
    assert not _agree(num(5e9), num(5.7e9))  # "$5 billion" and "$5.7 billion"
    assert _agree(num(12000, ">"), num(13000))  # "12,000-plus"
    assert human_duration("PT90M") == "90 minutes" and human_duration("P3.5Y") == "3.5 years"


def test_primary_sources_are_recognized():
    assert primary_source("The deal was signed, the Associated Press reported.") == "Associated Press"
    assert primary_source("A meeting is needed, according to Russian state news agency TASS.") == "TASS"
    assert primary_source("The minister said the talks would resume.") is None


def test_claims_citing_one_primary_source_count_once(tmp_path):
    """Two outlets repeating what Reuters reported are one source, marked as such."""
    from parley.ingestion.run import ingest
    from parley.store.db import Store

    docs = [
        ("a.json", "The Daily Lantern", "Negotiators from Arland and Bexony agreed to exchange 300 prisoners, "
                   "Reuters reported on Monday. The talks in Corvale lasted four hours."),
        ("b.json", "Evening Courier", "Arland and Bexony agreed to swap 300 prisoners each, Reuters reports. "
                   "Officials in Corvale described the mood as tense."),
    ]
    for name, outlet, text in docs:
        (tmp_path / name).write_text(json.dumps({"text": text, "outlet": outlet, "date": "2026-02-02",
                                                 "title": f"{outlet} on the Corvale talks"}), encoding="utf-8")
    st = Store(str(tmp_path / "p.db"))
    assert ingest([str(tmp_path / "a.json"), str(tmp_path / "b.json")], st).ok
    d = build(st).data
    st.close()
    c = next(c for c in d["claims"] if c["kind"] == "number" and c["value"]["value"] == 300)
    assert len({s["article"] for s in c["support"]}) == 2
    assert c["primary_sources"] == ["Reuters"]
    assert c["independent_sources"] == 1 and c["status"] == "single-source"


def _dossier_of(tmp_path, docs):
    from parley.ingestion.run import ingest
    from parley.store.db import Store

    paths = []
    for i, (outlet, date, text) in enumerate(docs):
        p = tmp_path / f"d{i}.json"
        p.write_text(json.dumps({"text": text, "outlet": outlet, "date": date,
                                 "title": f"{outlet}: Arland and Bexony talks"}), encoding="utf-8")
        paths.append(str(p))
    st = Store(str(tmp_path / "s.db"))
    assert ingest(paths, st).ok
    d = build(st).data
    st.close()
    return d


def _troop_reports(first_day: str) -> list[tuple[str, str, str]]:
    return [
        ("The Daily Lantern", first_day, "Arland and Bexony resumed talks in Corvale on Monday. "
                                            "Arland keeps 4,600 troops in Bexony under a defence pact. "
                                            "The delegations met for three hours."),
        ("Evening Courier", "2026-04-20", "Talks between Arland and Bexony went on in Corvale. "
                                          "Critics urged Arland to pull some of the 8,000 Arlandish troops out of "
                                          "Bexony before the next round."),
        ("Harbour Gazette", "2026-04-21", "Negotiators from Arland and Bexony met again in Corvale. "
                                          "The president threatened to withdraw the 5,000 troops stationed in "
                                          "Bexony if the talks failed."),
    ]


def _troops(d):
    troops = [c for c in d["claims"] if c["kind"] == "number" and c["status"] == "contested"
              and c.get("measure") == "troop"]
    assert troops, [c["question"] for c in d["claims"] if c["kind"] == "number"]
    return troops[0]


def test_standing_count_of_troops_in_a_country_is_contested_across_verbs(tmp_path):
    """How many troops a country keeps in another is one question whatever each clause does with them ("keeps",
    "pull some of the"); a round figure against a precise one is shown, marked as a possible rounding; reports
    seven weeks apart are marked as told at different times (the figure may have changed)."""
    (tmp_path / "now").mkdir()
    c = _troops(d := _dossier_of(tmp_path / "now", _troop_reports("2026-04-19")))
    shown = {c["value"]["value"], *(float(x["value"].replace(",", "").split()[0]) for x in c["contradict"])}
    assert 4600 in shown and (8000 in shown or 5000 in shown)
    assert c["differ"] in ("rounding", "conflict")
    assert c["question"] == "How many troops are in Bexony", c["question"]
    said = [b["text"] for b in d["briefing"] if b.get("claim") == c["id"]]
    lead = "Outlets differ (one figure may be rounded)" if c["differ"] == "rounding" else "Outlets disagree"
    assert said and said[0].startswith(lead), said
    (tmp_path / "apart").mkdir()
    c = _troops(d := _dossier_of(tmp_path / "apart", _troop_reports("2026-03-02")))
    assert c["differ"] == "over time", c
    said = [b["text"] for b in d["briefing"] if b.get("claim") == c["id"]]
    assert said and said[0].startswith("Outlets differ (reported at different times"), said
    # the place after the count is never its holder; a holder is named before the counted noun
    from parley.reconcile.claims import _standing

    text = "Critics urged Arland to pull some of the 8,000 American troops out of Bexony."
    v = {"type": "number", "unit": None, "measure": "troop", "words": ["troop"], "predicate": "pull",
         "start": text.index("8,000"), "end": text.index(" out of")}
    assert _standing(text, (0, len(text)), v) == ("Bexony", "United States")
    v["end"] = len(text) - 1
    assert _standing(text, (0, len(text)), v) == ("Bexony", "United States")


def test_counts_that_move_or_sit_elsewhere_do_not_contest_a_standing_count(tmp_path):
    """"Sends 3,000 troops to X" adds to what is there; "troops in Y" are others: neither contests "troops in X"."""
    d = _dossier_of(tmp_path, [
        ("The Daily Lantern", "2026-03-02", "Arland and Bexony resumed talks in Corvale on Monday. "
                                            "Arland keeps 4,600 troops in Bexony under a defence pact."),
        ("Evening Courier", "2026-03-03", "Talks between Arland and Bexony went on in Corvale. "
                                          "Arland will send 3,000 more troops to Bexony next month."),
        ("Harbour Gazette", "2026-03-03", "Negotiators from Arland and Bexony met again in Corvale. "
                                          "Arland keeps 9,000 troops in Corvania as well."),
    ])
    assert not [c for c in d["claims"] if c["kind"] == "number" and c["status"] == "contested"]


# ----------------------------------------------------------------------------- outlets

def test_outlet_profiles(example):
    by = {o["name"]: o for o in example["outlets"]}
    assert by["Meridian Press"]["kind"] == "wire"
    assert by["The Evening Post"]["kind"] == "newspaper"
    for o in example["outlets"]:
        if o["voice"]:
            assert abs(sum(o["voice"].values()) - 1.0) < 0.01
    # Kestrel Today quotes Kestrel's side almost only; the Evening Post gives Valdoria's
    kt = by["Kestrel Today"]["voice"]
    kestrel = next(e["id"] for e in example["entities"] if e["name"] == "Kestrel")
    assert max(kt, key=kt.get) == kestrel
    words = {t["term"] for t in by["Kestrel Today"]["loaded_terms"] + by["Kestrel Today"]["loaded_in_quotes"]}
    assert {"puppet", "aggressor", "regime"} <= words
    for o in example["outlets"]:
        for t in o["loaded_terms"] + o["loaded_in_quotes"]:
            assert t["evidence"] and all(sp["text"].lower() == t["term"] for sp in t["evidence"])
    # the rate-setting bank story is another story: its outlet is not blamed for leaving out the talks
    marenia = by["Marenia Wire"]
    omitted = {x["claim"] for x in marenia["omitted"]}
    assert all(c["status"] == "corroborated" for c in example["claims"] if c["id"] in omitted)
    column = by["The Lisk Observer"]
    assert column["omitted"], "the column leaves out corroborated facts"


# ----------------------------------------------------------------------------- stories

def test_unrelated_articles_land_in_other_stories(tmp_path):
    from parley.ingestion.run import ingest
    from parley.store.db import Store

    st = Store(str(tmp_path / "mixed.db"))
    assert ingest([str(SEEDS), str(DATA / "unrelated")], st, analyze=False).ok
    stories = st.stories()
    of = {a: s["id"] for s in stories for a in s["articles"]}
    arts = list(st.iter_articles())
    seeds = [a.id for a in arts if a.path and "/seeds/" in a.path]
    others = [a.id for a in arts if a.path and "/unrelated/" in a.path]
    assert len(seeds) == 5 and len(others) == 3
    assert len({of[a] for a in seeds}) == 1, "the five seeds are one story"
    assert not {of[a] for a in others} & {of[seeds[0]]}
    assert len({of[a] for a in others}) == 3
    # online: a new article joins without recomputing; the stories already there keep their members
    before = {s["id"]: list(s["articles"]) for s in stories}
    assert ingest([str(DATA / "unrelated" / "cup_final.txt")], st, analyze=False).ok  # already stored: no-op
    assert {s["id"]: list(s["articles"]) for s in st.stories()} == before
    st.close()


def test_story_state_survives_a_restart_and_matches_one_pass(tmp_path):
    """Ingesting in two runs (a process restart between) places articles as one run does."""
    from parley.ingestion.run import ingest
    from parley.store.db import Store

    files = sorted(SEEDS.glob("*.txt")) + sorted((DATA / "unrelated").glob("*.txt"))
    one = Store(str(tmp_path / "one.db"))
    assert ingest([str(f) for f in files], one, analyze=False).ok
    two = Store(str(tmp_path / "two.db"))
    assert ingest([str(f) for f in files[:4]], two, analyze=False).ok
    two.close()
    two = Store(str(tmp_path / "two.db"))
    assert ingest([str(f) for f in files[4:]], two, analyze=False).ok
    assert [s["articles"] for s in one.stories()] == [s["articles"] for s in two.stories()]
    one.close()
    two.close()


def test_cli_claims_and_stories(example_store, capsys):
    r = CliRunner().invoke(app, ["claims", "--contested", "--db", example_store.display])
    assert r.exit_code == 0, r.output
    assert "three hours" in r.output and "The Lisk Observer" in r.output
    r = CliRunner().invoke(app, ["claims", "--json", "--db", example_store.display])
    rows = json.loads(r.stdout)
    assert rows and {c["status"] for c in rows} >= {"corroborated", "single-source", "contested"}
    r = CliRunner().invoke(app, ["stories", "--db", example_store.display])
    assert r.exit_code == 0 and "Tarn" in r.output
    with pytest.raises(SystemExit) as exc:
        main(["claims", "--story", "s-nope", "--db", example_store.display])
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and "no story" in err and "parley stories" in err


def test_sentence_embeddings_tell_related_from_unrelated():
    """The embedding model runs offline and separates paraphrases from unrelated sentences (a padding bug
    once made every pair look alike)."""
    from parley.embed import encode

    v = encode(["The envoys agreed to swap prisoners.", "Both delegations agreed on a prisoner exchange.",
                "Heavy rain closed the mountain roads."])
    assert v.shape == (3, 384)
    assert float(v[0] @ v[1]) > 0.6
    assert float(v[0] @ v[2]) < 0.3
    w = encode(["The envoys agreed to swap prisoners."] + ["word " * 80])  # batch padding does not leak
    assert abs(float(w[0] @ v[0]) - 1.0) < 1e-4


def test_a_title_in_quotation_marks_is_no_quote_to_attribute():
    from parley.reconcile.claims_ledger import title_like

    assert title_like("The Evening Hour With Tana Quill.")
    assert not title_like("We will not sign anything that gives up the harbour.")
    assert not title_like("The talks were Useful And Long")  # "talks", "were" are lower case

"""Analysis components on short texts written for these tests."""

from __future__ import annotations

import pytest

from parley.analysis.pipeline import VERSION, analyze, analyze_many, load_model
from parley.analysis.quotes import find_quotes
from parley.analysis.timex import resolve, tag
from parley.model import Article, Published, from_dict, to_dict


def art(text: str, date: str | None = "2024-03-15", aid: str = "t1") -> Article:  # 2024-03-15 is a Friday
    return Article(id=aid, text=text, published=Published(date=date, source="metadata" if date else "unknown"))


def speakers(text: str, date: str | None = "2024-03-15") -> list[tuple[str, str | None, str]]:
    an = analyze(art(text, date))
    names = {e.key: e.name for e in an.entities}
    return [(q.text, names.get(q.speaker) if q.speaker else q.speaker_name, q.kind) for q in an.quotes]


# ----------------------------------------------------------------------------- quotes

def test_quote_marks_pairing_and_apostrophes():
    text = "“We don’t trust them,” she said. The talks’ agenda was ‘unclear’, he wrote. \"Straight,\" he said."
    spans = [text[q.start:q.end] for q in find_quotes(text)]
    assert spans == ["We don’t trust them,", "unclear", "Straight,"]


def test_nested_quotes_inside_a_quoted_passage():
    text = "The report states: “The minister was firm. ‘We will not give in,’ Tom Ruddle said after the call.”"
    quotes = find_quotes(text)
    assert [(text[q.start:q.end], q.level) for q in quotes] == [
        ("The minister was firm. ‘We will not give in,’ Tom Ruddle said after the call.", 0),
        ("We will not give in,", 1)]


def test_speakers_same_sentence_inversion_and_split_quotes():
    got = speakers("“The border stays closed,” said Interior Minister Arvid Pell. "
                   "“We need more time,” Pell added, “and more money.”")
    assert got[0] == ("The border stays closed,", "Arvid Pell", "direct")
    assert [g[1] for g in got[:3]] == ["Arvid Pell"] * 3


def test_pronoun_and_role_noun_speakers():
    got = speakers("Foreign Minister Lina Haas met her counterpart on Monday. “It was a good start,” she said.\n"
                   "Government spokesman Karl Bode later spoke to reporters. "
                   "The spokesman explained that the talks would resume \"within weeks.\"")
    assert ("It was a good start,", "Lina Haas", "direct") in got
    assert ("within weeks.", "Karl Bode", "direct") in got


def test_continuation_quote_takes_the_previous_speaker():
    got = speakers("“We came in good faith,” negotiator Omar Salim said.\n“We will leave in good faith too.”")
    assert got[1] == ("We will leave in good faith too.", "Omar Salim", "direct")


def test_scare_quotes_and_titles_are_not_quotes():
    got = speakers("The so-called “peace dividend” never came. In his book “The Long Road to Nowhere” (May 3, 2021), "
                   "the author described the “frozen conflict” in detail.")
    assert got == []


def test_indirect_speech():
    got = speakers("General Ana Ruiz said the troops would withdraw from the northern valley by the end of the month.")
    assert got == [("the troops would withdraw from the northern valley by the end of the month", "Ana Ruiz", "indirect")]


def test_according_to_a_person_beats_an_outlet_relaying():
    got = speakers("Senator Joan Pike spoke on Tuesday. According to her, the deal is “dead on arrival,” writes the Daily Example.")
    assert got[0][:2] == ("dead on arrival,", "Joan Pike")


# ----------------------------------------------------------------------------- time

def values(text: str, date: str | None = "2024-03-15") -> dict[str, str | None]:
    an = analyze(art(text, date))
    return {t.text: t.value for t in an.timexes}


def test_weekdays_follow_tense_and_the_article_day():
    v = values("Talks ended on Friday. Envoys met on Tuesday. They will meet again on Monday.")
    assert v["Friday"] == "2024-03-15"  # a Friday article: "on Friday" is that day
    assert v["Tuesday"] == "2024-03-12"
    assert v["Monday"] == "2024-03-18"
    v = values("The minister resigned last Friday.")
    assert v["last Friday"] == "2024-03-08"


def test_relative_days_narrative_and_durations():
    v = values("The deal was signed on March 3, 2024. Two days later, the first convoy left. "
               "Yesterday the envoy said the war had lasted three and a half years, after a 90-minute call. "
               "Prisoners will be freed in the near future.")
    assert v["March 3, 2024"] == "2024-03-03"
    assert v["Two days later"] == "2024-03-05"
    assert v["Yesterday"] == "2024-03-14"
    assert v["three and a half years"] == "P3.5Y"
    assert v["90-minute"] == "PT90M"
    assert v["in the near future"] == "FUTURE_REF"


def test_months_years_weeks_and_vague_references():
    v = values("In March 2022 the talks failed. Last year was worse; this week is calm, and last May was quiet. "
               "Three years ago nobody expected it. Currently nobody knows.")
    assert v["March 2022"] == "2022-03"
    assert v["Last year"] == "2023"
    assert v["this week"] == "2024-W11"
    assert v["last May"] == "2023-05"
    assert v["Three years ago"] == "2021"
    assert v["Currently"] == "PRESENT_REF"


def test_undated_article_keeps_specs_for_later():
    an = analyze(art("The envoys met yesterday in Geneva.", None))
    (t,) = [t for t in an.timexes if t.text == "yesterday"]
    assert t.value is None and t.rel["k"] == "day"
    assert resolve(t.rel, "2024-06-02") == "2024-06-01"


def test_tagger_extents():
    got = [(c.rel.get("v"), c.type) for c in tag("for several days and the past two years") if c.type == "duration"]
    assert got == [("PXD", "duration"), ("P2Y", "duration")]


# ----------------------------------------------------------------------------- entities and quantities

def test_titles_surnames_and_metonymy():
    an = analyze(art("Russian President Oleg Varnov met U.S. Secretary of State Ann Crowe in Geneva. "
                     "Varnov said Moscow wanted peace. Crowe later flew to Moscow."))
    people = {e.name: e for e in an.entities if e.type == "PERSON"}
    assert set(people) == {"Oleg Varnov", "Ann Crowe"}
    assert people["Oleg Varnov"].affiliation == "Russia"
    assert people["Ann Crowe"].affiliation == "United States"
    assert "Russian President" in [r.title for r in people["Oleg Varnov"].roles]
    keys = {m.text: m.key for m in an.mentions if m.text == "Moscow"}
    # "Moscow wanted" acts (the state); "flew to Moscow" is the city
    moscows = [m.key for m in an.mentions if m.text == "Moscow"]
    assert moscows[0] == "GPE:russia" and moscows[1] != "GPE:russia", keys


def test_misspelt_surname_joins_the_full_name():
    an = analyze(art("Chancellor Friedrich Albers spoke first. Later, Alberts said the plan was sound."))
    people = [e for e in an.entities if e.type == "PERSON"]
    assert len(people) == 1 and "Alberts" in people[0].variants


def test_quantities():
    an = analyze(art("Some 1,000 prisoners from each side will be freed after 90 minutes of talks on the 17th package."))
    got = {(q.value, q.unit, q.about, q.approx) for q in an.quantities}
    assert (1000.0, None, "prisoners from each side", True) in got
    assert (90.0, "minute", None, False) in got
    assert (17.0, "ordinal", "package", False) in got


# ----------------------------------------------------------------------------- the pipeline

def test_analysis_is_deterministic_and_serializes():
    a = art("“We will return,” said envoy Tam Ordo on Friday in Vienna.")
    one, two = analyze(a), analyze(a)
    assert to_dict(one) == to_dict(two)
    assert to_dict(from_dict(type(one), to_dict(one))) == to_dict(one)
    assert one.version == VERSION


def test_one_bad_article_does_not_stop_a_batch(monkeypatch):
    from parley.analysis import pipeline

    def boom(doc, art, an, ctx):
        if "explode" in art.text:
            raise ValueError("synthetic failure")

    comps = pipeline.components() + [pipeline.Component("boom", (), (), boom)]
    monkeypatch.setattr(pipeline, "components", lambda: comps)
    out = list(analyze_many([art("A calm day in Oslo.", aid="a"), art("Please explode.", aid="b"),
                             art("Another calm day.", aid="c")], load_model()))
    assert [o.error is None for o in out] == [True, False, True]
    assert "synthetic failure" in out[1].error


@pytest.mark.parametrize("sentence", ["Headline without a full stop\nSecond line starts a sentence."])
def test_line_breaks_end_sentences(sentence):
    an = analyze(art(sentence))
    assert [sentence[s:e] for s, e in an.sentences] == ["Headline without a full stop", "Second line starts a sentence."]

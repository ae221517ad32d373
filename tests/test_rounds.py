"""Rounds (issue 12): meetings that were held, with their day, place and the heads of both parties.

Short reports written for these tests (fictional states and people).
"""

from __future__ import annotations

from helpers import reports_dossier

DAY1, DAY2 = "2031-04-10", "2031-04-11"  # a Thursday and the Friday after


def _dossier(tmp_path, reports):
    return reports_dossier(tmp_path, reports)


def _held(tmp_path, reports):
    """The dossier of these reports, and its held rounds."""
    d = _dossier(tmp_path, reports)
    return d, [r for r in d["rounds"] if r["status"] == "held"]


def _names(d, ids):
    by_id = {e["id"]: e["name"] for e in d["entities"]}
    return {by_id.get(i, i) for i in ids}


def test_heads_of_a_meeting_told_as_their_talks_come_from_its_sentence(tmp_path):
    # the meeting noun has no participants of its own; the sentence names the two ministers
    reports = [
        ("The Harbour Post", DAY1, "Envoys meet",
         "Negotiators from Valdoria and Kestrel met in Port Salvo on Thursday. The talks lasted two hours."),
        ("Kestrel Today", DAY2, "A tense meeting",
         "Valdorian Trade Minister Arvid Lenk arrived on Wednesday. Mira Sollen, the Kestrel trade minister, came "
         "by train. After their meeting in Port Salvo on Thursday, Lenk and Sollen said little."),
    ]
    d, held = _held(tmp_path, reports)
    assert [r["date"] for r in held] == [DAY1], d["rounds"]
    assert "Arvid Lenk" in _names(d, held[0]["heads"])  # no role says he led: he is named at "their meeting"


def test_a_room_the_tagger_takes_for_an_organization_is_the_rounds_venue(tmp_path):
    reports = [
        ("The Harbour Post", DAY1, "Envoys meet",
         "Negotiators from Valdoria and Kestrel met on Thursday. The talks lasted two hours."),
        ("Kestrel Today", DAY2, "A tense meeting",
         "Negotiators from Valdoria and Kestrel held a tense Amber Office meeting on Thursday, officials said."),
    ]
    d, held = _held(tmp_path, reports)
    assert [r["date"] for r in held] == [DAY1], d["rounds"]
    assert held[0]["venue"] == "Amber Office" and held[0]["place"] is None


def test_talks_told_by_their_sides_the_next_day_go_on_the_same_round(tmp_path):
    reports = [
        ("The Harbour Post", DAY1, "Envoys meet",
         "Negotiators from Valdoria and Kestrel met in Port Salvo on Thursday. The talks lasted two hours."),
        ("Kestrel Today", DAY2, "Talks go on",
         "Negotiators from Valdoria and Kestrel met again in Port Salvo on Friday, officials said."),
    ]
    d, held = _held(tmp_path, reports)
    assert [(r["date"], r["end_date"]) for r in held] == [(DAY1, DAY2)], d["rounds"]


def test_accounts_of_two_days_of_one_round_are_no_rival_outcomes(tmp_path):
    reports = [
        ("The Harbour Post", DAY1, "Envoys meet",
         "Negotiators from Valdoria and Kestrel met in Port Salvo on Thursday. The talks on Thursday were "
         "productive, officials said."),
        ("Kestrel Today", DAY2, "Talks stall",
         "Negotiators from Valdoria and Kestrel met again in Port Salvo on Friday. The talks stalled on Friday, "
         "officials said."),
    ]
    d, held = _held(tmp_path, reports)
    assert [(r["date"], r["end_date"]) for r in held] == [(DAY1, DAY2)], d["rounds"]
    assert not [c for c in d["claims"] if c["kind"] == "outcome" and c["status"] == "contested"]


def test_the_state_of_the_venue_hosts_but_does_not_mediate(tmp_path):
    # a summit in a third country's city: that country is its host, not a mediator, unless the reports say so
    reports = [
        ("The Harbour Post", DAY1, "Envoys meet in Monaco",
         "Negotiators from Valdoria and Kestrel met in Monaco on Thursday. Monaco offered its usual "
         "security. The talks lasted two hours."),
        ("Kestrel Today", DAY2, "Monaco talks end",
         "Negotiators from Valdoria and Kestrel met in Monaco on Thursday, officials said."),
    ]
    d, held = _held(tmp_path, reports)
    assert held and held[0]["place"] == "Monaco", d["rounds"]
    assert "Monaco" in _names(d, held[0]["hosts"]), held[0]
    assert "Monaco" not in _names(d, held[0]["mediators"]), held[0]


def test_a_video_conference_is_no_held_round(tmp_path):
    reports = [
        ("The Harbour Post", DAY1, "Envoys speak by video",
         "Negotiators from Valdoria and Kestrel held a video conference on Thursday, officials said."),
        ("Kestrel Today", DAY2, "A video conference",
         "Negotiators from Valdoria and Kestrel held a video conference on Thursday to discuss the truce."),
    ]
    d = _dossier(tmp_path, reports)
    assert not [r for r in d["rounds"] if r["status"] == "held"], d["rounds"]


def test_a_round_told_by_its_end_with_a_family_name_and_two_adjectives(tmp_path):
    # "ended their latest round of talks in X": the sides are the subject, the place hangs on the talks;
    # "Rojas met ... in X" names a minister by his family name alone (real states: the tagger knows them)
    reports = [
        ("The Harbour Post", DAY2, "Talks end in Arica",
         "The dispute over the river has lasted for years. Chile and Peru ended their latest round of talks "
         "in Arica on Thursday."),
        ("Andes Today", DAY2, "Ministers meet",
         "The dispute over the river has lasted for years. Chilean Water Minister Luis Rojas arrived on Wednesday. "
         "Rojas met Peruvian Water Minister Maria Torres in Arica on Thursday."),
        ("Lima Wire", DAY2, "Officials meet",
         "The dispute over the river has lasted for years. Chilean and Peruvian officials met in Arica on "
         "Thursday for talks on the river."),
    ]
    d, held = _held(tmp_path, reports)
    assert [(r["date"], r["place"]) for r in held] == [(DAY1, "Arica")], d["rounds"]
    assert _names(d, held[0]["parties"]) == {"Chile", "Peru"}
    heads = {n for names in held[0]["heads_by_party"].values() for n in _names(d, names)}
    assert heads == {"Luis Rojas", "Maria Torres"}


def test_each_negotiation_in_one_store_has_its_own_sides_and_rounds(tmp_path):
    # two processes in one store: the main sides of one are no sides of the other, so both keep their rounds
    reports = [
        ("The Harbour Post", DAY1, "River talks in Arica",
         "Chilean Water Minister Luis Rojas met Peruvian Water Minister Maria Torres in Arica on Thursday "
         "for talks on the river dam and the water quota."),
        ("Andes Today", DAY2, "River talks end",
         "Chilean Water Minister Luis Rojas and Peruvian Water Minister Maria Torres ended their talks on the "
         "river dam and the water quota in Arica on Thursday."),
        ("The Harbour Post", "2031-04-17", "Fishing talks in Reykjavik",
         "Norwegian Fisheries Minister Ola Brekke met Icelandic Fisheries Minister Anna Sigurdottir in Reykjavik on "
         "Thursday for talks on mackerel quotas and the herring catch of the fishing fleet."),
        ("Kestrel Today", "2031-04-18", "Fishing talks end",
         "Norwegian Fisheries Minister Ola Brekke and Icelandic Fisheries Minister Anna Sigurdottir ended their "
         "talks on mackerel quotas and the herring catch of the fishing fleet in Reykjavik on Thursday."),
    ]
    d = _dossier(tmp_path, reports)
    held = {r["place"]: r for r in d["rounds"] if r["status"] == "held"}
    assert set(held) == {"Arica", "Reykjavik"}, d["rounds"]
    assert _names(d, held["Reykjavik"]["parties"]) == {"Norway", "Iceland"}
    assert len(d["negotiations"]) == 2
    sides = {frozenset(_names(d, n["sides"])) for n in d["negotiations"]}
    assert frozenset({"Norway", "Iceland"}) in sides


def test_talks_named_inside_a_dated_visit_are_that_visit(tmp_path):
    # the visit has the day and one side; the talks it describes have the other side and no day of their own
    # (not in the lead sentence, whose day dates every meeting it tells of)
    reports = [
        ("The Harbour Post", DAY2, "Minister ends visit",
         "Valdoria demanded an apology from Kestrel in March. Valdorian Foreign Minister Arvid Lenk wrapped up his visit to Kestrel on Thursday, describing his talks "
         "with Kestrel President Mira Sollen as productive."),
        ("Kestrel Today", DAY2, "Minister leaves",
         "Valdoria demanded an apology from Kestrel in March. Valdorian Foreign Minister Arvid Lenk ended his trip to Kestrel on Thursday, calling his talks with "
         "Kestrel President Mira Sollen useful."),
    ]
    d, held = _held(tmp_path, reports)
    assert [r["date"] for r in held] == [DAY1], d["rounds"]
    assert {"Arvid Lenk", "Mira Sollen"} <= _names(d, held[0]["heads"])


def test_talks_that_broke_down_before_a_dated_visit_are_not_dated_by_it(tmp_path):
    reports = [
        ("The Harbour Post", DAY2, "Minister at the border",
         "Valdoria demanded an apology from Kestrel in March. Valdorian President Arvid Lenk visited a border town on Thursday after negotiations with Kestrel "
         "broke down."),
        ("Kestrel Today", DAY2, "A border visit",
         "Valdoria demanded an apology from Kestrel in March. Valdorian President Arvid Lenk toured a border village on Thursday after talks with Kestrel "
         "collapsed."),
    ]
    d, held = _held(tmp_path, reports)
    assert held == [], d["rounds"]


def test_a_meeting_dated_to_a_month_lends_no_head_to_the_round_of_its_article(tmp_path):
    reports = [
        ("The Harbour Post", DAY2, "Minister in Kestrel",
         "Valdoria demanded an apology from Kestrel in March. Valdorian Foreign Minister Ivo Marr met Kestrel "
         "President Mira Sollen in Port Salvo on Thursday. The visit comes after Valdorian President Arvid Lenk's "
         "summit with Sollen in June."),
        ("Kestrel Today", DAY2, "Talks in Port Salvo",
         "Valdoria demanded an apology from Kestrel in March. Valdorian Foreign Minister Ivo Marr held talks with "
         "Kestrel President Mira Sollen in Port Salvo on Thursday."),
    ]
    d, held = _held(tmp_path, reports)
    assert [r["date"] for r in held] == [DAY1], d["rounds"]
    assert "Ivo Marr" in _names(d, held[0]["heads"]) and "Arvid Lenk" not in _names(d, held[0]["heads"])


def test_a_meeting_recalled_by_since_lends_its_day_and_heads_to_nothing(tmp_path):
    reports = [
        ("The Harbour Post", DAY2, "Leaders dine",
         "Valdoria demanded an apology from Kestrel in March. Valdorian President Arvid Lenk met Kestrel President "
         "Mira Sollen over dinner in Port Salvo on Thursday."),
        ("Kestrel Today", "2031-05-20", "Talks resume",
         "Valdoria demanded an apology from Kestrel in March. Two days of talks between delegations led by "
         "Valdorian envoy Ivo Marr and Kestrel envoy Tana Quill are the highest-level since the two leaders sat "
         "down for dinner on April 10."),
    ]
    d, held = _held(tmp_path, reports)
    assert [r["date"] for r in held] == [DAY1], d["rounds"]
    names = _names(d, held[0]["heads"])
    assert {"Arvid Lenk", "Mira Sollen"} <= names and not names & {"Ivo Marr", "Tana Quill"}, names


def test_talks_the_text_dates_are_a_round_of_the_two_sides_its_sentence_names(tmp_path):
    # "talks on Tuesday" names no participant: the sentence names the two sides, and no one else's people
    reports = [
        ("The Harbour Post", "2031-04-03", "Envoys meet",
         "Negotiators from Valdoria and Kestrel met in Port Salvo on Thursday. The talks lasted two hours."),
        ("Kestrel Today", "2031-04-13", "A framework",
         "Valdoria and Kestrel agreed on a framework for cutting tariffs during high-level talks on Thursday, "
         "Valdoria's finance ministry said on Sunday."),
    ]
    d, held = _held(tmp_path, reports)
    assert [r["date"] for r in held] == ["2031-04-03", DAY1], d["rounds"]
    assert _names(d, held[0]["parties"]) == {"Valdoria", "Kestrel"}


def test_talks_whose_sentence_names_a_third_sides_leader_are_no_round_of_the_two(tmp_path):
    reports = [
        ("The Harbour Post", "2031-04-13", "A surprise meeting",
         "Negotiators from Valdoria and Kestrel met in Port Salvo on Thursday. The talks lasted two hours."),
        ("Kestrel Today", "2031-04-14", "Ostland steps in",
         "Ostland President Tomas Verhoeven said that he and Kestrel Foreign Minister Mira Sollen agreed during a "
         "surprise meeting on Saturday that Valdoria and Kestrel must resume their negotiations."),
    ]
    d, held = _held(tmp_path, reports)
    assert "2031-04-12" not in [r["date"] for r in held], d["rounds"]


def test_talks_announced_before_they_began_are_the_round_held_not_a_planned_one(tmp_path):
    reports = [
        ("The Harbour Post", "2031-04-07", "Lenk to travel",
         "Valdorian Trade Minister Arvid Lenk will travel to Port Salvo on Tuesday to hold talks with Kestrel, "
         "Valdoria's foreign ministry said on Monday."),
        ("Kestrel Today", DAY2, "Talks held",
         "Negotiators from Valdoria and Kestrel met on Thursday, officials said. The talks lasted two hours."),
    ]
    d = _dossier(tmp_path, reports)
    assert [(r["date"], r["status"]) for r in d["rounds"]] == [(DAY1, "held")], d["rounds"]
    first = next(a["id"] for a in d["articles"] if a["published"]["date"] == "2031-04-07")
    assert first in d["rounds"][0]["articles"]  # the announcement tells of the round



def test_the_city_a_negotiator_travels_to_for_the_talks_is_the_rounds_place(tmp_path):
    # the announcement names the city only as where he travels; the report of the talks names none (real states:
    # the tagger knows the capital)
    reports = [
        ("The Harbour Post", "2031-04-07", "Rojas to travel",
         "Chilean Water Minister Luis Rojas will travel to Lima on Tuesday to hold talks with Peru, "
         "Chile's foreign ministry said on Monday."),
        ("Andes Today", DAY2, "Talks held",
         "Negotiators from Chile and Peru met on Thursday, officials said. The talks lasted two hours."),
    ]
    d, held = _held(tmp_path, reports)
    assert [r["date"] for r in held] == [DAY1], d["rounds"]
    assert held[0]["place"] == "Lima", held[0]


def test_the_north_in_a_negotiators_title_is_the_one_northern_state_of_the_reports(tmp_path):
    # real states: the tagger knows them; "the North" is the one state of the reports whose name begins so
    reports = [
        ("The Harbour Post", DAY1, "Envoys meet",
         "Negotiators from Greece and North Macedonia met in Athens on Thursday. The talks lasted two hours."),
        ("Balkan Today", DAY2, "A long day of talks",
         "Negotiators from Greece and North Macedonia met in Athens on Thursday. The North’s chief negotiator, "
         "Ilo Brandt, spent the day in talks with the Greek delegation."),
    ]
    d, held = _held(tmp_path, reports)
    assert [r["date"] for r in held] == [DAY1], d["rounds"]
    assert "Ilo Brandt" in _names(d, held[0]["heads_by_party"].get("gpe:north-macedonia", [])), held[0]


def test_a_meeting_at_a_seat_of_government_is_in_that_states_capital(tmp_path):
    # real states: the gazetteer knows the White House stands for the U.S. government, in Washington
    reports = [
        ("The Harbour Post", DAY1, "Talks at the White House",
         "Norwegian Foreign Minister Ola Brekke met U.S. Secretary of State John Harlan at the White House on "
         "Thursday for talks on the fishing zone."),
        ("Kestrel Today", DAY2, "Fishing talks end",
         "Norwegian Foreign Minister Ola Brekke and U.S. Secretary of State John Harlan ended their talks on the "
         "fishing zone at the White House on Thursday."),
    ]
    d, held = _held(tmp_path, reports)
    assert [r["date"] for r in held] == [DAY1], d["rounds"]
    assert held[0]["place"] == "Washington", held[0]


def test_the_top_diplomat_of_a_side_at_the_talks_is_its_foreign_minister_named_in_the_article(tmp_path):
    # real states: the tagger knows them
    reports = [
        ("The Harbour Post", DAY2, "Talks in Arica",
         "Chilean Foreign Minister Luis Rojas flew to Arica on Wednesday. The dispute over the river has lasted for "
         "years. The top Chilean diplomat met Peruvian Water Minister Maria Torres in Arica on Thursday for talks "
         "on the river."),
        ("Andes Today", DAY2, "River talks",
         "The dispute over the river has lasted for years. Chile and Peru held talks in Arica on Thursday, "
         "officials said."),
    ]
    d, held = _held(tmp_path, reports)
    assert [r["date"] for r in held] == [DAY1], d["rounds"]
    assert "Luis Rojas" in _names(d, held[0]["heads_by_party"].get("gpe:chile", [])), held[0]


def test_a_signing_by_both_sides_is_a_round(tmp_path):
    reports = [
        ("The Harbour Post", DAY2, "Accord signed",
         "Chile and Peru signed a ceasefire accord in Lima on Thursday, ending months of talks."),
        ("Andes Today", DAY2, "A truce at last",
         "Peru and Chile signed a ceasefire accord on Thursday in Lima, officials said."),
    ]
    d, held = _held(tmp_path, reports)
    assert [(r["date"], r["place"]) for r in held] == [(DAY1, "Lima")], d["rounds"]


def test_leaders_who_were_to_travel_for_talks_held_none(tmp_path):
    reports = [
        ("The Harbour Post", DAY2, "Secret talks off",
         "Valdorian President Arvid Lenk said on Friday that Kestrel leaders were to travel to Valdoria for secret "
         "peace talks on Thursday with Valdoria's envoys."),
    ]
    d, held = _held(tmp_path, reports)
    assert held == [], d["rounds"]


def test_an_undated_signing_reported_days_after_the_signing_is_that_signing(tmp_path):
    reports = [
        ("The Harbour Post", DAY2, "Accord signed",
         "The war is over. Peru and Chile signed a ceasefire accord on Thursday in Lima, officials said."),
        ("Andes Today", "2031-04-12", "How the truce was made",
         "Chilean Foreign Minister Tomas Varela and Peruvian envoy Rosa Quispe signed the accord in Lima. Varela "
         "called it a new start."),
    ]
    d, held = _held(tmp_path, reports)
    assert [r["date"] for r in held] == [DAY1], d["rounds"]
    assert {"Tomas Varela", "Rosa Quispe"} <= _names(d, held[0]["heads"]), held[0]


def test_the_two_sides_of_a_meeting_are_the_main_sides(tmp_path):
    reports = [
        ("The Harbour Post", DAY2, "Talks resume",
         "Chile and Peru held talks in Lima on Monday. Chile and Peru are at odds over fishing rights. The two "
         "sides met again in Lima on Thursday."),
    ]
    d, held = _held(tmp_path, reports)
    assert DAY1 in [r["date"] for r in held], d["rounds"]

"""Claims that the ledger's sections already hold: rounds (where and when, how long), delegation heads,
agreements and their status, positions (a party's stance on an issue), events (who did what to whom, on
which day), and the same words quoted in several articles. Each becomes a claim whose support spans are the
sentences behind it, with independent sources counted as for every claim (see ``claims``)."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from typing import Any

from ..model import Analysis, Article
from .claims import (
    OPPOSED_STATUS,
    ClaimSet,
    ValueMention,
    claim_id,
    content_words,
    human_duration,
    span,
    value_groups,
)

_ROUND = re.compile(r"\b(?:talks|negotiations|meeting|discussions|round|summit|consultations)\b", re.I)


def _round_claims(b: ClaimSet, rounds: list[dict[str, Any]], items: list[tuple[Article, Analysis]],
                  names: dict[str, str], consumed: set[tuple[str, int]]) -> None:
    an_of = {a.id: an for a, an in items}
    arts = b.arts
    for r in rounds:
        support = []
        for aid in r["articles"]:
            art, an = arts[aid], an_of[aid]
            place_words = {p["name"] for p in r.get("places", [])} | {r["place"]}
            best = None
            for s, e in an.sentences:
                sent = art.text[s:e]
                if not _ROUND.search(sent):
                    continue
                has_place = any(p and p in sent for p in place_words)
                has_day = any(s <= t.start < e and t.value == r["date"] for t in an.timexes)
                score = has_place + has_day
                if score and (best is None or score > best[0]):
                    best = (score, s, e)
            if best is not None:
                support.append((aid, best[1], best[2], art.text[best[1]:best[2]]))
        if support:
            b.add(cid=claim_id("round", r["id"]), kind="round",
                   question=f"Where and when the round of talks of {r['date']} took place",
                   statement=f"Talks took place in {r['place']} on {r['date']}",
                   support=support, subject="talks", predicate="take place",
                   value={"type": "place", "value": r["place"], "date": r["date"]}, date=r["date"], round=r["id"])
        durations = r.get("duration") or []
        if not durations:
            continue
        ms = []
        for d in durations:
            sp = d["evidence"][0]
            consumed.add((d["article"], sp["start"]))
            an = an_of[d["article"]]
            sent = next(((s, e) for s, e in an.sentences if s <= sp["start"] < e), (sp["start"], sp["end"]))
            from ..analysis.statements import duration_days

            value = {"type": "duration", "value": d["value"], "days": duration_days(d["value"]),
                     "mod": "~" if d.get("approx") else None, "text": d["text"]}
            key, via = b.sources.key(d["article"], arts[d["article"]].text[sent[0]:sent[1]])
            ms.append(ValueMention(d["article"], sp["start"], sp["end"], sent, value, key=key, via=via))
        groups = value_groups(ms)
        main = groups[0]
        others = [g for g in groups[1:] if len({m.article for m in main} | {m.article for m in g}) >= 2
                  and {m.key for m in g} - {m.key for m in main}]
        rep = main[0]
        b.add(cid=claim_id("round-duration", r["id"]), kind="duration",
               question=f"How long the {r['date']} round in {r['place']} lasted",
               statement=f"The talks in {r['place']} on {r['date']} lasted "
                         f"{'about ' if rep.value['mod'] == '~' else ''}{human_duration(rep.value['value'])}",
               support=[(m.article, m.sent[0], m.sent[1], arts[m.article].text[m.sent[0]:m.sent[1]]) for m in main],
               contradict=[(m.article, m.sent[0], m.sent[1], m.value["text"],
                            arts[m.article].text[m.sent[0]:m.sent[1]]) for g in others for m in g],
               subject="talks", predicate="last",
               value={"type": "duration", "value": rep.value["value"], "text": rep.value["text"],
                      "mod": rep.value["mod"]},
               values=b.value_entries([main, *others]),
               value_spans=[span(arts[m.article], m.start, m.end) for m in ms], date=r["date"], round=r["id"])


_HEAD = re.compile(r"\b(?:head of|chief negotiator|negotiator|led the|leads the|heads the|headed the|"
                   r"head of the)\b", re.I)


def _head_claims(b: ClaimSet, entities: list[dict[str, Any]], items: list[tuple[Article, Analysis]]) -> None:
    an_of = {a.id: an for a, an in items}
    for e in entities:
        if e.get("type") != "PERSON":
            continue
        support = []
        titles = []
        for r in e.get("roles", []):
            if not _HEAD.search(r["title"]):
                continue
            titles.append(r["title"])
            for sp in r.get("evidence", []):
                an = an_of.get(sp["article"])
                if an is None:
                    continue
                s, t = _sentence(an, sp["start"], sp["end"])
                support.append((sp["article"], s, t, b.arts[sp["article"]].text[s:t]))
        if support:
            side = e.get("affiliation")
            title = Counter(titles).most_common(1)[0][0]
            b.add(cid=claim_id("head", e["id"]), kind="head",
                   statement=f"{e['name']} led the {side} side" if side else f"{e['name']}: {title}",
                   support=support, subject=e["name"], predicate="lead",
                   value={"type": "person", "value": e["id"], "text": e["name"], "role": title}, entity=e["id"])


def _party_names(ids: list[str], names: dict[str, str]) -> str:
    ns = [names.get(i, i) for i in ids]
    return " and ".join([", ".join(ns[:-1]), ns[-1]] if len(ns) > 2 else ns) if ns else "The parties"


# an agreement on a step towards the issue ("agreed to present their views on a possible ceasefire", "agreed to
# submit ceasefire proposals") is not an agreement on the issue itself, and does not contradict "no ceasefire"
PROCEDURAL = re.compile(
    r"\b(?:present|submit|share|exchange|consider|discuss|study|draft|prepare|continue|work(?:ing)?\s+on|set\s+out|"
    r"views?|proposals?|terms|positions?|conditions|memorand\w*|roadmap|framework|possible|potential|"
    r"negotiat\w*|talks)\b", re.I)


def procedural_agreements(d: dict[str, Any]) -> set[str]:
    """Ids of a dossier's agreements on a step towards their issue ("agreed to present their views on a
    ceasefire"), as their claims say."""
    return {c.get("agreement") for c in d.get("claims", []) if (c.get("value") or {}).get("procedural")}


def _procedural(text: str, cue: str | None, issue: str) -> bool:
    from ..analysis.events import issue_patterns

    rx = next((r for n, r in issue_patterns() if n == issue), None)
    m = rx.search(text) if rx else None
    if m is None:
        return False
    at = text.lower().find((cue or "").lower()) if cue else -1
    lo = at + len(cue or "") if 0 <= at < m.start() else max(0, m.start() - 60)
    after = " ".join(text[m.end():].split()[:2])
    return bool(PROCEDURAL.search(text[lo:m.start()]) or PROCEDURAL.match(after))


_AGREE_WORDS = {"agree", "agreed", "agreement", "deal", "accord", "reach", "reached", "sign", "signed", "failed",
                "fail", "talk", "negotiation", "side", "two", "both", "country", "any", "final", "new"}


def _what_agreed(text: str, cue: str | None, issue: str) -> frozenset[str]:
    """The content words of what a statement says was (or was not) agreed: the words after its cue ("did not
    agree to scale back subsidies" -> scale, back, subsidie), without the issue's own name and the words of
    agreeing itself."""
    low = text.lower()
    at = low.find((cue or "").lower()) if cue else -1
    if at < 0:
        m = re.search(r"\bagree\w*|\bdeal\b", low)
        at, n = (m.start(), len(m.group(0))) if m else (-1, 0)
    else:
        n = len(cue or "")
    if at < 0:
        return frozenset()
    after = " ".join(text[at + n:].split()[:10])
    after = re.split(r"[,;:.]|\b(?:but|while|as|although|which|who)\b", after)[0]
    return content_words(after) - content_words(issue) - _AGREE_WORDS


def _same_thing(yes: dict[str, Any], no: dict[str, Any], issue: str) -> bool:
    """Whether an agreement and a denial may speak of one thing: what each says was agreed shares a word, or
    one of them says no more than the issue ("agreed a ceasefire along the front line", "no ceasefire was
    agreed"). Two that each name what was agreed, with nothing in common, are two things: "agreed to cut
    tariffs" and "did not agree to scale back subsidies", both on trade, can both be true."""
    a = [_what_agreed(st["text"], st.get("cue"), issue) for st in yes["statements"]]
    b = [_what_agreed(st["text"], st.get("cue"), issue) for st in no["statements"]]
    return any(not x or not y or bool(x & y) for x in a for y in b)


def _agreement_claims(b: ClaimSet, agreements: list[dict[str, Any]], names: dict[str, str]) -> None:
    by_issue: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for ag in agreements:
        by_issue[ag["issue"]].append(ag)
    for issue, group in by_issue.items():
        used: set[int] = set()
        for i, ag in enumerate(group):
            if i in used:
                continue
            used.add(i)
            opposed = []
            for j, other in enumerate(group):
                if j in used or OPPOSED_STATUS.get(ag["status"]) != other["status"]:
                    continue
                if ag.get("date") and other.get("date") and ag["date"] != other["date"]:
                    continue  # "no deal on Friday", "a deal on Monday": the story moved on
                yes = ag if ag["status"] != "not agreed" else other
                firm = [st for st in yes["statements"] if not _procedural(st["text"], st.get("cue"), issue)]
                if firm and _same_thing(yes, other if yes is ag else ag, issue):
                    opposed.append(other)
                    used.add(j)
            who = _party_names(ag["parties"], names)
            statement = {"agreed": f"{who} agreed on {issue}", "not agreed": f"No agreement on {issue}",
                         "implemented": f"Agreement on {issue} carried out ({who})",
                         "discussed": f"{who} discussed {issue}"}.get(ag["status"], f"{issue}: {ag['status']}")
            support = [(sp["article"], sp["start"], sp["end"], sp["text"]) for sp in ag["evidence"]]
            against = [(sp["article"], sp["start"], sp["end"], o["status"], sp["text"])
                       for o in opposed for sp in o["evidence"]]
            procedural = ag["status"] == "agreed" and all(
                _procedural(st["text"], st.get("cue"), issue) for st in ag["statements"])
            b.add(cid=claim_id("agreement", issue, ag["status"]), kind="agreement",
                   statement=f"{who} agreed on steps towards {issue}" if procedural else statement,
                   support=support, contradict=against, subject=who, predicate=ag["status"],
                   value={"type": "status", "value": ag["status"], "issue": issue, "procedural": procedural},
                   date=ag.get("date"), agreement=ag["id"])


def _norm_quote(text: str) -> tuple[str, ...]:
    return tuple(w.lower() for w in re.findall(r"[A-Za-z0-9']+", text))


# how a quote's speaker was found when the article itself names the speaker at the quote
EXPLICIT = {"cue verb", "according to", "speech noun", "same-sentence"}


def _name_words(name: str) -> list[str]:
    from ..gazetteer import fold

    return [w for w in re.findall(r"[a-z]+", fold(name)) if len(w) > 1 and w not in ("mr", "mrs", "ms", "dr", "jr")]


def _other_person(a: str, b: str, kinds: dict[str, str], names: dict[str, str]) -> bool:
    """Whether speakers ``a`` and ``b`` are two different people, as far as their names tell."""
    if kinds.get(a) != "PERSON" or kinds.get(b) != "PERSON":
        return False
    wa, wb = _name_words(names.get(a, a)), _name_words(names.get(b, b))
    if not wa or not wb:
        return False
    return wa[-1] != wb[-1] and not (set(wa) <= set(wb) or set(wb) <= set(wa))


def title_like(text: str) -> bool:
    """Whether quoted words are a title (of a show, a book, a film) rather than speech: every word of four
    letters or more capitalised, and no more than twelve words."""
    words = re.findall(r"[A-Za-z][A-Za-z'’-]*", text)
    long = [w for w in words if len(w) >= 4]
    return bool(long) and len(words) <= 12 and all(w[0].isupper() for w in long)


def _quote_claims(b: ClaimSet, quotes: list[dict[str, Any]], names: dict[str, str], kinds: dict[str, str]) -> None:
    """The same words quoted in several articles: who said them, and whether the articles agree on it."""
    groups: dict[tuple[str, ...], list[dict[str, Any]]] = defaultdict(list)
    for q in quotes:
        if q.get("kind") != "direct":
            continue
        words = _norm_quote(q["text"])
        if len(words) < 5 or title_like(q["text"]):
            continue  # "The Late Show With A Host": a title in quotation marks is a name, not words someone said
        # blocking on the first four words; containment catches a quote cut short in another article
        key = next((k for k in groups if k[:4] == words[:4] and (set(words) <= set(k) or set(k) <= set(words))), words)
        groups[key].append(q)
    for words, qs in groups.items():
        if len({q["article"] for q in qs}) < 2:
            continue
        speakers = Counter(q["speaker"] for q in qs if q["speaker"])
        if not speakers:
            continue
        top = speakers.most_common(1)[0][0]
        # another speaker contests only when both are people and their names cannot be one person's
        # ("Lenk" and "Arvid J. Lenk" are one; a group or a role noun given as the speaker is no rival)
        rivals = {sp for sp in speakers if sp != top and _other_person(sp, top, kinds, names)}
        if rivals and not all(any(q["speaker"] == sp and q.get("resolved_by") in EXPLICIT for q in qs)
                              for sp in [top, *rivals]):
            rivals = set()  # a speaker found through a pronoun or a neighbouring sentence is Parley's reading
        support = [(q["evidence"][0]["article"], q["evidence"][0]["start"], q["evidence"][0]["end"], None)
                   for q in qs if q["speaker"] not in rivals]
        against = [(q["evidence"][0]["article"], q["evidence"][0]["start"], q["evidence"][0]["end"],
                    names.get(q["speaker"], q["speaker_name"] or q["speaker"]), None)
                   for q in qs if q["speaker"] in rivals]
        text = max((q["text"] for q in qs), key=len)
        b.add(cid=claim_id("quote", " ".join(words[:12])), kind="attribution", question=f"Who said “{text[:80]}”",
               statement=f"{names.get(top, top)} said: “{text[:200]}”", support=support, contradict=against,
               subject=names.get(top, top), predicate="say",
               value={"type": "person", "value": top, "text": names.get(top, top)},
               quotes=[q["id"] for q in qs])


def _sentence(an: Analysis, start: int, end: int) -> tuple[int, int]:
    """The sentence that holds ``start`` (or the span itself when no sentence does)."""
    return next(((s, e) for s, e in an.sentences if s <= start < e), (start, end))


_FAMILY = {"demand": "seek", "proposal": "seek", "offer": "seek", "red line": "seek", "acceptance": "accept",
           "concession": "accept"}
_FAMILY_VERB = {"seek": "seeks", "accept": "accepts", "rejection": "rejects", "threat": "threatens on"}
_STANCE_VERB = {"demand": "demands", "red line": "draws a red line on", "proposal": "proposes", "offer": "offers",
                "acceptance": "accepts", "concession": "concedes on", "rejection": "rejects", "threat": "threatens on"}


def _position_claims(b: ClaimSet, positions: list[dict[str, Any]], items: list[tuple[Article, Analysis]],
                     names: dict[str, str]) -> None:
    """A party's stance on an issue, as the outlets report it: "Kestrel demands: territory"."""
    an_of = {a.id: an for a, an in items}
    families: dict[tuple[str, str, str], list[dict[str, Any]]] = defaultdict(list)
    for p in positions:  # what a party seeks (demand, proposal, offer, red line), accepts, rejects, threatens
        families[(p["party"], p["issue"], _FAMILY.get(p["stance"], p["stance"]))].append(p)
    for (pid, issue, family), group in families.items():
        p = max(group, key=lambda x: len(x["evidence"]))
        support = []
        for sp in [sp for x in group for sp in x["evidence"]]:
            an = an_of.get(sp["article"])
            if an is None:
                continue
            s, e = _sentence(an, sp["start"], sp["end"])
            support.append((sp["article"], s, e, b.arts[sp["article"]].text[s:e]))
        if not support:
            continue
        party = p.get("party_name") or names.get(pid, pid)
        stances = sorted({x["stance"] for x in group})
        verb = _FAMILY_VERB.get(family, _STANCE_VERB.get(family, family))
        b.add(cid=claim_id("position", pid, issue, family), kind="position",
               statement=f"{party} {verb} {issue}: {p['content'][:200]}", support=support,
               subject=party, predicate=family,
               value={"type": "stance", "value": family, "stances": stances, "issue": issue},
               date=min((x.get("date") for x in group if x.get("date")), default=None),
               positions=[x["id"] for x in group])


_EVENT_VERB = {"CONSULT": "met or spoke with", "AGREE": "agreed with", "DEMAND": "made demands of",
               "REQUEST": "asked", "REJECT": "rejected", "THREATEN": "threatened", "SANCTION": "sanctioned",
               "ACCUSE": "accused", "DISAPPROVE": "criticized", "SUPPORT": "supported", "COOPERATE": "cooperated with",
               "AID": "aided", "CONCEDE": "conceded to", "RETREAT": "withdrew from", "MOBILIZE": "mobilized against",
               "COERCE": "coerced", "ASSAULT": "attacked", "PROTEST": "protested against"}
_SYMMETRIC = {"CONSULT", "COOPERATE", "AGREE"}


def _event_claims(b: ClaimSet, events: list[dict[str, Any]], items: list[tuple[Article, Analysis]],
                  names: dict[str, str], rounds: list[dict[str, Any]]) -> None:
    """Who did what to whom on which day, matched across articles: the same PLOVER type and mode, the same
    day, and the same people: for meetings and calls two participants in common (either way round), for
    other events an actor and a target in common. Talks of a round are the round's own claim."""
    an_of = {a.id: an for a, an in items}
    round_days = {r["date"] for r in rounds}
    kept = []
    for ev in events:
        if ev["modality"] != "happened" or ev.get("negated") or not ev.get("date") or not ev["actors"]:
            continue
        people = {*ev["actors"], *ev["targets"]}
        if ev["type"] in _SYMMETRIC:
            if len(people) < 2 or (ev["type"] == "CONSULT" and ev["date"] in round_days and not ev.get("mode")):
                continue  # the talks themselves are the round's claim
        elif not ev["targets"]:
            continue
        kept.append(ev)

    def same(a: dict[str, Any], c: dict[str, Any]) -> bool:
        if (a["type"], a.get("mode"), a["date"]) != (c["type"], c.get("mode"), c["date"]):
            return False
        if a["type"] in _SYMMETRIC:
            return len({*a["actors"], *a["targets"]} & {*c["actors"], *c["targets"]}) >= 2
        return bool(set(a["actors"]) & set(c["actors"]) and set(a["targets"]) & set(c["targets"]))

    groups: list[list[dict[str, Any]]] = []
    for ev in kept:  # single link: an event joins every group it matches, and those groups become one
        hits = [g for g in groups if any(same(ev, o) for o in g)]
        merged = [ev] + [o for g in hits for o in g]
        groups = [g for g in groups if g not in hits] + [merged]
    for evs in groups:
        support = []
        for ev in evs:
            an = an_of.get(ev["article"])
            if an is None:
                continue
            sp = ev["evidence"][0]
            s, e = _sentence(an, sp["start"], sp["end"])
            support.append((ev["article"], s, e, b.arts[ev["article"]].text[s:e]))
        if not support:
            continue
        ev0 = evs[0]
        typ, mode, day = ev0["type"], ev0.get("mode") or "", ev0["date"]
        count: Counter = Counter(x for ev in evs for x in {*ev["actors"], *ev["targets"]})
        if typ in _SYMMETRIC:
            people = [names.get(x, x) for x, n in sorted(count.items(), key=lambda kv: (-kv[1], kv[0]))
                      if n * 2 >= len(evs)] or [names.get(x, x) for x in sorted({*ev0["actors"], *ev0["targets"]})]
            verb = ("spoke by phone" if mode == "phone" or mode == "phone call" else "met or spoke") \
                if typ == "CONSULT" else _EVENT_VERB[typ] + " each other"
            what = f"{' and '.join(people)} {verb}"
        else:
            actors = " and ".join(names.get(x, x) for x in ev0["actors"])
            targets = " and ".join(names.get(x, x) for x in ev0["targets"])
            what = f"{actors} {_EVENT_VERB.get(typ, typ.lower())} {targets}"
        key = sorted(count)
        b.add(cid=claim_id("event", typ, mode, day, *key), kind="event", statement=f"{what} on {day}",
               support=support, subject=names.get(key[0], key[0]) if key else None, predicate=typ,
               value={"type": "event", "value": typ, "mode": mode or None, "date": day},
               date=day, events=[ev["id"] for ev in evs])


# how the talks went, in words that cannot both be true of one round: "productive" against "no progress"
_GOOD = re.compile(r"\b(?:productive|constructive|fruitful|successful|went\s+(?:very\s+)?well|"
                   r"(?:good|great|real|significant|substantial|some|concrete)\s+progress|made\s+progress|"
                   r"progress\s+(?:was|has\s+been)\s+made)\b", re.I)
_BAD = re.compile(r"\b(?:unproductive|fruitless|no\s+progress|not\s+(?:been\s+)?(?:productive|constructive|successful)|"
                  r"(?:failed|collapsed|broke\s+down|went\s+nowhere|ended\s+in\s+failure|deadlocked|stalled)|"
                  r"without\s+(?:any\s+)?progress|little\s+progress)\b", re.I)
_HOPE = re.compile(r"\b(?:will|would|could|may|might|can|should|hope[sd]?|hoping|expect\w*|predict\w*|aim\w*|"
                   r"want\w*|seek\w*|if|unless|whether|lead\s+to)\b", re.I)
_TALKS = re.compile(r"\b(?:talks|negotiations|meeting|meetings|discussions|summit|round)\b", re.I)


def _outcome_claims(b: ClaimSet, rounds: list[dict[str, Any]], items: list[tuple[Article, Analysis]]) -> None:
    """How a held round went, when the sources disagree or agree on it: sentences of the round's articles that
    speak of the talks of that day ("the talks were productive", "there was no progress") are set against each
    other; contested when one independent source says one and another the opposite."""
    an_of = {a.id: an for a, an in items}
    for r in rounds:
        if r.get("status", "held") != "held":
            continue
        days = {r["date"], r.get("end_date")} - {None}
        sides: dict[str, list[tuple[str, int, int, str]]] = {"good": [], "bad": []}
        told: dict[tuple[str, int], str | None] = {}  # the day each account speaks of, when its sentence dates it
        for aid in r["articles"]:
            art, an = b.arts[aid], an_of[aid]
            for s, e in an.sentences:
                sent = art.text[s:e]
                if not _TALKS.search(sent) or len(sent) > 400:
                    continue
                dated = [t.value[:10] for t in an.timexes if s <= t.start < e and t.value and t.type in ("date", "time")
                         and re.match(r"\d{4}-\d{2}-\d{2}", t.value)]
                if dated and not set(dated) & days:
                    continue  # another day's talks
                if any(s <= t.start < e and t.type == "date" and t.value and not re.match(r"\d{4}-\d{2}-\d{2}", t.value)
                       and not any(d.startswith(t.value) for d in days) for t in an.timexes):
                    continue  # "the talks collapsed in May": another time's talks
                mg, mb = _GOOD.search(sent), _BAD.search(sent)
                good, bad = bool(mg), bool(mb)
                at = (mg or mb).start() if (mg or mb) else 0
                if _HOPE.search(sent[max(0, at - 80):at]):
                    continue  # "predicting that it will lead to fruitful negotiations": no account of the talks
                if good != bad:
                    sides["good" if good else "bad"].append((aid, s, e, sent))
                    told[(aid, s)] = min(set(dated) & days) if dated else None
        if len(days) > 1:  # talks over several days: only accounts of one same day are rival ("productive on
            on_day = {k: {told[(a, s)] for a, s, _e, _t in v} - {None} for k, v in sides.items()}  # Thursday,
            both = on_day["good"] & on_day["bad"]  # stalled on Friday" may both be true)
            sides = {k: [x for x in v if told[(x[0], x[1])] in both] for k, v in sides.items()}
        if not sides["good"] or not sides["bad"]:
            continue
        keys = {k: {b.sources.key(a, t)[0] for a, _s, _e, t in v} for k, v in sides.items()}
        if not keys["good"] - keys["bad"] or not keys["bad"] - keys["good"]:
            continue  # one source telling both is an account of mixed talks, not two accounts
        main, other = ("good", "bad") if len(keys["good"]) >= len(keys["bad"]) else ("bad", "good")
        word = {"good": "went well or made progress", "bad": "failed or made no progress"}
        b.add(cid=claim_id("round-outcome", r["id"]), kind="outcome",
              question=f"How the talks of {r['date']}{' in ' + r['place'] if r.get('place') else ''} went",
              statement=f"The talks of {r['date']} {word[main]}",
              support=[(a, s, e, t) for a, s, e, t in sides[main]],
              contradict=[(a, s, e, word[other], t) for a, s, e, t in sides[other]],
              subject="talks", predicate="go", value={"type": "outcome", "value": main}, date=r["date"],
              round=r["id"])


def ledger_claims(b: ClaimSet, sections: dict[str, Any], items: list[tuple[Article, Analysis]],
                  names: dict[str, str], consumed: set[tuple[str, int]]) -> None:
    rounds = sections.get("rounds", [])
    _round_claims(b, rounds, items, names, consumed)
    _outcome_claims(b, rounds, items)
    _head_claims(b, sections.get("entities", []), items)
    _agreement_claims(b, sections.get("agreements", []), names)
    _position_claims(b, sections.get("positions", []), items, names)
    _event_claims(b, sections.get("events", []), items, names, rounds)
    kinds = {e["id"]: e.get("type") for e in sections.get("entities", [])}
    _quote_claims(b, sections.get("quotes", []), names, kinds)

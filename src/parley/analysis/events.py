"""Events coded with PLOVER types from the parse: who did what to whom, when, where, and how sure.

A cue verb (data/plover.toml) is an event; so is a cue noun carried by a light
verb ("held talks", "reached an agreement", "imposed sanctions") or that a
sentence is about ("the talks ended after two hours"). Actors are the subject
(or the agent of a passive, or "between X and Y"); targets the object or
"with/to/against X". Modality: negated ("did not agree", "no agreement"),
planned (future, or possible: "could take place"), proposed ("offered to",
"ready to"), demanded (under "demand"/"insist"/"call for"), refused (under
"refuse"/"reject"), denied (under "deny"), cancelled or postponed (a meeting
"called off", "scrapped", "postponed"); else happened.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from ..lexicon import load, word_alternation
from ..model import Analysis, Article, Event
from .pipeline import component
from .sides import Sides
from .timex import event_day

LIGHT = {"hold", "have", "reach", "sign", "conclude", "launch", "impose", "announce", "make", "conduct", "carry",
         "present", "put", "issue", "seek", "achieve", "broker", "host", "agree", "resume", "open", "start", "begin",
         "propose", "offer", "join", "attend", "arrange", "plan", "organize", "organise", "secure", "strike",
         "end", "finish", "complete", "wrap", "close", "continue"}  # "ended their latest round of talks"
OCCUR = {"end", "conclude", "begin", "start", "resume", "last", "continue", "collapse", "fail", "take", "produce",
         "yield", "bring", "open", "close", "stall", "break", "happen", "go", "deliver", "result"}
DEMANDING = {"demand", "insist", "urge", "press", "require", "want", "call", "push", "ask", "request", "challenge",
             "invite", "encourage", "pressure", "dare", "order"}
THREATENING = {"threaten", "vow", "warn"}
REFUSING = {"refuse", "reject", "decline", "rebuff", "fail"}
NEED_ACTOR = {"DEMAND", "REQUEST", "REJECT", "THREATEN", "ACCUSE", "SUPPORT", "CONCEDE", "AID", "COERCE", "ASSAULT",
              "MOBILIZE", "SANCTION", "PROTEST"}
FUTURE_HEADS = {"plan", "expect", "aim", "intend", "hope", "set", "due", "schedule", "prepare", "want", "seek", "agree",
                "promise", "pledge", "vow", "decide"}
FUTURE_AUX = {"will", "'ll", "’ll", "shall", "wo"}
POSSIBLE_AUX = {"could", "may", "might", "can"}
INTENDING = {"plan", "schedule", "arrange", "organize", "organise", "prepare", "set", "seek", "want", "expect"}  # "the summit could still take place": not (yet) held
# verbs that undo or defer a planned event: "cancelled the summit", "called off the talks", "postponed the meeting"
CANCELLING = {"cancel", "scrap", "scuttle", "abandon", "nix", "axe", "ax", "drop"}
POSTPONING = {"postpone", "delay", "defer", "reschedule", "push back", "put off"}
CANCEL_PHRASAL = {("call", "off"): "cancelled", ("put", "off"): "postponed", ("push", "back"): "postponed"}


@dataclass(frozen=True)
class Cue:
    type: str
    mode: str | None
    modality: str | None


@cache
def _lexicon() -> tuple[dict[str, list[Cue]], dict[str, list[Cue]], dict[tuple[str, str], Cue]]:
    verbs: dict[str, list[Cue]] = {}
    nouns: dict[str, list[Cue]] = {}
    phrasal: dict[tuple[str, str], Cue] = {}

    def add(words: list[str], cue: Cue, table: dict[str, list[Cue]]) -> None:
        for w in words:
            parts = w.split()
            if len(parts) == 2 and table is verbs:
                phrasal[(parts[0], parts[1])] = cue
            elif len(parts) == 1:
                table.setdefault(w, []).append(cue)

    for t in load("plover.toml")["type"]:
        base = Cue(t["name"], None, t.get("modality"))
        add(t.get("verbs", []), base, verbs)
        add(t.get("nouns", []), base, nouns)
        for m in t.get("mode", []):
            cue = Cue(t["name"], m["name"], m.get("modality"))
            add(m.get("verbs", []), cue, verbs)
            add(m.get("nouns", []), cue, nouns)
    return verbs, nouns, phrasal


@cache
def issue_patterns() -> list[tuple[str, re.Pattern[str]]]:
    return [(i["name"], re.compile(rf"\b(?:{word_alternation(i['words'])})\b", re.I))
            for i in load("issues.toml")["issue"]]


def issues_in(text: str) -> list[str]:
    return [name for name, rx in issue_patterns() if rx.search(text)]


TROOPS = {"troops", "forces", "army", "soldiers", "units", "personnel", "military", "tanks", "artillery"}
HALTABLE = {"talks", "negotiations", "relations", "aid", "cooperation", "mediation", "contacts", "dialogue",
            "assistance", "funding", "deliveries"}
HOSTILITIES = {"hostilities", "fighting", "attacks", "strikes", "offensive", "fire", "shelling", "war"}


PEOPLE = {"prisoner", "pow", "captive", "detainee", "hostage", "body", "soldier", "civilian", "people", "person",
          "individual", "life", "fighter", "serviceman", "national", "citizen", "child"}
REMOTE = {"video", "phone", "telephone", "virtual", "online", "remote"}  # talks held at a distance
TALK_NOUNS = {"talks", "talk", "negotiations", "negotiation", "discussions", "consultations", "meetings", "meeting"}


def _noun_ok(noun: Any) -> bool:
    """"round of sanctions" is no round of talks; "plans" alone are no proposal."""
    lemma = noun.lemma_.lower()
    if lemma in ("round", "session"):
        for c in noun.children:
            if c.dep_ == "prep" and c.lower_ == "of":
                if not any(p.lemma_.lower() in TALK_NOUNS or p.lower_ in TALK_NOUNS for p in c.children):
                    return False
    return True


def _cue_for(tok: Any) -> tuple[Cue, Any, Any | None] | None:
    """The PLOVER cue a token triggers, the token whose clause the event is, and the event noun if any."""
    verbs, nouns, phrasal = _lexicon()
    lemma = tok.lemma_.lower()
    if tok.pos_ in ("VERB", "AUX"):
        if tok.dep_ in ("amod", "compound") or tok.tag_ == "VBG" and tok.dep_ in ("amod", "nmod"):
            return None  # "the negotiating tables", "occupied regions": adjectives, not events
        for c in tok.children:
            # "called on Brevik to ...", "pulled out": the particle follows the verb ("on Monday, X called" is no particle)
            if c.dep_ in ("prt", "prep") and (lemma, c.lower_) in phrasal and 0 < c.i - tok.i <= 2:
                return phrasal[(lemma, c.lower_)], tok, None
        objs = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")]
        obj_lemmas = {o.lemma_.lower() for o in objs} | {o.lower_ for o in objs}
        for c in tok.children:  # a light verb carrying an event noun: "held talks", "reached a deal"
            if c.dep_ in ("dobj", "attr", "nsubjpass") and (c.lemma_.lower() in nouns or c.lower_ in nouns) \
                    and lemma in LIGHT and _noun_ok(c):
                if lemma == "agree":  # "agree prisoner swap": the agreement is the event
                    return Cue("AGREE", None, None), tok, c
                cue = nouns.get(c.lower_, nouns.get(c.lemma_.lower()))[0]
                if cue.type == "CONSULT" and any(d.dep_ in ("compound", "amod") and d.lower_ in REMOTE
                                                 for d in c.children):
                    return Cue("CONSULT", "phone", None), tok, c  # "held a video conference": a call, not a meeting
                return cue, tok, c
        if lemma == "call":  # "called Brevik" is a phone call; "called the talks a farce" is not an event
            oprd = [c for c in tok.children if c.dep_ == "oprd"]
            if oprd and not objs and oprd[0].ent_type_ in ("PERSON", "GPE", "ORG", "NORP"):
                objs = oprd  # "Brevik called Sorvik, not from ...": parsed as "called X [something]"
            elif any(c.dep_ in ("oprd", "xcomp", "ccomp") for c in tok.children) or not objs:
                return None
            if objs[0].ent_type_ not in ("PERSON", "GPE", "ORG", "NORP"):
                return None
        if lemma == "meet" and any(c.dep_ == "auxpass" for c in tok.children):
            return None  # "should be met with sanctions"
        if lemma in ("halt", "suspend"):
            if obj_lemmas & HOSTILITIES:
                return Cue("RETREAT", "ceasefire", None), tok, None
            if not obj_lemmas & HALTABLE:
                return None
        if lemma == "withdraw" and not (obj_lemmas & TROOPS or any(
                c.dep_ == "prep" and c.lower_ == "from" for c in tok.children)):
            return None  # "withdraw his participation"
        if lemma == "insist" and not (any(c.dep_ == "prep" and c.lower_ == "on" for c in tok.children) or any(
                c.dep_ == "ccomp" and (c.tag_ == "VB" and not any(a.dep_ == "aux" for a in c.children)
                                       or any(a.lower_ in ("must", "should") for a in c.children))
                for c in tok.children)):
            return None  # "insisted that X was Y" asserts; "insisted that Ukraine abandon ..." demands
        if lemma in ("offer", "propose", "suggest") and not (objs and (obj_lemmas & set(nouns) or issues_in(
                " ".join(t.text for o in objs for t in o.subtree)))) and not any(c.dep_ == "xcomp" for c in tok.children):
            return None  # "offered a stark appraisal"
        if lemma in ("hold", "impose", "launch", "strike", "fire", "sign", "open", "take"):
            return None  # only with an event noun (handled above)
        if lemma in ("exchange", "swap") and not any(
                o.lemma_.lower() in PEOPLE or any(c.dep_ == "nummod" for c in o.children) for o in objs):
            return None  # "exchanging sanctions for ultimatums" is a figure of speech
        if lemma in ("demonstrate", "rally", "march") and objs:
            return None  # "demonstrating its commitment" is not a protest
        if lemma == "recall" and not obj_lemmas & {"ambassador", "envoy", "diplomat", "diplomats", "ambassadors"}:
            return None  # "recalling the Great Northern War"
        if lemma == "defend" and any(c.dep_ == "prep" and c.lower_ in ("from", "against") for c in tok.children):
            return None  # "to defend Kursk from an incursion" is fighting, not support
        if lemma in ("return", "free", "back", "charge", "arm", "fund", "lift", "ease", "march", "mass"):
            if not objs:
                return None
        if lemma in verbs:
            return verbs[lemma][0], tok, None
        return None
    if tok.pos_ == "NOUN" and (tok.lemma_.lower() in nouns or tok.lower_ in nouns):
        cue = nouns.get(tok.lower_, nouns.get(tok.lemma_.lower()))[0]
        if not _noun_ok(tok):
            return None
        head = tok.head
        if tok.dep_ in ("nsubj", "nsubjpass") and head.lemma_.lower() in OCCUR:
            return cue, head, tok
        if tok.dep_ in ("dobj", "nsubjpass") and cue.type == "CONSULT" and _undoing(head):
            return cue, head, tok  # "Lenk cancelled the summit", "the talks were postponed"
        for c in tok.subtree:  # "their first talks in two years, which ended after two hours"
            if c.dep_ == "relcl" and c.lemma_.lower() in OCCUR and any(
                    g.dep_ == "nsubj" and g.lower_ in ("which", "that") for g in c.children) and (
                    c.head is tok or c.head.lemma_.lower() in ("year", "month", "week", "day", "decade", "time")):
                return cue, c, tok
        if tok.dep_ == "pobj" and head.lower_ in ("on", "to") and head.head.lemma_.lower() in ("agreement", "deal"):
            return cue, tok, tok  # "an agreement on a prisoner exchange": the exchange is agreed
        if tok.dep_ in ("nsubj", "ROOT", "appos", "attr", "dobj") and any(
                c.dep_ == "prep" and c.lower_ == "between" for c in tok.children):
            return cue, tok, tok
        if cue.type == "CONSULT" and cue.mode is None and (any(
                c.dep_ == "prep" and c.lower_ in ("with", "between") for c in tok.children) or any(
                c.dep_ in ("poss", "compound", "amod") and (c.ent_type_ in ("PERSON", "GPE", "ORG", "NORP") or c.tag_ == "PRP$")
                for c in tok.children)):
            return cue, tok, tok  # "after six days of talks with the rebels", "Lenk's meeting with Sollen", "Ostland-Kestrel talks"
        if cue.type == "CONSULT" and cue.mode is None and _situated(tok):
            return cue, tok, tok  # "during high-level talks on Thursday and Friday", "talks in Ostburg last week"
        return None
    return None


SITUATING_PREPS = {"on", "in", "at"}
_DAY_WORD = re.compile(r"^(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|yesterday|"
                       r"january|february|march|april|june|july|august|september|october|november|december|"
                       r"jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|may)\.?$", re.I)


def _situated(noun: Any) -> bool:
    """A talks noun the text places in time or space, which makes it a meeting that one can report: "talks on
    Thursday", "the talks in Ostburg", "Thursday's talks". A talks noun of a topic ("talks on trade") or of a
    kind ("talks in earnest") is not; "talks" alone name a process, not a meeting."""
    if noun.lemma_.lower() not in TALK_NOUNS and noun.lower_ not in TALK_NOUNS:
        return False
    if noun.dep_ == "pobj" and noun.head.head.pos_ in ("NOUN", "PROPN"):
        return False  # "his diplomacy in negotiations in Ostburg": a description of something else
    for c in noun.children:
        if c.dep_ == "poss" and c.ent_type_ == "DATE" and _DAY_WORD.match(c.text.rstrip("'’s")):
            return True  # "Thursday's talks"
        if c.dep_ in ("npadvmod", "nmod", "compound") and c.ent_type_ == "DATE" and _DAY_WORD.match(c.text):
            return True  # "talks Thursday"
        if c.dep_ == "prep" and c.lower_ in SITUATING_PREPS:
            for p in c.children:
                if p.dep_ != "pobj":
                    continue
                if p.ent_type_ == "DATE" and _DAY_WORD.match(p.text):
                    return True  # "talks on Thursday", "talks in May"
                if p.ent_type_ in ("GPE", "FAC") and p.pos_ == "PROPN":
                    return True  # "talks in Ostburg", "talks at Camp Verde"
    return False


AHEAD = {"ahead", "before", "prior", "for", "toward", "towards"}


def _noun_modality(noun: Any, cue: Cue) -> tuple[str, bool] | None:
    """The modality of a meeting named by a noun alone, from the words that govern it: "ahead of the summit"
    (planned), "headed to New York for talks" (planned), "cancelled the meeting", "after two days of talks"."""
    negated = any(c.dep_ == "det" and c.lower_ == "no" for c in noun.children)
    t, hops = noun, 0
    while t.head is not t and hops < 6:
        hops += 1
        if t.dep_ == "pobj" and t.head.lower_ in ("for", "toward", "towards") and t.head.head.pos_ in ("VERB", "AUX"):
            return "planned", negated  # "travelled to Doha for talks": not there yet
        if t.dep_ == "pobj" and t.head.lower_ in ("of", "before") and t.head.head.lower_ in ("ahead", "prior", "before"):
            return "planned", negated
        if t.dep_ == "pobj" and t.head.lower_ == "before":
            return "planned", negated
        t = t.head
        if t.pos_ in ("VERB", "AUX"):
            undone = _undoing(t)
            if undone:
                return undone, negated
            if t.lemma_.lower() in INTENDING or t.lemma_.lower() in ("hope", "propose", "offer", "seek", "invite"):
                return "planned", negated
            mod = _modality(t, None, Cue("CONSULT", None, None))
            if mod is None:
                return None
            return mod[0], negated or mod[1]
    return "happened", negated


def _undoing(verb: Any) -> str | None:
    """"cancelled" or "postponed" when a verb calls an event off or puts it off."""
    lemma = verb.lemma_.lower()
    if lemma in CANCELLING:
        return "cancelled"
    if lemma in POSTPONING:
        return "postponed"
    for c in verb.children:
        if c.dep_ in ("prt", "advmod", "prep") and (lemma, c.lower_) in CANCEL_PHRASAL:
            return CANCEL_PHRASAL[(lemma, c.lower_)]
    return None


def _chain(tok: Any) -> list[Any]:
    """The words a clause is the complement of ("demanded [that Ukraine withdraw]", "refused [to talk]",
    "refusal [to halt]", "no plans [to meet]")."""
    out = []
    t = tok
    for _ in range(3):
        purpose = t.dep_ == "advcl" and any(c.lower_ == "to" and c.dep_ == "aux" for c in t.children)
        if not (t.dep_ in ("xcomp", "ccomp", "acomp", "acl") or purpose) or t.head is t:
            break
        t = t.head
        out.append(t)
    return out


SPEECH_ACTS = {"DEMAND", "REQUEST", "REJECT", "THREATEN", "ACCUSE", "SUPPORT", "PROTEST"}
REFUSAL_NOUNS = {"refusal", "reluctance", "failure", "unwillingness", "rejection"}


def _modality(tok: Any, noun: Any | None, cue: Cue) -> tuple[str, bool] | None:
    """(modality, negated); None for hypotheticals ("if Moscow does not agree ...")."""
    if any(c.dep_ == "mark" and c.lower_ in ("if", "unless", "whether", "until") for c in tok.children):
        return None
    negated = any(c.dep_ == "neg" for c in tok.children)
    if noun is not None:
        negated = negated or any(c.dep_ == "det" and c.lower_ == "no" for c in noun.children) or any(
            c.dep_ == "neg" for c in noun.head.children)
    if tok.dep_ == "xcomp" and tok.head.lemma_.lower() == "fail":
        negated = True
    aux = {c.lower_ for c in tok.children if c.dep_ in ("aux", "auxpass")}
    modality = cue.modality or "happened"
    undone = _undoing(tok) if cue.type == "CONSULT" else None
    if undone is None and cue.type == "CONSULT":
        undone = next((u for anc in _chain(tok) if (u := _undoing(anc))), None)  # "decided to cancel the talks"
    if undone:
        return undone, negated  # "called off the talks", "postponed the meeting": planned, then not held
    if noun is not None and tok.lemma_.lower() in INTENDING:
        return "planned", negated  # "had planned a secret meeting", "scheduled talks for Monday"
    if noun is not None and tok.lemma_.lower() in ("propose", "offer", "suggest"):
        return "proposed", negated  # "proposed an immediate ceasefire", "proposing direct talks"
    for anc in ([] if cue.type in SPEECH_ACTS and noun is None else _chain(tok)):
        if anc.pos_ == "NOUN" and (anc.lemma_.lower() in REFUSAL_NOUNS or any(
                c.dep_ == "det" and c.lower_ == "no" for c in anc.children)):
            return "refused", negated  # "refusal to halt hostilities", "no plans to meet"
        lemma = anc.lemma_.lower()
        if lemma == "deny":
            return "denied", negated
        if lemma in REFUSING and lemma != "fail":
            return "refused", negated
        if lemma in DEMANDING:
            return "demanded", negated
        if lemma in THREATENING:
            return "planned", negated  # "threatened to seize": an announced intention
        if lemma in ("seem", "appear", "consider", "imagine") or anc.lower_ in ("untenable", "impossible", "unlikely"):
            return None  # "to negotiate with them seemed untenable": nothing happened
        if lemma in ("propose", "offer", "suggest") or (anc.lower_ in ("ready", "prepared", "willing")):
            return "proposed", negated
        if (lemma in FUTURE_HEADS or lemma == "be") and "to" in aux:
            return "planned", negated  # "were to travel to Ostburg for talks": a plan, whatever became of it
    if aux & {"must", "should"}:
        return "demanded", negated
    if aux & (FUTURE_AUX | {"would"} | POSSIBLE_AUX) or "going" in aux:
        return ("planned" if modality == "happened" else modality), negated
    return modality, negated


def _participants(tok: Any, noun: Any | None, sides: Sides) -> tuple[list[str], list[str]]:
    actors: list[str] = []
    targets: list[str] = []

    def keys(t: Any) -> list[str]:
        out = []
        for side, key in sides.sides_of(t):
            ent = sides.ents.get(key) if key else None
            if key and ent is not None and (ent.type in ("PERSON", "LOC") or side):
                out.append(key)
            elif side:
                out.append(f"side:{side}")
        return out

    subj = [c for c in tok.children if c.dep_ in ("nsubj", "csubj")]
    t = tok
    for _ in range(3):  # "Sorvik decided to intervene and called Brevik": the subject of the coordinated verb
        if subj or t.dep_ not in ("xcomp", "conj", "advcl") or t.head is t:
            break
        t = t.head
        subj = [c for c in t.children if c.dep_ == "nsubj"]
    for s in subj:
        actors += keys(s)
    for c in tok.children:
        if c.dep_ == "agent":
            for p in c.children:
                actors += keys(p)
        elif c.dep_ in ("dobj", "nsubjpass", "dative") or (c.dep_ == "oprd" and c.ent_type_ in ("PERSON", "GPE", "ORG")):
            targets += keys(c)
        elif c.dep_ == "prep" and c.lower_ in ("with", "to", "against", "on", "from", "between", "for"):
            for p in c.children:
                if p.dep_ == "pobj" and not (c.lower_ in ("on", "for") and p.pos_ == "NOUN"):
                    # "insisted on Brevik's conditions": the conditions' owner is no target
                    (actors if c.lower_ == "between" else targets).extend(keys(p))
    if noun is not None:
        for c in noun.children:
            if c.dep_ in ("poss", "compound", "amod") and not actors:
                actors += keys(c)
            elif c.dep_ == "prep" and c.lower_ in ("between", "with", "among"):
                for p in c.children:
                    if p.dep_ == "pobj":
                        actors += keys(p)
    return list(dict.fromkeys(actors)), [t for t in dict.fromkeys(targets) if t not in actors]


def _place_name(tok: Any, sides: Sides) -> str | None:
    """The place a token names: the span of its entity ("Aldmoor Palace", "Port Salvo")."""
    if tok.ent_type_ not in ("GPE", "FAC", "LOC"):
        return None
    start = tok
    while start.i > 0 and start.ent_iob_ == "I":  # back to the entity's first token ("New York", "Camp David")
        start = start.doc[start.i - 1]
    end = tok
    while end.i + 1 < len(tok.doc) and tok.doc[end.i + 1].ent_iob_ == "I":
        end = tok.doc[end.i + 1]
    return tok.doc[start.i:end.i + 1].text


def _places(clause: Any, noun: Any | None, sides: Sides) -> list[str]:
    """Where the event is: "talks in X" / "X talks" / "met in X" / "at the Y Palace in X" (venue, then city)."""
    out: list[str] = []
    heads = [h for h in (noun, clause) if h is not None]
    if noun is not None:  # "a round of talks in X": the place hangs on the talks
        heads += [p for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"
                  for p in c.children if p.dep_ == "pobj" and p.lemma_.lower() in TALK_NOUNS]
    if clause is not None:  # "met X in Y", "sat down with X in Y": the parser hangs the place on the person met
        met = [c for c in clause.children if c.dep_ == "dobj"]
        met += [p for c in clause.children if c.dep_ == "prep" and c.lower_ == "with" for p in c.children
                if p.dep_ == "pobj"]
        heads += [p for p in met if p.ent_type_ in ("PERSON", "NORP")]
    for h in heads:
        for c in h.children:
            if c.dep_ == "compound" and h is noun:
                name = _place_name(c, sides)
                if name:
                    out.append(name)
            if c.dep_ == "prep" and c.lower_ in ("in", "at"):
                for p in c.children:
                    if p.dep_ != "pobj":
                        continue
                    name = _place_name(p, sides)
                    if name:
                        out.append(name)
                        for pp in p.children:  # "at the Aldmoor Palace in Port Salvo"
                            if pp.dep_ == "prep" and pp.lower_ in ("in", "of"):
                                for q in pp.children:
                                    inner = _place_name(q, sides) if q.dep_ == "pobj" else None
                                    if inner:
                                        out.append(inner)
    labels = {m.text: m.label for m in sides.mentions}
    return sorted(dict.fromkeys(out), key=lambda n: labels.get(n) != "FAC")


@component("events", adds=("events",), needs=("entities", "quotes", "timexes"))
def events(doc: Any, art: Article, an: Analysis, ctx: dict[str, Any]) -> None:
    text = art.text
    sides = Sides(doc, an)
    days = [t for t in an.timexes if event_day(t)]  # a day-valued expression, not the dateline's
    out: list[Event] = []
    seen: set[int] = set()
    for s, e in an.sentences:
        span = doc.char_span(s, e, alignment_mode="expand")
        if span is None:
            continue
        for tok in span:
            got = _cue_for(tok)
            if got is None:
                continue
            cue, clause, noun = got
            if clause.i in seen:
                continue
            seen.add(clause.i)
            mod = _noun_modality(noun, cue) if clause is noun and cue.type == "CONSULT" else _modality(clause, noun, cue)
            if mod is None:
                continue
            modality, negated = mod
            actors, targets = _participants(clause, noun, sides)
            if not actors and cue.type in NEED_ACTOR:
                continue
            sub = list(clause.subtree)
            a, b = max(sub[0].idx, s), min(sub[-1].idx + len(sub[-1].text), e)
            if b - a > 240:
                a, b = max(s, clause.idx - 120), min(e, clause.idx + 120)
            # the day: one inside the clause, else the first in the sentence
            inside = [t for t in days if a <= t.start < b]
            in_sent = [t for t in days if s <= t.start < e]
            day = (inside or in_sent or [None])[0]
            places = _places(clause, noun, sides)
            place = places[0] if places else None
            summary = re.sub(r"\s+", " ", text[a:b]).strip(" ,;:—–-")
            out.append(Event(
                id=f"{art.id}:e{len(out) + 1}", type=cue.type, mode=cue.mode, cue=tok.text, actors=actors,
                targets=targets, date=day.value[:10] if day and day.value else None, place=place,
                modality=modality, negated=negated, summary=summary[:200], start=a, end=b,
                issues=issues_in(text[a:b]), places=places))
    an.events = out

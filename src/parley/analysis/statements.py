"""Statements for the ledger: positions (party x issue x stance) and agreements (issue x status).

A sentence that names a negotiation issue (data/issues.toml) and carries a
stance cue (data/stances.toml: "demanded", "is ready to", "rejected", ...) is a
position of the party that takes the stance: the subject of the cue ("Moscow
demanded", "the Russian delegation insisted"), the owner of a stance noun
("Russia's core objectives"), or, for modal stances inside a quote ("must",
"our priority"), the speaker's side. A sentence with an agreement cue
("agreed to", "no agreement", "completed the exchange") is an agreement
statement; each issue takes the status of the nearest cue before it, so
"an exchange and an agreement to consider a ceasefire" gives two statuses.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from ..gazetteer import lookup
from ..lexicon import load, word_alternation
from ..model import Analysis, Article, Statement
from .events import issue_patterns
from .holders import (
    agent,
    believed,
    condition,
    conditional,
    governor,
    modal,
    negated,
    negated_chain,
    noun_holder,
    predicate,
    reporting_verbs,
    scope,
)
from .pipeline import component, doc_text
from .sides import Sides, first_person, group_nouns
from .timex import event_day

BOTH = "*both*"
_COND = re.compile(r"\b(?:if|unless|whether|until)\b[^,.;]{0,60}$", re.I)
_HEDGED = re.compile(r"\b(?:sort of|kind of|more or less|should|would|could|might|(?-i:may)|hopes? to|hoped to|expected to|"
                     r"likely to|ready to|willing to|plans? to|aims? to|wants? to|seeks? to|set to|(?:be|is|was) to)"
                     r"(?:\s+(?:\w+ly|be|have|not|to|reached|finally|soon|eventually|all|both|sides?|parties))*\s*$", re.I)
# inside a quote, an obligation is the speaker's demand even when its subject is the other side ("Lisk must
# withdraw"); a volition belongs to its subject ("he wants to hold talks")
OBLIGATION = {"must", "priority", "conditions", "condition", "objectives", "maximum demands", "no deal without",
              "no agreement without"}
SPECULATIVE = {"may", "might", "could", "likely", "perhaps", "possibly"}
EXCEPT = re.compile(r"\b(?:except(?:\s+for)?|apart\s+from|other\s+than|save\s+for|beyond|besides)\b", re.I)


@cache
def _stances() -> list[tuple[str, re.Pattern[str]]]:
    data = load("stances.toml")["stance"]
    return [(name, re.compile(rf"\b(?:{word_alternation(words)})\b", re.I)) for name, words in data.items()]


@cache
def _refusals() -> re.Pattern[str]:
    return re.compile(rf"\b(?:{word_alternation(load('stances.toml')['refusal']['rejection'])})\b", re.I)


# a refusal is said with a modal or a present do ("will not accept", "wouldn't consider", "does not want"), not a
# past or a perfect ("did not sign", "has not agreed yet": what happened so far)
_REFUSAL_AUX = {"will", "would", "wo", "'ll", "’ll", "'d", "’d", "shall", "can", "ca", "could"}
_FACT_AUX = {"did", "has", "have", "had", "'ve", "’ve", "was", "were"}
# a present "does not" states a stance only for a wish or an acceptance ("does not want", "do not accept"); "they
# don't support border security", "it does not intend to give up" describe a party, often in someone else's words
_DO_REFUSALS = {"want", "accept"}


def _refused(tok: Any) -> bool:
    """True when the cue's verb, or a verb whose subject it shares, is negated with a modal (or, for a wish or an
    acceptance, a present do)."""
    t = predicate(tok)
    for _ in range(4):
        if negated(t):
            aux = {c.lower_ for c in t.children if c.dep_ in ("aux", "auxpass")}
            if aux & {"do", "does"} and t.lemma_.lower() in _DO_REFUSALS:
                return True
            return bool(aux & _REFUSAL_AUX) and not aux & _FACT_AUX
        if t.dep_ not in ("xcomp", "acomp") or t.head is t:
            return False
        t = t.head
    return False


@cache
def _statuses() -> list[tuple[str, re.Pattern[str]]]:
    data = load("stances.toml")["agreement"]
    return [(name, re.compile(rf"\b(?:{word_alternation(words)})", re.I)) for name, words in data.items()]


def _token_at(doc: Any, pos: int) -> Any | None:
    span = doc.char_span(pos, pos + 1, alignment_mode="expand")
    return span[0] if span is not None and len(span) else None


@component("statements", adds=("statements",), needs=("entities", "quotes", "events", "timexes"))
def statements(doc: Any, art: Article, an: Analysis, ctx: dict[str, Any]) -> None:
    text = art.text
    sides = Sides(doc, an)
    sides.pronoun_people = ctx.get("pronoun_people", {})
    days = [t for t in an.timexes if event_day(t)]  # a day-valued expression, not the dateline's
    out: list[Statement] = []
    for s, e in an.sentences:
        sent = text[s:e]
        claim = _claim(doc, art, an, sides, s, e, sent, len(out))
        if claim is not None:
            out.append(claim)
        found = [(name, m.start(), m.end()) for name, rx in issue_patterns() for m in rx.finditer(sent)
                 if not _figurative(sent, m.start(), m.end()) and not _relief_from(doc, s + m.start(), m.group(0))
                 and not _name_as_modifier(doc, s + m.start(), s + m.end())]
        if not found:
            continue
        day = next((t.value[:10] for t in days if s <= t.start < e), None)
        quote = sides.quote_at(s + found[0][1])
        sent_days = [t for t in days if s <= t.start < e]
        out.extend(_agreements(doc, art, sides, s, e, sent, found, day, len(out), sent_days))
        out.extend(_position(doc, art, sides, s, e, sent, found, day, quote, len(out)))
    an.statements = out


# "holding the government hostage", "took the budget hostage": the predicative use of the word is a figure of
# speech, not captives ("held a hostage", "the hostages" are)
_HOSTAGE_FIGURE = re.compile(r"\b(?:hold|holds|holding|held|take|takes|taking|took|keep|keeps|keeping|kept)\b"
                             r"(?:(?![.;:]).){1,60}?(?<!\ba\s)(?<!\bthe\s)(?<!\bone\s)$", re.I)


def _relief_from(doc: Any, pos: int, word: str) -> bool:
    """"sanctions relief", "relief from tariffs", "debt relief": relief named by what it lifts is about that
    thing, not humanitarian relief ("relief supplies", "humanitarian relief" are)."""
    if word.lower() != "relief":
        return False
    tok = _token_at(doc, pos)
    return tok is not None and any((c.dep_ in ("compound", "nmod") and c.pos_ in ("NOUN", "PROPN"))
                                   or (c.dep_ == "prep" and c.lower_ in ("from", "on", "of"))
                                   for c in tok.children)


def _name_as_modifier(doc: Any, start: int, end: int) -> bool:
    """"Northern Pact troops", "Pact allies": an organization's name modifying a noun names whose troops or allies they
    are, not the issue of joining it ("join the Pact", "Pact membership" are)."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) != 1:
        return False
    tok = span[0]
    if tok.pos_ != "PROPN":
        return False
    while tok.dep_ == "conj" and tok.head is not tok:
        tok = tok.head  # "Valdorian and Pact troops"
    return tok.dep_ in ("compound", "nmod", "amod") and tok.head.pos_ == "NOUN" and not _ISSUE_WORD.search(tok.head.text)


_ISSUE_WORD = re.compile(r"membership|accession|bid|application|enlargement|expansion", re.I)


def _figurative(sent: str, start: int, end: int) -> bool:
    word = sent[start:end].lower()
    return word == "hostage" and bool(_HOSTAGE_FIGURE.search(sent[max(0, start - 70):start]))


# the party phrase "the two sides", "both delegations", "the two warring parties", "each side": the main parties
_BOTH_PHRASE = re.compile(r"\b(?:both|the\s+two|two|all)\s+(?:\w+\s+)?(?:sides|parties|delegations|countries|camps|"
                          r"governments|nations|teams|leaders|capitals|negotiators)\b|^the\s+(?:sides|parties)$|^both$",
                          re.I)
# a reciprocal agreement ("to exchange 500 prisoners from each side", "to release each other's detainees"): made by
# both parties, when its agent does not name them
_RECIPROCAL = re.compile(r"\b(?:each\s+side|each\s+other|one\s+another|both\s+sides|mutual|mutually)\b", re.I)
# heads that make an agreement a wish, a plan or an expectation, not a fact ("poised to sign", "help them reach a
# deal", "working toward a deal", "would depend on further agreement")
_WISH_HEADS = {"expect", "hope", "poise", "set", "aim", "plan", "seek", "want", "try", "work", "need", "help",
               "likely", "ready", "willing", "go", "push", "press", "urge", "call", "demand", "depend", "require",
               "propose", "offer", "intend", "prepare", "move", "struggle", "strive", "wish", "look", "close",
               "wait", "prefer"}
_FAIL_HEADS = {"fail", "refuse", "decline"}
# verbs under which an agreement noun names one that was made
_MADE = {"reach", "sign", "strike", "conclude", "seal", "clinch", "announce", "finalize", "finalise", "hammer",
         "forge", "broker", "secure", "ink", "approve", "adopt", "accept", "unveil", "achieve", "complete",
         "make", "agree", "produce", "yield", "bring", "endorse", "hail", "welcome", "implement", "be", "have",
         "include", "contain", "end", "result"}


def _cue_head(doc: Any, a: int, b: int) -> Any | None:
    """The content word of an agreement cue's span: "agreed to" -> agreed, "no deal" -> deal."""
    span = doc.char_span(a, b, alignment_mode="expand")
    if span is None or not len(span):
        return None
    words = [t for t in span if t.pos_ in ("VERB", "NOUN", "PROPN")]
    if not words:
        return None
    out = [t for t in words if not (span.start <= t.head.i < span.end) or t.head is t]
    return (out or words)[0]


def _subjunctive(t: Any) -> bool:
    """A verb in its bare form with a singular subject and no auxiliary: "that Kestrel agree", "that she sign"."""
    if t.tag_ not in ("VB", "VBP") or any(c.dep_ in ("aux", "auxpass") for c in t.children):
        return False
    subj = next((c for c in t.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return subj is not None and (subj.tag_ in ("NN", "NNP") or subj.lower_ in ("he", "she", "it")) and not any(
        c.dep_ == "conj" for c in subj.children)


def _modality(tok: Any) -> str | None:
    """"skip" (a wish, plan, condition or hypothesis), "not" (failed, refused, negated), or None (as stated)."""
    t = predicate(tok) if tok.pos_ in ("VERB", "AUX") else tok
    if believed(t):
        return "skip"  # "they prefer that Valdoria agree to ...", "he thinks they agreed ..."
    if t.lemma_.lower() == "agree" and any(c.dep_ == "ccomp" and not modal(c) and c.tag_ not in ("VB",)
                                           for c in t.children) and not any(
            c.dep_ in ("prep", "xcomp") for c in t.children):
        return "skip"  # "the envoys agreed that little had changed": a judgement shared, not an agreement
    if tok.pos_ in ("NOUN", "PROPN"):
        gov = governor(tok)
        while gov is None and t.dep_ in ("conj", "appos", "compound") and t.head is not t:
            t = t.head
            gov = governor(t)
        if gov is None:
            return None
        if gov.lemma_.lower() not in _MADE and gov.lemma_.lower() not in _FAIL_HEADS:
            return "skip"  # "depend on an agreement", "talks about a deal", "working toward a deal"
        t = gov
    if t.dep_ == "relcl" and (any(c.lower_ in ("where", "when") for c in t.children)
                              or t.head.ent_type_ in ("GPE", "LOC", "FAC", "DATE", "TIME")) and not _of_meeting(t.head) \
            and not (t.head.ent_type_ in ("DATE", "TIME") and any(c.lower_ == "where" for c in t.children)):
        return "skip"  # "the village where the truce was signed": a description of a place or a time (a meeting
        # "where the two sides agreed to ..." tells what was agreed there; "on Saturday, where ..." cannot
        # describe a day, it tells of what happened that day)
    if t.dep_ == "amod":
        return "skip"
    if _subjunctive(t):
        return "skip"  # "the urgency that Kestrel agree to ...", "insisted that Ostland sign": asked for, not done
    if t.dep_ == "advcl" and (t.tag_ in ("VBZ", "VBP") and any(
            c.dep_ == "mark" and c.lower_ in ("after", "once", "when", "before", "until", "as") for c in t.children)
            or modal(t.head)):
        return "skip"  # "troops would leave after Kestrel agrees to a ceasefire": a future, not an agreement
    state = None
    for _ in range(4):
        if modal(t) or conditional(t):
            return "skip"
        if t is not tok and any(c.dep_ == "aux" and c.lower_ == "to" for c in t.children) and not (
                t.head is not t and t.head.lemma_.lower() in _FAIL_HEADS | {"manage", "agree"}):
            return "skip"  # "to make a deal", "waiting for Kestrel to return and make a deal": one to be made
        if negated(t):
            state = "not"
        lemma = t.lemma_.lower()
        if t is not tok and lemma in _FAIL_HEADS:
            state = "not"
        elif t is not tok and lemma in _WISH_HEADS:
            return "skip"
        if t.dep_ in ("xcomp", "acomp") or (t.dep_ == "conj" and t.head.pos_ in ("VERB", "AUX")):
            t = t.head
            continue
        if t.dep_ == "ccomp" and t.head.lemma_.lower() in _WISH_HEADS:
            return "skip"  # "it wants Kestrel to agree to ...": a wish
        if t.dep_ == "pcomp" and t.head.lower_ in ("toward", "towards"):
            return "skip"
        break
    return state


def _of_meeting(tok: Any) -> bool:
    """Whether a noun is a meeting or hangs on one ("his meeting with Sollen", "the talks in Port Salvo"): what
    a clause on it says was agreed "where" or "when" it took place was agreed at that meeting."""
    for _ in range(4):
        if tok.lemma_.lower() in MEETING_NOUNS or tok.lower_ in MEETING_NOUNS:
            return True
        if tok.dep_ not in ("pobj", "prep", "compound", "appos") or tok.head is tok:
            return False
        tok = tok.head
    return False


def _two_named(sides: Sides, sent: Any) -> list[str]:
    """The two sides a sentence names, when it names exactly two: whom "the two sides" means there."""
    found: list[str] = []
    for t in sent:
        key = sides.key_at(t.idx, t.idx + len(t.text))
        side = sides.side_of_key(key) if key else None
        if side and side not in found:
            found.append(side)
    return found if len(found) == 2 else []


def holder_sides(sides: Sides, tok: Any) -> list[tuple[str | None, str | None]]:
    """The sides a holder phrase stands for; a common noun stands for one only when it names a group that acts
    for a side ("the Chinese delegation", "officials from Valdoria"), not "the Chinese company"."""
    if tok.pos_ == "NOUN" and tok.lower_ not in group_nouns() and sides.key_at(tok.idx, tok.idx + len(tok.text)) is None:
        if not any(c.dep_ == "poss" for c in tok.children):
            return []
    return sides.sides_of(tok)


def _agreement_parties(sides: Sides, head: Any, covered: set[int] | None = None,
                       people: list[str] | None = None) -> list[str]:
    """The parties of an agreement cue: its agent and what it is "with" or "between". A person among them whose
    side the article does not say ("Lenk and Sollen agreed ..." where Sollen has no title) goes to ``people``, for the
    ledger to give the side the corpus gives them."""
    out: list[str] = []
    holders = []
    if head.pos_ in ("NOUN", "PROPN"):
        verb = governor(head)
        holder = noun_holder(head)
        if holder is None and verb is not None and head.dep_ in ("dobj", "obj", "nsubjpass"):
            holder = agent(verb)  # "the two sides reached an agreement", "no agreement was reached by ..."
        holders.append(holder)
        where = [head] + ([verb] if verb is not None else [])
        named = head
    else:
        holders.append(agent(head))
        where = [head]
        named = next((c for c in head.children if c.dep_ in ("dobj", "nsubjpass")), None)
    if named is not None:  # "the Valdoria-Kestrel trade deal", "signed the Ostland-Marenia accord": its parties
        for c in named.children:
            if c.dep_ in ("compound", "amod", "nmod") and c.pos_ == "PROPN":
                for side, _k in sides.sides_of(c):
                    if side:
                        out.append(side)
        if len(set(out)) >= 2:
            return list(dict.fromkeys(out))  # an accord its name gives two parties is theirs, whoever signed it
    for h in holders:
        if h is None:
            continue
        phrase = " ".join(t.lower_ for t in h.subtree if t.dep_ not in ("relcl", "acl", "appos", "punct"))
        if _BOTH_PHRASE.search(phrase) or h.lower_ == "both":
            pair = _two_named(sides, h.sent)
            out += pair or [BOTH]  # "Lisk said he and Tovar ... the two sides had agreed": those two
        for side, k in holder_sides(sides, h):
            if side:
                out.append(side)
            elif people is not None and _person(sides, k) and k not in people:
                people.append(k)
    if not out and covered is not None and _RECIPROCAL.search(" ".join(head.doc[i].lower_ for i in sorted(covered))):
        out.append(BOTH)
    for w in where:
        for c in w.children:
            if c.dep_ == "prep" and c.lower_ in ("with", "between"):
                for p in c.children:
                    if p.dep_ == "pobj":
                        phrase = " ".join(t.lower_ for t in p.subtree)
                        if _BOTH_PHRASE.search(phrase):
                            out.append(BOTH)
                        for side, _k in sides.sides_of(p):
                            if side:
                                out.append(side)
    return list(dict.fromkeys(out))


def _agreements(doc: Any, art: Article, sides: Sides, s: int, e: int, sent: str, found: list[tuple[str, int, int]],
                day: str | None, n0: int, sent_days: list[Any]) -> list[Statement]:
    """Each agreement cue over its own scope: the issues of its object or complement, the parties of its agent
    (and "with"/"between"), the status the cue and its clause give. A cue with no party or no issue makes none."""
    cues = [(name, m.start(), m.end()) for name, rx in _statuses() for m in rx.finditer(sent)]
    span = doc.char_span(s, e, alignment_mode="expand")
    for t in span if span is not None else []:  # "agreed Sunday to a ceasefire": the verb and its complement
        a = t.idx - s
        if t.lemma_.lower() == "agree" and t.pos_ == "VERB" and not any(c[1] <= a < c[2] for c in cues) and any(
                (c.dep_ == "prep" and c.lower_ in ("to", "on", "upon")) or c.dep_ in ("xcomp", "ccomp") for c in t.children):
            cues.append(("agreed", a, a + len(t.text)))
    cues = [c for c in cues if not _COND.search(sent[:c[1]])]
    # a hedged or hypothetical agreement ("has sort of agreed", "should sign", "would agree") is never agreed
    cues = [c for c in cues if not (c[0] in ("agreed", "implemented") and _HEDGED.search(sent[max(0, c[1] - 60):c[1]]))]
    if not cues:
        return _terms(doc, art, sides, s, e, sent, found, day, n0, set())
    at = {}
    for f in found:
        t = _token_at(doc, s + f[1])
        if t is not None:
            at[f] = t.i
    info = {}
    for c in cues:
        head = _cue_head(doc, s + c[1], s + c[2])
        if head is None:
            continue
        span = doc.char_span(s + c[1], s + c[2], alignment_mode="expand")
        covered = scope(head) | ({t.i for t in span} if span is not None else set())
        info[c] = (head, covered)
    out: list[Statement] = []
    seen: set[str] = set()
    # one agreed thing is one item: of the issues in one conjunct of what a cue covers ("agreed to a phased process
    # in which Kestrel gives up its arsenal in stages"), the first stands for it; "agreed to a ceasefire and an
    # exchange of prisoners" are two things agreed
    told: set[tuple[tuple[str, int, int], int]] = set()
    for issue, i0, i1 in sorted(found, key=lambda f: f[1]):
        if issue in seen or (issue, i0, i1) not in at:
            continue
        ti = at[(issue, i0, i1)]
        over = [c for c in info if ti in info[c][1]]
        if not over:
            continue
        before = [c for c in over if c[2] <= i0 + (i1 - i0)]
        cue = max(before, key=lambda c: c[2]) if before else min(over, key=lambda c: c[1])
        part = (cue, _conjunct(doc[ti], info[cue][0]))
        if part in told or part[1] is None:
            continue
        # "not agreed" beats "agreed" when both cover the same words ("did not agree" contains "agree")
        overlapping = [c for c in cues if c[1] <= cue[1] < c[2] or cue[1] <= c[1] < cue[2]]
        if any(c[0] == "not agreed" for c in overlapping):
            cue = next(c for c in overlapping if c[0] == "not agreed")
            if cue not in info:
                continue
        status = cue[0]
        if status == "not agreed" and cue[2] <= i0 and EXCEPT.search(sent[cue[2]:i0]):
            status = "agreed"  # "failed to achieve anything, except for a prisoner swap"
        if status == "discussed" and (re.search(r"\bno\b|\bnot\b", sent[max(0, min(cue[1], i0) - 30):max(cue[1], i0)])
                                      or re.search(r"\bden(?:y|ied|ies)\b", sent[:min(cue[1], i0)])):
            status = "not agreed"  # "no ceasefire timeframe was discussed", "denied that ... discussed"
        head = info[cue][0]
        mod = _modality(head)
        if mod == "skip" and status in ("agreed", "implemented", "discussed"):
            continue
        if mod == "not" and status in ("agreed", "implemented"):
            status = "not agreed"  # "failed to reach a deal on ...", "did not sign"
        people: list[str] = []
        parties = _agreement_parties(sides, head, info[cue][1], people)
        if not parties and not people:
            continue
        seen.add(issue)
        told.add(part)
        quote = sides.quote_at(s + cue[1])
        speaker = quote.speaker if quote else None
        out.append(Statement(id=f"{art.id}:s{n0 + len(out) + 1}", start=s, end=e, text=art.text[s:e],
                             kind="agreement", issue=issue, status=status, parties=parties, people=people,
                             speaker=speaker, date=_cue_day(doc, head, info[cue][1], sent_days),
                             cue=sent[cue[1]:cue[2]]))
    for st in _terms(doc, art, sides, s, e, sent, found, day, n0 + len(out), seen):
        out.append(st)
    return out


def _cue_day(doc: Any, head: Any, covered: set[int], sent_days: list[Any]) -> str | None:
    """The day of an agreement: the day expression of the cue's own clause ("agreed on Saturday to ..."), not
    another day of its sentence ("the Feb. 15 deadline was imposed when Ostland agreed last week": the deadline's)."""
    clause = covered | {t.i for t in head.subtree} | ({head.head.i} if head.head is not head else set())
    for t in sent_days:
        tok = _token_at(doc, t.start)
        if tok is not None and tok.i in clause:
            return t.value[:10]
    return None


def _conjunct(tok: Any, head: Any) -> int | None:
    """Which of the things a cue ``head`` governs ``tok`` is part of: the highest conjunct on the way up from
    ``tok`` to ``head`` ("a ceasefire and an exchange of prisoners": "exchange"), else the one thing the cue
    governs (``head``); ``tok`` itself when it is not under ``head``; None when it hangs from "without" ("agreed
    to meet without first extracting a pledge of X": X was not agreed)."""
    path = []
    t = tok
    while t.i != head.i and t.head.i != t.i:
        path.append(t)
        t = t.head
    if t.i != head.i or not path:
        return tok.i
    if any(x.dep_ == "prep" and x.lower_ == "without" for x in path):
        return None
    conj = [x for x in path if x.dep_ == "conj"]
    return conj[-1].i if conj else head.i


@cache
def _terms_lexicon() -> tuple[frozenset[str], frozenset[str], re.Pattern[str], frozenset[str]]:
    data = load("stances.toml")["agreement_terms"]
    nouns = frozenset(w.split()[-1] for w in data["nouns"])
    frames = re.compile(rf"\b(?:{word_alternation(data['frames'])})\s*$", re.I)
    return nouns, frozenset(data["verbs"]), frames, frozenset(data["unmade"])


_TERMS_MODALS = {"could", "might", "may", "should", "must", "can", "ca", "ought"}
_SPECULATIVE_ADJ = {"possible", "likely", "unlikely", "unclear", "uncertain", "expected", "probable", "conceivable"}
_AGAINST = {"demand", "insist", "reject", "oppose", "refuse", "resist", "seek", "ask", "dispute", "deny", "question"}


def _made_agreement(tok: Any) -> bool:
    """"the agreement", "the U.S.-Kestrel deal", "Valdoria's accord", "the joint statement": one made and named as
    such; not "a deal", "any agreement", "a possible accord", "no deal"."""
    nouns, _verbs, _frames, unmade = _terms_lexicon()
    if tok.lemma_.lower() not in nouns and tok.lower_ not in nouns:
        return False
    if tok.lower_ in ("statement", "declaration") and not any(c.lower_ == "joint" for c in tok.children):
        return False
    mods = [c for c in tok.children if c.dep_ in ("det", "amod", "poss", "compound", "nmod", "nummod", "advmod")]
    if any(c.lower_ in unmade for c in mods) or any(c.lower_ in unmade for m in mods for c in m.children):
        return False
    return any(c.dep_ in ("det", "poss") and c.lower_ in ("the", "this", "that") or c.dep_ == "poss" for c in tok.children)


def _terms_clause(tok: Any, sent: str, s: int) -> tuple[Any, set[int], int, bool] | None:
    """The clause that states a term of the agreement ``tok``: the verb it is the subject of ("the deal includes"),
    its relative clause ("the accord, which calls for ...", "the agreement under which ..."), or the clause it frames
    ("Under the agreement, ...", "... as part of the deal"); with the tokens an issue may come from and where the cue
    starts, and whether a frame or "under which" puts the clause under it."""
    _nouns, verbs, frames, _unmade = _terms_lexicon()
    doc = tok.doc
    own = {t.i for t in tok.subtree}
    if tok.dep_ == "nsubj" and tok.head.pos_ in ("VERB", "AUX") and tok.head.lemma_.lower() in verbs:
        verb = tok.head
        return verb, scope(verb) - own, tok.left_edge.idx, False
    for c in tok.children:
        if c.dep_ == "relcl" and c.lemma_.lower() in verbs and any(
                x.dep_ == "nsubj" and x.lower_ in ("which", "that") for x in c.children):
            return c, scope(c), tok.left_edge.idx, False
        if c.dep_ == "relcl" and any(x.dep_ == "prep" and x.lower_ == "under" and any(
                y.lower_ == "which" for y in x.children) for x in c.children):
            return c, scope(c) | {x.i for x in c.subtree if x.dep_ in ("nsubj", "nsubjpass") for x in x.subtree}, \
                tok.left_edge.idx, True
    if tok.dep_ == "pobj":
        m = frames.search(sent[:tok.left_edge.idx - s])
        if m is None:
            return None
        verb = tok.head
        for _ in range(4):
            if verb.pos_ in ("VERB", "AUX") and verb.lemma_.lower() not in ("base", "accord"):
                break
            if verb.head is verb:
                return None
            verb = verb.head
        else:
            return None
        if verb.pos_ not in ("VERB", "AUX"):
            return None
        frame = next((t for t in doc[verb.left_edge.i:verb.right_edge.i + 1] if t.idx >= s + m.start()), None)
        drop = {t.i for t in frame.subtree} if frame is not None and frame.head is verb else set()
        drop |= own
        keep = scope(verb) | {x.i for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") for x in c.subtree}
        return verb, keep - drop, s + m.start(), True
    return None


def _terms_hedged(verb: Any, framed: bool) -> bool:
    """A term stated as a possibility, a demand, a denial or a condition ("the deal could include", "the deal
    must include", "the deal does not include", "gave no guarantees", "if the agreement provides ...", "it is
    possible the deal will include", "the Kestrel demand, as part of the deal, ..."); "would" only under a frame
    ("under the accord, troops would leave"), not of the agreement itself ("the deal would include": one to be
    made)."""
    t = predicate(verb)
    terms_verbs = _terms_lexicon()[1]
    if negated(t) or believed(t) or conditional(t) or (
            t.lemma_.lower() in (_WISH_HEADS | _FAIL_HEADS | _AGAINST) - terms_verbs):
        return True
    if any(c.dep_ in ("dobj", "attr") and any(d.dep_ == "det" and d.lower_ == "no" for d in c.children)
           for c in t.children):
        return True
    modals = _TERMS_MODALS if framed else _TERMS_MODALS | {"would", "'d", "’d"}
    for step in range(4):
        if any(c.dep_ == "aux" and c.lower_ in (modals if step == 0 else modals | {"will", "'ll", "’ll"})
               for c in t.children) or negated(t):
            return True
        if step and any(c.dep_ == "acomp" and c.lower_ in _SPECULATIVE_ADJ for c in t.children):
            return True
        if t.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in ("if", "unless", "until", "once", "whether")
                                     for c in t.children):
            return True
        if t.head is t or t.dep_ not in ("xcomp", "ccomp", "conj", "advcl"):
            break
        if t.head.lemma_.lower() in _WISH_HEADS:
            return True
        t = t.head
    return False


def _terms(doc: Any, art: Article, sides: Sides, s: int, e: int, sent: str, found: list[tuple[str, int, int]],
           day: str | None, n0: int, seen: set[str]) -> list[Statement]:
    """What a made agreement provides, as an agreed item of each issue in that clause: "Under the accord, Kestrel
    will free 300 prisoners", "The agreement includes a ceasefire". The parties are those the agreement's own name
    gives ("the Valdoria-Kestrel accord"), else both main parties (the negotiation's agreement)."""
    span = doc.char_span(s, e, alignment_mode="expand")
    if span is None:
        return []
    out: list[Statement] = []
    for tok in span:
        if not _made_agreement(tok):
            continue
        got = _terms_clause(tok, sent, s)
        if got is None:
            continue
        verb, keep, at, framed = got
        if _terms_hedged(verb, framed) or _COND.search(sent[:at - s]):
            continue
        parties: list[str] = []
        for c in tok.children:
            if c.dep_ in ("compound", "amod", "nmod") and c.pos_ == "PROPN":
                parties += [side for side, _k in sides.sides_of(c) if side]
        parties = list(dict.fromkeys(parties)) or [BOTH]
        for issue, i0, _i1 in sorted(found, key=lambda f: f[1]):
            t = _token_at(doc, s + i0)
            if issue in seen or t is None or t.i not in keep:
                continue
            seen.add(issue)
            quote = sides.quote_at(at)
            out.append(Statement(id=f"{art.id}:s{n0 + len(out) + 1}", start=s, end=e, text=art.text[s:e],
                                 kind="agreement", issue=issue, status="agreed", parties=parties,
                                 speaker=quote.speaker if quote else None, date=day,
                                 cue=sent[at - s:tok.idx + len(tok.text) - s]))
    return out


def _position(doc: Any, art: Article, sides: Sides, s: int, e: int, sent: str, found: list[tuple[str, int, int]],
              day: str | None, quote: Any, n0: int) -> list[Statement]:
    """Every stance cue of the sentence, each over its own clause; one stance per party and issue."""
    out: list[Statement] = []
    taken: set[tuple[str, str]] = set()
    spans: set[tuple[int, int]] = set()
    cues = _conditional_refusals(doc, s, e, sent)  # "would not continue talks unless ...": a red line, first
    cues += [(name, m, False) for name, rx in _stances() for m in rx.finditer(sent)]
    cues += [("rejection", m, True) for m in _refusals().finditer(sent)]  # "will not accept", "don't want"
    for name, m, refusal in cues:
        if any(a <= m.start() < b for a, b in spans) or _COND.search(sent[:m.start()]):
            continue
        tok = _token_at(doc, s + m.start())
        if tok is None:
            continue
        if tok.dep_ == "det" and tok.lower_ == "no" and m.group(0).lower() in OBLIGATION:
            tok = tok.head  # "no deal without a ceasefire": the deal is the cue's head, its condition in its scope
        if refusal and not (tok.pos_ in ("VERB", "AUX") and _refused(tok)):
            continue
        if not refusal and name != "red line" and negated_chain(tok):
            continue  # "had not backed down", "was not ready to offer", "did not rule out": no stance taken
        if modal(predicate(tok)) and conditional(tok) and not (name == "red line" and condition(tok) is not None):
            continue  # "she would suggest reconsidering the summit if ...": a hypothesis
        if any(c.dep_ in ("dobj", "pobj") and any(d.dep_ == "det" and d.lower_ == "no" for d in c.children)
               for c in tok.children):
            continue  # "offered no details", "made no demands": nothing offered or demanded
        if name not in ("red line", "rejection") and tok.dep_ == "xcomp" and tok.head.lemma_.lower() in (
                "decline", "refuse", "fail"):
            continue  # "declined to offer a timetable"
        if tok.lemma_.lower() in ("decline", "refuse") and any(
                c.dep_ == "xcomp" and c.lemma_.lower() in reporting_verbs() | _NO_COMMENT for c in tok.children):
            continue  # "declined to say what would happen to tariffs", "refused to assign blame": no rejection
        if tok.lemma_.lower() == "insist" and any(
                c.dep_ == "ccomp" and (any(a.dep_ in ("aux", "auxpass") and a.lower_ in ("will", "would", "'ll", "wo")
                                           for a in c.children) or c.tag_ in ("VBZ", "VBD"))
                and not any(a.lower_ in ("must", "should") for a in c.children) for c in tok.children):
            continue  # "insisted the U.S. will be taking in billions", "insists the wall will get built": a claim
        if tok.lemma_.lower() in ("ask", "urge", "instruct", "direct", "order", "tell") and any(
                c.dep_ in ("dobj", "dative") and any(d.dep_ == "poss" and d.lower_ in _OWN for d in c.children)
                for c in tok.children):
            continue  # "asked his Cabinet secretaries to look for funds": an instruction to one's own side
        if tok.dep_ == "amod" and tok.pos_ in ("VERB", "ADJ") and tok.head.pos_ in ("NOUN", "PROPN"):
            continue  # "the proposed summit", "an accepted definition": a label, not someone's stance
        if tok.lemma_.lower() == "ask" and (any(c.dep_ == "auxpass" for c in tok.children)
                                             or (tok.tag_ == "VBN" and not any(c.dep_ == "aux" for c in tok.children))
                                             or any(c.dep_ == "mark" and c.lower_ in ("if", "whether")
                                                    for x in tok.children if x.dep_ == "ccomp" for c in x.children)
                                             or any(x.dep_ == "ccomp" and x.tag_ in ("WDT", "WP", "WRB")
                                                    for x in tok.children)):
            continue  # "when asked if ...", "Asked what ...", "asked whether ...": a question, not a demand
        if tok.lemma_.lower() == "suggest" and any(
                x.dep_ == "ccomp" and x.tag_ in ("VBD", "VBZ", "VBN") and not any(
                    a.lower_ in ("should",) for a in x.children) for x in tok.children):
            continue  # "the shelling suggested Kestrel had a plan": evidence of, not a proposal
        if tok.lemma_.lower() == "deny" and any(c.dep_ in ("dobj", "nsubjpass") and c.lemma_.lower() in _CHARGES
                                                 for c in tok.children):
            continue  # "denied accusations that the plan is an amnesty": a charge denied, no stance on the issue
        if tok.lemma_.lower() == "appeal" and any(
                p.lemma_.lower() in _COURTS for c in tok.children if c.lower_ == "to" for p in c.children):
            continue  # "appealed to the supreme court": a legal appeal, not a demand on the other side
        if tok.lower_ == "willingness" and (any(c.lower_ in ("no", "little") for c in tok.children)
                                            or tok.head.lemma_.lower() in ("lack", "question", "doubt")):
            continue  # "showed no willingness to", "a lack of willingness": none offered
        if m.group(0).lower() == "must" and sides.quote_at(s + m.start()) is None:
            continue  # "Valdoria must withdraw" in narration says nothing about who demands it
        if any(c.lower_ in SPECULATIVE for c in tok.children) or any(
                c.lower_ in SPECULATIVE for c in tok.head.children if tok.head is not tok):
            continue  # "the Kremlin may offer ...": a writer's guess, not a position
        if re.match(r"[^.!?]*\?", sent[m.end():]):
            continue  # "are you going to approve border security?": a question, not a stance
        if name in ("offer", "proposal", "acceptance") and any(a.lemma_.lower() in ("threaten", "warn")
                                                                for a in list(tok.ancestors)[:4]):
            name = "threat"  # "threatened that he was willing to keep the border closed for years"
        if name in ("demand", "proposal", "red line") and tok.pos_ == "NOUN" and tok.head.lemma_.lower() in _DROPPING \
                and tok.dep_ in ("dobj", "nsubjpass"):
            name = "concession"  # "dropped their demand for a cap": the demand given up
        spans.add((m.start(), m.end()))
        for st in _one_position(doc, art, sides, s, e, sent, found, day, name, m, tok, n0 + len(out)):
            if (st.party or st.speaker, st.issue) not in taken:
                taken.add((st.party or st.speaker, st.issue))
                out.append(st)
    return out


def _conditional_refusals(doc: Any, s: int, e: int, sent: str) -> list[tuple[str, Any, bool]]:
    """Red lines told as a refusal with its condition: "Kestrel would not continue the talks unless Ostland eased
    the sanctions", "no sanctions will be lifted until Ostland disarms" (holders.condition). Not a plain "if"
    (a hypothesis) nor a past fact ("did not sign until Friday": what happened)."""
    span = doc.char_span(s, e, alignment_mode="expand")
    out = []
    for t in span if span is not None else []:
        if condition(t) is None:
            continue
        aux = {c.lower_ for c in t.children if c.dep_ in ("aux", "auxpass")}
        if not (aux & (MODAL_WORDS | {"do", "does", "is", "are", "am"}) or (t.tag_ in ("VBZ", "VBP") and not aux)):
            continue  # "did not sign until ...", "has not agreed until ...": what happened, no stance
        m = re.compile(re.escape(t.text)).match(sent, t.idx - s)
        if m is not None:
            out.append(("red line", m, False))
    return out


# modals that make a refusal a stance on what will be: "would not", "will not", "won't"
MODAL_WORDS = {"will", "would", "wo", "shall", "can", "could", "ca"}


# what is declined when someone declines to comment: no stance on the issue ("refused to assign blame")
_NO_COMMENT = {"elaborate", "speculate", "comment", "blame", "assign", "confirm", "disclose", "specify", "answer",
               "respond", "discuss", "detail", "identify", "name", "reveal"}
# possessives of the holder's own people ("asked his aides", "told its negotiators")
_OWN = {"his", "her", "its", "their", "our", "my"}


# verbs that give up a demand or a proposal: "dropped their demand", "withdrew the proposal"
_DROPPING = {"drop", "abandon", "withdraw", "relinquish", "shelve", "forgo", "forego", "waive", "scrap"}


def _antecedent_issue(doc: Any, sc: set[int], found: list[tuple[str, int, int]], at: int) -> list[str]:
    """The issue a pronoun in the cue's scope stands for: "Kestrel wants the tariffs lifted, while Valdoria wants to
    keep them": the nearest issue named before the cue in the same sentence. Not an expletive "it" ("make it
    clear that ...")."""
    before = [f for f in found if f[2] <= at]
    if not before:
        return []
    for i in sorted(sc):
        t = doc[i]
        if t.lower_ not in ("them", "it") or t.dep_ not in ("dobj", "pobj", "nsubjpass"):
            continue
        if t.lower_ == "it" and any(c.dep_ in ("ccomp", "xcomp", "acomp", "oprd") and c.i > t.i for c in t.head.children):
            continue
        return [max(before, key=lambda f: f[2])[0]]
    return []


_COURTS = {"court", "tribunal", "judge", "judges", "panel", "arbitrator", "arbitration", "ombudsman"}
_CHARGES = {"accusation", "allegation", "claim", "charge", "report", "suggestion", "rumor", "rumour", "speculation"}
# "will not agree to start talks without a ceasefire", "won't sign unless the prisoners are freed": what the
# refusal is conditioned on is demanded
_CONDITION_PREPS = {"without", "unless", "until"}


def _conditioned(doc: Any, start: int, tok: Any) -> bool:
    """True when the issue word at ``start`` sits under a "without"/"unless"/"until" inside the cue's clause."""
    t = _token_at(doc, start)
    for _ in range(8):
        if t is None or t.head is t or t is tok:
            return False
        if t.lower_ in _CONDITION_PREPS and t.dep_ in ("prep", "mark", "advmod", "cc"):
            return True
        t = t.head
    return False


def _one_position(doc: Any, art: Article, sides: Sides, s: int, e: int, sent: str, found: list[tuple[str, int, int]],
                  day: str | None, stance: str, m: re.Match[str], tok: Any, n0: int) -> list[Statement]:
    """The position a cue states: its holder (the agent of the cue, see holders.py) and the issues of its
    scope; none when either is missing."""
    cue = m.group(0).lower()
    in_quote = sides.quote_at(s + m.start())
    if believed(tok):
        return []  # "he believes Valdoria wants a truce": a belief about Valdoria, not its stance
    parties: list[tuple[str | None, str | None]] = []
    body = None
    if in_quote is not None and cue in OBLIGATION:
        parties = [(sides.side_of_key(in_quote.speaker), in_quote.speaker)]
    else:
        holder = noun_holder(tok) if tok.pos_ in ("NOUN", "PROPN") else agent(tok)
        if holder is None:
            return []
        named = holder_sides(sides, holder)
        if holder.lower_ in ("he", "she") and holder.i in sides.pronoun_people:
            key = sides.pronoun_people[holder.i]  # "He appealed to ...": the person the pronoun stands for
            named = [(sides.side_of_key(key), key)]
        parties = [(side, k) for side, k in named if side]
        body = _body(sides, holder)
        if not parties and first_person(holder) and in_quote is not None:
            parties = [(sides.side_of_key(in_quote.speaker), in_quote.speaker)]
        if not parties:
            # a person whose side this article does not say ("Sollen refused to ...", a president named only by
            # name): the side is resolved across the corpus (reconcile/ledger.py), from the person's affiliation
            parties = [(None, k) for _, k in named[:1] if _person(sides, k)]
    parties = [p for p in parties if p[0]] or [(None, k) for _, k in parties if _person(sides, k)][:1]
    if not parties:
        return []
    sc = scope(tok)
    reach = []
    for f in found:
        t = _token_at(doc, s + f[1])
        if t is not None and t.i in sc:
            reach.append(f)
    issues = list(dict.fromkeys(f[0] for f in reach))
    if not issues:
        issues = _antecedent_issue(doc, sc, found, m.start())
    if not issues:
        return []
    content = sent[m.start():].strip()
    demanded = set()
    if stance == "rejection":  # "will not start talks without a ceasefire": the ceasefire is demanded
        demanded = {f[0] for f in reach if _conditioned(doc, s + f[1], tok)}
    out = []
    for party, key in parties[:5]:
        for issue in issues[:3]:
            out.append(Statement(id=f"{art.id}:s{n0 + len(out) + 1}", start=s, end=e, text=sent, kind="position",
                                 party=party, speaker=key, issue=issue, date=day, cue=m.group(0),
                                 stance="demand" if issue in demanded else stance,
                                 attribution=in_quote.speaker if in_quote is not None else None,
                                 values=[{"content": content[:240]}], holder=body if len(parties) == 1 else None))
    return out


def _person(sides: Sides, key: str | None) -> bool:
    ent = sides.ents.get(key) if key else None
    return ent is not None and ent.type == "PERSON"


# a government named by its state ("the Afghan government", "the Ruritanian administration"): the body holds the
# position, its state is whom it speaks for
_BODY_NOUNS = {"government", "administration"}


def _body(sides: Sides, holder: Any) -> str | None:
    """The name of the government body a holder phrase names by its state's adjective or name ("the Afghan
    government" -> "Afghan government"), else None."""
    if holder.lower_ not in _BODY_NOUNS or holder.tag_ != "NN":
        return None
    mods = [c for c in holder.children if c.dep_ in ("amod", "compound", "nmod") and c.i < holder.i]
    if len(mods) != 1 or not mods[0].text[:1].isupper() or mods[0].i + 1 != holder.i:
        return None
    place = lookup(mods[0].text)
    if place is not None and place.kind not in ("country", "adj"):
        return None  # "the Moscow government", "the city government": no state's name
    if place is None:
        key = sides.key_at(mods[0].idx, mods[0].idx + len(mods[0].text))
        ent = sides.ents.get(key) if key else None
        if ent is None or ent.type not in ("GPE", "NORP") or not sides.side_of_key(key):
            return None
    return f"{mods[0].text} {holder.lower_}"


# ----------------------------------------------------------------------------- claims

_DUR = re.compile(r"^P(?:T)?(\d+(?:\.\d+)?)([YMWDHS])$")
_DAYS = {"Y": 365.25, "M": 30.44, "W": 7.0, "D": 1.0}
_TDAYS = {"H": 1 / 24, "M": 1 / 1440, "S": 1 / 86400}
_MOD = [(re.compile(r"\b(?:over|more than|at least|upwards of|in excess of|beyond)\s*$", re.I), ">"),
        (re.compile(r"\b(?:almost|nearly|under|less than|fewer than|up to|just under)\s*$", re.I), "<"),
        (re.compile(r"\b(?:about|around|some|roughly|approximately|an estimated|close to|nearly)\s*$", re.I), "~")]


_OFFSET = re.compile(r"\s*(?:(?:after|before|later|earlier|ago)\b|on(?=\s*[,.;:]|\s+from\b))", re.I)  # "a year on,"


def duration_days(value: str) -> float | None:
    m = _DUR.match(value or "")
    if not m:
        return None
    n, unit = float(m.group(1)), m.group(2)
    return n * (_TDAYS[unit] if value.startswith("PT") else _DAYS.get(unit, 1.0))


def _mod(text: str, start: int, own: str) -> str | None:
    """The bound a value is given with: ">" (over), "<" (almost, up to), "~" (about), or None (exact)."""
    before = text[max(0, start - 25):start]
    words = own.split()
    heads = [" ".join(words[:1]), " ".join(words[:2])]  # the value's own text may open with it: "over three years"
    for rx, mod in _MOD:
        if rx.search(before) or any(rx.search(h) for h in heads):
            return mod
    return None


_STATE_ADV = {"now", "currently", "still", "already", "so far", "yet"}
_LASTING = {"last", "take", "run", "continue", "drag", "stretch", "go"}
_PURPOSE_PREPS = ("for", "in", "of", "on", "toward", "towards")
_RANGE_AFTER = re.compile(r"^\s*(?:-|–|—|to|and|or)\s*(?:\$|€|£)?\s*\d", re.I)
_RANGE_BEFORE = re.compile(r"(?:\bbetween|\bfrom|\d\s*(?:-|–|—|to|and|or)|\bbetween\b[^.;]{1,30}\band"
                           r"|\bfrom\b[^.;]{1,30}\bto|(?:thousand|million|billion|trillion)\s*(?:-|–|—|to|or))"
                           r"\s*(?:\$|€|£)?\s*$", re.I)
_RANGE_WORDS_AFTER = re.compile(r"^\s*(?:-|–|—|to|or)\s*(?:one|two|three|four|five|six|seven|eight|nine|ten|"
                                r"eleven|twelve|\w+teen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)\b", re.I)


SINCE_LAST = "time since the last time"
_ENDING = {"end", "conclude", "close", "finish", "wrap", "break"}
# the nouns of a meeting are one measure: "the talks lasted", "the meeting lasted", "the summit lasted"
MEETING_NOUNS = {"talk", "talks", "discussion", "meeting", "negotiation", "summit", "session", "round", "consultation",
                 "conversation", "dinner", "lunch", "luncheon", "breakfast", "encounter", "sit-down"}


# the nouns that count one thing under several names: "14,000 troops", "14,000 U.S. forces", "14,000 service
# members", "14,000 soldiers" answer how many troops there are
MEASURE_SYNONYMS = {"force": "troop", "soldier": "troop", "serviceman": "troop", "servicemember": "troop",
                    "personnel": "troop", "servicewoman": "troop", "boot": "troop"}


def _measure_name(lemma: str, words: set[str]) -> str:
    if lemma == "member" and "service" in words:
        return "troop"
    if lemma == "force" and words & {"security", "police", "special", "task", "air", "labor", "labour", "work"}:
        return lemma  # "security forces" (of the host state), "task force", "air force", "labor force"
    if lemma == "boot" and "ground" not in words:
        return lemma
    return MEASURE_SYNONYMS.get(lemma, lemma)


def _lemma(tok: Any) -> str:
    lemma = tok.lemma_.lower() if tok.lemma_ and tok.lemma_ != "-PRON-" else tok.lower_
    return "talks" if lemma in MEETING_NOUNS else lemma


# "the first direct talks in (over) three years", "the first time for three and a half years": the time since the
# last such event, not the length of this one
_FIRST_IN = re.compile(r"\bfirst\b[^.;:!?]{0,70}\b(?:in|for|since)\s+(?:over|more\s+than|nearly|almost|about|some|"
                       r"roughly|around|just\s+over|just\s+under|at\s+least)?\s*$", re.I)
_TIME_NOUNS = {"second", "minute", "hour", "day", "week", "month", "year", "decade"}


def _content(tok: Any) -> set[str]:
    """A noun and the words that narrow it ("border wall funding" -> funding, wall, border)."""
    out = {_lemma(tok)}
    for c in tok.children:
        if c.dep_ in ("compound", "amod", "nmod") and c.pos_ in ("NOUN", "PROPN", "ADJ"):
            out.add(_lemma(c))
    return out


def _hyphen_noun(doc: Any, span: Any) -> Any | None:
    """The noun a hyphenated value qualifies ("35-day shutdown", "a two-hour, closed-door meeting")."""
    if "-" not in span.text:
        return None
    j = span[-1].i + 1
    for k in range(j, min(j + 8, len(doc))):
        t = doc[k]
        joined = t.text == "-" or (k > 0 and doc[k - 1].text == "-") or (k + 1 < len(doc) and doc[k + 1].text == "-")
        if t.pos_ == "NOUN" and not joined and not (
                k + 1 < len(doc) and doc[k + 1].pos_ == "NOUN" and doc[k + 1].dep_ != "conj"):
            return t
        if t.text in (".", ";", ":", "(", ")") or not (joined or t.pos_ in ("ADJ", "NOUN", "PUNCT", "CCONJ", "PROPN")):
            return None
    return None


def _verb_of(tok: Any) -> Any | None:
    t = tok
    for _ in range(8):
        if t.pos_ in ("VERB", "AUX") and t.dep_ not in ("amod", "compound"):
            return t
        if t.head is t:
            return None
        t = t.head
    return None


def _subject_tok(verb: Any) -> Any | None:
    subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass", "csubj")), None)
    t = verb
    for _ in range(3):  # "voted to add", "decided to close": the subject of the governing verb
        if subj is not None or t.dep_ not in ("xcomp", "ccomp", "conj", "advcl", "relcl", "acl") or t.head is t:
            break
        t = t.head
        subj = next((c for c in t.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is None and t.pos_ in ("NOUN", "PROPN") and verb.dep_ in ("relcl", "acl"):
            subj = t
    return subj


def _tense(verb: Any) -> str:
    """past | present | future | perfect (a state reported as of the report: "has lasted", "now")."""
    for _ in range(3):  # "has lasted 13 days, affecting ...", "have kept the government closed": the clause's time
        if verb.tag_ in ("VBG", "VBN", "VB") and verb.dep_ in ("advcl", "xcomp", "ccomp", "oprd", "acomp", "acl",
                                                                  "conj") and verb.head is not verb \
                and not any(c.dep_ in ("aux", "auxpass") for c in verb.children):
            verb = verb.head
    aux = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    adv = {c.lower_ for c in verb.children if c.dep_ in ("advmod", "npadvmod")}
    if aux & {"will", "'ll", "’ll", "shall", "would", "going"}:
        return "future"
    if aux & {"has", "have", "'s", "’s", "'ve", "’ve"} or adv & _STATE_ADV:
        return "perfect"
    if verb.tag_ in ("VBZ", "VBP") or aux & {"is", "are", "am"}:
        return "present"
    return "past"


def _value_frame(doc: Any, sides: Sides, start: int, end: int, kind: str) -> dict[str, Any]:
    """What a value measures, in its own clause: the thing counted or lasting, the predicate, who acts, the tense,
    and whether the value is one end of a range ("18 to 25", "between $40 and $50 billion")."""
    text = doc_text(doc)
    span = doc.char_span(start, end, alignment_mode="expand")
    out: dict[str, Any] = {"subject": None, "predicate": None, "negated": False, "measure": None, "words": [],
                           "actors": [], "tense": None, "range": False}
    out["range"] = bool(_RANGE_AFTER.match(text[end:end + 8]) or _RANGE_WORDS_AFTER.match(text[end:end + 14])
                        or re.search(r"\d\s*(?:-|–|—|to|or)\s*\$?\d", text[start:end])
                        or _RANGE_BEFORE.search(text[max(0, start - 40):start]))
    if span is None or not len(span):
        return out
    lo, hi = span[0].i, span[-1].i
    head = next((t for t in span if not lo <= t.head.i <= hi or t.head is t), span[-1])
    measure: Any = None
    words: set[str] = set()
    if kind == "number":
        noun = head.head if head.dep_ in ("nummod", "quantmod", "compound", "amod", "nmod") and head.head.pos_ in (
            "NOUN", "PROPN") and not lo <= head.head.i <= hi else None
        if noun is None and head.pos_ == "NOUN" and head.lemma_.lower() not in ("percent", "%"):
            noun = head  # "28,500 troops" parsed inside the value's own span
        if noun is not None and noun.lemma_.lower() in ("worth", "value", "amount"):
            of = next((p for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"
                       for p in c.children if p.dep_ == "pobj"), None)
            noun = of if of is not None else noun  # "$300 billion worth of imports": the imports
        if noun is not None and noun.lemma_.lower() not in ("percent", "%", "billion", "million", "trillion"):
            measure, words = _lemma(noun), _content(noun)
            measure = _measure_name(measure, words)
            for c in noun.children:  # "prisoners of war", "products from the United States"
                if c.dep_ == "prep" and c.lower_ in ("of", "from") and c.i - noun.i <= 2:
                    words |= {_lemma(p) for p in c.children if p.dep_ == "pobj"}
        else:  # money or a share: what it is for ("$5 billion for the wall", "$5 billion in wall funding")
            cands = [head] + [c for c in head.children if c.dep_ in ("relcl", "acl")]
            for h in cands:
                for c in h.subtree if h is not head else h.children:
                    if c.dep_ == "prep" and c.lower_ in _PURPOSE_PREPS and c.head.i <= h.i + 12:
                        for p in c.children:
                            if p.dep_ == "pobj" and p.pos_ in ("NOUN", "PROPN"):
                                words |= _content(p)
                                measure = measure or _lemma(p)
                if measure:
                    break
            verb = _verb_of(head)
            if measure is None and verb is not None and head.dep_ in ("dobj", "nsubjpass", "attr", "conj"):
                for c in verb.children:  # "spend $40 billion on farm goods"
                    if c.dep_ == "prep" and c.lower_ in _PURPOSE_PREPS:
                        for p in c.children:
                            if p.dep_ == "pobj" and p.pos_ in ("NOUN", "PROPN"):
                                words |= _content(p)
                                measure = measure or _lemma(p)
    elif kind == "duration":
        out["state"] = True  # "closed for two weeks", "held for 17 months": as long as it has lasted so far
        prep = head.head if head.dep_ == "pobj" else None
        if _FIRST_IN.search(text[max(0, start - 90):start]):
            measure, words = SINCE_LAST, {SINCE_LAST}  # "their first direct talks in three years"
            out["state"] = False
        elif (noun := _hyphen_noun(doc, span)) is not None:
            measure, words = _lemma(noun), _content(noun)  # "a 15-minute clash", "the 35-day partial shutdown"
            out["state"] = False
        elif head.dep_ in ("compound", "amod", "nummod", "npadvmod") and head.head.pos_ == "NOUN" \
                and not lo <= head.head.i <= hi:
            measure, words = _lemma(head.head), _content(head.head)  # "60-hour train journey"
            out["state"] = False
        else:
            verb = _verb_of(head)
            if verb is not None:
                subj = _subject_tok(verb)
                if subj is not None and subj.lower_ in ("which", "that") and verb.dep_ == "relcl":
                    subj = verb.head  # "talks, which ended after two hours"
                    while subj.lemma_.lower() in _TIME_NOUNS and subj.dep_ == "pobj" and subj.head.head is not subj:
                        subj = subj.head.head  # "talks in two years, which ended ...": the talks ended
                ended = _lemma(verb) in _ENDING and prep is not None and prep.lower_ == "after"
                if (_lemma(verb) in _LASTING or ended) and subj is not None and subj.pos_ in ("NOUN", "PROPN"):
                    measure, words = _lemma(subj), _content(subj)  # "the shutdown lasted 35 days"
                    out["state"] = _tense(verb) == "perfect"
                else:
                    measure, words = _lemma(verb), {_lemma(verb)}  # "closed for two weeks"
    verb = _verb_of(head)
    counted = head.head if kind == "number" and head.head.pos_ in ("NOUN", "PROPN") else None
    if kind == "number" and head.pos_ == "NOUN" and head.dep_ not in ("nummod", "quantmod", "compound", "amod"):
        counted = head  # "approximately 13,000 troops" parsed inside the value's own span
    own = next((c for c in counted.children if c.dep_ in ("acl", "relcl") and c.pos_ == "VERB"), None) \
        if counted is not None else None
    if own is not None:
        verb = own  # "the 13,000 troops stationed there": what is said of the troops themselves
    if verb is not None:
        subj = _subject_tok(verb) if own is None else None
        out["negated"] = any(c.dep_ == "neg" for c in verb.children)
        out["predicate"] = ("not " if out["negated"] else "") + _lemma(verb)
        out["tense"] = _tense(verb)
        if subj is not None:
            toks = [t for t in subj.subtree if t.dep_ not in ("relcl", "acl", "appos", "punct")] or [subj]
            out["subject"] = text[toks[0].idx:toks[-1].idx + len(toks[-1].text)][:80]
            out["actors"] = [k for _side, k in sides.sides_of(subj) if k]
            if not out["actors"]:
                out["actors"] = [f"side:{side}" for side, _k in sides.sides_of(subj) if side]
        if kind == "date":  # a date dates the event of its clause: the verb and what it acts on
            obj = next((c for c in verb.children if c.dep_ in ("dobj", "nsubjpass", "attr")), None)
            measure = _lemma(verb)
            words = {_lemma(verb)} | (_content(obj) if obj is not None else set())
    if kind == "date":  # ... or the event noun it sits on: "invited them to a briefing Wednesday" dates the briefing
        at = head.head if head.dep_ == "pobj" and head.head.lower_ in ("on", "of", "for") else head
        if at.dep_ in ("npadvmod", "prep", "compound", "nmod", "appos") and at.head.pos_ == "NOUN" \
                and not at.head.ent_type_ and at.head.text[:1].islower() and not lo <= at.head.i <= hi:
            measure, words = _lemma(at.head), _content(at.head)
    out["measure"] = measure
    out["words"] = sorted(w for w in words if w and w.isalpha() or w and "-" in w)
    return out


def _claim(doc: Any, art: Article, an: Analysis, sides: Sides, s: int, e: int, sent: str,
           n0: int) -> Statement | None:
    """A checkable statement: a sentence that gives a number, a duration or a day, with who says so. Each
    value carries the subject and predicate of its clause, so a claim reads as (subject, predicate, value)."""
    text = art.text
    values: list[dict[str, Any]] = []
    taken: list[tuple[int, int]] = []
    for t in an.timexes:
        if not s <= t.start < e or not t.value:
            continue
        if t.type == "duration":
            days = duration_days(t.value)
            if days is None or _OFFSET.match(text[t.end:t.end + 12]):
                continue  # "a day after the talks", "two years ago": an offset, not a length
            values.append({"type": "duration", "value": t.value, "days": days, "mod": _mod(text, t.start, t.text),
                           "text": t.text, "start": t.start, "end": t.end})
            taken.append((t.start, t.end))
        elif t.type == "date" and re.fullmatch(r"\d{4}-\d{2}-\d{2}", t.value) and t.rel and t.rel.get("k") != "event":
            values.append({"type": "date", "value": t.value, "text": t.text, "start": t.start, "end": t.end})
            taken.append((t.start, t.end))
    for q in an.quantities:
        if not s <= q.start < e or q.value is None or q.unit == "ordinal":
            continue
        if q.unit is None and q.value <= 2:
            continue  # "the two sides", "number one priority": no checkable count
        if any(a <= q.start < b or q.start <= a < q.end for a, b in taken):
            continue
        values.append({"type": "number", "value": q.value, "unit": q.unit, "about": q.about,
                       "mod": (q.qualifier and _mod(q.qualifier + " ", len(q.qualifier) + 1, "")) or None,
                       "text": q.text, "start": q.start, "end": q.end})
    if not values:
        return None
    for v in values:
        v.update(_value_frame(doc, sides, v["start"], v["end"], v["type"]))
    frame = sent
    for v in sorted(values, key=lambda v: -v["start"]):
        a, b = v["start"] - s, v["end"] - s
        frame = frame[:a] + {"duration": "<DUR>", "date": "<DATE>", "number": "<NUM>"}[v["type"]] + frame[b:]
    quote = sides.quote_at(values[0]["start"])
    attribution = quote.speaker if quote is not None else None
    if attribution is None:
        reported = [q for q in an.quotes if q.kind == "indirect" and q.start <= values[0]["start"] < q.end]
        attribution = reported[0].speaker if reported else None
    return Statement(id=f"{art.id}:s{n0 + 1}", start=s, end=e, text=sent, kind="claim", values=values,
                     attribution=attribution, cue=frame,
                     issue=next((n for n, rx in issue_patterns() if rx.search(sent)), None))

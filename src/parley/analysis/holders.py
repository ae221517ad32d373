"""Who holds a stance and what it is about, read from the parse of the cue's own clause.

- The holder of a stance cue is its grammatical agent: the subject of the cue verb ("Valdoria rejected ..."),
  climbing only where English shares a subject: auxiliaries and modals ("must"), subject-control infinitives
  ("refused to ...", "is ready to ..."), predicative adjectives ("was willing to ..."), and coordinated verbs
  without a subject of their own ("rejected ... and wants ..."); the by-phrase of a passive; the antecedent of a
  relative pronoun ("Valdoria, which rejected ..."); the possessor of a stance noun ("Kestrel's demand"), or the
  agent of the light verb that takes it ("made concessions", "put forward a proposal"). A third-person pronoun
  subject of what a source is reported to say is that source ("Valdoria said it had rejected ..."). Nothing
  else: a cue whose agent the parse does not give has no holder.
- The issue of a cue is in its syntactic scope: the object, the complement clause or infinitive, the
  prepositional complements ("on", "over", "about", "for" ...), a passive's subject; for a stance noun, its own
  phrase ("demands for a ceasefire"), what it stands in apposition to, and the complement of a copula ("the
  condition is ..."). Clauses of time, cause and concession ("after ...", "while ..."), coordinated clauses with
  their own subject, and what is said about a person ("Lisk, who is under sanctions") are outside it.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from ..lexicon import load

MODALS = {"would", "could", "should", "can", "may", "might", "will", "shall", "must", "'d", "’d", "ought", "'ll",
          "’ll", "wo", "ca"}
# prepositions and subordinators that open a clause of time, cause, condition or concession: not what a stance
# or an agreement is about
FRAME_WORDS = {"after", "before", "while", "since", "because", "although", "though", "whereas", "as", "amid",
               "amidst", "despite", "during", "until", "till", "ahead", "when", "whenever", "once", "if", "unless",
               "following", "like", "unlike", "than", "at"}
PURPOSE_NOUNS = {"effort", "bid", "attempt", "order", "hope"}
CONDITION_WORDS = {"if", "unless", "once", "until", "whether"}
# verbs of belief and expectation: "Lisk believes Valdoria wants a truce" is Lisk's belief, not Valdoria's stance
COGNITION = {"believe", "think", "hope", "expect", "fear", "suspect", "doubt", "assume", "feel", "imagine",
             "guess", "presume", "suppose", "wonder", "speculate", "predict", "bet", "worry", "reckon", "prefer"}
# verbs that take a stance noun as their object and give it their subject: "made concessions", "put forward a
# proposal", "set conditions", "repeated its demands"
LIGHT_VERBS = {"make", "offer", "put", "present", "submit", "issue", "table", "repeat", "reiterate", "set", "lay",
               "outline", "voice", "renew", "restate", "reaffirm", "stick", "float", "unveil", "send", "deliver",
               "pose", "raise", "press", "pursue", "announce", "have", "hold", "maintain", "list", "give"}
SCOPE_DEPS = {"dobj", "obj", "xcomp", "ccomp", "prep", "dative", "attr", "oprd", "acomp", "pcomp", "pobj"}
THIRD_PERSON = {"he", "she", "it", "they"}
RELATIVE = {"who", "which", "that", "whom"}


@cache
def _role_words() -> frozenset[str]:
    from ..gazetteer import role_words

    return frozenset(w.lower() for w in role_words()) | {"chief", "official", "envoy", "leader", "president",
                                                         "minister", "diplomat", "spokesman", "spokeswoman"}


@cache
def reporting_verbs() -> frozenset[str]:
    return frozenset(load("speech.toml")["verbs"])


def predicate(tok: Any) -> Any:
    """The word that carries a cue's clause: "must" -> the verb it modals, "not" -> its verb."""
    t = tok
    while t.dep_ in ("aux", "auxpass", "neg", "prt") and t.head is not t:
        t = t.head
    return t


def _is_passive(verb: Any) -> bool:
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)


def _controller(verb: Any) -> Any | None:
    """The verb whose subject an infinitive or predicate shares, if it shares it."""
    if verb.dep_ == "xcomp":
        head = verb.head
        if any(c.dep_ in ("dobj", "dative") for c in head.children):
            return None  # object control: "urged Kestrel to accept" -- Kestrel would accept, nobody has
        return head
    if verb.dep_ == "acomp":
        return verb.head
    if verb.dep_ == "conj" and verb.head.pos_ in ("VERB", "AUX"):
        prev = verb.doc[verb.i - 1] if verb.i > 0 else None
        while prev is not None and prev.pos_ in ("ADV", "AUX", "PART") and prev.i > verb.head.i:
            prev = verb.doc[prev.i - 1]
        if prev is not None and prev.pos_ in ("NOUN", "PROPN", "PRON") and prev.dep_ != "dobj" and prev.head is not verb:
            return None  # "... and his diplomat offered": a subject the parse missed, not a shared one
        return verb.head
    return None


def agent(tok: Any) -> Any | None:
    """The agent of a verb or predicative cue (see the module docstring), or None."""
    t = predicate(tok)
    for _ in range(6):
        subjs = [c for c in t.children if c.dep_ in ("nsubj", "csubj")]
        if subjs:  # the one nearest before the verb ("PORT SALVO, May 2 - Envoys agreed": the envoys)
            before = [c for c in subjs if c.i < t.i]
            return _antecedent(before[-1] if before else subjs[0], t)
        if _is_passive(t):
            by = next((p for c in t.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"), None)
            return by
        nxt = _controller(t)
        if nxt is None or nxt is t:
            return None
        t = nxt
    return None


def _antecedent(subj: Any, verb: Any) -> Any:
    dash = next((c.i for c in subj.children if c.dep_ == "punct" and c.text in ("—", "–", "-", "--")), None)
    if dash is not None:  # "LISK (Wire) — The council agreed": the dateline parsed as the subject
        after = [c for c in subj.children if c.dep_ in ("appos", "conj") and c.i > dash]
        if after:
            return after[-1]
    if subj.lower_ in RELATIVE and verb.dep_ == "relcl" and verb.head is not verb:
        return verb.head  # "Valdoria, which rejected ..."
    if subj.lower_ in THIRD_PERSON:
        source = reported_by(verb)
        if source is not None and _agrees(subj, source):
            return source  # "Valdoria said it had rejected ...": the source
    return subj


def _agrees(pron: Any, noun: Any) -> bool:
    if pron.lower_ in ("he", "she", "it"):
        return noun.tag_ in ("NNP", "NN") and noun.lower_ not in THIRD_PERSON
    return noun.tag_ in ("NNS", "NNPS") or noun.ent_type_ in ("NORP", "ORG")


def _agrees_with(pron: str, noun: Any) -> bool:
    if pron in ("he", "she"):
        return noun.tag_ in ("NNP", "NN") and noun.ent_type_ not in ("ORG", "NORP", "GPE")
    if pron == "it":
        return noun.tag_ in ("NNP", "NN") and noun.ent_type_ != "PERSON"
    return noun.tag_ in ("NNS", "NNPS") or noun.ent_type_ in ("NORP", "ORG")


def reported_by(verb: Any) -> Any | None:
    """The subject of the reporting verb whose complement clause holds ``verb`` ("X said (that) ... verb")."""
    t = verb
    for _ in range(4):
        if t.dep_ == "ccomp" and t.head is not t:
            head = t.head
            if head.lemma_.lower() in reporting_verbs():
                return next((c for c in head.children if c.dep_ == "nsubj"), None)
            return None
        if t.dep_ in ("conj", "xcomp") and t.head is not t:
            t = t.head
            continue
        return None
    return None


def believed(tok: Any) -> bool:
    """True when the cue's clause is what someone believes or expects ("he believes Valdoria wants ..."), or
    what is asked ("whether Valdoria wants ...")."""
    t = predicate(tok)
    if t.pos_ in ("NOUN", "PROPN"):
        t = governor(t) or t  # "he doesn't think Lisk will offer concessions"
    for _ in range(6):
        if t.head is t:
            return False
        if t.dep_ == "ccomp" and t.head.lemma_.lower() in COGNITION:
            return True
        if t.dep_ in ("ccomp", "advcl") and any(c.dep_ == "mark" and c.lower_ in ("whether", "if") for c in t.children):
            return True  # "asked whether Valdoria wants ...": a question
        if t.dep_ not in ("xcomp", "conj", "acomp", "ccomp", "aux"):
            return False
        t = t.head
    return False


def governor(noun: Any) -> Any | None:
    """The verb a noun is an argument of: its head, or the head of its preposition."""
    if noun.dep_ in ("dobj", "obj", "nsubj", "nsubjpass", "attr", "dative", "oprd") and noun.head.pos_ in ("VERB", "AUX"):
        return noun.head
    if noun.dep_ == "pobj" and noun.head.dep_ == "prep" and noun.head.head.pos_ in ("VERB", "AUX"):
        return noun.head.head
    if noun.dep_ in ("conj", "appos") and noun.head.pos_ in ("NOUN", "PROPN"):
        return governor(noun.head)
    return None


def noun_holder(noun: Any) -> Any | None:
    """The holder of a stance noun: its possessor, its by/from phrase, or the agent of the light verb taking it."""
    poss = next((c for c in noun.children if c.dep_ == "poss"), None)
    if poss is not None and poss.lower_ not in ("its", "their", "his", "her"):
        return poss
    for c in noun.children:
        if c.dep_ == "prep" and c.lower_ in ("by", "from"):
            p = next((x for x in c.children if x.dep_ == "pobj"), None)
            if p is not None:
                return p
    verb = governor(noun)
    if poss is not None:  # "its demands": the subject of the clause the noun is an object in, if it is not the subject
        if verb is None or noun.dep_ in ("nsubj", "nsubjpass"):
            return None
        subj = agent(verb)
        pron = {"its": "it", "his": "he", "her": "she", "their": "they"}[poss.lower_]
        if subj is None or not _agrees_with(pron, subj):
            return None  # "the envoys refused to yield to his demands": his is not theirs
        return subj
    if noun.dep_ in ("dobj", "obj") and verb is not None and verb.lemma_.lower() in LIGHT_VERBS:
        return agent(verb)
    for c in noun.children:  # "a condition Kestrel has set": the relative clause's subject sets it
        if c.dep_ == "relcl" and c.lemma_.lower() in LIGHT_VERBS:
            subj = next((x for x in c.children if x.dep_ == "nsubj"), None)
            if subj is not None and subj.lower_ not in RELATIVE:
                return subj
    return None


def _subtree(tok: Any) -> set[int]:
    return {t.i for t in tok.subtree}


def _outside(tok: Any) -> set[int]:
    """Tokens under ``tok`` that are outside a scope: frame clauses, coordinated clauses with a subject of their
    own, and what is said about a person."""
    out: set[int] = set()
    for t in tok.subtree:
        if t.i in out:
            continue
        drop = False
        if t.dep_ == "advcl" or (t.dep_ in ("prep", "mark") and t.lower_ in FRAME_WORDS):
            drop = True
        elif t.dep_ == "conj" and t.pos_ in ("VERB", "AUX") and any(
                c.dep_ in ("nsubj", "nsubjpass") or (c.dep_ in ("aux", "auxpass") and c.lower_ != "to")
                for c in t.children):
            drop = True  # "... and Kestrel rejected", "... but have refused to ...": a clause of its own
        elif t.dep_ in ("appos", "relcl", "acl", "amod", "prep", "advmod") and (
                t.head.ent_type_ == "PERSON" or t.head.lower_ in _role_words()):
            drop = True  # "Lisk, who is under sanctions", "its envoy, long under sanctions"
        elif t.dep_ in ("appos", "relcl", "acl", "advmod", "amod", "prep") and t.left_edge.i > 0 and t.doc[t.left_edge.i - 1].text == "," \
                and t.head.i < t.i:
            drop = True  # a non-restrictive modifier set off by a comma describes, it is not the object
        elif t.dep_ in ("punct",) and t.text in ("(", ")"):
            drop = True
        elif t.dep_ == "prep" and t.lower_ == "in" and any(p.lemma_.lower() in PURPOSE_NOUNS for p in t.children):
            drop = True  # "refused to fund it in an effort to force a debate on X": a purpose, not the object
        if drop:
            out |= _subtree(t)
    return out


def scope(tok: Any) -> set[int]:
    """Indices of the tokens a cue's issue may come from (see the module docstring)."""
    if tok.pos_ in ("NOUN", "PROPN"):
        keep = _subtree(tok)
        for c in tok.children:
            if c.dep_ in ("poss", "det"):
                keep -= _subtree(c)
        head = tok.head
        if tok.dep_ == "appos" and head is not tok:
            keep |= {t.i for t in head.subtree if t.i not in _subtree(tok) and t.i < tok.i}
        if tok.dep_ == "attr" and head.lemma_.lower() == "be":
            for c in head.children:
                if c.dep_ == "nsubj":
                    keep |= _subtree(c)
        if tok.dep_ == "nsubj" and head.lemma_.lower() == "be":
            for c in head.children:
                if c.dep_ in ("attr", "acomp", "ccomp"):
                    keep |= _subtree(c)
        verb = governor(tok)
        if tok.dep_ in ("dobj", "obj") and verb is not None and verb.lemma_.lower() in LIGHT_VERBS:
            for c in verb.children:
                if c.dep_ == "prep" and c.lower_ in ("on", "over", "about", "for", "to", "regarding", "concerning"):
                    keep |= _subtree(c)
        return keep - _outside_all(tok, keep)
    verb = predicate(tok)
    keep = set()
    for c in verb.children:
        if c.dep_ in SCOPE_DEPS and not (c.dep_ == "prep" and c.lower_ in FRAME_WORDS):
            keep |= _subtree(c)
        elif c.dep_ == "nsubjpass":
            keep |= _subtree(c)  # "sanctions were rejected"
    if verb is not tok:  # an adjective or modal cue: "ready to", "must withdraw"
        for c in tok.children:
            if c.dep_ in SCOPE_DEPS:
                keep |= _subtree(c)
    keep -= _outside_all(verb, keep)
    if verb.lemma_.lower() in _ASKING:
        for c in verb.children:  # "appealed to Ostland to avoid more tariffs": the infinitive is what is asked
            if c.dep_ == "advcl" and c.i > verb.i and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children) \
                    and not any(a.dep_ in ("nsubj", "mark") for a in c.children):
                part = _subtree(c)
                keep |= part - _outside_all(c, part - {c.i}) if len(part) > 1 else part
    cond = condition(verb)
    if cond is not None:  # "would not continue talks unless X eases sanctions": the condition too
        part = _subtree(cond)
        keep |= part - _outside_all(cond, part - {cond.i})
    return keep


# what a refusal is made conditional on: "would not continue the talks unless ...", "no sanctions will be lifted until
# ...", "no deal without ..."
_CONDITION_MARKS = {"unless", "until", "till"}


def condition(verb: Any) -> Any | None:
    """The condition clause of a negated verb: a red line ("Kestrel will not sign unless the troops leave", "no
    sanctions would be lifted until Ostland disarms"), or None. The verb is negated by "not"/"never" or by a
    "no"/"nothing" subject or object."""
    if verb.pos_ not in ("VERB", "AUX"):
        return None
    negated = any(c.dep_ == "neg" for c in verb.children) or any(
        c.dep_ in ("nsubj", "nsubjpass", "dobj") and (c.lower_ in ("nothing", "none") or any(
            d.dep_ == "det" and d.lower_ == "no" for d in c.children)) for c in verb.children)
    if not negated:
        return None
    for c in verb.children:
        if c.dep_ == "advcl" and c.i > verb.i and any(m.dep_ == "mark" and m.lower_ in _CONDITION_MARKS
                                                       for m in c.children):
            return c
        if c.dep_ == "prep" and c.lower_ in _CONDITION_MARKS and c.i > verb.i and not any(
                p.ent_type_ in ("DATE", "TIME") for p in c.subtree):
            return c  # "until the withdrawal of the troops"; not "until Friday": a time, no condition
    return None


# verbs of asking someone to do something: their infinitive, however parsed, is the thing asked
_ASKING = {"appeal", "urge", "call", "press", "ask", "implore", "request", "push", "beg", "pressure"}


def _outside_all(root: Any, keep: set[int]) -> set[int]:
    doc = root.doc
    out: set[int] = set()
    tops = [doc[i] for i in sorted(keep) if doc[i].head.i not in keep or doc[i].head is doc[i]]
    for t in tops:
        if t.dep_ in ("advcl",) or (t.dep_ in ("prep", "mark") and t.lower_ in FRAME_WORDS):
            out |= _subtree(t)
            continue
        out |= _outside(t)
    return out


def conditional(tok: Any) -> bool:
    """True when a condition governs the cue's clause or its complement ("agreed to lift sanctions once ...")."""
    verb = predicate(tok)
    heads = [verb] + [c for c in verb.children if c.dep_ in ("xcomp", "ccomp")]
    for h in heads:
        for c in h.children:
            if c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in CONDITION_WORDS for m in c.children):
                return True
            if c.dep_ == "advcl" and c.lower_ in CONDITION_WORDS:
                return True
    return False


def modal(verb: Any) -> bool:
    return any(c.dep_ == "aux" and c.lower_ in MODALS for c in verb.children)


def negated(verb: Any) -> bool:
    return any(c.dep_ == "neg" or c.lower_ in ("never",) for c in verb.children)


def negated_chain(tok: Any) -> bool:
    """True when the cue or a verb whose subject it shares is negated ("was not ready to offer", "did not want
    to propose")."""
    t = predicate(tok)
    for _ in range(4):
        if negated(t):
            return True
        if t.dep_ not in ("xcomp", "acomp") or t.head is t:
            return False
        t = t.head
    return False

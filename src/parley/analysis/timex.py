"""Temporal expressions: found by rules, valued in TimeML style against an anchor.

``tag(text)`` finds the expressions and says how each is to be valued (a
``rel`` spec). ``resolve(rel, anchor, narrative, tense)`` turns a spec into a
value: ISO dates (2025-05-16, 2025-05, 2025-W20, 2025-SP), times
(2025-05-16TAF, ...T15:00), durations (P3Y, P3.5Y, PT90M, PXD), sets and the
vague PAST_REF / PRESENT_REF / FUTURE_REF. Weekdays and months without a year
take their direction from the tense of the clause ("on Monday" in a past-tense
sentence is the Monday before; in a Friday article "on Friday" is that day).
Expressions anchored on the story ("two days later", "later in the day",
"during the talks in Port Salvo") are valued against the narrative and the
story's dated events. The spec is kept so reconcile can value an undated
article's expressions again once its date is estimated.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from ..model import Analysis, Article, Timex
from ..numbers import NUMBER, fmt, words_to_number
from ..textdate import find_dates
from .pipeline import component, doc_text

MONTHS = {"jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "oct": 10,
          "nov": 11, "dec": 12}
WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6}
SEASONS = {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"}
SEASON_MONTH = {"SP": 4, "SU": 7, "FA": 10, "WI": 1}
PARTS = {"morning": "TMO", "afternoon": "TAF", "evening": "TEV", "night": "TNI", "overnight": "TNI"}
UNIT_CODE = {"second": ("T", "S"), "minute": ("T", "M"), "hour": ("T", "H"), "day": ("", "D"), "week": ("", "W"),
             "fortnight": ("", "W"), "month": ("", "M"), "year": ("", "Y"), "decade": ("", "Y"),
             "century": ("", "Y"), "centurie": ("", "Y")}
UNIT_MULT = {"fortnight": 2, "decade": 10, "century": 100, "centurie": 100}

_MONTH = (r"(?P<mon>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
          r"Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")
_WD = r"(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_UNIT = r"(?P<unit>(?i:second|minute|hour|day|week|fortnight|month|year|decade|centur(?:y|ie)))(?i:s)?"
_NUM = rf"(?P<num>(?i:{NUMBER}))"
_PART = r"(?P<part>(?i:morning|afternoon|evening|night))"
_YEAR = r"(?P<year>1[5-9]\d\d|20\d\d)"
_EVENT_NOUNS = (r"talks|meeting|meetings|negotiations|summit|call|phone call|conversation|session|round|"
                r"conference|vote|election|elections|visit|ceasefire|truce|war|invasion|attack|strike|exchange|"
                r"swap|discussions|consultations|speech|announcement|signing|ceremony|funeral|referendum|"
                r"hearing|trial|debate|match|game|launch|crash|explosion|earthquake|storm|flood|floods")


@dataclass
class Cand:
    start: int
    end: int
    type: str  # date | time | duration | set | vague
    rel: dict[str, Any]
    prio: int = 0


def _month(name: str) -> int:
    return MONTHS[name.lower()[:3]]


def _iso_week(d: dt.date, delta_weeks: int = 0) -> str:
    y, w, _ = (d + dt.timedelta(weeks=delta_weeks)).isocalendar()
    return f"{y}-W{w:02d}"


def _add_months(d: dt.date, n: int) -> tuple[int, int]:
    m = d.month - 1 + n
    return d.year + m // 12, m % 12 + 1


# ----------------------------------------------------------------------------- rules

def _num(g: dict[str, Any]) -> float | None:
    return words_to_number(g["num"]) if g.get("num") else None


def _duration(n: float | None, unit: str) -> str:
    unit = unit.lower().rstrip("s") if unit.lower() not in ("centuries",) else "century"
    t, code = UNIT_CODE.get(unit, ("", "D"))
    if n is None:
        return f"P{t}X{code}"
    mult = UNIT_MULT.get(unit, 1)
    return f"P{t}{fmt(n * mult)}{code}"


RULES: list[tuple[str, re.Pattern[str], int]] = []


def rule(name: str, pattern: str, prio: int = 0) -> None:
    RULES.append((name, re.compile(pattern), prio))


# absolute dates and parts of the calendar
rule("month_year", rf"\b(?:(?P<edge>(?i:early|late|mid|the end of|the beginning of|the start of))[\s-]+)?{_MONTH}(?:\s+(?i:of))?,?\s+{_YEAR}\b", 5)
rule("season_year", r"\b(?:(?i:the)\s+)?(?:(?i:early|late|mid)[\s-]+)?(?P<season>(?i:spring|summer|autumn|fall|winter))(?:\s+(?i:of))?\s+" + _YEAR + r"\b", 5)
rule("year_range", r"(?<![\d$£€.,/])(?P<y1>1[5-9]\d\d|20\d\d)\s*[-–/]\s*(?P<y2>1[5-9]\d\d|20\d\d|\d\d)(?![\d%])", 6)
rule("decade", r"\b(?:(?i:the)\s+)?(?:(?i:early|late|mid)[\s-]+)?(?P<dec>1[5-9]\d0|20\d0)s\b", 4)
rule("century", r"\b(?:(?i:the)\s+)?(?P<c>\d{1,2})(?:st|nd|rd|th)[\s-]+(?i:century)\b", 4)
rule("quarter", r"\b(?:(?i:the)\s+)?(?P<q>(?i:first|second|third|fourth|1st|2nd|3rd|4th))\s+(?i:quarter)(?:\s+(?i:of)\s+" + _YEAR + r")?\b", 4)
rule("year", r"(?<![\w$£€.,/-])(?:(?P<edge>(?i:early|late|mid))[\s-]+)?" + _YEAR + r"(?![\d%]|,\d|\.\d|\s*[-–]\s*\d|\s+(?i:people|troops|soldiers|votes|members|km|miles|metres|meters|dollars|euros|pounds|tonnes|tons|children|deaths|cases))\b", 1)
rule("month_day", rf"\b{_MONTH}\s+(?P<day>[0-3]?\d)(?:st|nd|rd|th)?\b(?!\s*,?\s*\d{{4}})(?!:)", 3)
rule("day_month", rf"\b(?P<day>[0-3]?\d)(?:st|nd|rd|th)?\s+(?:(?i:of)\s+)?{_MONTH}\b(?!,?\s+\d{{4}})", 3)
rule("month", rf"\b(?:(?P<mod>(?i:last|next|this|early|late|mid|early last|late last|early next|late next))[\s-]+)?{_MONTH}(?!\s+\d)\b", 2)
# relative days and parts of days
rule("reldays", r"\b(?P<w>(?i:today|tonight|yesterday|tomorrow))(?:(?:'s|’s)|\s+" + _PART + r")?\b", 3)
rule("daybefore", r"\b(?i:the\s+day\s+(?P<w>before\s+yesterday|after\s+tomorrow))\b", 4)
rule("thispart", r"\b(?i:(?P<w>this|last|tomorrow|yesterday)\s+(?P<part>morning|afternoon|evening|night))\b", 4)
rule("weekday", r"\b(?:(?P<mod>(?i:last|next|this|early|late|on|by|until|since|a|one|that|the following|the previous|coming))\s+(?:(?i:gray|grey|rainy|sunny|cold|warm|busy|bloody)\s+)?)?" + _WD + r"(?:\s+" + _PART + r")?\b", 3)
rule("then_weekday", r"\b(?P<then>(?i:then|later|and then|the next|the following))(?:,)?\s+(?i:on\s+)?" + _WD + r"(?:\s+" + _PART + r")?\b", 4)
# relative weeks, months, years
rule("rel_unit", r"\b(?P<pre>(?i:earlier|later|early|late))?\s*(?P<the>(?i:the)\s+)?(?P<mod>(?i:last|this|next|past|previous|coming|following|current|same))\s+(?P<unit>(?i:week|weekend|month|year|decade|century|summer|spring|autumn|fall|winter|quarter|fiscal year))\b", 3)
rule("the_weekend", r"\b(?i:(?:over\s+)?the\s+weekend)\b", 1)
rule("ago", rf"\b{_NUM}\s+{_UNIT}\s+(?i:ago)\b", 5)
rule("vague_ago", r"\b(?i:(?P<w>years|decades|months|weeks|days|centuries|long)\s+ago)\b", 5)
rule("narr_offset", rf"\b{_NUM}\s+{_UNIT}\s+(?P<dir>(?i:later|earlier|afterwards|after(?=\s*[,.;])|before(?=\s*[,.;])))\b(?!\s+(?i:than))", 5)
rule("narr_day", r"\b(?i:(?P<w>the\s+(?:next|following|previous|same)\s+(?:day|morning|evening|night)|that\s+(?:day|morning|evening|night)|the\s+day\s+(?:before|after)|(?:later|earlier)\s+(?:in\s+the|that)\s+day))\b", 4)
rule("sun", r"\b(?i:(?P<w>as\s+the\s+sun\s+(?:set|rose)|at\s+(?:sunset|sunrise|dawn|dusk|nightfall|daybreak)))\b", 3)
# durations
rule("duration", rf"\b(?P<mod>(?i:the\s+(?:past|last|next|first|previous|coming|following)|a\s+mere|more\s+than|less\s+than|nearly|almost|over|at\s+least|up\s+to|roughly|about|around|some|only|just)\s+)?{_NUM}[\s-]+{_UNIT}(?P<half>\s+(?i:and\s+a\s+half))?(?![\s-]+(?i:ago|later|earlier(?!\s+than)|old|and\s+older|and\s+over|and\s+up|of\s+age))\b", 2)
rule("duration_unit", r"\b(?P<mod>(?i:recent|past|coming|several|few|many|the\s+past|the\s+next|the\s+coming|the\s+last|for|over|in|within)\s+)?(?P<unit>(?i:years|months|weeks|days|decades|hours|minutes|centuries))\b(?!\s+(?i:ago|later|earlier|old|of\s+the|of\s+his|of\s+her|of\s+their))", 1)
rule("decade_word", r"\b(?P<mod>(?i:a|the\s+next|the\s+past|the\s+last|the\s+following|the\s+previous))\s+(?P<unit>(?i:decade|century|fortnight))\b", 2)
# vague references
rule("vague", r"\b(?P<w>(?i:now|currently|at\s+present|presently|nowadays|these\s+days|at\s+the\s+moment|so\s+far|thus\s+far|to\s+date|"
              r"recently|lately|previously|formerly|in\s+the\s+past|the\s+past|at\s+the\s+time|once\s+upon\s+a\s+time|"
              r"soon|in\s+the\s+near\s+future|in\s+the\s+future|the\s+future|in\s+the\s+coming\s+(?:days|weeks|months|years)|"
              r"in\s+the\s+days\s+ahead|in\s+the\s+weeks\s+ahead|in\s+the\s+months\s+ahead|in\s+the\s+years\s+ahead|"
              r"shortly(?!\s+(?:after|before|afterwards))|before\s+long))\b", 0)
# times of day
rule("clock", r"\b(?P<h>[01]?\d|2[0-3])(?:[:.](?P<mi>[0-5]\d))?\s*(?P<ap>(?i:a\.m\.|p\.m\.|am|pm))(?:\s+(?P<tz>[A-Z]{2,4}))?(?=\W|$)", 3)
rule("clock24", r"\b(?P<h>[01]?\d|2[0-3]):(?P<mi>[0-5]\d)(?::(?P<s>[0-5]\d))?(?:\s+(?P<tz>GMT|UTC|BST|CET|CEST|EST|EDT|PST|PDT|MSK))?\b(?!\s*(?i:a\.?m|p\.?m))", 2)
rule("noon", r"\b(?i:(?P<w>noon|midnight|midday))\b", 2)
# sets
rule("set", r"\b(?i:(?P<every>every|each)\s+(?:other\s+)?(?P<u>day|week|month|year|season|morning|afternoon|evening|night|weekend|summer|winter|spring|autumn|(?:mon|tues|wednes|thurs|fri|satur|sun)day))\b", 3)
rule("set_adv", r"\b(?i:(?P<w>daily|weekly|monthly|yearly|annually|nightly|hourly))\b(?!\s+(?i:newspaper|paper|show|magazine|basis|mail|telegraph|express|star|beast|news|bulletin))", 1)
# expressions anchored on an event of the story
rule("event", r"\b(?P<rel>(?i:(?:shortly|immediately|just|soon|hours|days|minutes|right)\s+)?(?:after|before|following|during|ahead\s+of|prior\s+to|on\s+the\s+eve\s+of|in\s+the\s+run-up\s+to))\s+"
              r"(?P<ev>(?:(?i:the|this|that|their|his|her|its|these|those)\s+)(?:[\w’'-]+\s+){0,3}?(?P<noun>(?i:" + _EVENT_NOUNS + r")))\b"
              r"(?:\s+(?i:in|at)\s+(?P<place>[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+)?))?", 2)


def _handle(name: str, m: re.Match[str], text: str) -> Cand | list[Cand] | None:  # noqa: C901 - one branch per rule
    g = m.groupdict()
    s, e = m.start(), m.end()
    if name == "month_year":
        return Cand(s, e, "date", {"k": "abs", "v": f"{g['year']}-{_month(g['mon']):02d}"})
    if name == "season_year":
        return Cand(s, e, "date", {"k": "abs", "v": f"{g['year']}-{SEASONS[g['season'].lower()]}"})
    if name == "year_range":
        y1, y2 = g["y1"], g["y2"]
        if len(y2) == 2:
            y2 = y1[:2] + y2
        if not int(y1) < int(y2) <= int(y1) + 200:
            return None
        return [Cand(s, m.end("y1"), "date", {"k": "abs", "v": g["y1"]}),
                Cand(m.start("y2"), e, "date", {"k": "abs", "v": y2})]
    if name == "decade":
        return Cand(s, e, "date", {"k": "abs", "v": g["dec"][:3]})
    if name == "century":
        return Cand(s, e, "date", {"k": "abs", "v": f"{int(g['c']) - 1:02d}"})
    if name == "quarter":
        q = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4}[g["q"].lower()]
        if g.get("year"):
            return Cand(s, e, "date", {"k": "abs", "v": f"{g['year']}-Q{q}"})
        return Cand(s, e, "date", {"k": "quarter", "q": q})
    if name == "year":
        left = text[max(0, s - 16):s]
        if not (g.get("edge") or re.search(r"(?:^|\n|\(|\b(?:in|since|by|until|till|from|of|before|after|during|between|and|"
                                          r"to|through|circa|year|the|fiscal|early|late|mid|around|about|spring|summer|"
                                          r"autumn|fall|winter|a|an|his|her|its|their|this|that|our|whose)\s+)$", left, re.I)):
            return None
        return Cand(s, e, "date", {"k": "abs", "v": g["year"]})
    if name == "month_day":
        return Cand(s, e, "date", {"k": "md", "m": _month(g["mon"]), "d": int(g["day"])})
    if name == "day_month":
        if not 1 <= int(g["day"]) <= 31:
            return None
        return Cand(s, e, "date", {"k": "md", "m": _month(g["mon"]), "d": int(g["day"])})
    if name == "month":
        mod = (g.get("mod") or "").lower()
        if not mod and not re.search(r"\b(?:in|since|until|till|by|during|from|through|of|before|after|on)\s+$",
                                     text[max(0, s - 10):s], re.I):
            return None
        direction = "last" if "last" in mod else ("next" if "next" in mod else ("this" if mod == "this" else None))
        return Cand(s, e, "date", {"k": "mon", "m": _month(g["mon"]), "mod": direction})
    if name == "reldays":
        w = g["w"].lower()
        n = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}[w]
        part = "TNI" if w == "tonight" else (PARTS.get(g["part"].lower()) if g.get("part") else None)
        return Cand(s, e, "time" if part else "date", {"k": "day", "n": n, "part": part})
    if name == "daybefore":
        return Cand(s, e, "date", {"k": "day", "n": -2 if "before" in g["w"] else 2})
    if name == "thispart":
        w = g["w"].lower()
        n = {"this": 0, "last": -1, "yesterday": -1, "tomorrow": 1}[w]
        part = PARTS[g["part"].lower()]
        if w == "last" and part != "TNI":
            n = -1
        return Cand(s, e, "time", {"k": "day", "n": n, "part": part})
    if name in ("weekday", "then_weekday"):
        mod = (g.get("mod") or "").lower()
        part = PARTS.get(g["part"].lower()) if g.get("part") else None
        if name == "then_weekday" and g.get("then"):
            return Cand(s, e, "time" if part else "date", {"k": "narr_wd", "wd": WEEKDAYS[g["wd"].lower()], "part": part})
        direction = {"last": "last", "next": "next", "this": "this", "coming": "next", "the following": "next",
                     "the previous": "last"}.get(mod)
        start = s if mod in ("last", "next", "this", "early", "late", "a", "coming", "the following", "the previous") else m.start("wd")
        return Cand(start, e, "time" if part else "date", {"k": "wd", "wd": WEEKDAYS[g["wd"].lower()], "mod": direction, "part": part})
    if name == "rel_unit":
        mod, unit = g["mod"].lower(), g["unit"].lower()
        the = bool(g.get("the"))
        if the and mod in ("past", "next", "coming", "following", "previous") and unit in ("week", "month", "year", "decade", "century"):
            n = {"week": (1, "W"), "month": (1, "M"), "year": (1, "Y"), "decade": (10, "Y"), "century": (100, "Y")}[unit]
            return Cand(s, e, "duration", {"k": "abs", "v": f"P{n[0]}{n[1]}"})
        n = {"last": -1, "past": -1, "previous": -1, "this": 0, "current": 0, "same": 0, "next": 1, "coming": 1,
             "following": 1}[mod]
        if mod == "same":
            return Cand(s, e, "date", {"k": "narr_unit", "unit": unit})
        if unit == "fiscal year":
            unit = "year"
        if unit in SEASONS:
            return Cand(s, e, "date", {"k": "season", "s": SEASONS[unit], "n": n})
        return Cand(s, e, "date", {"k": "unit", "unit": unit, "n": n})
    if name == "the_weekend":
        return Cand(s, e, "date", {"k": "unit", "unit": "weekend", "n": 0})
    if name == "ago":
        n = _num(g)
        unit = g["unit"].lower()
        if n is None:
            return Cand(s, e, "vague", {"k": "abs", "v": "PAST_REF"})
        return Cand(s, e, "date", {"k": "ago", "n": n, "unit": unit})
    if name == "vague_ago":
        return Cand(s, e, "vague", {"k": "abs", "v": "PAST_REF"})
    if name == "narr_offset":
        n = _num(g)
        if n is None:
            return None
        sign = -1 if g["dir"].lower() in ("earlier", "before") else 1
        return Cand(s, e, "date", {"k": "narr", "n": sign * n, "unit": g["unit"].lower()})
    if name == "narr_day":
        w = re.sub(r"\s+", " ", g["w"].lower())
        n = 1 if ("next" in w or "following" in w or "day after" in w) else (-1 if ("previous" in w or "day before" in w) else 0)
        part = None
        for word, code in PARTS.items():
            if word in w:
                part = code
        if "later" in w:
            part = "TAF"
        elif "earlier" in w:
            part = "TMO"
        return Cand(s, e, "time" if part else "date", {"k": "narr", "n": n, "unit": "day", "part": part})
    if name == "sun":
        w = g["w"].lower()
        part = "TMO" if any(x in w for x in ("rose", "sunrise", "dawn", "daybreak")) else "TEV"
        return Cand(s, e, "time", {"k": "narr", "n": 0, "unit": "day", "part": part})
    if name == "duration":
        n = _num(g)
        if g["num"].lower() in ("some", "many") and not g.get("mod"):
            return None
        if g["unit"].lower() == "second" and g["num"].lower() in ("a", "the") and re.match(r"\s+[a-z]", text[e:e + 3]):
            return None  # "a second round", "a second day of talks": an ordinal, not a second of time
        if g["num"].lower() in ("a", "an") and re.search(
                r"(?:[$€£¥]\s?\d[\d,.]*(?:\s*(?:million|billion|trillion|[mbk]n?))?|\d[\d,.]*\s*(?:%|percent|per\s+cent|"
                r"dollars|euros|pounds|cents|yuan|rubles|roubles|barrels|tonnes|tons|miles|km|kilometres|kilometers)|"
                r"\b(?:once|twice|thrice|times))\s*$", text[max(0, s - 40):s], re.I):
            return None  # "$15 an hour", "5 percent a year", "twice a day": a rate, not how long something lasted
        if n is not None and g.get("half"):
            n += 0.5  # "an hour and a half"
        value = _duration(n, g["unit"])
        return Cand(s, e, "duration", {"k": "abs", "v": value})
    if name == "duration_unit":
        mod = re.sub(r"\s+", " ", (g.get("mod") or "").strip().lower())
        left = text[max(0, m.start("unit") - 12):m.start("unit")]
        if not mod and re.search(r"\b(?:the|these|those|his|her|their|its|our|my|your|of|early|recent|final|last|first|\d+|[a-z]+ty|one|two|three|four|five|six|seven|eight|nine|ten|a|few|many)\s+$", left, re.I):
            return None
        start = s if mod not in ("for", "over", "in", "within") else m.start("unit")
        return Cand(start, e, "duration", {"k": "abs", "v": _duration(None, g["unit"])})
    if name == "decade_word":
        unit = g["unit"].lower()
        return Cand(s, e, "duration", {"k": "abs", "v": {"decade": "P10Y", "century": "P100Y", "fortnight": "P2W"}[unit]})
    if name == "vague":
        w = re.sub(r"\s+", " ", g["w"].lower())
        if w in ("now", "currently", "at present", "presently", "nowadays", "these days", "at the moment", "so far",
                 "thus far", "to date"):
            v = "PRESENT_REF"
        elif w in ("recently", "lately", "previously", "formerly", "in the past", "the past", "at the time",
                   "once upon a time"):
            v = "PAST_REF"
        else:
            v = "FUTURE_REF"
        if w == "in the past":
            s += 3  # TimeML marks "the past"
        return Cand(s, e, "vague", {"k": "abs", "v": v})
    if name in ("clock", "clock24"):
        h = int(g["h"])
        ap = (g.get("ap") or "").lower().replace(".", "")
        if ap == "pm" and h < 12:
            h += 12
        if ap == "am" and h == 12:
            h = 0
        clock = f"T{h:02d}" + (f":{g['mi']}" if g.get("mi") else (":00" if name == "clock24" else ""))
        if name == "clock":
            clock = f"T{h:02d}" + (f":{g['mi']}" if g.get("mi") else "")
        return Cand(s, e, "time", {"k": "clock", "t": clock})
    if name == "noon":
        w = g["w"].lower()
        return Cand(s, e, "time", {"k": "clock", "t": "T24:00" if w == "midnight" else "T12:00"})
    if name == "set":
        u = g["u"].lower()
        if u in PARTS:
            return Cand(s, e, "set", {"k": "abs", "v": f"XXXX-XX-XX{PARTS[u]}"})
        if u.endswith("day") and u != "day":
            return Cand(s, e, "set", {"k": "abs", "v": f"XXXX-WXX-{WEEKDAYS[u] + 1}"})
        if u in SEASONS:
            return Cand(s, e, "set", {"k": "abs", "v": f"XXXX-{SEASONS[u]}"})
        code = {"day": "P1D", "week": "P1W", "month": "P1M", "year": "P1Y", "season": "XXXX-WI", "weekend": "P1WE"}[u]
        return Cand(s, e, "set", {"k": "abs", "v": code})
    if name == "set_adv":
        code = {"daily": "P1D", "weekly": "P1W", "monthly": "P1M", "yearly": "P1Y", "annually": "P1Y",
                "nightly": "XXXX-XX-XXTNI", "hourly": "PT1H"}[g["w"].lower()]
        return Cand(s, e, "set", {"k": "abs", "v": code})
    if name == "event":
        rel = re.sub(r"\s+", " ", g["rel"].lower())
        return Cand(s, e, "date", {"k": "event", "rel": rel, "noun": g["noun"].lower(), "place": g.get("place"),
                                   "ev": g["ev"]}, prio=-1)
    return None


def tag(text: str) -> list[Cand]:
    """Every temporal expression in ``text``: longest first, no overlaps, in text order."""
    cands: list[Cand] = []
    for f in find_dates(text):
        cands.append(Cand(f.start, f.end, "date", {"k": "abs", "v": f.value}, prio=9))
    for name, rx, prio in RULES:
        for m in rx.finditer(text):
            got = _handle(name, m, text)
            for c in (got if isinstance(got, list) else [got] if got else []):
                while c.start < c.end and text[c.start].isspace():
                    c.start += 1
                while c.end > c.start and text[c.end - 1].isspace():
                    c.end -= 1
                if c.end > c.start:
                    c.prio = prio if c.prio == 0 else c.prio
                    cands.append(c)
    taken: list[Cand] = []
    # full calendar dates first, then longest match; event-anchored expressions only where nothing else is
    for c in sorted(cands, key=lambda c: (c.prio < 9, c.prio < 0, -(c.end - c.start), -c.prio, c.start)):
        if any(c.start < t.end and t.start < c.end for t in taken):
            continue
        taken.append(c)
    taken.sort(key=lambda c: c.start)
    return _merge_clock(text, taken)


def _merge_clock(text: str, cands: list[Cand]) -> list[Cand]:
    """'15:00 GMT Saturday', 'Friday at 9 a.m.': a clock time next to a day becomes one time."""
    out: list[Cand] = []
    i = 0
    while i < len(cands):
        c = cands[i]
        nxt = cands[i + 1] if i + 1 < len(cands) else None
        if nxt and re.fullmatch(r"[\s,]*(?:on|at)?[\s,]*", text[c.end:nxt.start]):
            pair = None
            if c.rel["k"] == "clock" and nxt.type == "date" and nxt.rel["k"] in ("wd", "day", "md", "abs"):
                pair = (nxt, c)
            elif nxt.rel["k"] == "clock" and c.type == "date" and c.rel["k"] in ("wd", "day", "md", "abs"):
                pair = (c, nxt)
            if pair:
                day, clock = pair
                rel = dict(day.rel)
                rel["clock"] = clock.rel["t"]
                out.append(Cand(c.start, nxt.end, "time", rel, max(c.prio, nxt.prio)))
                i += 2
                continue
        out.append(c)
        i += 1
    return out


# ----------------------------------------------------------------------------- values

def _weekday(anchor: dt.date, wd: int, mod: str | None, tense: str) -> dt.date:
    delta = (anchor.weekday() - wd) % 7
    if mod == "last":
        return anchor - dt.timedelta(days=delta or 7)
    if mod == "next":
        return anchor + dt.timedelta(days=((wd - anchor.weekday()) % 7) or 7)
    if mod == "this":
        return anchor - dt.timedelta(days=anchor.weekday()) + dt.timedelta(days=wd)
    if delta == 0:
        return anchor
    ahead = (wd - anchor.weekday()) % 7
    if tense == "future" or (tense == "present" and ahead < delta):
        return anchor + dt.timedelta(days=ahead)
    return anchor - dt.timedelta(days=delta)


def _suffix(rel: dict[str, Any]) -> str:
    if rel.get("clock"):
        return rel["clock"]
    return rel.get("part") or ""


def resolve(rel: dict[str, Any], anchor: str | None, narrative: str | None = None, tense: str = "past",
            events: dict[str, str] | None = None) -> str | None:
    """The value of a spec; ``anchor`` and ``narrative`` are ISO dates (or None when unknown)."""
    k = rel["k"]
    if k == "abs":
        return rel["v"]
    if k == "event":
        return _event_value(rel, events or {})
    if k == "clock":
        return (anchor or "XXXX-XX-XX") + rel["t"] if anchor else f"XXXX-XX-XX{rel['t']}"
    if k in ("narr", "narr_wd", "narr_unit"):
        base = narrative or anchor
        if not base:
            return None
        b = dt.date.fromisoformat(base[:10])
        if k == "narr_wd":
            return (b + dt.timedelta(days=((rel["wd"] - b.weekday()) % 7) or 7)).isoformat() + _suffix(rel)
        if k == "narr_unit":
            return {"week": _iso_week(b), "month": b.strftime("%Y-%m"), "year": str(b.year)}.get(rel["unit"], b.isoformat())
        return _offset(b, rel["n"], rel["unit"]) + (_suffix(rel) if rel["unit"] == "day" else "")
    if not anchor:
        return None
    a = dt.date.fromisoformat(anchor[:10])
    if k == "day":
        return (a + dt.timedelta(days=rel["n"])).isoformat() + _suffix(rel)
    if k == "wd":
        return _weekday(a, rel["wd"], rel.get("mod"), tense).isoformat() + _suffix(rel)
    if k == "md":
        try:
            cand = dt.date(a.year, rel["m"], rel["d"])
        except ValueError:
            return None
        # a day without a year is this year's unless it is far on the wrong side of the report: news style gives
        # the year for anything further away ("the June 12 summit" in a 1 June report is this June, whatever the tense)
        year = cand.year
        if tense == "past" and cand > a + dt.timedelta(days=31):
            year = a.year - 1
        elif tense == "future" and cand < a - dt.timedelta(days=31):
            year = a.year + 1
        elif (cand - a).days > 183:
            year = a.year - 1
        elif (a - cand).days > 183:
            year = a.year + 1
        try:
            cand = cand.replace(year=year)
        except ValueError:  # 29 February of a year without one
            return None
        return cand.isoformat() + _suffix(rel)
    if k == "mon":
        m, mod = rel["m"], rel.get("mod")
        if mod == "last":
            y = a.year if m < a.month else a.year - 1
        elif mod == "next":
            y = a.year if m > a.month else a.year + 1
        elif mod == "this":
            y = a.year
        elif tense == "future":
            y = a.year if m >= a.month else a.year + 1
        elif tense == "past":
            y = a.year if m <= a.month else a.year - 1
        else:
            y = a.year
        return f"{y}-{m:02d}"
    if k == "season":
        code, n = rel["s"], rel["n"]
        month = SEASON_MONTH[code]
        y = a.year + n
        if n == -1 and month < a.month:
            y = a.year
        return f"{y}-{code}"
    if k == "unit":
        unit, n = rel["unit"], rel["n"]
        if unit == "week":
            return _iso_week(a, n)
        if unit == "weekend":
            return _iso_week(a, n) + "-WE"
        if unit == "month":
            y, m = _add_months(a, n)
            return f"{y}-{m:02d}"
        if unit == "year":
            return str(a.year + n)
        if unit == "quarter":
            q = (a.month - 1) // 3 + n
            y = a.year + (q // 4)
            return f"{y}-Q{q % 4 + 1}"
        if unit == "decade":
            return str(a.year // 10 + n)[:3]
        if unit == "century":
            return f"{a.year // 100 + n:02d}"
    if k == "quarter":
        q = rel["q"]
        y = a.year if (tense != "past" or q <= (a.month - 1) // 3 + 1) else a.year - 1
        return f"{y}-Q{q}"
    if k == "ago":
        return _offset(a, -rel["n"], rel["unit"], granular=True)
    return None


def _offset(b: dt.date, n: float, unit: str, granular: bool = False) -> str:
    unit = unit.lower().rstrip("s")
    if unit == "day":
        return (b + dt.timedelta(days=int(n))).isoformat()
    if unit in ("week", "fortnight"):
        days = int(n * 7 * (2 if unit == "fortnight" else 1))
        return _iso_week(b + dt.timedelta(days=days)) if granular else (b + dt.timedelta(days=days)).isoformat()
    if unit == "month":
        y, m = _add_months(b, int(n))
        return f"{y}-{m:02d}"
    if unit in ("year", "decade", "century", "centurie"):
        mult = UNIT_MULT.get(unit, 1)
        return str(int(b.year + n * mult))
    if unit in ("hour", "minute", "second"):
        return b.isoformat()
    return b.isoformat()


EVENT_CLASS = {"talks": "talks", "meeting": "talks", "meetings": "talks", "negotiations": "talks",
               "discussions": "talks", "consultations": "talks", "round": "talks", "session": "talks",
               "summit": "talks", "conference": "talks", "call": "call", "phone call": "call",
               "conversation": "call", "exchange": "exchange", "swap": "exchange", "election": "election",
               "elections": "election", "vote": "election", "floods": "flood", "flood": "flood"}


def event_class(noun: str) -> str:
    return EVENT_CLASS.get(noun.lower(), noun.lower())


def _event_value(rel: dict[str, Any], events: dict[str, str]) -> str | None:
    """An event-anchored expression takes the date of the story's matching event, when known."""
    noun, place = event_class(rel["noun"]), (rel.get("place") or "").lower()
    for key in ([f"{noun}@{place}"] if place else []) + [f"{noun}@", "*@" + place if place else "", "*@"]:
        if key and key in events:
            return events[key]
    return None


# ----------------------------------------------------------------------------- tense

FUTURE_AUX = {"will", "'ll", "’ll", "shall", "wo"}


_FUTURE_CUES = re.compile(r"\b(?:will|shall|due\s+to|expected\s+to|scheduled|set\s+to|plans?\s+to|planned|"
                          r"expects?\s+\w+(?:\s+\w+)?\s+to|hopes?\s+to|aims?\s+to|intends?\s+to|"
                          r"going\s+to|upcoming|next|is\s+to|are\s+to|postponed\s+until|delayed\s+until|"
                          r"deferred\s+until|adjourned\s+until|until)\s", re.I)


def tense_at(doc: Any, start: int, end: int, text: str | None = None, sent_start: int = 0) -> str:
    """past | present | future for the clause that holds characters start:end."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return "past"
    tok = span.root
    verb = None
    for t in [tok, *tok.ancestors]:
        if t.pos_ in ("VERB", "AUX"):
            verb = t
            break
    if verb is None:
        verb = next((t for t in tok.ancestors if t.dep_ == "ROOT"), tok)
    text = doc_text(doc) if text is None else text
    clause = text[max(start - 60, sent_start):start]
    if _FUTURE_CUES.search(clause + " ") and not re.search(r"\b(?:was|were|had)\s+(?:due|expected|scheduled|set)\b", clause):
        return "future"
    # an infinitive or a bare verb takes the tense of the finite verb it depends on ("agreed to sell ... in
    # October"; "issued an ultimatum: agree to a ceasefire by Monday")
    for _ in range(4):
        bare = verb.tag_ == "VB" and not any(c.dep_ == "aux" and c.lower_ not in ("to",) for c in verb.children)
        if not bare or verb.head is verb:
            break
        verb = verb.head
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")] + ([verb] if verb.pos_ == "AUX" else [])
    words = {a.lower_ for a in auxes}
    if words & FUTURE_AUX or (words & {"is", "are", "'s", "’s"} and any(c.lower_ == "going" for c in verb.children)):
        return "future"
    if words & {"would", "could", "might", "may", "should", "must", "can"} and verb.tag_ == "VB":
        return "future"
    tags = {verb.tag_} | {a.tag_ for a in auxes}
    if "VBD" in tags or words & {"had", "has", "have", "was", "were", "did"}:
        return "past"
    if verb.tag_ == "VBN" and verb.dep_ in ("amod", "acl"):
        return "past"
    if tags & {"VBZ", "VBP"}:
        return "present"
    if verb.tag_ in ("VB",) and words & {"to"}:
        return "future"
    return "past" if verb.tag_ in ("VBN", "VBD") else "present"


def in_quote(text: str, pos: int) -> bool:
    """Rough check that ``pos`` sits inside a quotation in its paragraph."""
    para_start = text.rfind("\n", 0, pos) + 1
    before = text[para_start:pos]
    return (before.count("“") > before.count("”")) or (before.count('"') % 2 == 1)


# ----------------------------------------------------------------------------- the component

def value_all(timexes: list[Timex], anchor: str | None, events: dict[str, str] | None = None,
              keep_abs: bool = True) -> None:
    """(Re)value every timex of an article, in order, carrying the narrative date along."""
    narrative = anchor
    for t in timexes:
        if t.rel is None:
            continue
        value = resolve(t.rel, anchor, narrative, t.rel.get("tense", "past"), events)
        if value is None and t.rel.get("k") == "event":
            value = t.value  # keep what the article itself established
        t.value = value
        k = t.rel.get("k")
        t.anchor = (None if k == "abs" else ("narrative" if k in ("narr", "narr_wd", "narr_unit") else
                                              ("story event" if k == "event" else anchor)))
        if (value and re.fullmatch(r"\d{4}-\d{2}-\d{2}.*", value) and t.type in ("date", "time") and k != "event"
                and not t.rel.get("dateline")):
            narrative = value[:10]


@component("timexes", adds=("timexes",), needs=("structure",))
def timexes(doc: Any, art: Article, an: Analysis, ctx: dict[str, Any]) -> None:
    text = art.text
    out: list[Timex] = []
    starts = [s for s, _ in an.sentences]
    dl = dateline_span(art)
    for c in tag(text):
        rel = dict(c.rel)
        if dl and dl[0] <= c.start < dl[1]:
            rel["dateline"] = True  # the day the story was filed: never the day of an event
        if rel["k"] not in ("abs",):
            sent_start = max((s for s in starts if s <= c.start), default=0)
            rel["tense"] = tense_at(doc, c.start, c.end, text, sent_start)
        out.append(Timex(text=text[c.start:c.end], start=c.start, end=c.end, type=c.type, value=None,
                         anchor=None, rel=rel))
    anchor = art.published.date or (art.dateline.date if art.dateline else None)
    events = article_events(text, out, anchor, an)
    value_all(out, anchor, events)
    an.timexes = out
    an.anchor = anchor


def dateline_span(art: Article) -> tuple[int, int] | None:
    """Where the article's dateline ("PORT SALVO, 12 March 2026 (Meridian Press) —") sits in its text."""
    if not art.dateline or not art.dateline.text:
        return None
    lo = art.text.find(art.dateline.text, art.body_start)
    return (lo, lo + len(art.dateline.text)) if lo >= 0 else None


def event_day(t: Timex) -> bool:
    """A day-valued expression that can date an event: not the dateline's date."""
    return bool(t.value and re.match(r"\d{4}-\d{2}-\d{2}", t.value) and not (t.rel or {}).get("dateline"))


_EVENT_RX = re.compile(r"\b(?P<noun>" + _EVENT_NOUNS + r")\b", re.I)


def article_events(text: str, timexes: list[Timex], anchor: str | None, an: Analysis) -> dict[str, str]:
    """Event nouns dated by a day-precision timex in their sentence: {'talks@istanbul': '2025-05-16', ...}."""
    if not anchor:
        return {}
    timexes = [dataclasses.replace(t, rel=dict(t.rel) if t.rel else None) for t in timexes]
    value_all(timexes, anchor)
    events: dict[str, str] = {}
    for s, e in an.sentences:
        days = [t for t in timexes if s <= t.start < e and event_day(t) and t.rel and t.rel.get("k") != "event"]
        if not days:
            continue
        day = days[0].value[:10]
        sent = text[s:e]
        places = [p.lower() for p in re.findall(r"\b(?:in|at)\s+([A-Z][\w’'-]+)", sent)]
        for m in _EVENT_RX.finditer(sent):
            noun = event_class(m.group("noun"))
            for p in places or [""]:
                events.setdefault(f"{noun}@{p}", day)
            events.setdefault(f"{noun}@", day)
            for p in places:
                events.setdefault(f"*@{p}", day)
    return events

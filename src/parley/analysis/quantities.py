"""Quantities: numbers with their unit and what they count.

"Some 500 prisoners from each side" -> 500, about "prisoners from each side",
approximate; "two hours" -> 2 hour; "two and a half years" -> 2.5 year;
"the 9th package" -> 9 ordinal, about "package"; "$2 billion" -> 2e9 USD;
"3.5 percent" -> 3.5 percent. Years and calendar dates are left to the timexes.
"""

from __future__ import annotations

import re
from typing import Any

from ..model import Analysis, Article, Quantity
from ..numbers import ORDINALS, words_to_number
from .pipeline import component

TIME_UNITS = {"second", "minute", "hour", "day", "week", "fortnight", "month", "year", "decade", "century"}
MEASURE_UNITS = {"percent", "per cent", "%", "kilometre", "kilometer", "km", "mile", "metre", "meter", "tonne", "ton",
                 "barrel", "dollar", "euro", "pound", "rouble", "ruble", "hryvnia", "yuan", "yen", "point", "degree",
                 "hectare", "acre", "square kilometre", "litre", "liter", "gallon", "kg", "kilogram", "megawatt",
                 "gigawatt", "billion", "million", "trillion"}
CURRENCY = {"$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₽": "RUB", "₴": "UAH"}
APPROX = re.compile(r"(?:\b(?:some|about|around|roughly|approximately|nearly|almost|over|more than|less than|fewer than|"
                    r"at least|up to|close to|an estimated|as many as|as few as|just under|just over)\s+|~)$", re.I)
_NUMWORD = re.compile(r"^(?:\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|"
                      r"fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|"
                      r"ninety|hundred|thousand|million|billion|trillion|dozen|half|and|a)$", re.I)


def _groups(doc: Any) -> list[tuple[int, int]]:
    """Token ranges of number expressions ("1,000", "two and a half", "800,000", "9th")."""
    out = []
    i = 0
    n = len(doc)
    while i < n:
        t = doc[i]
        is_num = t.like_num or t.lower_ in ORDINALS or re.fullmatch(r"\d+(?:st|nd|rd|th)", t.lower_)
        if not is_num:
            i += 1
            continue
        j = i + 1
        while j < n and (doc[j].like_num or (doc[j].lower_ in ("and", "a", "half") and j + 1 < n and
                                              (doc[j + 1].lower_ in ("half", "a") or doc[j + 1].like_num))
                         or doc[j].lower_ == "half" and doc[j - 1].lower_ == "a"
                         or doc[j].lower_ in ("hundred", "thousand", "million", "billion", "trillion")):
            j += 1
        out.append((i, j))
        i = j
    return out


@component("quantities", adds=("quantities",), needs=("timexes",))
def quantities(doc: Any, art: Article, an: Analysis, ctx: dict[str, Any]) -> None:
    text = art.text
    dates = [(t.start, t.end) for t in an.timexes if t.type in ("date", "time", "set", "vague")]
    out: list[Quantity] = []
    for i, j in _groups(doc):
        span = doc[i:j]
        s, e = span.start_char, span.end_char
        if any(a <= s < b for a, b in dates):
            continue
        raw = span.text.lower().replace("-", " ")
        if re.fullmatch(r"\d+(?:st|nd|rd|th)", raw) or raw in ORDINALS:
            value, unit = float(re.sub(r"\D", "", raw) or ORDINALS.get(raw, 0)), "ordinal"
        else:
            value = words_to_number(raw)
            unit = None
            if value is None:
                continue
        if re.fullmatch(r"(?:1[5-9]|20)\d\d", span.text) and unit is None:
            continue  # a year
        last = doc[j - 1]
        head = last.head if last.dep_ in ("nummod", "amod", "quantmod", "compound") and last.head.i >= j else None
        if head is None and j < len(doc) and doc[j].pos_ in ("NOUN", "PROPN") and doc[j].i == last.i + 1:
            head = doc[j]
        if head is None and j < len(doc) and doc[j].text in ("%",):
            head = doc[j]
        about = None
        end = e
        if i > 0 and doc[i - 1].text in CURRENCY:
            unit, s = CURRENCY[doc[i - 1].text], doc[i - 1].idx
        if head is not None:
            lemma = head.lemma_.lower()
            if head.text == "%" or lemma in ("percent", "per"):
                unit, end = "percent", head.idx + len(head.text)
            elif lemma in TIME_UNITS:
                unit, end = lemma, head.idx + len(head.text)
                if head.dep_ == "compound" and head.head.pos_ == "NOUN":  # "two hour call"
                    about, end = head.head.text, head.head.idx + len(head.head.text)
            elif lemma in MEASURE_UNITS:
                unit, end = ("USD" if lemma == "dollar" else "EUR" if lemma == "euro" else lemma), head.idx + len(head.text)
            else:
                sub = [head]
                for c in head.rights:  # "prisoners from each side"
                    if c.dep_ == "prep" and c.lower_ in ("from", "of", "per", "on", "in") and c.i - head.i <= 2:
                        sub += list(c.subtree)
                        break
                a2 = max(head.idx, e)
                about_end = max(t.idx + len(t.text) for t in sub)
                about = text[head.idx:about_end] if head.i >= j else head.text
                end = max(end, about_end if head.i >= j else end)
                del a2
        m = APPROX.search(text[max(0, s - 25):s])
        approx = bool(m)
        qual = m.group(0).strip() if m else None
        start = s - len(m.group(0)) if m else s
        out.append(Quantity(text=text[start:end], start=start, end=end, value=value, unit=unit, about=about,
                            approx=approx, qualifier=qual))
    an.quantities = out

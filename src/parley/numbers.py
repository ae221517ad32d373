"""Numbers written in digits or words: "1,000", "3.5", "two and a half", "a dozen"."""

from __future__ import annotations

import re

UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000,
          "trillion": 1_000_000_000_000}
ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14, "fifteenth": 15,
    "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19, "twentieth": 20, "thirtieth": 30,
    "fortieth": 40, "fiftieth": 50, "hundredth": 100,
}
VAGUE = {"a few": None, "few": None, "several": None, "some": None, "many": None, "numerous": None}

_WORD = "|".join(sorted(list(UNITS) + list(TENS) + list(SCALES), key=len, reverse=True))
WORD_NUMBER = rf"(?:(?:{_WORD})(?:[\s-]+(?:and[\s-]+)?(?:{_WORD}))*)"
DIGITS = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
FRACTION = (r"(?:[\s-]+and[\s-]+a[\s-]+(?:half|quarter)|[\s-]+and[\s-]+(?:one|a)[\s-]+third|\s*½|"
            r"(?<=\d)(?:\s+|-)[1-3]/[234](?![\d/]))")  # "two-and-a-half", "8-1/2", "8 1/2"
NUMBER = (rf"(?:(?:{DIGITS}|{WORD_NUMBER}){FRACTION}?(?:\s+(?:hundred|thousand|million|billion|trillion))?"
          rf"|an?\s+(?:half|dozen|couple(?:\s+of)?)|half\s+an?|an?(?=\s)|a\s+few|few|several|some|many|numerous|dozens\s+of|hundreds\s+of|thousands\s+of)")
NUMBER_RX = re.compile(rf"\b{NUMBER}\b", re.I)


def words_to_number(text: str) -> float | None:
    """The value of a number in words or digits; None for vague quantities ("several")."""
    t = text.lower().strip().replace("½", " and a half")
    t = re.sub(r"-and-(a|one)-(half|quarter|third)$", r" and \1 \2", t)  # "two-and-a-half"
    m = re.fullmatch(rf"({DIGITS})(?:\s+|-)([1-3])/([234])", t)  # "8-1/2", "8 1/2"
    if m:
        return float(m.group(1).replace(",", "")) + int(m.group(2)) / int(m.group(3))
    if t in VAGUE or t in ("dozens of", "hundreds of", "thousands of"):
        return None
    frac = 0.0
    m = re.search(r"\s+and\s+a\s+half$|\s+and\s+a\s+quarter$|\s+and\s+(?:one|a)\s+third$", t)
    if m:
        frac = {"half": 0.5, "quarter": 0.25, "third": 1 / 3}[m.group(0).split()[-1]]
        t = t[: m.start()]
    if t in ("a", "an"):
        return 1 + frac
    if t in ("a half", "half a", "half an"):
        return 0.5
    if t == "a dozen":
        return 12.0
    if t in ("a couple", "a couple of"):
        return 2.0
    if re.fullmatch(DIGITS, t):
        return float(t.replace(",", "")) + frac
    m = re.fullmatch(rf"({DIGITS})\s+(hundred|thousand|million|billion|trillion)", t)
    if m:
        return float(m.group(1).replace(",", "")) * SCALES[m.group(2)]
    total, current = 0.0, 0.0
    seen = False
    for w in re.split(r"[\s-]+", t):
        if w == "and" or not w:
            continue
        if w in UNITS:
            current += UNITS[w]
        elif w in TENS:
            current += TENS[w]
        elif w in SCALES:
            current = (current or 1) * SCALES[w]
            if SCALES[w] >= 1000:
                total += current
                current = 0
        else:
            return None
        seen = True
    return (total + current + frac) if seen else None


def fmt(value: float) -> str:
    """3.0 -> '3', 3.5 -> '3.5'."""
    return str(int(value)) if float(value).is_integer() else f"{value:g}"

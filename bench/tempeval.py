"""TempEval-3 platinum (20 documents, 138 TIMEX3): Parley's timex tagger, scored with the
TE3 task A measures: strict and relaxed extent P/R/F1, and value F1 (value accuracy on
relaxed matches × relaxed F1). Published figures for other systems on the same data are in
shared/BASELINES.md (HeidelTime 77.61, SUTime 67.38, spaCy + dateparser 37.9).

    .venv/bin/python bench/tempeval.py [--errors]
"""

from __future__ import annotations

import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data" / "tempeval3-platinum" / "te3-platinum"
_TAG = re.compile(r"<(/?)(\w+)([^>]*)>")


def load(path: Path) -> tuple[str, str, list[tuple[int, int, str, str, str]]]:
    """(text, dct, [(start, end, type, value, text)]) from a TimeML file."""
    raw = path.read_text(encoding="utf-8")
    dct = re.search(r'functionInDocument="CREATION_TIME"[^>]*value="([^"]+)"|value="([^"]+)"[^>]*functionInDocument="CREATION_TIME"', raw)
    dct_value = (dct.group(1) or dct.group(2))[:10]
    body = raw[raw.index("<TEXT>") + 6: raw.index("</TEXT>")]
    out, gold, pos, open_t = [], [], 0, None
    for m in _TAG.finditer(body):
        out.append(body[pos:m.start()])
        pos = m.end()
        length = sum(len(x) for x in out)
        if m.group(2) == "TIMEX3":
            if not m.group(1):
                attrs = dict(re.findall(r'(\w+)="([^"]*)"', m.group(3)))
                open_t = (length, attrs.get("type", ""), attrs.get("value", ""))
            elif open_t:
                gold.append((open_t[0], length, open_t[1], open_t[2]))
                open_t = None
    out.append(body[pos:])
    text = "".join(out)
    return text, dct_value, [(s, e, t, v, text[s:e]) for s, e, t, v in gold]


def parley_timexes(nlp, text: str, dct: str):
    from parley.analysis.pipeline import parse_text
    from parley.analysis.structure import structure
    from parley.analysis.timex import timexes
    from parley.model import Analysis, Article, Published

    art = Article(id="te3", text=text, published=Published(date=dct, source="metadata"))
    doc = nlp(parse_text(text))
    an = Analysis(article_id="te3", version="bench")
    structure(doc, art, an, {})
    timexes(doc, art, an, {})
    # TimeML does not mark expressions anchored on events ("after the talks"): leave them out here
    return [(t.start, t.end, t.type, t.value or "", t.text) for t in an.timexes if not (t.rel and t.rel.get("k") == "event")]


def score(gold, system):
    matched, strict, correct = 0, 0, 0
    used = set()
    pairs = []
    for g in gold:
        best = None
        for i, s in enumerate(system):
            if i not in used and s[0] < g[1] and g[0] < s[1]:
                best = i
                break
        if best is not None:
            used.add(best)
            s = system[best]
            matched += 1
            strict += (s[0], s[1]) == (g[0], g[1])
            ok = s[3].upper() == g[3].upper()
            correct += ok
            pairs.append((g, s, ok))
        else:
            pairs.append((g, None, False))
    return matched, strict, correct, len(system), pairs


def prf(tp, n_sys, n_gold):
    p = tp / n_sys if n_sys else 0.0
    r = tp / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def main() -> int:
    from parley.analysis.pipeline import load_model

    show_errors = "--errors" in sys.argv
    nlp = load_model()
    totals = {}
    for name, fn in (("parley rules", parley_timexes),):
        M = S = C = NS = NG = 0
        t0 = time.perf_counter()
        errors = []
        for path in sorted(DATA.glob("*.tml")):
            text, dct, gold = load(path)
            system = fn(nlp, text, dct)
            m, s, c, ns, pairs = score(gold, system)
            M, S, C, NS, NG = M + m, S + s, C + c, NS + ns, NG + len(gold)
            if show_errors and fn is parley_timexes:
                used = {p[1] for p in pairs if p[1]}
                for g, sy, ok in pairs:
                    if not ok:
                        errors.append(f"{path.stem[:18]:<18} gold {g[4]!r:<28} {g[2]:<8} {g[3]:<14} sys {sy[4] if sy else '-'!r:<28} {sy[3] if sy else ''}")
                for sy in system:
                    if sy not in used:
                        errors.append(f"{path.stem[:18]:<18} FP   {sy[4]!r:<28} {sy[2]:<8} {sy[3]}")
        secs = time.perf_counter() - t0
        relaxed = prf(M, NS, NG)
        strict_f = prf(S, NS, NG)
        acc = C / M if M else 0.0
        totals[name] = (strict_f, relaxed, acc, relaxed[2] * acc, secs, NG, NS)
        if errors:
            print("\n".join(errors))
    print(f"TempEval-3 platinum: {NG} gold TIMEX3 in 20 documents")
    print(f"{'system':<32} {'strict F1':>9} {'relaxed P':>9} {'relaxed R':>9} {'relaxed F1':>10} {'value acc':>9} {'value F1':>8}")
    for name, (st, rl, acc, vf1, _secs, _ng, _ns) in totals.items():
        print(f"{name:<32} {st[2]:9.3f} {rl[0]:9.3f} {rl[1]:9.3f} {rl[2]:10.3f} {acc:9.3f} {vf1:8.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Print the floors main measures now, in the form of tests/quality_floors.toml, for a reviewed edit of that file.

    PYTHONPATH=src .venv/bin/python tests/pin_floors.py > /tmp/floors.toml && diff tests/quality_floors.toml /tmp/floors.toml

A floor is what is measured, rounded down to two decimals; a ceiling (``max_``) is the count measured. Raising a
floor is routine; lowering one is an explicit edit explained in its commit (the diff shows which).
"""

from __future__ import annotations

import math
import sys
import tempfile
import tomllib
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import devset  # noqa: E402

FLOORS = Path(__file__).resolve().parent / "quality_floors.toml"


def main() -> int:
    text = FLOORS.read_text(encoding="utf-8")
    old = tomllib.loads(text)
    head = text.split("[meta]")[0]
    out = [head.rstrip() + "\n", "[meta]", f'corpus_sha256 = "{devset.corpus_sha()}"', ""]
    with tempfile.TemporaryDirectory() as tmp:
        for name in devset.NAMES:
            got = devset.score(name, devset.build(name, Path(tmp) / f"{name}.db"))
            out.append(f"[{name}]")
            for key in old[name]:
                metric, ceiling = (key[4:], True) if key.startswith("max_") else (key, False)
                value = got[metric]["value"]
                shown = int(value) if ceiling else f"{math.floor(value * 100 + 1e-9) / 100:.2f}"
                out.append(f"{key} = {shown}")
            out.append("")
    print("\n".join(out).rstrip())
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Run every benchmark in bench/ and print their figures (``make bench``).

Each benchmark is also a script of its own; bench/RESULTS.md records the
figures with the command that made them."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).parent
SCRIPTS = ["extraction.py", "seeds_quality.py", "tempeval.py", "stories_ecb.py", "analysis_speed.py", "scale.py",
           "reliability.py", "dates.py", "review.py"]  # review.py with no argument scores the recorded verdicts

if __name__ == "__main__":
    failed = 0
    for name in SCRIPTS:
        print(f"\n=== {name}", flush=True)
        failed += subprocess.call([sys.executable, str(HERE / name)])
    sys.exit(1 if failed else 0)

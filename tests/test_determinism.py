"""The same input gives the same dossier, byte for byte apart from ``generated``, in any process: another Python
process (another hash seed, so another order of sets and dicts built from them) and Dask workers give what this
process gives, on a development negotiation with many actors (``tests/devset.py``)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from devset import build, comparable

from conftest import ROOT

NAME = "korea"  # 53 articles, some two hundred people, states and organizations

pytestmark = pytest.mark.slow


def _first_difference(a: str, b: str) -> str:
    i = next((k for k, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b)))
    return f"first difference at character {i}: …{a[max(0, i - 120):i + 80]}… vs …{b[max(0, i - 120):i + 80]}…"


def test_another_process_gives_the_same_dossier(devset_dossiers, tmp_path):
    here = comparable(devset_dossiers[NAME])
    seed = "0" if os.environ.get("PYTHONHASHSEED") not in ("0", None) else "12345"
    code = ("import sys; sys.path.insert(0, 'tests'); from pathlib import Path; from devset import build, comparable; "
            f"sys.stdout.write(comparable(build({NAME!r}, Path({str(tmp_path / 'other.db')!r}))))")
    res = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=900,
                         env={**os.environ, "PYTHONHASHSEED": seed})
    assert res.returncode == 0, res.stderr[-2000:]
    there = res.stdout
    assert json.loads(there)["claims"] and json.loads(there)["entities"]
    assert there == here, _first_difference(here, there)


def test_dask_workers_give_the_same_dossier(devset_dossiers, tmp_path):
    here = comparable(devset_dossiers[NAME])
    there = comparable(build(NAME, tmp_path / "dask.db", workers=2))
    assert there == here, _first_difference(here, there)

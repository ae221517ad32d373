"""Shared fixtures. ``../shared`` (seeds, gold, datasets) sits beside the checkout, in CI too."""

from __future__ import annotations

import json
import os
from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("PARLEY_SHARED", ROOT.parent / "shared"))
SEEDS = SHARED / "seeds"
GOLD = SHARED / "gold" / "seeds.json"
EXAMPLES = ROOT / "examples" / "corpus"
DATA = Path(__file__).parent / "data"


@cache
def gold() -> dict:
    if not GOLD.exists():  # never skip silently: the shared material is part of CI
        raise FileNotFoundError(f"{GOLD} is missing; CI must have ../shared beside the checkout")
    return json.loads(GOLD.read_text(encoding="utf-8"))


@cache
def seed_files() -> list[Path]:
    files = sorted(SEEDS.glob("*.txt"))
    assert len(files) == 5, f"expected 5 seeds in {SEEDS}"
    return files


# ----------------------------------------------------------------------------- PostgreSQL

def _pg_bin() -> Path | None:
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"))
    return found[-1].parent if found else None


@pytest.fixture(scope="session")
def pg_server():
    """A throwaway PostgreSQL server for the session (Debian's postgresql package, installed by .ci/run or
    `make test`), or the one PARLEY_TEST_PG points at. Missing, it fails the tests that need it, unless
    PARLEY_SKIP_PG=1 says to skip them on purpose."""
    url = os.environ.get("PARLEY_TEST_PG")
    if url:
        yield url
        return
    if os.environ.get("PARLEY_SKIP_PG") == "1":
        pytest.skip("PARLEY_SKIP_PG=1")
    pgbin = _pg_bin()
    assert pgbin, "PostgreSQL is not installed: apt-get install -y postgresql (or set PARLEY_SKIP_PG=1)"
    import shutil
    import socket
    import subprocess
    import tempfile

    data = Path(tempfile.mkdtemp(prefix="parley-pg-"))  # outside pytest's root-only folders
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    as_root = os.geteuid() == 0

    def run(cmd: str) -> None:
        full = ["su", "postgres", "-c", cmd] if as_root else ["sh", "-c", cmd]
        subprocess.run(full, check=True, capture_output=True, timeout=120)

    if as_root:
        os.chown(data, *_uid_gid("postgres"))
    run(f"{pgbin}/initdb -D {data}/db -U postgres --auth=trust -E UTF8 --locale=C.UTF-8")
    run(f"{pgbin}/pg_ctl -D {data}/db -l {data}/log -w -o '-c listen_addresses=127.0.0.1 -p {port} "
        f"-k {data} -c fsync=off' start")
    try:
        yield f"postgresql://postgres@127.0.0.1:{port}/postgres"
    finally:
        run(f"{pgbin}/pg_ctl -D {data}/db -m immediate -w stop")
        shutil.rmtree(data, ignore_errors=True)


def _uid_gid(user: str) -> tuple[int, int]:
    import pwd

    p = pwd.getpwnam(user)
    return p.pw_uid, p.pw_gid


_PG_DBS = iter(range(1, 10**6))


def pg_database(server_url: str) -> str:
    """A fresh database on the test server; its URL."""
    import psycopg

    name = f"t{next(_PG_DBS)}_{os.getpid()}"
    with psycopg.connect(server_url.replace("postgresql://", "postgresql://", 1), autocommit=True) as con:
        con.execute(f"CREATE DATABASE {name}")
    return server_url.rsplit("/", 1)[0] + "/" + name


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request, tmp_path):
    """An empty store on each backend: a SQLite file, and a database on the PostgreSQL test server."""
    from parley.store.db import Store

    if request.param == "sqlite":
        st = Store(str(tmp_path / "test.db"))
    else:
        st = Store(pg_database(request.getfixturevalue("pg_server")))
    yield st
    st.close()


@pytest.fixture(scope="session")
def seed_store(tmp_path_factory):
    """The five seeds, ingested and analysed once per session (read-only for tests)."""
    from parley.ingestion.run import ingest
    from parley.store.db import Store

    path = tmp_path_factory.mktemp("seeds") / "seeds.db"
    st = Store(str(path))
    report = ingest([str(SEEDS)], st)
    assert report.ok, report.summary()
    yield st
    st.close()


@pytest.fixture(scope="session")
def example_store(tmp_path_factory):
    from parley.ingestion.run import ingest
    from parley.store.db import Store

    path = tmp_path_factory.mktemp("examples") / "examples.db"
    st = Store(str(path))
    report = ingest([str(EXAMPLES)], st)
    assert report.ok, report.summary()
    yield st
    st.close()


@pytest.fixture(scope="session")
def seeds(seed_store):
    """The whole-store dossier of the five seeds, validated against the published schema."""
    from parley.dossier import build, validate

    d = build(seed_store).data
    validate(d)
    return d


@pytest.fixture(scope="session")
def example(example_store):
    """The whole-store dossier of the example corpus, validated against the published schema."""
    from parley.dossier import build, validate

    d = build(example_store).data
    validate(d)
    return d


def seed_article(st, name: str):
    """The stored article read from the seed file ``name`` (prefix match, e.g. '002')."""
    for art in st.iter_articles():
        if art.path and os.path.basename(art.path).startswith(name):
            return art
    raise KeyError(name)


# ----------------------------------------------------------------------------- the development set

@pytest.fixture(scope="session")
def devset_dossiers(tmp_path_factory):
    """The dossiers of the four development negotiations (``tests/devset.py``), built once per session, serially
    in this process: the quality gate scores them, the determinism test builds one again elsewhere."""
    from devset import NAMES, build

    return {name: build(name, tmp_path_factory.mktemp(f"devset-{name}") / "store.db") for name in NAMES}


@pytest.fixture(scope="session")
def devset_scores(devset_dossiers):
    from devset import score

    return {name: score(name, d) for name, d in devset_dossiers.items()}

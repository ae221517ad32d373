"""Parley: source-attributed dossiers of negotiations and conflicts from news coverage.

The Python API mirrors the command line::

    import parley
    report = parley.ingest(["examples/corpus"], db="news.db")
    d = parley.dossier(db="news.db")          # or parley.dossier("examples/corpus")
    d["articles"][0]["published"]
    open("dossier.html", "w").write(d.to_html())
"""

from __future__ import annotations

from .dossier import Dossier, dossier
from .errors import ParleyError
from .ingestion.run import IngestReport, ingest
from .store.db import Store

__version__ = "0.1.0"

__all__ = ["Dossier", "IngestReport", "ParleyError", "Store", "__version__", "dossier", "ingest"]

"""Scale: running the per-article analysis on a Dask cluster."""

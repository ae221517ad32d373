"""Ingest: readers, cleaning, metadata, dedup. All the I/O of getting text in."""

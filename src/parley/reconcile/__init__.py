"""Reconcile: corpus-wide stages over many analyses (entities, claims, stories, ledger, outlets)."""

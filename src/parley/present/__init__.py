"""Present: read-only faces of the dossier (Markdown, HTML, web UI, REST API)."""

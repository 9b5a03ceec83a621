"""NLP stages: pure functions from text to extractions (no database, no web framework)."""

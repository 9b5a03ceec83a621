"""HTTP API (FastAPI): a thin face over the store, the knowledge base and search."""

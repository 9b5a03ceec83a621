"""Ingestion: turning URLs, feeds, sitemaps, crawls and local files into extracted documents."""

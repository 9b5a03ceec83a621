"""Full-text search: Turkish/Persian-aware analysis, query parsing, the index, facets and snippets."""

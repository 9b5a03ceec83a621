"""Knowledge base: canonical organizations, collaboration events, figures as facts, curation."""

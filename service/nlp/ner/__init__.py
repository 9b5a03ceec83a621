"""Named-entity recognition for Turkish and Persian."""

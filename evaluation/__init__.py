"""Evaluation of Hamkar's extractors against gold sets in the document gold format."""

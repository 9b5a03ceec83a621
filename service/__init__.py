"""Hamkar: who works with whom in Turkish and Persian vocational-education news."""

__version__ = "0.1.0"

"""Dates in Turkish and Persian text, in the Gregorian and Jalali calendars, as Gregorian day ranges."""

from service.nlp.dates.extract import extract_dates
from service.nlp.dates.model import DateMention
from service.nlp.dates.publication import publication_date_from_text

__all__ = ["DateMention", "extract_dates", "publication_date_from_text"]

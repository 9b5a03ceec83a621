"""Numbers in Turkish and Persian text: digits in both conventions, number words, and the reverse.

``find_numbers`` scans text, ``parse_number`` reads one number, ``to_words`` spells one out.
"""

from service.nlp.numbers.scanner import NumberMatch, find_numbers, parse_number, scan_tokens
from service.nlp.numbers.spell import to_words

__all__ = ["NumberMatch", "find_numbers", "parse_number", "scan_tokens", "to_words"]

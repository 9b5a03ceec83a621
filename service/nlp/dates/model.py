"""The date mention: what a text says about time, pinned to Gregorian days and to the original text."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any


@dataclass(frozen=True)
class DateMention:
    """A date, period or range stated in a text.

    ``start``/``end`` are character offsets into the original text (``text == original[start:end]``);
    ``iso_start``/``iso_end`` are Gregorian days (a month or year spans its first..last day), whatever
    ``calendar`` the text was written in. ``relative`` marks dates resolved against a reference date
    (``dün``, ``امسال``, a weekday, or a day written without its year).
    """

    text: str
    start: int
    end: int
    calendar: str  # "gregorian" | "jalali"
    granularity: str  # "day" | "month" | "year" | "range"
    iso_start: str
    iso_end: str
    relative: bool = False

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

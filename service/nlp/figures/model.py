"""The figure mention: a statistic a text reports, with its value, counted noun and qualifier."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from service.nlp.dates.model import DateMention


@dataclass(frozen=True)
class Attachment:
    """What the figure's sentence ties it to: the nearest date and organisation mention in that sentence."""

    date: DateMention | None = None
    org: str | None = None


@dataclass(frozen=True)
class FigureMention:
    """A count, percentage or amount of money stated in a text.

    ``start``/``end`` are offsets into the original text and ``text`` is that slice (number through counted
    noun). ``unit`` is the counted noun in base form as written (``kursiyer``, ``kurs merkezi``, ``مرکز``),
    ``%`` for percentages and the currency word for money. ``qualifier`` is exact, more_than, less_than or
    approx. ``sentence`` is the (start, end) of the sentence holding it.
    """

    text: str
    start: int
    end: int
    value: int | float
    unit: str
    qualifier: str = "exact"
    kind: str = "count"  # "count" | "percent" | "money"
    currency: str | None = None
    sentence: tuple[int, int] = (0, 0)
    attached_to: Attachment = field(default_factory=Attachment)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

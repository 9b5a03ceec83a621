"""Trigger, role and attribution lexicons per language (data in ``data/{lang}.yaml``)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

DATA = Path(__file__).resolve().parent / "data"


@dataclass(frozen=True)
class Lexicon:
    triggers: dict[str, tuple[re.Pattern[str], ...]]
    roles: dict[str, tuple[str, ...]]
    attribution: tuple[str, ...]

    def trigger_types(self, prepared: str) -> dict[str, tuple[int, int]]:
        """Event types whose triggers occur in ``prepared`` text, with the first trigger's span."""
        found: dict[str, tuple[int, int]] = {}
        for event_type, patterns in self.triggers.items():
            for pattern in patterns:
                match = pattern.search(prepared)
                if match:
                    found[event_type] = match.span()
                    break
        return found


@lru_cache(maxsize=4)
def lexicon(lang: str) -> Lexicon:
    data = yaml.safe_load((DATA / f"{lang}.yaml").read_text(encoding="utf-8"))
    return Lexicon(
        triggers={t: tuple(re.compile(p) for p in ps) for t, ps in data["triggers"].items()},
        roles={r: tuple(cues) for r, cues in data["roles"].items()},
        attribution=tuple(data.get("attribution", ())),
    )

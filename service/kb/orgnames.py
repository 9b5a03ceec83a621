"""Organization names to comparison keys: the same body written in different grammatical forms.

Turkish attaches case endings to the head word of a name (``Müdürlüğünce``, ``Odasıyla``,
``Bakanlığına``) as well as after an apostrophe (``İŞKUR'un``); Persian varies ZWNJ, spaces and letter
forms (``فنی و حرفه ای`` / ``فنی‌وحرفه‌ای``). The key strips the case ending from a known head word and
then applies :func:`service.text.match_key`, so all those spellings meet on one key.
"""

from __future__ import annotations

import re
from functools import lru_cache

from service.text import fold_case, match_key

#: Head words of Turkish organization names in their citation (possessive) form, case-folded.
TURKISH_HEADS = (
    "müdürlüğü", "bakanlığı", "odası", "belediyesi", "valiliği", "kaymakamlığı", "başkanlığı", "kurumu",
    "merkezi", "lisesi", "üniversitesi", "yüksekokulu", "derneği", "vakfı", "federasyonu", "birliği",
    "ajansı", "enstitüsü", "kurulu", "fakültesi", "okulu", "bölgesi", "kooperatifi", "sendikası",
    "konfederasyonu", "şirketi", "komutanlığı", "müsteşarlığı", "akademisi", "borsası", "heyeti",
    "teşkilatı", "delegasyonu", "ofisi", "programı", "platformu", "konseyi", "kulübü", "grubu",
    "dairesi", "şubesi", "müzesi", "hastanesi", "cemiyeti", "komisyonu", "kurultayı", "meclisi",
)
#: Case endings that follow the possessive head (Müdürlüğü+nce, Odası+yla, Bakanlığı+na ...).
TURKISH_CASE_ENDINGS = (
    "nce", "nca", "nin", "nın", "nun", "nün", "nden", "ndan", "nde", "nda", "ne", "na", "ni", "nı", "nu",
    "nü", "yle", "yla", "ndeki", "ndaki", "nden", "yse", "ysa", "dir", "dır", "dur", "dür",
)
_WS = re.compile(r"\s+")
_PARENS = re.compile(r"\s*\([^)]*\)\s*$")


@lru_cache(maxsize=1)
def _head_pattern() -> re.Pattern[str]:
    heads = "|".join(sorted(TURKISH_HEADS, key=len, reverse=True))
    endings = "|".join(sorted(set(TURKISH_CASE_ENDINGS), key=len, reverse=True))
    return re.compile(rf"({heads})(?:{endings})$")


def strip_turkish_case(name: str) -> str:
    """``Ankara İl Milli Eğitim Müdürlüğünce`` → ``Ankara İl Milli Eğitim Müdürlüğü`` (case-folded)."""
    words = fold_case(_WS.sub(" ", name.strip())).split(" ")
    if not words or not words[-1]:
        return " ".join(words)
    last = words[-1].split("'")[0]
    match = _head_pattern().search(last)
    if match and match.end() == len(last):
        last = last[: match.start()] + match.group(1)
    words[-1] = last
    return " ".join(words)


def org_key(name: str, lang: str | None) -> str:
    """The comparison key of an organization name in ``lang``."""
    name = _PARENS.sub("", name)  # "Almanya Federal Mesleki Eğitim Enstitüsü (BIBB)" → the name
    if lang == "tr" or (lang is None and not re.search(r"[\u0600-\u06ff]", name)):
        name = strip_turkish_case(name)
    return match_key(name, lang)

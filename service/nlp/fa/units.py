"""Persian counted nouns to base form: plural endings checked against hazm's word list, broken plurals by table.

Why a table: Arabic broken plurals (``مراکز``, ``مدارس``) share no ending with their singular, and hazm's
lemmatizer leaves them unchanged. Why hazm's ``words.dat``: it is already installed with hazm and lists
~190k Persian words, enough to tell ``کارآموزان`` (کارآموز + ان) from ``استان`` (not است + ان). It is read
as a file, without importing hazm (whose import costs about a second).
"""

from __future__ import annotations

import importlib.util
import logging
from functools import lru_cache
from pathlib import Path

log = logging.getLogger(__name__)

#: Broken plurals frequent in vocational-training news -> singular.
BROKEN_PLURALS = {
    "مراکز": "مرکز",
    "مدارس": "مدرسه",
    "مؤسسات": "مؤسسه",
    "موسسات": "موسسه",
    "افراد": "فرد",
    "اساتید": "استاد",
    "دروس": "درس",
    "مشاغل": "شغل",
    "صنایع": "صنعت",
    "ادارات": "اداره",
    "کارخانجات": "کارخانه",
    "اعضا": "عضو",
    "اعضای": "عضو",
    "مناطق": "منطقه",
    "نقاط": "نقطه",
    "منابع": "منبع",
    "وسایل": "وسیله",
    "دفاتر": "دفتر",
    "اشخاص": "شخص",
    "مدارک": "مدرک",
    "شرکا": "شریک",
    "جوایز": "جایزه",
    "مسابقات": "مسابقه",
    "ادوار": "دوره",
    "مواد": "ماده",
    "امور": "امر",
    "علوم": "علم",
    "کتب": "کتاب",
    "اماکن": "مکان",
    "مراجع": "مرجع",
    "مساجد": "مسجد",
    "موارد": "مورد",
    "مراحل": "مرحله",
}
#: Singular words ending in a plural-looking ``ان`` (not است + ان, not سازم + ان).
_SINGULAR_AN = frozenset(
    "استان شهرستان ایران تهران سازمان زمان میدان مکان امکان جریان پایان بنیان کاروان دیوان قهرمان درمان "
    "ساختمان پیمان گردان دبیرستان بیمارستان دبستان هنرستان آذربایجان خراسان کرمان زنجان همدان اصفهان "
    "گیلان مازندران گلستان سمنان لرستان کردستان سیستان بلوچستان خوزستان کرمانشاه جوان کارکنان میهمان مهمان "
    "نشان بیان عنوان دوران توان امان آسمان باران".split()
)
_VERBS = frozenset(
    "شد شدند شده شود شوند می نمی کرد کردند کرده کند کنند نمود نمودند نموده نماید نمایند است اند هستند "
    "بود بودند دارد دارند داشت داشتند گردید گردیدند گرفت گرفتند یافت یافتند رسید رسیدند خواهد خواهند "
    "باشد باشند شدهاند کردهاند بوده".split()
)
#: Light-verb parts: a noun right before one of these is part of a compound verb (شرکت کردند).
LIGHT_VERBS = frozenset(
    "کرد کردند کرده کند کنند کنیم نمود نمودند نموده نماید نمایند شد شدند شده شود شوند داشت داشتند دارد "
    "دارند گرفت گرفتند گیرد دادند داد دهد دهند یافت یافتند گردید گردیدند دید دیدند دیده".split()
)


_LIGHT_STEMS = (
    "کرد",
    "کن",
    "نمود",
    "نما",
    "شد",
    "شو",
    "داشت",
    "دار",
    "گرفت",
    "گیر",
    "داد",
    "ده",
    "یافت",
    "یاب",
    "گردید",
    "گرد",
    "دید",
    "بین",
)


#: Person endings written after a past participle: کرده‌اند، شده‌ایم.
_PERFECT_ENDINGS = frozenset({"اند", "ایم", "اید", "ام", "ای", "است"})


@lru_cache(maxsize=1)
def _lexicon() -> frozenset[str]:
    """Words hazm knows (its ``data/words.dat``), empty when hazm is not installed."""
    spec = importlib.util.find_spec("hazm")
    if spec is None or spec.origin is None:
        log.warning("hazm not installed: Persian plural endings are cut without a word list")
        return frozenset()
    path = Path(spec.origin).with_name("data") / "words.dat"
    if not path.exists():
        log.warning("hazm word list missing at %s", path)
        return frozenset()
    words = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        word, _, rest = line.partition("\t")
        if rest and not rest.endswith("\t0"):
            words.add(word.replace("\u200c", " "))
    return frozenset(words)


@lru_cache(maxsize=8192)
def _base(word: str) -> str:
    """Singular of a plural noun when the word list confirms the stem; the word itself otherwise."""
    if word in BROKEN_PLURALS:
        return BROKEN_PLURALS[word]
    known = _lexicon()
    for ending in ("هایی", "های", "ها"):
        stem = word[: -len(ending)].rstrip(" \u200c")
        if (
            word.endswith(ending)
            and len(stem) >= 2
            and (stem in known or stem in BROKEN_PLURALS or not known)
        ):
            return BROKEN_PLURALS.get(stem, stem)
    if word in _SINGULAR_AN or word.endswith("ستان") or word.replace("\u200c", " ") in known:
        return word
    for ending, replacement in (
        ("گان", "ه"),
        ("یان", ""),
        ("یان", "ی"),
        ("ان", ""),
        ("ین", ""),
        ("جات", "ه"),
        ("ات", "ه"),
        ("ات", ""),
    ):
        if word.endswith(ending) and len(word) - len(ending) >= 2:
            stem = word[: -len(ending)] + replacement
            if stem in known:
                return stem
    return word


class PersianUnits:
    """:class:`service.nlp.figures.data.UnitMorphology` for Persian (words from the normalized view)."""

    def base(self, word: str) -> str:
        return _base(word.strip())

    def compound_head(self, word: str) -> tuple[str, bool] | None:
        return None  # Persian compounds carry no linking ending; the head is the first noun.

    def is_noun(self, word: str) -> bool:
        return word in BROKEN_PLURALS or _base(word).replace("\u200c", " ") in _lexicon()

    def is_verb(self, word: str) -> bool:
        """A frequent verb form, or a word with the present prefix ``می‌``/``نمی‌`` (``می‌شود``)."""
        parts = word.split("\u200c")
        return word in _VERBS or len(parts) > 1 and (parts[0] in ("می", "نمی") or parts[0] in _VERBS)

    def is_light_verb(self, word: str) -> bool:
        """A form of کردن، شدن، داشتن، گرفتن، دادن، یافتن، گردیدن، دیدن, which make compound verbs with a noun
        (``ثبت‌نام کردند``, ``آموزش دیدند``)."""
        parts = word.split("\u200c")
        if parts[0] in ("می", "نمی"):
            return len(parts) > 1 and parts[1].startswith(_LIGHT_STEMS)
        if word in LIGHT_VERBS:
            return True
        return len(parts) == 2 and parts[1] in _PERFECT_ENDINGS and parts[0].startswith(_LIGHT_STEMS)


DATA = PersianUnits()

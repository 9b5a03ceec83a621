"""Language identification for Turkish and Persian, with nothing downloaded.

Hamkar only processes Turkish and Persian; everything else must be refused with a reason. Scripts
separate the candidates cheaply (Latin vs Arabic), and function words separate languages that share a
script (Turkish vs English, German, Azerbaijani...; Persian vs Arabic and Urdu). Unknown is an answer.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)

#: Frequent function words; enough to tell languages of the same script apart on a paragraph.
_STOPWORDS: dict[str, frozenset[str]] = {
    "tr": frozenset(
        "ve bir bu da de için ile olarak olan daha çok gibi en ise ama kadar sonra ancak her şu olan "
        "yapılan ayrıca üzere tarafından ilgili nin nın kapsamında yılında göre değil oldu olduğu "
        "eğitim il ilçe müdürlüğü bakanlığı".split()
    ),
    "az": frozenset("və bir bu da də üçün ilə olaraq olan daha çox kimi ən isə amma qədər sonra".split()),
    "en": frozenset("the and of to in is that for with on as was by are from this at be".split()),
    "de": frozenset("der die und das ist nicht mit den von zu ein eine für auf im dem des".split()),
    "fr": frozenset("le la les et des du un une est pour dans que qui sur au avec par".split()),
    "es": frozenset("el la los las y de del que en un una por con para es se al".split()),
    "it": frozenset("il lo la gli le e di che per con una un non sono della del".split()),
    "fa": frozenset(
        "و در به از که این را با است برای آن می شد شده یک تا های هم نیز بر خود کرد کند ها ای "
        "اداره کل استان آموزش فنی حرفه".split()
    ),
    "ar": frozenset("في من على إلى التي الذي عن مع هذا هذه كان ذلك أن إن قد لا ما".split()),
    "ur": frozenset("کے میں کی ہے اور سے کو نے کہ پر ہیں یہ بھی".split()),
}
_LATIN = ("tr", "az", "en", "de", "fr", "es", "it")
_ARABIC = ("fa", "ar", "ur")
_TURKISH_LETTERS = set("ğĞışŞİ")
_PERSIAN_LETTERS = set("پچژگ")
_URDU_LETTERS = set("ہےٹڈڑںھ")
SUPPORTED = ("tr", "fa")


@dataclass(frozen=True)
class LanguageGuess:
    """The detected language (``None`` when not Turkish or Persian), a confidence and the reason."""

    lang: str | None
    confidence: float
    detected: str
    reason: str

    @property
    def supported(self) -> bool:
        return self.lang in SUPPORTED


def detect_language(text: str, *, sample_chars: int = 20000) -> LanguageGuess:
    """Guess the language of ``text`` from its script and function words."""
    sample = text[:sample_chars]
    words = _WORD.findall(sample.replace("\u200c", " "))
    if len(words) < 3:
        return LanguageGuess(None, 0.0, "und", "too little text to identify a language")
    arabic = sum(1 for w in words if "\u0600" <= w[0] <= "\u06ff")
    latin = sum(1 for w in words if w[0].isascii() or "\u00c0" <= w[0] <= "\u024f")
    if arabic == 0 and latin == 0:
        return LanguageGuess(None, 0.0, "und", "script is neither Latin nor Arabic")
    family = _ARABIC if arabic >= latin else _LATIN
    counts = Counter(w.lower() for w in words)
    # Turkish lower-casing of İ/I does not matter for these function words except 'için', 'ise', 'il'.
    scores = {lang: sum(counts[w] for w in _STOPWORDS[lang]) for lang in family}
    letters = set(sample)
    if family == _LATIN and letters & _TURKISH_LETTERS:
        scores["tr"] += 2
    if "ə" in letters or "Ə" in letters:
        scores["az"] += 5
    if family == _ARABIC:
        if letters & _PERSIAN_LETTERS:
            scores["fa"] += 2
        if letters & _URDU_LETTERS:
            scores["ur"] += 5
    best, best_score = max(scores.items(), key=lambda kv: kv[1])
    total = sum(scores.values())
    if best_score == 0:
        script = "Arabic" if family == _ARABIC else "Latin"
        return LanguageGuess(None, 0.0, "und", f"{script}-script text with no known function words")
    confidence = round(best_score / total, 3)
    if best in SUPPORTED and confidence >= 0.5:
        return LanguageGuess(best, confidence, best, f"function words of '{best}'")
    return LanguageGuess(
        None, confidence, best, f"language '{best}' is not supported (Hamkar handles Turkish and Persian)"
    )

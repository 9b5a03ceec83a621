"""Turkish counted nouns to base form: suffix rules checked by vowel harmony and a domain noun list.

Why not a stemmer: Snowball gives ``belediyesi`` -> ``belediyes`` and ``kursu`` -> ``kursu`` (anchors §5.1),
and the unit must read as a word. Why not zeyrek: 1.7 s to load and an NLTK patch for a handful of nouns
per document. The rules strip case, possessive and plural endings from the right, each only when its
vowel agrees with the stem, and trust ``nouns.txt`` where a vowel-final stem makes the cut ambiguous
(``kişi`` is not ``kiş`` + ``i``).
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from service.text.normalize import fold_case

_VOWELS = "aeıioöuü"
_VOICELESS = "çfhkpsşt"
#: Two-consonant endings a Turkish stem may have (kurs, üst, renk, form); others mean a cut too far.
_FINAL_CLUSTERS = frozenset(
    "rt rk rp rç rs rz rm rn rd rj lt lk lp lç ls lm nt nk nç ns nd st şt ft kt ks ps pt yt yk ys yl zm sm nk ng".split()
)
#: Endings by slot, outermost first. Each is (ending, class): classes decide buffer letters and harmony.
_COPULA = ("dır", "dir", "dur", "dür", "tır", "tir", "tur", "tür")
_RELATIVE = ("ki",)
_CASE = (
    "ndaki",
    "ndeki",
    "daki",
    "deki",
    "taki",
    "teki",
    "ndan",
    "nden",
    "dan",
    "den",
    "tan",
    "ten",
    "nda",
    "nde",
    "da",
    "de",
    "ta",
    "te",
    "nın",
    "nin",
    "nun",
    "nün",
    "ın",
    "in",
    "un",
    "ün",
    "yla",
    "yle",
    "la",
    "le",
    "yı",
    "yi",
    "yu",
    "yü",
    "ya",
    "ye",
    "na",
    "ne",
    "nı",
    "ni",
    "nu",
    "nü",
    "ı",
    "i",
    "u",
    "ü",
    "a",
    "e",
)
_POSSESSIVE = (
    # first and second person singular (-(I)m, -(I)n) are left out: news counts are not "my"/"your" things,
    # and cutting them turns unknown words into fragments (daimi -> dai).
    "larımız",
    "lerimiz",
    "larınız",
    "leriniz",
    "ları",
    "leri",
    "ımız",
    "imiz",
    "umuz",
    "ümüz",
    "mız",
    "miz",
    "muz",
    "müz",
    "ınız",
    "iniz",
    "unuz",
    "ünüz",
    "nız",
    "niz",
    "nuz",
    "nüz",
    "sı",
    "si",
    "su",
    "sü",
    "ı",
    "i",
    "u",
    "ü",
)
_PLURAL = ("lar", "ler")
_SLOTS = (_COPULA, _RELATIVE, _CASE, _POSSESSIVE, _PLURAL)
#: Endings that may follow a compound's linking -(s)I (``merkez-i-yle``, ``lise-si-nde``).
_AFTER_LINK = (
    "ndaki",
    "ndeki",
    "ndan",
    "nden",
    "nda",
    "nde",
    "nın",
    "nin",
    "nun",
    "nün",
    "yla",
    "yle",
    "na",
    "ne",
    "nı",
    "ni",
    "nu",
    "nü",
    "dır",
    "dir",
)
#: Verb endings: past, progressive, future, evidential, converbs, infinitive, necessity, participles.
_VERB = re.compile(
    r"(?:[dt][ıiuü](?:m|n|k|nız|niz|nuz|nüz|lar|ler)?"
    r"|[ıiuü]?yor(?:um|sun|uz|sunuz|lar|du|muş)?"
    r"|[ae]c[ae]k(?:t[ıi]r|l[ae]r|t[ıi])?|[ae]c[ae]ğ[ıi]\w*"
    r"|m[ıiuü]ş(?:t[ıiuü]r|t[ıiuü]|l[ae]r)?"
    r"|[ae]r[ae]k|m[ae]k|m[ae]kt[ae](?:d[ıi]r)?|m[ae]l[ıi](?:d[ıi]r)?|m[ae]s[ıi]|[dt][ıiuü]ğ[ıiuü]\w*)$"
)
#: Forms of etmek/edilmek: the noun before them is part of the verb (istihdam edildi, ziyaret etti).
_LIGHT_VERB = re.compile(r"^(?:et|ed)(?:ti|tir|il|er|en|iyor|ecek|eceğ|me|mi|mek|miş)")


@lru_cache(maxsize=1)
def _nouns() -> frozenset[str]:
    path = Path(__file__).with_name("nouns.txt")
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(fold_case(w.strip()) for w in lines if w.strip() and not w.startswith("#"))


def _last_vowel(s: str) -> str | None:
    for ch in reversed(s):
        if ch in _VOWELS:
            return ch
    return None


def _harmonizes(stem: str, ending: str) -> bool:
    """Front/back (and for ı i u ü also rounded/unrounded) agreement of an ending with its stem."""
    vowel = next((ch for ch in ending if ch in _VOWELS), None)
    last = _last_vowel(stem)
    if vowel is None or last is None:
        return True
    if vowel in "ae":
        return (vowel == "e") == (last in "eiöü")
    expected = {"a": "ı", "ı": "ı", "o": "u", "u": "u", "e": "i", "i": "i", "ö": "ü", "ü": "ü"}[last]
    return vowel == expected


#: Endings whose first letter is a buffer consonant, used only after a vowel (kişi-ye, lise-si).
_AFTER_VOWEL = frozenset(
    "yı yi yu yü ya ye yla yle nın nin nun nün na ne nı ni nu nü sı si su sü mız miz muz müz nız niz nuz nüz m".split()
)
#: Locative/ablative with the pronominal n: only after a third-person possessive (alanı-nda).
_AFTER_POSSESSIVE = frozenset("nda nde ndan nden ndaki ndeki".split())


def _buffer_ok(stem: str, ending: str) -> bool:
    """Buffer letters and voicing: ``kişi-ye`` but ``kursiyer-e``; ``kurs-ta`` but ``okul-da``."""
    if not stem:
        return False
    if ending in _AFTER_VOWEL:
        return stem[-1] in _VOWELS
    if ending in _AFTER_POSSESSIVE:
        return stem[-1] in "ıiuü"
    if ending[0] in _VOWELS:
        return stem[-1] not in _VOWELS
    if ending[0] == "t":
        return stem[-1] in _VOICELESS
    if ending[0] == "d":
        return stem[-1] not in _VOICELESS
    return True


def _plausible_stem(stem: str) -> bool:
    """A stem left by a cut must look like a Turkish word end (not ``işletm``, ``öğrenc``)."""
    if len(stem) < 3:
        return False
    if stem[-1] in "bcdg" and len(stem) > 3:
        return False
    if stem[-1] not in _VOWELS and stem[-2] not in _VOWELS:
        return stem[-2:] in _FINAL_CLUSTERS
    return True


def _devoiced(stem: str) -> str:
    """Undo consonant softening before a vowel ending: müdürlüğ -> müdürlük, kitab -> kitap."""
    table = {"ğ": "k", "b": "p", "c": "ç", "d": "t"}
    return stem[:-1] + table[stem[-1]] if stem and stem[-1] in table else stem


def _cuts(word: str) -> list[tuple[str, bool]]:
    """Stems reachable by cutting endings slot by slot from the right, the word itself first, each with
    whether every cut agreed in vowel harmony (loanwords break it: ``protokol-ü``, ``saat-i``)."""
    stems = [(word, True)]
    frontier = [(word, 0, True)]
    while frontier:
        current, slot, harmonic = frontier.pop()
        for index in range(slot, len(_SLOTS)):
            for ending in _SLOTS[index]:
                if not current.endswith(ending) or len(current) - len(ending) < 2:
                    continue
                stem = current[: -len(ending)]
                if not _buffer_ok(stem, ending):
                    continue
                agrees = harmonic and _harmonizes(stem, ending)
                stems.append((stem, agrees))
                frontier.append((stem, index + 1, agrees))
    return stems


class TurkishUnits:
    """:class:`service.nlp.figures.data.UnitMorphology` for Turkish (words given case-folded)."""

    def base(self, word: str) -> str:
        return _base(word)

    def compound_head(self, word: str) -> tuple[str, bool] | None:
        return _compound_head(word)

    def is_noun(self, word: str) -> bool:
        return word in _nouns() or _base(word) in _nouns()

    def is_verb(self, word: str) -> bool:
        return len(word) > 3 and not self.is_noun(word) and bool(_VERB.search(word))

    def is_light_verb(self, word: str) -> bool:
        return bool(_LIGHT_VERB.match(word))


@lru_cache(maxsize=8192)
def _base(word: str) -> str:
    """Dictionary form: the longest known noun among the cuts, else the deepest plausible cut."""
    nouns = _nouns()
    if word in nouns:
        return word
    cuts = _cuts(word)
    known = [s for s, _ in cuts if s in nouns] + [_devoiced(s) for s, _ in cuts if _devoiced(s) in nouns]
    if known:
        return max(known, key=len)
    if len(word) >= 7 and word[-2] in "cç" and word[-1] in "ıiuü":
        return word  # an agent noun (konuşmacı, katılımcı), not a stem in ç + a case vowel (ağac-ı)
    safe = [
        s
        for s, agrees in cuts
        if s == word or agrees and (_plausible_stem(s) or _plausible_stem(_devoiced(s)))
    ]
    best = min(safe, key=len)
    if best + "n" in safe:  # ajan-ın rather than aja-nın: an unknown stem more likely ends in n
        best += "n"
    return best if best == word or best[-1] not in "bcdğ" else _devoiced(best)


@lru_cache(maxsize=8192)
def _compound_head(word: str) -> tuple[str, bool] | None:
    for ending in _AFTER_LINK:
        if word.endswith(ending):
            head = _linked(word[: -len(ending)])
            if head is not None:
                return head, True
    head = _linked(word)
    return (head, False) if head is not None else None


def _linked(word: str) -> str | None:
    """``merkezi`` -> itself; None when no linking -(s)I ends it.

    Plural heads (``merkezleri``) are not read as compounds: after a numeral Turkish nouns are singular,
    so ``öğrenci atölyeleri gezdi`` is a count of students, not of "student workshops".
    """
    if len(word) < 3 or word[-1] not in "ıiuü" or word[-2] == "y":  # -yI is the accusative
        return None
    stem = word[:-2] if word[-2] == "s" and word[-3] in _VOWELS else word[:-1]
    if stem.endswith(("ler", "lar")) or word in _nouns():  # plural + accusative (atölyeleri); a bare noun
        return None
    if stem in _nouns() or _devoiced(stem) in _nouns():
        return word
    return word if _harmonizes(stem, word[-1]) and _plausible_stem(stem) else None


DATA = TurkishUnits()

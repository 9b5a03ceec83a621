"""The text analysis shared by indexing and querying, so both sides meet on the same tokens.

Turkish: ``İ/I/ı`` folded to ``i``, other diacritics folded (``öğretmen`` = ``ogretmen``), apostrophe
suffixes split off; inflections are handled at query time by prefix matching on a stem (see
:func:`query_stem`). Persian: Arabic letter forms unified, digits to ASCII, ZWNJ removed and the bound
morphemes that real pages write spaced or joined (``حرفه ای`` / ``حرفه‌ای`` / ``حرفهای``) joined, so all
variants are one token. Every view keeps a map back to the original text for snippets.
"""

from __future__ import annotations

import re
import unicodedata

from service.text import NormalizedView, normalize

#: Persian bound morphemes that follow a word (plural, ezafe/indefinite, comparative...).
PERSIAN_SUFFIXES = frozenset({"ای", "ها", "های", "هایی", "ی", "تر", "ترین", "ام", "ایم", "اید", "اند", "هایم", "هایش"})
#: Persian verbal prefixes written apart or joined.
PERSIAN_PREFIXES = frozenset({"می", "نمی"})
#: Turkish inflectional suffixes stripped from query terms before prefix matching (longest first).
TURKISH_SUFFIXES = tuple(sorted(
    """lerinden larından lerinde larında lerine larına lerini larını lerin ların leri ları ler lar
    inden ından unden ünden nden ndan inde ında unde ünde nde nda ine ına une üne ne na yla yle ile
    nin nın nun nün in ın un ün ini ını unu ünü ni nı nu nü si sı su sü den dan ten tan de da te ta
    e a i ı u ü""".split(), key=len, reverse=True))
MIN_STEM = 4
_TOKEN = re.compile(r"\w+", re.UNICODE)
_PERSIAN_CHAR = re.compile(r"[\u0600-\u06ff]")
_SOFTENED = {"ğ": "", "b": "", "c": "", "d": "", "k": "", "p": "", "ç": "", "t": ""}


def _fold_char(ch: str) -> str:
    """One character's searchable form: letters without diacritics (ı→i), punctuation as a space."""
    if ch in "ıİI":
        return "i"
    if not ch.isalpha():
        return ch if ch.isalnum() or ch.isspace() else " "
    decomposed = unicodedata.normalize("NFD", ch)
    base = "".join(c for c in decomposed if not unicodedata.combining(c))
    return base if len(base) == 1 else ch


class _FoldTable(dict):
    """A ``str.translate`` table filled lazily: each distinct character is folded once per process."""

    def __missing__(self, codepoint: int) -> str:
        folded = self[codepoint] = _fold_char(chr(codepoint))
        return folded


_FOLD = _FoldTable()


def search_view(text: str, lang: str | None) -> NormalizedView:
    """The searchable form of ``text`` with offsets back to it."""
    view = normalize(text, lang, casefold=True, zwnj="drop")
    folded = view.text.translate(_FOLD)  # one character for one: offsets unchanged
    if lang == "tr" or not _PERSIAN_CHAR.search(folded):
        return NormalizedView(folded, view.offsets, len(text))
    keep = _persian_keep(folded)
    offsets = [view.original_index(i) for i in range(len(folded)) if keep[i]]
    return NormalizedView("".join(ch for ch, k in zip(folded, keep, strict=True) if k), tuple(offsets), len(text))


def _persian_keep(text: str) -> list[bool]:
    """Which characters survive joining: the space before a bound suffix and after a verbal prefix
    goes (``حرفه ای`` → ``حرفهای``)."""
    keep = [True] * len(text)
    tokens = list(re.finditer(r"\S+", text))
    for prev, token in zip(tokens, tokens[1:], strict=False):
        if token.group() in PERSIAN_SUFFIXES or prev.group() in PERSIAN_PREFIXES:
            if _is_persian(prev.group()) and _is_persian(token.group()):
                for i in range(prev.end(), token.start()):
                    keep[i] = False
    return keep


def _is_persian(token: str) -> bool:
    return any("\u0600" <= ch <= "\u06ff" for ch in token)


def index_text(text: str, lang: str | None) -> str:
    """What goes into the full-text index: the search view, white space collapsed."""
    return " ".join(search_view(text, lang).text.split())


def tokens(text: str, lang: str | None) -> list[str]:
    return _TOKEN.findall(index_text(text, lang))


def query_stem(token: str, lang: str | None) -> str:
    """The prefix a query word matches by: Turkish words lose an inflectional suffix and a final
    consonant that softens before vowels (``müdürlük`` → ``müdürlü`` matches ``müdürlüğü``)."""
    if lang == "fa" or _is_persian(token):
        return token
    stem = token
    for suffix in TURKISH_SUFFIXES:
        if stem.endswith(suffix) and len(stem) - len(suffix) >= MIN_STEM:
            stem = stem[: -len(suffix)]
            break
    if len(stem) > MIN_STEM and stem[-1] in _SOFTENED:
        stem = stem[:-1]
    return stem

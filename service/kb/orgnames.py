"""Organization names to comparison keys: the same body written in different grammatical forms.

Turkish attaches case endings to the head word of a name (``Müdürlüğünce``, ``Odasıyla``,
``Bakanlığına``) as well as after an apostrophe (``İŞKUR'un``), and is often typed without its letters
(``Istanbul Sanayi Odasi``); Persian varies ZWNJ, spaces, punctuation, letter forms and digits
(``فنی و حرفه ای`` / ``فنی‌وحرفه‌ای``, ``شماره یک`` / ``شماره ۱``). :func:`fold_name` removes all of
that word by word; :func:`org_key` is the fold without spaces in Persian (as the gold-format matching
rules compare names).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from service.text import fold_case, normalize

#: Head words of Turkish organization names in their citation (possessive) form, case-folded.
TURKISH_HEADS = (
    "müdürlüğü", "bakanlığı", "odası", "belediyesi", "valiliği", "kaymakamlığı", "başkanlığı", "kurumu",
    "merkezi", "lisesi", "üniversitesi", "yüksekokulu", "derneği", "vakfı", "federasyonu", "birliği",
    "ajansı", "enstitüsü", "kurulu", "fakültesi", "okulu", "bölgesi", "kooperatifi", "sendikası",
    "konfederasyonu", "şirketi", "komutanlığı", "müsteşarlığı", "akademisi", "borsası", "heyeti",
    "teşkilatı", "delegasyonu", "ofisi", "programı", "platformu", "konseyi", "kulübü", "grubu",
    "dairesi", "şubesi", "müzesi", "hastanesi", "cemiyeti", "komisyonu", "kurultayı", "meclisi", "idaresi",
)
#: Case endings that follow the possessive head (Müdürlüğü+nce, Odası+yla, Bakanlığı+na ...).
TURKISH_CASE_ENDINGS = (
    "nce", "nca", "nin", "nın", "nun", "nün", "nden", "ndan", "nde", "nda", "ne", "na", "ni", "nı", "nu",
    "nü", "yle", "yla", "ndeki", "ndaki", "yse", "ysa", "dir", "dır", "dur", "dür",
)
#: Short forms written inside longer names (``Gazi Üniversitesi MYO``, ``Çorlu Deri OSB``).
TURKISH_EXPANSIONS = {
    "myo": "meslek yuksekokulu", "osb": "organize sanayi bolgesi", "mesem": "mesleki egitim merkezi",
    "hem": "halk egitimi merkezi", "mtal": "mesleki ve teknik anadolu lisesi", "mem": "milli egitim mudurlugu",
    "univ": "universitesi", "ünv": "universitesi",
}
#: Legal-form and honorific tokens that do not distinguish organizations.
DROPPED_TOKENS = frozenset({"a.s", "as", "a.ş", "aş", "ltd", "sti", "şti", "san", "tic", "ve tic", "ره", "inc", "co"})
_PERSIAN_NUMBERS = {"یک": "1", "دو": "2", "سه": "3", "چهار": "4", "پنج": "5", "شش": "6", "هفت": "7", "هشت": "8",
                    "نه": "9", "ده": "10", "یازده": "11", "دوازده": "12"}
_WS = re.compile(r"\s+")
_PARENS = re.compile(r"\s*\(([^)]*)\)\s*$")
_PUNCT = re.compile(r"[^\w\s'.]+|(?<!\w)\.|\.(?!\w)")
_ARABIC = re.compile(r"[\u0600-\u06ff]")


@lru_cache(maxsize=1)
def _head_pattern() -> re.Pattern[str]:
    heads = "|".join(sorted(TURKISH_HEADS, key=len, reverse=True))
    endings = "|".join(sorted(set(TURKISH_CASE_ENDINGS), key=len, reverse=True))
    return re.compile(rf"({heads})(?:{endings})$")


def strip_turkish_case(name: str) -> str:
    """``Ankara İl Milli Eğitim Müdürlüğünce`` → ``ankara il milli eğitim müdürlüğü`` (case-folded)."""
    words = fold_case(_WS.sub(" ", name.strip())).split(" ")
    if not words or not words[-1]:
        return " ".join(words)
    last = words[-1].split("'")[0]
    match = _head_pattern().search(last)
    if match and match.end() == len(last):
        last = last[: match.start()] + match.group(1)
    words[-1] = last
    if len(words) > 2 and words[-1] == "müdürlüğü" and words[-2] in TURKISH_HEADS:
        words.pop()  # "Buca Halk Eğitimi Merkezi Müdürlüğü" is the Merkez itself
    return " ".join(words)


def citation_form(name: str) -> str:
    """The name as written, without a case ending on its head word and with white space collapsed:
    ``Orman Genel Müdürlüğüne`` → ``Orman Genel Müdürlüğü``, ``İŞKUR'un`` → ``İŞKUR``."""
    words = name.split()
    if not words:
        return ""
    last = words[-1].split("'")[0].split("’")[0]
    match = _head_pattern().search(fold_case(last))
    if match and match.end() == len(last):  # fold_case keeps the length, so the cut maps back
        last = last[: match.start() + len(match.group(1))]
    return " ".join([*words[:-1], last])


def _ascii_fold(word: str) -> str:
    """``öğretmen`` → ``ogretmen``, ``ı`` → ``i``: names are often typed without Turkish letters."""
    word = word.replace("ı", "i")
    return "".join(c for c in unicodedata.normalize("NFD", word) if not unicodedata.combining(c))


def fold_name(name: str, lang: str | None) -> str:
    """The name's words, normalized and case-folded, separated by single spaces."""
    name = unicodedata.normalize("NFKC", name)
    name = _PARENS.sub(lambda m: "" if m.group(1).isupper() or len(m.group(1)) <= 12 else f" {m.group(1)}", name)
    persian = lang == "fa" or (lang is None and bool(_ARABIC.search(name)))
    if not persian:
        name = strip_turkish_case(name)
    name = normalize(name, "fa" if persian else lang, casefold=True, zwnj="space").text
    name = _PUNCT.sub(" ", name)
    words = [w for w in name.split() if w not in DROPPED_TOKENS]
    words = [w for i, w in enumerate(words) if not i or w != words[i - 1]]  # a typed-twice word ("اداره اداره کل")
    if persian:
        words = [_PERSIAN_NUMBERS.get(w, w) if i and words[i - 1] == "شماره" else w for i, w in enumerate(words)]
        return " ".join(words)
    words = [_ascii_fold(w.split("'")[0] if "'" in w and w.index("'") > 0 else w) for w in words]
    if len(words) > 1:
        words = " ".join(TURKISH_EXPANSIONS.get(w, w) for w in words).split()
    return " ".join(words)


def org_key(name: str, lang: str | None) -> str:
    """The comparison key of an organization name in ``lang`` (Persian keys ignore spacing)."""
    folded = fold_name(name, lang)
    if lang == "fa" or (lang is None and _ARABIC.search(folded)):
        return folded.replace(" ", "")
    return folded


def initials(name: str, lang: str | None) -> str:
    """Initials of the significant words (``Türkiye Taşkömürü Kurumu`` → ``ttk``), for acronyms."""
    words = [w for w in fold_name(name, lang).split() if w not in ("ve", "ile", "و")]
    return "".join(w[0] for w in words)

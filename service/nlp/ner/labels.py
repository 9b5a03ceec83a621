"""Entity labels and the missing-label policy for corpora with smaller label inventories.

The pipelines predict ``PER, ORG, LOC, DATE, MONEY, PERCENT`` (``MISC`` is dropped: Hamkar's facts are
organisations, people, places, dates and figures, and the corpora disagree on what MISC is).

Several corpora annotate only ``PER/ORG/LOC`` (Milliyet, ARMAN, ParsTwiNER) or lack ``PERCENT``
(Starlang). Their sentences must not teach that dates, sums or percentages are outside entities. spaCy's
NER cannot mark a token "missing for DATE only", so the policy is: in a sentence from a corpus lacking
some of ``DATE/MONEY/PERCENT``, every token outside the gold entities that *could* belong to such an
entity (a cheap lexical detector: digits, month and weekday names, time words, number words, currency
words, ``%``/``yüzde``/``درصد``) and its immediate neighbours are set to *missing* (no loss on them);
all other tokens stay ``O``. The detector errs towards masking: a masked token only loses its ``O``
signal, an unmasked date teaches a wrong ``O``. The indefinite articles ``bir`` and ``یک`` (also "one")
and ``نه`` ("no", also "nine") are left out: masking them would blank a large share of all tokens.
"""

from __future__ import annotations

import re

#: Labels the shipped pipelines predict.
LABELS: tuple[str, ...] = ("PER", "ORG", "LOC", "DATE", "MONEY", "PERCENT")
#: Labels that only some corpora annotate; the detector below guards them.
NUMERIC_LABELS = frozenset({"DATE", "MONEY", "PERCENT"})

_TR_STEMS = (
    # months and weekdays (any inflection)
    "ocak şubat mart nisan mayıs haziran temmuz ağustos eylül ekim kasım aralık "
    "pazartesi salı çarşamba perşembe cuma cumartesi pazar "
    # time words
    "yıl sene yüzyıl asır hafta bugün dün yarın sabah akşam gece öğle saat dakika dönem "
    "ilkbahar yaz sonbahar kış bayram "
    # number, currency and percent words
    "milyon milyar trilyon lira dolar euro avro sterlin mark frank yen ruble kuruş yüzde "
).split()
_TR_EXACT = (
    "ay ayı ayın ayında aylık aylar ayları gün günü günün gününde günler günleri "
    "iki üç dört beş altı yedi sekiz dokuz on yirmi otuz kırk elli altmış yetmiş seksen doksan "
    "yüz yüzü yüzde bin bini binde tl ytl usd eur try"
).split()
_FA_WORDS = (
    # Jalali, Gregorian and Hijri months, weekdays
    "فروردین اردیبهشت خرداد تیر مرداد شهریور مهر آبان آذر دی بهمن اسفند "
    "ژانویه فوریه مارس آوریل مه ژوئن ژوئیه جولای اوت آگوست سپتامبر اکتبر نوامبر دسامبر "
    "محرم صفر ربیع‌الاول ربیع‌الثانی ربیع جمادی‌الاول جمادی‌الثانی جمادی رجب شعبان رمضان شوال ذیقعده ذیحجه "
    "شنبه یکشنبه دوشنبه سه‌شنبه چهارشنبه پنجشنبه پنج‌شنبه جمعه "
    # time words
    "سال سالهای سال‌های سالها سال‌ها ساله امسال پارسال ماه ماهه روز روزه هفته امروز دیروز فردا ساعت دقیقه "
    "قرن دهه صبح ظهر عصر شب بامداد "
    "هجری شمسی قمری میلادی "
    # number, currency and percent words
    "دو سه چهار پنج شش هفت هشت ده یازده دوازده بیست سی چهل پنجاه شصت هفتاد هشتاد نود صد "
    "هزار میلیون میلیارد بیلیون تریلیون ریال تومان دلار یورو درهم پوند روبل ین درصد "
).split()
_TR_PATTERN = re.compile(r"^(?:{})\w*$".format("|".join(map(re.escape, _TR_STEMS))))
_TR_WORDS = frozenset(_TR_EXACT)
_FA_SET = frozenset(_FA_WORDS)
_SYMBOLS = frozenset("%٪$€₺£﷼")


def maybe_numeric_entity(token: str, lang: str) -> bool:
    """True when ``token`` could be part of a DATE, MONEY or PERCENT entity (a deliberately loose test)."""
    if any(ch.isdigit() for ch in token) or any(ch in _SYMBOLS for ch in token):
        return True
    if lang == "tr":
        low = token.replace("I", "ı").replace("İ", "i").lower().split("'")[0]
        return low in _TR_WORDS or bool(_TR_PATTERN.match(low))
    return token in _FA_SET

"""Turkish calendar words and date templates (see ``service.nlp.dates.data`` for the placeholders).

Text is matched case-folded with Turkish rules (``ŞUBAT`` -> ``şubat``), digits ASCII, one apostrophe.
"""

from service.nlp.dates.data import CalendarWords

#: Inflected forms of "year" and "month" after a number or name (``2025 yılının``, ``ağustos ayında``).
_YEAR_WORD = r"(?:yıl(?:ı|ın|ında|ından|ına|ını|ının|ındaki|ındır|ıdır)?|sene(?:si|sinde|sinden|sinin|sine|sini)?)"
_MONTH_WORD = r"ay(?:ı|ın|ında|ından|ına|ını|ının|ındaki|larında|ları)?"
#: A number followed by these is a count ("2000'den fazla"), not a year.
_COUNT_AFTER = r"(?!\s+(?:fazla|az|aşkın|üzerinde|üstünde|altında|yakın|civarında|kadar|dolayında|kişi|adet))"

DATA = CalendarWords(
    native_calendar="gregorian",
    months={
        "ocak": 1, "şubat": 2, "mart": 3, "nisan": 4, "mayıs": 5, "haziran": 6,
        "temmuz": 7, "ağustos": 8, "eylül": 9, "ekim": 10, "kasım": 11, "aralık": 12,
    },
    month_abbreviations={
        "oca": 1, "şub": 2, "mar": 3, "nis": 4, "may": 5, "haz": 6,
        "tem": 7, "ağu": 8, "eyl": 9, "eki": 10, "kas": 11, "ara": 12,
    },
    weekdays={
        "pazartesi": 0, "salı": 1, "çarşamba": 2, "perşembe": 3, "cuma": 4, "cumartesi": 5, "pazar": 6,
    },
    weekday_needs_day_word=frozenset({"pazar", "cuma", "çarşamba"}),
    day_word=r"günü\w*",
    relative={
        "dün": ("day", -1), "bugün": ("day", 0), "yarın": ("day", 1),
        "önceki gün": ("day", -2), "evvelsi gün": ("day", -2), "dünden önceki gün": ("day", -2),
        "geçen hafta": ("week", -1), "geçtiğimiz hafta": ("week", -1), "bu hafta": ("week", 0),
        "gelecek hafta": ("week", 1), "önümüzdeki hafta": ("week", 1), "haftaya": ("week", 1),
        "geçen ay": ("month", -1), "geçtiğimiz ay": ("month", -1), "bu ay": ("month", 0),
        "gelecek ay": ("month", 1), "önümüzdeki ay": ("month", 1),
        "geçen yıl": ("year", -1), "geçen sene": ("year", -1), "geçtiğimiz yıl": ("year", -1),
        "geçtiğimiz sene": ("year", -1), "bir önceki yıl": ("year", -1),
        "bu yıl": ("year", 0), "bu sene": ("year", 0),
        "gelecek yıl": ("year", 1), "gelecek sene": ("year", 1), "önümüzdeki yıl": ("year", 1),
        "önümüzdeki sene": ("year", 1), "seneye": ("year", 1),
    },
    relative_suffixes=("kü", "ki", "ın", "in", "nın", "nin", "da", "de"),
    span_units={"gün": "day", "hafta": "week", "ay": "month", "yıl": "year", "sene": "year"},
    span_directions={"önce": -1},
    relative_years={
        "geçen yıl": -1, "geçen sene": -1, "geçtiğimiz yıl": -1, "geçtiğimiz sene": -1,
        "bu yıl": 0, "bu sene": 0, "gelecek yıl": 1, "önümüzdeki yıl": 1,
    },
    year_parts={
        "ilk yarısı": (1, 6), "ikinci yarısı": (7, 12), "son yarısı": (7, 12),
        "ilk altı ayı": (1, 6), "son altı ayı": (7, 12),
        "ilk çeyreği": (1, 3), "ikinci çeyreği": (4, 6), "üçüncü çeyreği": (7, 9),
        "son çeyreği": (10, 12), "dördüncü çeyreği": (10, 12),
    },
    week_start=0,
    # A Turkish school year opens in September and closes in June; the period named by
    # "2023-2024 eğitim öğretim yılı" is taken as 1 September .. 31 August, so consecutive school years
    # tile the calendar (the same rule as the Iranian سال تحصیلی, 1 Mehr .. 31 Shahrivar).
    academic_year_start=(9, 1),
    year_calendars=((1900, 2100, "gregorian"),),
    suffix=r"(?:'\w+)?",
    academic_words=r"(?:eğitim[\s-]*öğretim|öğretim|akademik|eğitim)\s+yıl\w*",
    range_connector=r"[-–—]|ile|ila",
    future_markers=r"\w+(?:acak|ecek|acağı|eceği|acaktır|ecektir)\b",
    templates=(
        ("day", r"(?:{WD},?\s+)?{D1}\s+{MA1}\s+{Y1}(?:,?\s+{WD})?{S}"),
        ("day", r"{MA1}\s+{D1},\s*{Y1}"),
        ("day_range", r"{D1}\s*(?:[-–—/]|ve)\s*{D2}\s+{MA2}\s+{Y2}{S}"),
        ("day_range", r"{D1}\s*(?:[-–—/]|ve)\s*{D2}\s+{M2}{S}"),
        ("day", r"{D1}\.{NM1}\.{Y1}{S}"),
        ("day", r"{D1}/{NM1}/{Y1}{S}"),
        ("day", r"{D1}-{NM1}-{Y1}{S}"),
        ("day", r"{Y1}-{NM1}-{D1}"),
        ("day", r"{D1}\s+{M1}{S}"),
        ("month_range", r"{M1}\s*[-–—]\s*{M2}\s+{Y2}{S}"),
        ("month", r"{Y1}\s+yılı(?:nın)?\s+{M1}\s+" + _MONTH_WORD),
        ("month", r"{RY}(?:ın|in|nın|nin)?\s+{M1}\s+" + _MONTH_WORD),
        ("month", r"{MA1}\s+{Y1}{S}"),
        ("month", r"{M1}\s+" + _MONTH_WORD),
        ("part", r"{Y1}\s+yılının\s+{HALF}\w*"),
        ("part", r"{RY}(?:ın|in|nın|nin)\s+{HALF}\w*"),
        ("academic", r"{Y1}\s*[-–/]\s*{Y2}\s+{ACAD}"),
        ("decade", r"{Y1}'l[ıi](?:\s+yıllar\w*)?"),
        ("year_range", r"{Y1}\s*[-–]\s*{Y2}(?:\s+(?:" + _YEAR_WORD + r"|yılları\w*|dönem\w*))?{S}"),
        ("year", r"{Y1}\s+" + _YEAR_WORD),
        ("year", r"{Y1}'(?!l[ıiuü])\w+" + _COUNT_AFTER),
        ("weekday", r"{WD}(?:\s+{DW})?"),
    ),
)

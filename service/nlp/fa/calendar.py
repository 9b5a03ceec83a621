"""Persian calendar words and date templates (see ``service.nlp.dates.data`` for the placeholders).

Text is matched on the normalized view: Arabic letter forms unified, digits ASCII, ZWNJ turned into a
space (``اردیبهشت‌ماه`` reads as ``اردیبهشت ماه``, ``سه‌شنبه`` as ``سه شنبه``). Month names are Jalali;
Gregorian month names as Persian writes them are ``foreign_months``. A four-digit year 1300-1499 is
Jalali, 1900-2100 Gregorian: that rule, not the language, decides numeric dates such as ``1403/01/14``.
"""

from service.nlp.dates.data import CalendarWords

_MAH = r"(?:\s*ماه)?"
_ERA = r"(?:\s*(?:ه\s*\.?\s*ش|هجری\s+شمسی|هجری\s+خورشیدی|شمسی|خورشیدی|میلادی)\.?)?"
_TO = r"(?:تا|الی|و|[-–—])"

DATA = CalendarWords(
    native_calendar="jalali",
    months={
        "فروردین": 1, "اردیبهشت": 2, "خرداد": 3, "تیر": 4, "مرداد": 5, "امرداد": 5, "شهریور": 6,
        "مهر": 7, "آبان": 8, "آذر": 9, "دی": 10, "بهمن": 11, "اسفند": 12,
    },
    foreign_months={
        "ژانویه": 1, "ژانویهٔ": 1, "فوریه": 2, "مارس": 3, "آوریل": 4, "آپریل": 4, "مه": 5, "می": 5,
        "ژوئن": 6, "ژوئیه": 7, "جولای": 7, "اوت": 8, "آگوست": 8, "اگوست": 8, "سپتامبر": 9,
        "اکتبر": 10, "نوامبر": 11, "دسامبر": 12,
    },
    foreign_calendar="gregorian",
    weekdays={
        "شنبه": 5, "یکشنبه": 6, "یک شنبه": 6, "دوشنبه": 0, "دو شنبه": 0, "سه شنبه": 1, "سهشنبه": 1,
        "چهارشنبه": 2, "چهار شنبه": 2, "پنجشنبه": 3, "پنج شنبه": 3, "جمعه": 4,
    },
    weekday_needs_day_word=frozenset({"جمعه"}),
    day_word=r"روز",
    relative={
        "امروز": ("day", 0), "دیروز": ("day", -1), "روز گذشته": ("day", -1), "روز قبل": ("day", -1), "فردا": ("day", 1), "پریروز": ("day", -2),
        "پس فردا": ("day", 2),
        "هفته گذشته": ("week", -1), "هفته ی گذشته": ("week", -1), "هفته پیش": ("week", -1),
        "هفته قبل": ("week", -1), "این هفته": ("week", 0), "هفته جاری": ("week", 0),
        "هفته آینده": ("week", 1), "هفته ی آینده": ("week", 1), "هفته بعد": ("week", 1),
        "ماه گذشته": ("month", -1), "ماه پیش": ("month", -1), "ماه قبل": ("month", -1),
        "این ماه": ("month", 0), "ماه جاری": ("month", 0), "ماه آینده": ("month", 1), "ماه بعد": ("month", 1),
        "امسال": ("year", 0), "سال جاری": ("year", 0), "پارسال": ("year", -1), "سال گذشته": ("year", -1),
        "سال قبل": ("year", -1), "سال پیش": ("year", -1), "سال آینده": ("year", 1), "سال بعد": ("year", 1),
        "سال آتی": ("year", 1),
    },
    span_units={"روز": "day", "هفته": "week", "ماه": "month", "سال": "year"},
    span_directions={"پیش": -1},
    relative_years={
        "امسال": 0, "سال جاری": 0, "پارسال": -1, "سال گذشته": -1, "سال قبل": -1, "سال آینده": 1,
    },
    year_parts={
        "نیمه اول": (1, 6), "نیمه نخست": (1, 6), "نیمه دوم": (7, 12),
        "شش ماهه اول": (1, 6), "شش ماهه نخست": (1, 6), "شش ماهه دوم": (7, 12),
        "سه ماهه اول": (1, 3), "سه ماهه نخست": (1, 3), "سه ماهه دوم": (4, 6),
        "سه ماهه سوم": (7, 9), "سه ماهه چهارم": (10, 12),
        # Iranian seasons are whole Jalali months.
        "بهار": (1, 3), "تابستان": (4, 6), "پاییز": (7, 9), "پائیز": (7, 9), "زمستان": (10, 12),
    },
    week_start=5,
    # سال تحصیلی runs from 1 Mehr to the end of Shahrivar.
    academic_year_start=(7, 1),
    year_calendars=((1300, 1499, "jalali"), (1900, 2100, "gregorian")),
    academic_words=r"سال\s+تحصیلی",
    month_glued="ماه",
    range_connector=r"تا|الی|[-–—]",
    future_markers=r"خواهد|خواهند|می\s+شود|میشود|می\s+گردد|برگزار\s+می",
    templates=(
        ("day", r"(?:(?:{DW}\s+)?{WD}\s*[،,]?\s*)?{D1}\s+{MA1}" + _MAH + r"\s*[،,]?\s*(?:سال\s+)?{Y1}" + _ERA),
        ("day", r"{Y1}\s*/\s*{NM1}\s*/\s*{D1}"),
        ("day", r"{Y1}-{NM1}-{D1}"),
        ("day", r"{D1}/{NM1}/{Y1}"),
        ("day_range", r"{D1}\s*" + _TO + r"\s*{D2}\s+{MA2}" + _MAH + r"\s+(?:سال\s+)?{Y2}" + _ERA),
        ("day_range", r"{D1}\s*" + _TO + r"\s*{D2}\s+{M2}" + _MAH + r"(?:\s+{RY})?"),
        ("day", r"(?:(?:{DW}\s+)?{WD}\s*[،,]?\s*)?{D1}\s+{M1}" + _MAH + r"(?:\s+{RY})?"),
        ("month_range", r"{M1}" + _MAH + r"\s*" + _TO + r"\s*{M2}" + _MAH + r"\s+(?:سال\s+)?{Y2}" + _ERA),
        ("month", r"(?:ماه\s+)?{MA1}" + _MAH + r"\s+(?:سال\s+)?{Y1}" + _ERA),
        ("month", r"{M1}\s*ماه(?:\s+{RY})?"),
        ("month", r"ماه\s+{M1}(?:\s+{RY})?"),
        ("month", r"{M1}\s+{RY}"),
        ("part", r"{HALF}\s+(?:سال\s+)?{Y1}" + _ERA),
        ("part", r"{HALF}\s+{RY}"),
        ("academic", r"{ACAD}\s+{Y1}\s*[-–/]\s*{Y2}"),
        ("academic", r"{ACAD}\s+{Y1}"),
        ("year_range", r"سال\s*(?:های|ها)\s+{Y1}\s*" + _TO + r"\s*{Y2}"),
        ("year_range", r"{Y1}\s*[-–]\s*{Y2}"),
        ("year", r"سال\s+{Y1}" + _ERA),
        ("year", r"{Y1}\s*(?:ه\s*\.\s*ش|هجری\s+شمسی|شمسی|خورشیدی|میلادی)"),
        ("weekday", r"(?:{DW}\s+)?{WD}"),
    ),
)

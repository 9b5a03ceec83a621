"""Persian numerals: words joined by ``و``, separators ``٬`` (thousands) and ``٫`` or ``/`` (decimal).

The normalized view maps ``٬`` to ``.`` and ``٫`` to ``,``; plain ``,`` in Persian text groups thousands,
so a separator before exactly three digits is read as grouping and any other as a decimal point.
"""

from service.nlp.numbers.data import NumeralWords

DATA = NumeralWords(
    units=(
        "صفر",
        "یک",
        "دو",
        "سه",
        "چهار",
        "پنج",
        "شش",
        "هفت",
        "هشت",
        "نه",
        "ده",
        "یازده",
        "دوازده",
        "سیزده",
        "چهارده",
        "پانزده",
        "شانزده",
        "هفده",
        "هجده",
        "نوزده",
    ),
    tens={20: "بیست", 30: "سی", 40: "چهل", 50: "پنجاه", 60: "شصت", 70: "هفتاد", 80: "هشتاد", 90: "نود"},
    hundreds={
        100: "صد",
        200: "دویست",
        300: "سیصد",
        400: "چهارصد",
        500: "پانصد",
        600: "ششصد",
        700: "هفتصد",
        800: "هشتصد",
        900: "نهصد",
    },
    hundred="صد",
    scales={1_000: "هزار", 1_000_000: "میلیون", 1_000_000_000: "میلیارد", 1_000_000_000_000: "تریلیون"},
    # The adjectival -ی of a scale word ("وام ۲۵۰ میلیونی") still reads as the scale.
    variants={
        "یکصد": 100,
        "هیجده": 18,
        "شیش": 6,
        "پونزده": 15,
        "یکهزار": 1_000,
        "بیلیون": 1_000_000_000,
        "هزاری": 1_000,
        "میلیونی": 1_000_000,
        "میلیاردی": 1_000_000_000,
    },
    half=("نیم",),
    connector="و",
    implicit_one=frozenset({100, 1_000}),
    ordinal_tokens=frozenset({"ام", "امین", "م", "مین", "ُم"}),
    vague_tokens=frozenset({"ها", "هایی", "های"}),
    ambiguous=frozenset({"نه", "ده", "سی", "صد", "شش"}),
    idioms=("نه تنها", "یکی دو", "صد در صد", "یک به یک"),
    not_alone=frozenset({"یک"}),
    thousands_separators=".,",
    decimal_separators=",./",
)

"""Turkish numerals: words, suffixes and digit conventions (``4.608`` thousands, ``1,5`` decimal)."""

from service.nlp.numbers.data import NumeralWords

DATA = NumeralWords(
    units=("sıfır", "bir", "iki", "üç", "dört", "beş", "altı", "yedi", "sekiz", "dokuz"),
    tens={10: "on", 20: "yirmi", 30: "otuz", 40: "kırk", 50: "elli", 60: "altmış", 70: "yetmiş", 80: "seksen", 90: "doksan"},
    hundreds={},
    hundred="yüz",
    scales={1_000: "bin", 1_000_000: "milyon", 1_000_000_000: "milyar", 1_000_000_000_000: "trilyon"},
    half=("yarım",),
    plus_half=("buçuk",),
    implicit_one=frozenset({100, 1_000}),
    glued=True,
    # Case and possessive endings seen on the last word of a count: "binden fazla", "bini aşkın",
    # "üçü", "ikisi", "milyonun üzerinde", "beşe yakın". Pronominal-n forms (altında, ona) are not here.
    word_suffixes=(
        "i", "ı", "u", "ü", "yi", "yı", "e", "a", "ye", "ya", "de", "da", "te", "ta", "den", "dan", "ten",
        "tan", "in", "ın", "un", "ün", "nin", "nın", "si", "sı", "sini", "sına", "sine", "le", "la", "yle", "yla",
    ),
    no_suffix=frozenset({"on", "bir", "altı"}),
    ordinal_suffixes=("inci", "ıncı", "uncu", "üncü", "nci", "ncı", "ncu", "ncü"),
    ambiguous=frozenset({"altı", "yedi", "on", "yüz", "elli", "bin"}),
    not_alone=frozenset({"bir"}),
    non_numbers=frozenset({"yüzde", "binde", "onda"}),
    thousands_separators=".",
    decimal_separators=",",
)

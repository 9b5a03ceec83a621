"""Persian figure words: qualifiers, percent and currency words, and what is not a count."""

from service.nlp.figures.data import FigureWords, QualifierAfter

DATA = FigureWords(
    qualifiers_before={
        "بیش از": "more_than",
        "بیشتر از": "more_than",
        "افزون بر": "more_than",
        "بالغ بر": "more_than",
        "متجاوز از": "more_than",
        "فراتر از": "more_than",
        "بالای": "more_than",
        "حداقل": "more_than",
        "دست کم": "more_than",
        "دستکم": "more_than",
        "کمی بیش از": "more_than",
        "حدود": "approx",
        "حدودا": "approx",
        "در حدود": "approx",
        "نزدیک به": "approx",
        "قریب به": "approx",
        "تقریبا": "approx",
        "قریب": "approx",
        "نزدیک": "approx",
        "حدودی": "approx",
        "کمتر از": "less_than",
        "کم تر از": "less_than",
        "زیر": "less_than",
        "حداکثر": "less_than",
        "کمی کمتر از": "less_than",
        "تنها": "exact",
        "فقط": "exact",
        "مجموعا": "exact",
        "جمعا": "exact",
    },
    qualifiers_after=(
        QualifierAfter(r"", r"و\s+اندی|و\s+بیشتر|به\s+بالا", "more_than"),
        QualifierAfter(r"", r"و\s+کمتر", "less_than"),
    ),
    percent_before=frozenset({"%", "٪"}),
    percent_after=frozenset({"درصد", "%", "٪", "درصدی"}),
    currencies={"ریال": "IRR", "تومان": "IRT", "دلار": "USD", "یورو": "EUR", "درهم": "AED", "لیر": "TRY"},
    currency_suffixes=("ی",),
    classifiers=frozenset(
        {"عدد", "دستگاه", "فقره", "باب", "جلد", "قطعه", "راس", "رأس", "عنوان", "نفر", "تن"}
    ),
    compound_units=frozenset({"نفر ساعت", "نفر روز", "نفر دوره"}),
    measures=frozenset({"هکتار", "کیلومتر", "متر", "مترمربع", "متر مربع", "تن", "کیلوگرم", "مگاوات", "لیتر"}),
    not_units=frozenset(
        "و در به از که را با برای تا این آن هر یا هم نیز بر پس اما ولی چون اگر دیگر "
        "تنها فقط بیش کمتر بیشتر حدود میلیون میلیارد هزار صد ها های هایی نیم درصد اول دوم "
        "آنها ایشان وی او خود همه چند چندین برخی بعضی کل".split()
    ),
    structural=frozenset("بخش قسمت مرحله محور بند ماده فصل جنبه تبصره نوع دسته اصل گام".split()),
    duration_adjectives=frozenset("روزه ساعته ماهه ساله هفته‌ای".split()),
    durations=frozenset("روز هفته ماه سال ساعت دقیقه ثانیه روزه ساعته ماهه ساله".split()),
    identifier_before=frozenset(
        "ماده بند تبصره شماره پلاک کد صفحه ردیف اصل فاز نسخه منطقه ساعت پایه سالن طبقه".split()
    ),
    identifier_after=frozenset({"ام", "امین", "م", "مین"}),
    fold_word="گانه",
    plural_words=frozenset({"ها", "های", "هایی"}),
    adjective_endings=("یی", "ی"),
    verbal_noun_endings=("ش",),
    ezafe="ی",
    ezafe_after=("و", "ا"),
    year_like=((1300, 1499), (1950, 2050)),
)

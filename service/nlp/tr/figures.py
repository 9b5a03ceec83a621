"""Turkish figure words: qualifiers, percent and currency words, and what is not a count."""

from service.nlp.figures.data import FigureWords, QualifierAfter

_ABLATIVE = r"(?:[ıiuü]n)?d[ae]n|t[ae]n"
_ACCUSATIVE = r"y?[ıiuü]|n[ıiuü]"
_GENITIVE = r"n?[ıiuü]n"
_DATIVE = r"y?[ae]|n[ae]"

DATA = FigureWords(
    qualifiers_before={
        "yaklaşık": "approx",
        "yaklaşık olarak": "approx",
        "tahminen": "approx",
        "takriben": "approx",
        "aşağı yukarı": "approx",
        "neredeyse": "approx",
        "hemen hemen": "approx",
        "ortalama": "approx",
        "en az": "more_than",
        "asgari": "more_than",
        "en fazla": "less_than",
        "en çok": "less_than",
        "azami": "less_than",
        "sadece": "exact",
        "yalnızca": "exact",
        "toplam": "exact",
        "toplamda": "exact",
        "tam": "exact",
    },
    qualifiers_after=(
        QualifierAfter(_ABLATIVE, r"fazla|fazlası|çok|ziyade", "more_than"),
        QualifierAfter(_ABLATIVE, r"az|azı|daha\s+az", "less_than"),
        QualifierAfter(
            _ACCUSATIVE,
            r"aşkın|aşan|geçkin|geçen|aşkındır|aşıyor|aştı|aşmış|aşmıştır|aşması|geçiyor|geçti|geçmiştir|geçmesi",
            "more_than",
        ),
        QualifierAfter(
            _GENITIVE, r"üzerinde|üstünde|üzerindeki|üstündeki|üzerine|üstüne|üzeri|üstü", "more_than"
        ),
        QualifierAfter(_GENITIVE, r"altında|altındaki|altına", "less_than"),
        QualifierAfter(_DATIVE, r"yakın", "approx"),
        QualifierAfter(_DATIVE, r"kadar", "less_than"),
        QualifierAfter(r"", r"aşkın|küsur|küsür|küsür", "more_than"),
        QualifierAfter(r"", r"civarında|civarı|dolayında|kadar|gibi", "approx"),
    ),
    percent_before=frozenset({"yüzde", "%"}),
    percent_after=frozenset({"%"}),
    currencies={
        "tl": "TRY",
        "lira": "TRY",
        "türk lirası": "TRY",
        "₺": "TRY",
        "avro": "EUR",
        "euro": "EUR",
        "eur": "EUR",
        "€": "EUR",
        "dolar": "USD",
        "usd": "USD",
        "$": "USD",
        "sterlin": "GBP",
        "£": "GBP",
    },
    currency_suffixes=(
        "lık",
        "lik",
        "luk",
        "lük",
        "ya",
        "ye",
        "yı",
        "yi",
        "dan",
        "den",
        "da",
        "de",
        "yu",
        "yü",
    ),
    classifiers=frozenset({"adet", "tane", "kalem"}),
    skip_adjectives=frozenset(
        {
            "farklı",
            "çeşitli",
            "değişik",
            "ayrı",
            "yeni",
            "ayrı ayrı",
            "ilave",
            "ek",
            "başarılı",
            "aktif",
            "ücretsiz",
            "kayıtlı",
            "nitelikli",
            "kalifiye",
            "toplam",
            "fazla",
            "az",
            "daha",
            "ana",
            "temel",
            "büyük",
            "küçük",
            "önemli",
            "farklı farklı",
            "mevcut",
            "yerli",
            "ulusal",
            "uluslararası",
        }
    ),
    unit_modifiers=frozenset(
        {
            "pilot",
            "kadın",
            "genç",
            "engelli",
            "erkek",
            "kız",
            "yabancı",
            "mülteci",
            "suriyeli",
            "usta",
            "stajyer",
            "gönüllü",
            "işsiz",
            "robot",
        }
    ),
    compound_units=frozenset(
        {
            "kurs merkezi",
            "sertifika töreni",
            "alan öğretmeni",
            "pilot alan",
            "meslek lisesi",
            "meslek kursu",
            "eğitim merkezi",
            "eğitim programı",
            "halk eğitimi merkezi",
            "iş yeri",
            "iş birliği protokolü",
            "öğretim üyesi",
            "öğretim görevlisi",
            "sektör temsilcisi",
            "proje ortağı",
            "tablet bilgisayar",
        }
    ),
    measures=frozenset(
        {"mw", "kw", "gw", "km", "m²", "m2", "metrekare", "ton", "kg", "hektar", "dönüm", "litre", "megavat"}
    ),
    not_units=frozenset(
        "ve ile ya veya ama fakat ancak ise de da ki mi bir bu şu o her hem için gibi kadar göre karşı rağmen üzere "
        "olarak olan daha çok en az fazla sonra önce beri itibaren dolayı boyunca arasında içinde üzerinde "
        "tarafından şimdi şu an hemen yine bile artık sadece yalnızca doğrudan birlikte yaklaşık civarında "
        "dolayında aşkın yakın küsur milyon milyar bin yüz kez defa kat kere sıra buçuk yarım "
        "tarihinde tarihleri tarihinde tarih no numara".split()
    ),
    structural=frozenset(
        "bölüm aşama madde kısım başlık boyut yön eksen fıkra bent basamak adım ayak".split()
    ),
    duration_adjectives=frozenset("günlük haftalık aylık yıllık saatlik dakikalık senelik yaşında".split()),
    fraction_suffixes=frozenset({"te", "ta", "de", "da"}),
    durations=frozenset(
        "gün hafta ay yıl sene saat dakika saniye günlük haftalık aylık yıllık saatlik dakikalık senelik yaş".split()
    ),
    identifier_before=frozenset(
        "madde sayfa no numara kat salon blok oda sıra kapı faz versiyon sürüm kod saat hat peron kanal".split()
    ),
    identifier_after=frozenset({"sayılı", "numaralı", "nolu", "no'lu", "no.lu", "nci", "inci"}),
    # "3'lü", "50'lik", plural, and the distributive "10'ar", "50'şer bin" (so much each, not a total).
    non_count_suffixes=frozenset(
        {"li", "lı", "lu", "lü", "lik", "lık", "luk", "lük", "ler", "lar", "er", "ar", "şer", "şar"}
    ),
    count_of=frozenset({"sayısı", "sayısının", "sayısını", "sayısında", "adedi", "miktarı"}),
    modifiers_precede=True,
    adjective_endings=("lık", "lik", "luk", "lük", "lı", "li", "lu", "lü"),
    capitalized_units=True,
    capitalized_joiners=frozenset({"ve", "&"}),
    year_like=((1950, 2050),),
)

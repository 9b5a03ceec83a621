"""What a number counts: the noun phrase after it (or, for Persian ``مراکز ۲۴ گانه``, before it), in base form.

Shapes recognised, in order: percent (``yüzde 40``, ``۴۰ درصد``), money (``500 milyon TL``, ``۵۰۰ میلیارد
ریال``), a known multi-word unit (``نفر ساعت``), a classifier and its noun (``500 adet bilgisayar``), a run
of capitalised words (``15 Mesleki ve Teknik Anadolu Lisesi``), a modifier noun and its noun (``25 pilot
alan``), a noun compound (``28 kurs merkeziyle`` -> ``kurs merkezi``), and a single noun.
"""

from __future__ import annotations

from dataclasses import dataclass

from service.nlp.figures.data import FigureWords, UnitMorphology
from service.nlp.tokens import Token, only_space_between
from service.text.normalize import NormalizedView, fold_case


@dataclass(frozen=True)
class Unit:
    """The counted noun: base form with the original casing, token span used, and the figure kind."""

    unit: str
    first: int  # index of the first token of the unit phrase
    last: int  # index of the last token of the unit phrase
    kind: str = "count"
    currency: str | None = None
    detached: bool = False  # the noun stands apart from the number and is not part of the figure's text


@dataclass
class Context:
    """One document as the unit finder sees it."""

    text: str
    view: NormalizedView
    tokens: list[Token]
    token_starts: list[int]
    data: FigureWords
    morph: UnitMorphology
    lang: str
    sentence_starts: frozenset[int] = frozenset()  # token indices that open a sentence

    def surface(self, index: int) -> str:
        """Original text of token ``index`` without its apostrophe suffix."""
        tok = self.tokens[index]
        start, end = self.view.to_original(tok.start, tok.end)
        return self.text[start:end]

    def is_title(self, index: int) -> bool:
        s = self.surface(index)
        return self.tokens[index].is_word and s[:1].isupper() and not (len(s) > 1 and s.isupper())

    def adjacent(self, left: int, right: int) -> bool:
        return only_space_between(self.view.text, self.tokens[left].outer_end, self.tokens[right].start)

    def recase(self, index: int, base: str) -> str:
        """``base`` (case-folded) written with the casing of token ``index``: İZMİRLİYE -> İZMİRLİ."""
        surface = self.surface(index)
        folded = fold_case(surface)
        common = 0
        while common < min(len(base), len(folded)) and base[common] == folded[common]:
            common += 1
        rest = base[common:]
        if len(surface) > 1 and surface.isupper():
            rest = rest.upper()
        written = surface[:common] + rest
        if index in self.sentence_starts and self.is_title(index):  # "Öğrenci sayısı ..." opens a sentence
            written = base[:1] + written[1:]
        return written


def percent_or_money(ctx: Context, num_first: int, after: int, end: int) -> Unit | None:
    """Percent or money around a number whose first token is ``num_first``; ``after`` is the next token."""
    toks, data = ctx.tokens, ctx.data
    before = num_first - 1
    if before >= 0 and toks[before].text in data.percent_before and ctx.adjacent(before, num_first):
        return Unit("%", after, after - 1, "percent")
    if after < end and toks[after].text in data.percent_after:
        return Unit("%", after, after, "percent")
    if before >= 0 and toks[before].text in data.currencies and ctx.adjacent(before, num_first):
        return Unit(ctx.surface(before), after, after - 1, "money", data.currencies[toks[before].text])
    if after < end:
        return _currency_after(ctx, after, end)
    return None


def _currency_after(ctx: Context, index: int, end: int) -> Unit | None:
    toks, data = ctx.tokens, ctx.data
    if index + 1 < end:
        pair = f"{toks[index].text} {toks[index + 1].text}"
        for name, code in data.currencies.items():
            if " " in name and pair.startswith(name) and ctx.adjacent(index, index + 1):
                return Unit(
                    f"{ctx.surface(index)} {ctx.recase(index + 1, name.split()[1])}",
                    index,
                    index + 1,
                    "money",
                    code,
                )
    word = toks[index].text
    if word in data.currencies:
        return Unit(ctx.surface(index), index, index, "money", data.currencies[word])
    for suffix in data.currency_suffixes:
        stem = word[: -len(suffix)]
        if word.endswith(suffix) and stem in data.currencies:
            return Unit(ctx.recase(index, stem), index, index, "money", data.currencies[stem])
    return None


def count_unit(ctx: Context, index: int, end: int) -> Unit | None:
    """The counted noun phrase starting at token ``index`` (tokens up to ``end`` are in the sentence)."""
    toks, data = ctx.tokens, ctx.data
    k = index
    while k < end and toks[k].is_word and toks[k].text in data.skip_adjectives and k + 1 < end:
        k += 1
    if k >= end or not (_noun_like(ctx, k) or toks[k].text in data.classifiers):
        return None
    if toks[k].text in data.measures:
        return Unit(ctx.surface(k), k, k)
    if k + 1 < end and ctx.adjacent(k, k + 1) and f"{toks[k].text} {toks[k + 1].text}" in data.compound_units:
        longer = _compound(ctx, k, end)  # "meslek lisesi öğretmeni" contains the known "meslek lisesi"
        return (
            longer
            if longer is not None and longer.last > k + 1
            else Unit(f"{ctx.surface(k)} {ctx.surface(k + 1)}", k, k + 1)
        )
    if toks[k].text in data.classifiers:
        if (
            k + 1 < end
            and ctx.adjacent(k, k + 1)
            and _noun_like(ctx, k + 1)
            and not _before_light_verb(ctx, k + 1, end)
            and not any(toks[k + 1].text.endswith(e) for e in data.verbal_noun_endings)
        ):
            k += 1
        else:
            return _single(ctx, k, end)
    if data.capitalized_units and ctx.is_title(k):
        return _capitalized(ctx, k, end)
    if _before_light_verb(ctx, k, end):
        return None
    if _without_adjective_ending(ctx, k, end) is not None:
        return _single(
            ctx, k, end
        )  # "50 kişilik kontenjan", "40 dönümlük arazi": the count is of the first noun
    return (
        _modified(ctx, k, end, listed=True)
        or _compound(ctx, k, end)
        or _modified(ctx, k, end, listed=False)
        or _single(ctx, k, end)
    )


def counted_before(ctx: Context, first: int, sent_first: int) -> Unit | None:
    """``esnaf sayısı 42 bini aşıyor``: a number with nothing counted after it counts the noun of an earlier
    "number of ..." phrase in the same sentence."""
    toks, data = ctx.tokens, ctx.data
    for k in range(first - 1, max(sent_first, first - 8) - 1, -1):
        if (
            toks[k].text in data.count_of
            and k - 1 >= sent_first
            and _noun_like(ctx, k - 1)
            and ctx.adjacent(k - 1, k)
        ):
            noun = k - 1
            return Unit(ctx.recase(noun, ctx.morph.base(toks[noun].text)), noun, noun, detached=True)
    return None


def folded_unit(ctx: Context, num_first: int, after: int, end: int, sentence_first: int) -> Unit | None:
    """Persian ``مراکز ۲۴ گانه``: the fold word after the number, the counted noun before it."""
    toks, data = ctx.tokens, ctx.data
    if not data.fold_word or after >= end or toks[after].text != data.fold_word:
        return None
    k = num_first - 1
    while k >= sentence_first and toks[k].text in data.plural_words:
        k -= 1
    if k < sentence_first or not _noun_like(ctx, k):
        return None
    return Unit(ctx.recase(k, ctx.morph.base(toks[k].text)), k, after)


def _noun_like(ctx: Context, k: int) -> bool:
    tok = ctx.tokens[k]
    if not tok.is_word or len(tok.text) < 2 or tok.text in ctx.data.not_units or ctx.morph.is_verb(tok.text):
        return False
    return ctx.morph.base(tok.text) not in ctx.data.not_units


def _before_light_verb(ctx: Context, k: int, end: int) -> bool:
    """Is the noun at ``k`` the first half of a compound verb (``istihdam edildi``, ``شرکت کردند``)?"""
    return k + 1 < end and ctx.tokens[k + 1].is_word and ctx.morph.is_light_verb(ctx.tokens[k + 1].text)


def _single(ctx: Context, k: int, end: int) -> Unit:
    toks, morph = ctx.tokens, ctx.morph
    last = k
    while last + 1 < end and toks[last + 1].text in ctx.data.plural_words and ctx.adjacent(last, last + 1):
        last += 1
    word = toks[k].text
    base = morph.base(word)
    if not morph.is_noun(word):
        base = _without_adjective_ending(ctx, k, end) or base  # odalı -> oda, not odal + ı
    return Unit(ctx.recase(k, base), k, last)


def _without_adjective_ending(ctx: Context, k: int, end: int) -> str | None:
    """``kişilik`` -> ``kişi``, ``نفری`` -> ``نفر``; ``نیروی صنعت`` -> ``نیرو`` (ezafe before a modifier: written
    as ی only after a vowel letter, so ``زندانی`` stays a word)."""
    toks, data, morph = ctx.tokens, ctx.data, ctx.morph
    word = toks[k].text
    if morph.is_noun(word):
        return None
    for ending in data.adjective_endings:
        stem = word[: -len(ending)].rstrip("\u200c")
        if not word.endswith(ending) or len(stem) < 2:
            continue
        written_ezafe = (
            stem.endswith(data.ezafe_after)
            and k + 1 < end
            and ctx.adjacent(k, k + 1)
            and _noun_like(ctx, k + 1)
        )
        if ending == data.ezafe and not (
            stem in data.classifiers or stem in data.currencies or written_ezafe
        ):
            continue  # زندانی is a word (prisoner), not زندان + ezafe
        if morph.is_noun(stem):
            return morph.base(stem)
    return None


def _capitalized(ctx: Context, k: int, end: int) -> Unit:
    """A run of capitalised words (``Mesleki ve Teknik Anadolu Lisesi``), its last word reduced."""
    toks, data = ctx.tokens, ctx.data
    run = [k]
    m = k + 1
    while m < end and len(run) < 8 and not toks[run[-1]].suffix and ctx.adjacent(run[-1], m):
        if ctx.is_title(m):
            run.append(m)
        elif (
            toks[m].text in data.capitalized_joiners
            and m + 1 < end
            and ctx.is_title(m + 1)
            and ctx.adjacent(m, m + 1)
        ):
            run.extend([m, m + 1])
            m += 1
        else:
            break
        m += 1
    last = run[-1]
    word = toks[last].text
    if toks[last].suffix:
        head = ctx.surface(last)
    elif len(run) > 1:
        linked = ctx.morph.compound_head(word)
        head = ctx.recase(last, linked[0] if linked else ctx.morph.base(word))
    else:
        head = ctx.recase(last, ctx.morph.base(word))
    words = [ctx.surface(i) for i in run[:-1]] + [head]
    return Unit(" ".join(words), k, last)


def _modified(ctx: Context, k: int, end: int, *, listed: bool) -> Unit | None:
    """A modifier kept with the noun it qualifies: a listed modifier noun (``25 pilot alanda`` -> ``pilot
    alan``), or (``listed=False``), where adjectives come first, an unknown word before a known noun
    (``teknik personele``)."""
    toks, data, morph = ctx.tokens, ctx.data, ctx.morph
    if toks[k].suffix or k + 1 >= end or not ctx.adjacent(k, k + 1) or ctx.is_title(k + 1):
        return None
    if listed:
        if toks[k].text not in data.unit_modifiers:
            return None
    elif not (
        data.modifiers_precede
        and not morph.is_noun(toks[k].text)
        and morph.base(toks[k].text) == toks[k].text
    ):
        return None
    if not _noun_like(ctx, k + 1) or not morph.is_noun(toks[k + 1].text):
        return None
    base = morph.base(toks[k + 1].text)
    return Unit(f"{ctx.surface(k)} {ctx.recase(k + 1, base)}", k, k + 1)


def _compound(ctx: Context, k: int, end: int) -> Unit | None:
    """``kurs merkeziyle`` -> ``kurs merkezi``: bare nouns, then a head with its linking ending.

    The head must be a known noun. A bare head (``kurs merkezi``) counts when its modifiers are known nouns
    too, or when a case ending, a verb, a punctuation mark or the sentence end follows, or the phrase is a
    known unit: in ``3000 öğretmen işbaşı eğitimler alacak`` the noun after ``öğretmen`` starts the next
    phrase, and in ``60 öğrenci oda üyesi işletmelerde`` the count is of students.
    """
    toks, data, morph = ctx.tokens, ctx.data, ctx.morph
    for size in (3, 2):
        last = k + size - 1
        if last >= end or not all(ctx.adjacent(i, i + 1) for i in range(k, last)):
            continue
        if not _bare(ctx, k) or not all(_bare(ctx, i) or _linked_bare(ctx, i) for i in range(k + 1, last)):
            continue
        if not _noun_like(ctx, last):
            continue
        linked = morph.compound_head(toks[last].text)
        if linked is None:
            continue
        head, had_case = linked
        phrase = " ".join([toks[i].text for i in range(k, last)] + [head])
        if phrase not in data.compound_units and not morph.is_noun(head):
            continue  # "aday arasından", "kursiyer başarıyla": a postposition or adverb, not a compound head
        # Known nouns all through make a compound even with another noun after it ("120 mühendislik öğrencisi
        # staj yapacak"); for three words only as a nested chain (meslek lisesi öğretmeni), not "öğrenci oda üyesi".
        nested = size == 2 or _linked_bare(ctx, k + 1)
        known = nested and all(morph.is_noun(toks[i].text) for i in range(k, last))
        if (
            had_case
            or toks[last].suffix
            or known
            or phrase in data.compound_units
            or _boundary(ctx, last + 1, end)
        ):
            words = [ctx.surface(i) for i in range(k, last)] + [ctx.recase(last, head)]
            return Unit(" ".join(words), k, last)
    return None


def _bare(ctx: Context, i: int) -> bool:
    tok = ctx.tokens[i]
    return (
        _noun_like(ctx, i) and not tok.suffix and ctx.morph.base(tok.text) == tok.text and not ctx.is_title(i)
    )


def _linked_bare(ctx: Context, i: int) -> bool:
    """A compound head with no case ending inside a longer compound (``meslek lisesi öğretmeni``)."""
    linked = ctx.morph.compound_head(ctx.tokens[i].text)
    return linked is not None and not linked[1] and not ctx.tokens[i].suffix and ctx.morph.is_noun(linked[0])


def _boundary(ctx: Context, i: int, end: int) -> bool:
    if i >= end:
        return True
    tok = ctx.tokens[i]
    if (
        not tok.is_word or tok.suffix or ctx.is_title(i)
    ):  # punctuation, or a proper noun starting a new phrase
        return True
    return tok.text in ctx.data.not_units or ctx.morph.is_verb(tok.text)

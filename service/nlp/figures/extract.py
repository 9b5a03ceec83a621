"""Find the statistics a Turkish or Persian text reports: value, counted noun, qualifier, kind.

A number is a figure when it counts something: it is not inside a date, link, phone number or clock time,
not an ordinal (``3. Dönem``), an identifier (``4857 sayılı``, ``ماده ۱۲``) or part of a name
(``Endüstri 4.0``, ``Kovid-19``), not a bare year, and a counted noun, percent sign or currency goes with it.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence

from service.nlp.dates import DateMention, extract_dates
from service.nlp.figures.data import FigureWords, UnitMorphology
from service.nlp.figures.masks import masked_spans, overlaps
from service.nlp.figures.model import Attachment, FigureMention
from service.nlp.figures.qualifiers import qualifier_after, qualifier_before
from service.nlp.figures.units import Context, Unit, count_unit, counted_before, folded_unit, percent_or_money
from service.nlp.langdata import language_data
from service.nlp.numbers import NumberMatch, scan_tokens
from service.nlp.numbers.data import NumeralWords
from service.nlp.tokens import tokenize
from service.text.normalize import fold_case, normalize
from service.text.sentences import sentence_spans


def extract_figures(
    text: str,
    lang: str,
    dates: list[DateMention] | None = None,
    orgs: Sequence[tuple[int, int]] | None = None,
) -> list[FigureMention]:
    """All figures in ``text``, in text order.

    ``dates`` are the text's date mentions (found here when not given): their numbers are no figures, and
    the nearest one in a figure's sentence becomes its ``attached_to.date``. ``orgs`` are optional
    (start, end) spans of organisation mentions (from NER) for ``attached_to.org``.
    """
    if dates is None:
        dates = extract_dates(text, lang)
    data: FigureWords = language_data(lang, "figures")
    morph: UnitMorphology = language_data(lang, "units")
    view = normalize(text, lang, casefold=True)
    tokens = tokenize(view.text)
    masks = masked_spans(view.text, [(view.to_view(d.start), view.to_view(d.end)) for d in dates])
    sentences = sentence_spans(text)
    sentence_starts = [view.to_view(s) for s, _ in sentences]
    token_starts = [t.start for t in tokens]
    openers = frozenset(bisect_right(token_starts, s - 1) for s in sentence_starts)
    ctx = Context(text, view, tokens, token_starts, data, morph, lang, openers)
    figures: list[FigureMention] = []
    for num in scan_tokens(tokens, view.text, lang):
        first = bisect_right(token_starts, num.start) - 1
        after = bisect_right(token_starts, num.outer_end - 1)
        sent = max(bisect_right(sentence_starts, num.start) - 1, 0)
        sent_first = bisect_right(token_starts, sentence_starts[sent] - 1) if sentences else 0
        sent_end = (
            bisect_right(token_starts, sentence_starts[sent + 1] - 1)
            if sent + 1 < len(sentences)
            else len(tokens)
        )
        if _not_a_count(ctx, num, first, after, sent_first, masks):
            continue
        figure = _figure(ctx, num, first, after, sent_first, sent_end)
        if figure is None:
            continue
        value, unit, qualifier, span = figure
        start, end = view.to_original(*span)
        sentence = sentences[sent] if sentences else (0, len(text))
        figures.append(
            FigureMention(
                text=text[start:end],
                start=start,
                end=end,
                value=value,
                unit=unit.unit,
                qualifier=qualifier,
                kind=unit.kind,
                currency=unit.currency,
                sentence=sentence,
                attached_to=_attachment(text, sentence, start, dates, orgs),
            )
        )
    return figures


_DOT_DECIMAL = re.compile(r"\d+\.\d{1,2}")


def _not_a_count(
    ctx: Context, num: NumberMatch, first: int, after: int, sent_first: int, masks: list[tuple[int, int]]
) -> bool:
    """Numbers that are never statistics, whatever follows them."""
    view, tokens, data = ctx.view.text, ctx.tokens, ctx.data
    if num.ordinal or num.value == 0 or overlaps(masks, num.start, num.outer_end):
        return True
    prev_char = view[num.start - 1] if num.start else " "
    if prev_char.isalnum() or (prev_char in "-/+" and num.start > 1 and view[num.start - 2].isalnum()):
        return True  # Kovid-19, C5+1, a digit glued to a word
    next_char = view[num.outer_end] if num.outer_end < len(view) else " "
    if next_char.isalnum() and not (after < len(tokens) and tokens[after].text == data.fold_word):
        return True  # 5g, 4x4
    if (
        next_char == "."
        and (num.outer_end + 1 >= len(view) or view[num.outer_end + 1].isspace())
        and not num.has_words
    ):
        return True  # "3. Dönem" (an ordinal), or a number closing a sentence with nothing counted after it
    if first > sent_first and ctx.adjacent(first - 1, first):
        prev = tokens[first - 1]
        marker_after = after < len(tokens) and (
            tokens[after].text in data.percent_after or tokens[after].text in data.currencies
        )
        if prev.text in data.identifier_before and not marker_after:
            return True  # "madde 5", "منطقه ۱۲" (but "منطقه ۱۲ درصد" is a percentage)
        if data.capitalized_units and ctx.is_title(first - 1) and not prev.suffix and first - 1 > sent_first:
            return True  # part of a name: Endüstri 4.0, Vizyon 2023
    if after < len(tokens) and tokens[after].text in data.identifier_after and ctx.adjacent(after - 1, after):
        return True
    numeral: NumeralWords = language_data(ctx.lang, "numerals")
    if (
        not num.has_words
        and numeral.decimal_separators[0] != "."
        and _DOT_DECIMAL.fullmatch(view[num.start : num.end])
    ):
        return True  # a dot decimal where the comma is the norm and no scale word follows: a version number
    if (
        num.has_words
        and num.suffix in data.fraction_suffixes
        and after < len(tokens)
        and _number_at(ctx, after)
    ):
        return True  # "üçte ikisi": two thirds
    if first > 0 and ctx.adjacent(first - 1, first):
        if tokens[first - 1].suffix in data.non_count_suffixes:
            return True  # "50'şer bin": the rest of a number carrying a distributive ending
        previous = _number_at(ctx, first - 1)
        if previous is not None and previous.has_words and previous.suffix in data.fraction_suffixes:
            return True  # "üçte ikisi": the second half of a fraction
    return bool(num.suffix) and num.suffix in data.non_count_suffixes and not _percent_before(ctx, first)


def _number_at(ctx: Context, index: int) -> NumberMatch | None:
    """The number token ``index`` holds on its own, if any (for fractions such as ``üçte ikisi``)."""
    found = scan_tokens(ctx.tokens[index : index + 1], ctx.view.text, ctx.lang, running_text=False)
    return found[0] if found else None


def _percent_before(ctx: Context, first: int) -> bool:
    return first > 0 and ctx.tokens[first - 1].text in ctx.data.percent_before


def _figure(
    ctx: Context, num: NumberMatch, first: int, after: int, sent_first: int, sent_end: int
) -> tuple[int | float, Unit, str, tuple[int, int]] | None:
    """(value, unit, qualifier, view span) of the figure a number starts, or None."""
    tokens, view, data, lang = ctx.tokens, ctx.view.text, ctx.data, ctx.lang
    floor = tokens[sent_first].start if sent_first < len(tokens) else 0
    before = qualifier_before(view, num.start, lang, floor)
    qualifier = before[0] if before else None
    unit_index = after
    q_after = qualifier_after(view, num.outer_end, num.suffix, lang)
    if q_after is not None:
        qualifier = q_after[0]
        unit_index = bisect_right(ctx.token_starts, q_after[1] - 1)
    unit = percent_or_money(ctx, first, unit_index, sent_end) or folded_unit(
        ctx, first, after, sent_end, sent_first
    )
    if unit is None:
        unit = count_unit(ctx, unit_index, sent_end)
        if unit is None and _nothing_counted_after(ctx, unit_index, sent_end):
            unit = counted_before(ctx, first, sent_first)
        if unit is None or not _plausible_count(ctx, num, unit, qualifier, q_after is not None):
            return None
    start = num.start
    if unit.kind == "percent" and first > 0 and tokens[first - 1].text in data.percent_before:
        start = tokens[first - 1].start  # "yüzde 40": a qualifier stands before "yüzde"
        before = before or qualifier_before(view, start, lang, floor)
        qualifier = qualifier or (before[0] if before else None)
    if unit.detached:
        return num.value, unit, qualifier or "exact", (before[1] if before else start, num.end)
    if unit.last >= unit.first and unit.kind in ("count", "money"):
        last_tok = tokens[unit.last]
        q_unit = qualifier_after(view, last_tok.outer_end, last_tok.text, lang, whole_ending=False)
        if q_unit is not None and qualifier is None:
            qualifier = q_unit[0]  # "500 kişiyi aşkın", "500 bin TL'yi aşkın"
        start = min(start, tokens[unit.first].start) if unit.kind == "count" else start
    if before is not None:
        start = min(start, before[1])
    end = max(num.end, tokens[unit.last].end) if unit.last >= unit.first else num.end
    return num.value, unit, qualifier or "exact", (start, end)


def _nothing_counted_after(ctx: Context, index: int, end: int) -> bool:
    """The number ends its phrase: a verb, punctuation or the sentence end comes next (``150 binden 1 milyon
    150 bine çıktı``)."""
    if index >= end:
        return True
    tok = ctx.tokens[index]
    if not tok.is_word:
        return True
    if ctx.morph.is_verb(tok.text):
        return True
    return ctx.morph.base(tok.text) in ctx.data.not_units


def _plausible_count(
    ctx: Context, num: NumberMatch, unit: Unit, qualifier: str | None, qualified_after: bool
) -> bool:
    """Reject counts of structure (``üç başlık``), short durations, lone ambiguous words and bare years."""
    data = ctx.data
    head = fold_case(unit.unit).split()[-1]
    if head in data.structural:
        return False
    if head in data.duration_adjectives or head in data.durations and num.value < data.duration_threshold:
        return False
    if num.lone_ambiguous and not (ctx.morph.is_noun(head) or ctx.is_title(unit.first)):
        return False
    digits_only = not num.has_words and ctx.view.text[num.start : num.end].isdigit()
    in_year_range = any(low <= num.value <= high for low, high in data.year_like)
    return not (
        digits_only and in_year_range and num.value % 100 and qualifier is None and not qualified_after
    )


def _attachment(
    text: str,
    sentence: tuple[int, int],
    start: int,
    dates: list[DateMention],
    orgs: Sequence[tuple[int, int]] | None,
) -> Attachment:
    """The date and organisation mentions nearest to the figure within its sentence."""
    s_start, s_end = sentence

    def nearest(spans: list[tuple[int, int]]) -> int | None:
        inside = [i for i, (a, b) in enumerate(spans) if a >= s_start and b <= s_end]
        return min(inside, key=lambda i: abs(spans[i][0] - start), default=None)

    d = nearest([(m.start, m.end) for m in dates])
    o = nearest(list(orgs)) if orgs else None
    return Attachment(
        date=dates[d] if d is not None else None,
        org=text[orgs[o][0] : orgs[o][1]] if orgs is not None and o is not None else None,
    )

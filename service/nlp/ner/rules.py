"""The rule/gazetteer component ``hamkar_rules`` and its merge policy with the statistical NER.

Knowledge the model lacks comes from ``data/{lang}_gazetteer.jsonl``; each line is one of

- ``{"label": "ORG", "name": "İŞKUR"}``: a known name or acronym, matched case-sensitively with the
  variants pages use: title case of an acronym (``İşkur``), all caps and ASCII-only spellings of a
  name; Persian names also with ZWNJ written as a space or left out (``حرفه‌ای`` = ``حرفه ای`` = ``حرفهای``).
- ``{"label": "ORG", "head": "Müdürlüğü"}``: a head word that ends a Turkish organisation name, also
  with a case ending written without apostrophe (``Müdürlüğünce``, ``Odasının``). The candidate is
  the longest run of capitalised words (``ve``/``&``/numbers allowed inside) ending in it:
  ``Nene Hatun Kız Mesleki ve Teknik Anadolu Lisesi``; a run is split after a head word followed by
  ``ve`` (``A Odası ve B Lisesi`` is two names). Upper-case and ASCII-only spellings of a head match too. Titles and sentence-opening words at the
  start of the run (``Vali``, ``Bugün``) and a person the model found right after a title are cut off.
  Capitalised words before the head are part of the name even where the model tagged a person or a
  date (``Burdur Mehmet Akif Ersoy Üniversitesi``).
- ``{"label": "ORG", "token_regex": "^[A-ZÇĞİÖŞÜ]*OSB$"}``: a family of acronyms (``ÇOSB``, ``BTSO``).
- ``{"label": "ORG", "generic_plural": "merkez"}``: a Turkish head noun whose plural (``Halk Eğitim
  Merkezleri``, ``meslek liselerinde``) names a class of organisations, not one: an ORG ending in it is
  dropped, whoever found it (the annotation convention of ``corpora/ner-domain`` and of the seeds).
- ``{"label": "ORG", "generic_opening": "هنرستان‌های"}``: the Persian counterpart, a plural (``مراکز``,
  ``هنرستان‌های``) that opens a span naming a class (compared without ZWNJ and spaces).
- ``{"label": "ORG", "prefix": "اداره کل"}``: a Persian organisation head (``اداره کل``, ``سازمان``,
  ``هنرستان``). Persian has no capitals to show where a name ends, so a prefix never creates an
  entity; it only *relabels and joins* what the model found: a model span starting with it becomes
  ORG, and an ORG directly followed by ``استان``/``شهرستان`` + a place takes the place in.

Merge policy (model first, rules second):

1. The model's entities are kept unless a rule span *covers* them: a rule span that contains every
   model entity it overlaps replaces them (joins fragments like ``Milli Eğitim Bakanlığı`` +
   ``Mesleki ve Teknik Eğitim Genel Müdürlüğü`` when a gazetteer name spans both, and corrects the label
   of ``Ankara`` LOC → ``Ankara Ticaret Odası`` ORG). A known name or acronym also overrides the
   model's label on the same span (``ÇOSB`` LOC → ORG, ``Kastamonu Universitesi`` LOC → ORG), except
   where the head word is marked ``"weak": true`` (``Birliği``: ``Sovyetler Birliği`` stays LOC).
2. A rule span that crosses a model entity's boundary loses: the model saw context the rule did not.
3. A rule span that overlaps nothing fills a gap.

Two boundary corrections follow: Turkish ``X Yönetim Kurulu Başkanı`` keeps only ``X`` (the board
belongs to the title); Persian relabels/joins as described above.

Spans that come from rules are recorded in ``doc.spans["hamkar_rules"]`` (serialisable, no custom
attributes), which is how ``EntityMention.source`` is set.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterable
from pathlib import Path

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from service.text.normalize import ZWNJ, normalize

log = logging.getLogger(__name__)

RULES_KEY = "hamkar_rules"
DATA_DIR = Path(__file__).parent / "data"

#: Words that open a capitalised run without being part of the name that follows.
_TR_OPENERS = frozenset(
    """
    bakan vali kaymakam müdür müdürü başkan başkanı başkanvekili sayın prof prof. dr dr. doç doç. öğr öğr.
    gör. uzm. av. müh. genel sekreter rektör dekan koordinatör öğretmen usta milletvekili belediye
    bu bugün dün yarın geçen ayrıca ancak ise de da ve ile için bir her tüm törende programda toplantıda
    """.split()
)
#: Nouns of the events news report, with any case ending (``Toplantıya``, ``Projeye``, ``Protokolü``):
#: capitalised at the start of a sentence, they open a run of capitals without being part of the name.
_TR_EVENT_NOUN = re.compile(
    r"^(?:toplantı|proje|protokol|program|etkinli[kğ]|tören|seminer|çalıştay|buluşma|ziyaret|anlaşma|"
    r"fuar|panel|konferans|zirve|kampanya|kurs|eğitim|söyleşi|organizasyon)"
    r"(?:y?[aeıiuü]|n?[dt][ae]n?|n[ae]|s?[ıiuü]n?[ae]?|l[ae]r[a-zçğıöşü]*)$"  # a case ending, never bare
)
_TR_CONNECTORS = frozenset({"ve", "&", "-"})
#: Function words that end a capitalised run even when written in capitals (``... A.Ş. İLE ...``).
_TR_STOPWORDS = frozenset({"ile", "ve", "veya", "için", "ya", "da", "de", "ki", "ise"})
#: ``ABD'li``, ``İŞKUR'lu``: a derived adjective, not a mention of the name.
_DEMONYM_SUFFIX = re.compile(r"^['’][lL][ıiuüIİUÜ]")
_TR_BOARDS = frozenset({"Yönetim", "Yürütme", "Denetim", "İcra", "Disiplin"})
_TR_BOARD_TITLES = ("başkan", "üye", "sekreter")
_FA_PROVINCE_WORDS = ("استان", "شهرستان")
#: Quotation marks (not the apostrophe, which Turkish writes before case endings: ``Odası’nın``).
_QUOTES = frozenset('"“”«»„')


def load_gazetteer(lang: str, path: Path | None = None) -> list[dict]:
    """The entries of the shipped gazetteer for ``lang`` (see module docstring for the format)."""
    path = path or DATA_DIR / f"{lang}_gazetteer.jsonl"
    entries = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            line = line.strip()
            if line and not line.startswith("#"):
                entries.append(json.loads(line))
    return entries


def _head_regex(forms: list[str]) -> str:
    """A head word with an optional case ending glued on, in the same case (``Odasının``, ``ODASININ``).

    Heads end in the possessive vowel, so a glued case ending starts with the buffer ``n``; this keeps
    other words out (``Kuruluşu`` is not ``Kurulu`` + suffix)."""
    branches = []
    lower = [re.escape(f) for f in forms if not f.isupper()]
    upper = [re.escape(f) for f in forms if f.isupper()]
    if lower:
        branches.append(f"(?:{'|'.join(lower)})(?:n[a-zçğıöşü]{{1,5}})?")
    if upper:
        branches.append(f"(?:{'|'.join(upper)})(?:N[A-ZÇĞİÖŞÜ]{{1,5}})?")
    return f"^(?:{'|'.join(branches)})$"


_ASCII = str.maketrans("çğıöşüÇĞİÖŞÜ", "cgiosuCGIOSU")


def _is_name_word(text: str) -> bool:
    """A word that can be part of a Turkish organisation name: capitalised (not an all-caps function
    word of a headline), or a number (``75. Yıl``)."""
    if text.rstrip(".").isdigit():
        return True
    return text[:1].isupper() and _turkish_lower(text) not in _TR_STOPWORDS


def _ascii_fold(text: str) -> str:
    """``Müdürlüğü`` → ``Mudurlugu``: OCR'd and ASCII-only pages drop the Turkish letters."""
    return text.translate(_ASCII)


def _is_acronym(text: str) -> bool:
    return len(text) >= 2 and text.isupper() and text.isalpha()


def _unspaced(text: str) -> str:
    """Persian compounds are written with a ZWNJ, a space or nothing: compare them without either."""
    return text.replace(ZWNJ, "").replace(" ", "")


def _turkish_lower(text: str) -> str:
    return text.replace("İ", "i").replace("I", "ı").lower()


def _turkish_upper(text: str) -> str:
    return text.replace("i", "İ").replace("ı", "I").upper()


def _turkish_title(text: str) -> str:
    return text[:1] + text[1:].replace("I", "ı").replace("İ", "i").lower()


class RuleComponent:
    """Gazetteer names and organisation head words, merged with the model's entities (module docstring)."""

    def __init__(self, nlp: Language, name: str = RULES_KEY) -> None:
        self.nlp = nlp
        self.name = name
        self.entries: list[dict] = []
        self._compile()

    # -- building ---------------------------------------------------------------------------------
    def add_entries(self, entries: Iterable[dict]) -> None:
        """Add gazetteer entries and recompile the matchers."""
        self.entries.extend(entries)
        self._compile()

    def _compile(self) -> None:
        vocab = self.nlp.vocab
        self.exact = PhraseMatcher(vocab, attr="ORTH")
        self.prefixes: list[tuple[list[str], str]] = []
        token_res: dict[str, list[str]] = {}
        plurals: list[str] = []
        self.generic_openings: set[str] = set()
        heads: dict[tuple[tuple[str, ...], str, bool], set[str]] = {}
        make = self.nlp.make_doc
        for entry in self.entries:
            label = entry["label"]
            if "name" in entry:
                for variant in self._name_variants(entry["name"]):
                    self.exact.add(label, [make(normalize(variant, self.nlp.lang).text)])
            elif "head" in entry:
                for form in {entry["head"], _turkish_upper(entry["head"]), _ascii_fold(entry["head"])}:
                    *fixed, last = form.split()
                    heads.setdefault((tuple(fixed), label, entry.get("weak", False)), set()).add(last)
            elif "token_regex" in entry:
                token_res.setdefault(label, []).append(entry["token_regex"])
            elif "prefix" in entry:
                words = [t.text for t in make(normalize(entry["prefix"], "fa").text)]
                self.prefixes.append((words, label))
            elif "generic_plural" in entry:
                plurals.append(re.escape(_turkish_lower(entry["generic_plural"])))
            elif "generic_opening" in entry:
                self.generic_openings.add(_unspaced(normalize(entry["generic_opening"], "fa").text))
        self.token_res = [
            (re.compile("|".join(f"(?:{rx})" for rx in rxs)), label) for label, rxs in token_res.items()
        ]
        # the plural suffix (-ler/-lar) then possessive and case endings, glued or after an apostrophe
        self.generic_plural = (re.compile(f"^(?:{'|'.join(sorted(plurals))})(?:ler|lar)[a-zçğıöşü]*$")
                               if plurals else None)
        self.heads = [
            (fixed, re.compile(_head_regex(sorted(lasts))), label, weak)
            for (fixed, label, weak), lasts in heads.items()
        ]
        log.debug("%s rules: %d entries, %d head patterns", self.nlp.lang, len(self.entries), len(self.heads))

    def _name_variants(self, name: str) -> set[str]:
        """Spellings matched case-sensitively: a lower-case ``mesleki eğitim merkezi`` is a generic
        mention, not the name, so case is only varied the way pages vary it (title case of acronyms,
        all-caps headlines, ASCII-only text; ZWNJ in Persian)."""
        variants = {name}
        if self.nlp.lang == "tr":
            if name.isupper() and " " not in name:
                variants.add(_turkish_title(name))
            else:
                variants |= {_turkish_upper(name), _ascii_fold(name)}
        if self.nlp.lang == "fa" and ZWNJ in name:
            variants |= {name.replace(ZWNJ, " "), name.replace(ZWNJ, "")}
        return variants

    # -- applying ---------------------------------------------------------------------------------
    def __call__(self, doc: Doc) -> Doc:
        model = list(doc.ents)
        candidates, weak = self._candidates(doc, model)
        entities, from_rules = merge(model, candidates, weak)
        if self.nlp.lang == "fa":
            entities, changed = self._persian_heads(doc, entities)
        else:
            entities, changed = _trim_board_titles(doc, entities)
        from_rules.extend(changed)
        entities = [e for e in (_outside_quotes(e) for e in entities) if e is not None and not self._names_a_class(e)]
        doc.ents = entities
        doc.spans[RULES_KEY] = [s for s in from_rules if s in set(entities)]
        return doc

    def _candidates(self, doc: Doc, model: list[Span]) -> tuple[list[Span], set[tuple[int, int]]]:
        """Non-overlapping rule spans (longest first), and the boundaries of those from weak heads."""
        names = [Span(doc, s, e, label=m) for m, s, e in self.exact(doc)]
        names += [
            Span(doc, t.i, t.i + 1, label=label)
            for t in doc
            for rx, label in self.token_res
            if rx.match(t.text)
        ]
        names = [n for n in names if not (n.end < len(doc) and _DEMONYM_SUFFIX.match(doc[n.end].text))]
        patterns = self._head_runs(doc, model) if self.heads else []
        weak = {(p.start, p.end) for p, is_weak in patterns if is_weak} - {(n.start, n.end) for n in names}
        return filter_spans(names + [p for p, _ in patterns]), weak

    def _head_at(self, doc: Doc, i: int) -> tuple[int, str, bool] | None:
        """``(first token of the head, label, weak)`` when token ``i`` ends an organisation head word."""
        text = doc[i].text
        for fixed, last, label, weak in self.heads:
            if (
                last.match(text)
                and i >= len(fixed)
                and all(doc[i - len(fixed) + k].text == w for k, w in enumerate(fixed))
            ):
                return i - len(fixed), label, weak
        return None

    def _head_runs(self, doc: Doc, model: list[Span]) -> list[tuple[Span, bool]]:
        """The capitalised run ending in each head word (module docstring), one linear scan per head."""
        heads = {i: found for i in range(len(doc)) if (found := self._head_at(doc, i))}
        persons = {i: ent for ent in model if ent.label_ == "PER" for i in range(ent.start, ent.end)}
        spans = []
        for end, (start, label, weak) in heads.items():
            glued, j = 0, start - 1
            while j >= 0:
                if _is_name_word(doc[j].text):
                    start = j
                elif not (
                    _turkish_lower(doc[j].text) in _TR_CONNECTORS
                    and glued < 2
                    and j > 0
                    and _is_name_word(doc[j - 1].text)
                    and j - 1 not in heads  # "A Odası ve B Lisesi" is two names
                    and not self._generic_word(doc[j - 1].text)  # nor is "A Liseleri ve B Lisesi"
                    and not (_is_acronym(doc[j - 1].text) and not doc[end].text.isupper())  # nor "KOSGEB ve B"
                ):
                    break
                else:
                    glued += 1
                j -= 1
            start = self._trim_opening(doc, start, end + 1, persons)
            if end + 1 - start >= 2:
                spans.append((Span(doc, start, end + 1, label=label), weak))
        return spans

    @staticmethod
    def _trim_opening(doc: Doc, start: int, end: int, persons: dict[int, Span]) -> int:
        """Cut titles and sentence openers (and a person right after a title) off a head-word run."""
        titled = False
        while start < end - 1:
            token = doc[start]
            if token.lower_ in _TR_OPENERS or token.is_punct or _TR_EVENT_NOUN.match(_turkish_lower(token.text)):
                titled = True
                start += 1
            elif titled and start in persons:
                start = persons[start].end
            else:
                break
        return start

    def _persian_heads(self, doc: Doc, entities: list[Span]) -> tuple[list[Span], list[Span]]:
        """Relabel model spans that open with an organisation head, and join ``... استان X``."""
        result: list[Span] = []
        changed: list[Span] = []
        for ent in entities:
            label = ent.label_
            words = [t.text for t in ent]
            if label != "ORG" and any(words[: len(p)] == p for p, _ in self.prefixes):
                label = "ORG"
            span = Span(doc, ent.start, ent.end, label=label)
            if (
                result
                and label == "LOC"
                and result[-1].label_ == "ORG"
                and self._province_gap(doc, result[-1], ent)
            ):
                span = Span(doc, result[-1].start, ent.end, label="ORG")
                result.pop()
            if span.label_ != ent.label_ or span.start != ent.start:
                changed.append(span)
            result.append(span)
        return result, changed

    def _generic_word(self, text: str) -> bool:
        """A Turkish plural head noun (``Merkezleri``, ``liselerinde``, ``Okulları'nda``)."""
        word = re.split("['’]", text)[0]
        return self.generic_plural is not None and bool(self.generic_plural.match(_turkish_lower(word)))

    def _names_a_class(self, ent: Span) -> bool:
        """An ORG naming a class of organisations (``generic_plural``, ``generic_opening`` entries)."""
        if ent.label_ != "ORG":
            return False
        last = ent[-1].text
        if len(ent) > 1 and last[:1] in "'’":  # a case ending split off by the tokenizer
            last = ent[-2].text
        if self._generic_word(last):
            return True
        if self.generic_openings:
            opening = _unspaced(ent[0].text)
            two = _unspaced(ent[:2].text)
            return opening in self.generic_openings or two in self.generic_openings
        return False

    @staticmethod
    def _province_gap(doc: Doc, org: Span, loc: Span) -> bool:
        between = doc[org.end : loc.start]
        return len(between) == 1 and between[0].text in _FA_PROVINCE_WORDS

    # -- serialisation ----------------------------------------------------------------------------
    def to_disk(self, path: Path, *, exclude: Iterable[str] = ()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        with (path / "gazetteer.jsonl").open("w", encoding="utf-8") as handle:
            for entry in self.entries:
                handle.write(json.dumps(entry, ensure_ascii=False) + "\n")

    def from_disk(self, path: Path, *, exclude: Iterable[str] = ()) -> RuleComponent:
        self.entries = load_gazetteer(self.nlp.lang, Path(path) / "gazetteer.jsonl")
        self._compile()
        return self


def _outside_quotes(ent: Span) -> Span | None:
    """A name does not run across quotation marks: ``“... Güçlenecek” Toplantıda`` is a title and a word,
    ``"Genç Girişimci Buluşması"na KOSGEB Batman Müdürlüğü`` an event then the name. Quote tokens at the
    edges are cut off; a span with a quote inside keeps what follows the last one, if that can be a
    name (two words or more, or an acronym), else it goes."""
    start, end = ent.start, ent.end
    doc = ent.doc
    while start < end and doc[start].text in _QUOTES:
        start += 1
    while end > start and doc[end - 1].text in _QUOTES:
        end -= 1
    inside = [i for i in range(start, end) if any(q in doc[i].text for q in _QUOTES)]
    if inside:
        start = inside[-1] + 1
        rest = doc[start:end]
        if not (len(rest) >= 2 or (len(rest) == 1 and rest[0].text.isupper() and len(rest[0].text) >= 2)):
            return None
    if (start, end) == (ent.start, ent.end):
        return ent
    return Span(doc, start, end, label=ent.label_) if end > start else None


def _trim_board_titles(doc: Doc, entities: list[Span]) -> tuple[list[Span], list[Span]]:
    """``BTSO Yönetim Kurulu Başkanı``: the board belongs to the title, the ORG is ``BTSO``."""
    result, changed = [], []
    for ent in entities:
        tail = [t.text for t in ent[-2:]]
        following = doc[ent.end].lower_ if ent.end < len(doc) else ""
        if (
            ent.label_ == "ORG"
            and len(ent) > 2
            and tail[0] in _TR_BOARDS
            and tail[1] == "Kurulu"
            and following.startswith(_TR_BOARD_TITLES)
        ):
            ent = Span(doc, ent.start, ent.end - 2, label="ORG")
            changed.append(ent)
        result.append(ent)
    return result, changed


def merge(
    model: list[Span], candidates: list[Span], keep_model_label: set[tuple[int, int]] = frozenset()
) -> tuple[list[Span], list[Span]]:
    """Apply the merge policy of the module docstring; return (entities, spans that came from rules).

    Candidates whose ``(start, end)`` is in ``keep_model_label`` (weak head words) do not relabel a
    span the model found with exactly these boundaries.
    """
    entities = list(model)
    from_rules: list[Span] = []
    for rule in candidates:
        overlapping = [e for e in entities if e.start < rule.end and rule.start < e.end]
        if any(e.start < rule.start or e.end > rule.end for e in overlapping):
            continue
        if [(e.start, e.end) for e in overlapping] == [(rule.start, rule.end)] and (
            overlapping[0].label_ == rule.label_ or (rule.start, rule.end) in keep_model_label
        ):
            continue
        entities = [e for e in entities if e not in overlapping]
        entities.append(rule)
        from_rules.append(rule)
    entities.sort(key=lambda s: s.start)
    return entities, from_rules


@Language.factory(RULES_KEY, default_config={})
def make_rule_component(nlp: Language, name: str) -> RuleComponent:
    """spaCy factory; ``load_model`` imports this module so saved pipelines find it."""
    return RuleComponent(nlp, name)

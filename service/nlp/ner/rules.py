"""The rule/gazetteer component ``hamkar_rules`` and its merge policy with the statistical NER.

Knowledge the model lacks comes from ``data/{lang}_gazetteer.jsonl``; each line is one of

- ``{"label": "ORG", "name": "İŞKUR"}``: a known name or acronym. All-caps single tokens match case
  sensitively (plus their title-case form, ``İşkur``); other names match case-insensitively. Persian
  names also match with ZWNJ written as a space or left out (``حرفه‌ای`` = ``حرفه ای`` = ``حرفهای``).
- ``{"label": "ORG", "head": "Müdürlüğü"}``: a head word that ends a Turkish organisation name, also
  with a case ending written without apostrophe (``Müdürlüğünce``, ``Odasının``). The candidate is
  the longest run of capitalised words (``ve``/``&``/numbers allowed inside) ending in it:
  ``Nene Hatun Kız Mesleki ve Teknik Anadolu Lisesi``; a run is split after a head word followed by
  ``ve`` (``A Odası ve B Lisesi`` is two names). Upper-case and ASCII-only spellings of a head match too. Titles and sentence-opening words at the
  start of the run (``Vali``, ``Bugün``) and a person the model found right after a title are cut off.
- ``{"label": "ORG", "prefix": "اداره کل"}``: a Persian organisation head (``اداره کل``, ``سازمان``,
  ``هنرستان``). Persian has no capitals to show where a name ends, so a prefix never creates an
  entity; it only *relabels and joins* what the model found: a model span starting with it becomes
  ORG, and an ORG directly followed by ``استان``/``شهرستان`` + a place takes the place in.

Merge policy (model first, rules second):

1. The model's entities are kept unless a rule span *covers* them: a rule span that contains every
   model entity it overlaps replaces them (joins fragments like ``Milli Eğitim Bakanlığı`` +
   ``Mesleki ve Teknik Eğitim Genel Müdürlüğü`` when a gazetteer name spans both, and corrects the label
   of ``Ankara`` LOC → ``Ankara Ticaret Odası`` ORG).
2. A rule span that crosses a model entity's boundary loses: the model saw context the rule did not.
3. A rule span that overlaps nothing fills a gap.

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
from spacy.matcher import Matcher, PhraseMatcher
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
_TR_CONNECTORS = ["ve", "&", "-"]
_FA_PROVINCE_WORDS = ("استان", "شهرستان")


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
    """A head word with an optional case ending glued on (lower case, or upper case after upper)."""
    lower = "|".join(re.escape(f) for f in forms if not f.isupper())
    upper = "|".join(re.escape(f) for f in forms if f.isupper())
    return rf"^(?:(?:{lower})[a-zçğıöşü]{{0,7}}|(?:{upper})[A-ZÇĞİÖŞÜ]{{0,7}})$"


_ASCII = str.maketrans("çğıöşüÇĞİÖŞÜ", "cgiosuCGIOSU")


def _ascii_fold(text: str) -> str:
    """``Müdürlüğü`` → ``Mudurlugu``: OCR'd and ASCII-only pages drop the Turkish letters."""
    return text.translate(_ASCII)


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
        self.folded = PhraseMatcher(vocab, attr="LOWER")
        self.heads = Matcher(vocab)
        self.prefixes: list[tuple[list[str], str]] = []
        heads: dict[str, list[str]] = {}
        make = self.nlp.make_doc
        for entry in self.entries:
            label = entry["label"]
            if "name" in entry:
                for variant in self._name_variants(entry["name"]):
                    doc = make(normalize(variant, self.nlp.lang).text)
                    single_acronym = len(doc) == 1 and variant.isupper()
                    matcher = self.exact if single_acronym or self.nlp.lang == "fa" else self.folded
                    matcher.add(label, [doc])
            elif "head" in entry:
                head = entry["head"]
                heads.setdefault(label, []).extend({head, _turkish_upper(head), _ascii_fold(head)})
            elif "prefix" in entry:
                words = [t.text for t in make(normalize(entry["prefix"], "fa").text)]
                self.prefixes.append((words, label))
        self.head_re = re.compile(_head_regex([f.split()[-1] for forms in heads.values() for f in forms]))
        for label, forms in heads.items():
            single = [f for f in forms if " " not in f]
            patterns = [self._head_pattern([], single)] if single else []
            patterns += [self._head_pattern(f.split()[:-1], [f.split()[-1]]) for f in forms if " " in f]
            self.heads.add(label, patterns)

    def _name_variants(self, name: str) -> set[str]:
        variants = {name}
        if self.nlp.lang == "tr" and name.isupper() and " " not in name:
            variants.add(_turkish_title(name))
        if self.nlp.lang == "fa" and ZWNJ in name:
            variants |= {name.replace(ZWNJ, " "), name.replace(ZWNJ, "")}
        return variants

    @staticmethod
    def _head_pattern(fixed: list[str], last: list[str]) -> list[dict]:
        """Capitalised run, then the fixed words of a multi-word head, then the (inflectable) head word."""
        word = {"TEXT": {"REGEX": r"^(?:[A-ZÇĞİÖŞÜÂÎÛ]|\d+\.?$)"}}
        glue = {"LOWER": {"IN": _TR_CONNECTORS}, "OP": "?"}
        body = [{**word, "OP": "+"}, glue, {**word, "OP": "*"}, glue, {**word, "OP": "*"}]
        return [*body, *({"ORTH": w} for w in fixed), {"TEXT": {"REGEX": _head_regex(last)}}]

    # -- applying ---------------------------------------------------------------------------------
    def __call__(self, doc: Doc) -> Doc:
        model = list(doc.ents)
        candidates = self._candidates(doc, model)
        entities, from_rules = merge(model, candidates)
        if self.nlp.lang == "fa":
            entities, joined = self._persian_heads(doc, entities)
            from_rules.extend(joined)
        doc.ents = entities
        doc.spans[RULES_KEY] = [s for s in from_rules if s in set(entities)]
        return doc

    def _candidates(self, doc: Doc, model: list[Span]) -> list[Span]:
        spans = [Span(doc, s, e, label=m) for m, s, e in self.exact(doc)]
        spans += [Span(doc, s, e, label=m) for m, s, e in self.folded(doc)]
        if len(self.heads):
            persons = {i: ent for ent in model if ent.label_ == "PER" for i in range(ent.start, ent.end)}
            for match_id, start, end in self.heads(doc):
                for seg_start, seg_end in self._split_at_heads(doc, start, end):
                    seg_start = self._trim_opening(doc, seg_start, seg_end, persons)
                    if seg_end - seg_start >= 2:
                        spans.append(Span(doc, seg_start, seg_end, label=match_id))
        return filter_spans(spans)

    def _split_at_heads(self, doc: Doc, start: int, end: int) -> list[tuple[int, int]]:
        """Split a run where a head word is followed by a connector: ``A Odası ve B Lisesi`` is two names."""
        segments = []
        for i in range(start, end - 1):
            if self.head_re.match(doc[i].text) and doc[i + 1].lower_ in _TR_CONNECTORS:
                segments.append((start, i + 1))
                start = i + 2
        segments.append((start, end))
        return segments

    @staticmethod
    def _trim_opening(doc: Doc, start: int, end: int, persons: dict[int, Span]) -> int:
        """Cut titles and sentence openers (and a person right after a title) off a head-word run."""
        titled = False
        while start < end - 1:
            token = doc[start]
            if token.lower_ in _TR_OPENERS or token.is_punct:
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


def merge(model: list[Span], candidates: list[Span]) -> tuple[list[Span], list[Span]]:
    """Apply the merge policy of the module docstring; return (entities, spans that came from rules)."""
    entities = list(model)
    from_rules: list[Span] = []
    for rule in candidates:
        overlapping = [e for e in entities if e.start < rule.end and rule.start < e.end]
        if any(e.start < rule.start or e.end > rule.end for e in overlapping):
            continue
        if len(overlapping) == 1 and (overlapping[0].start, overlapping[0].end, overlapping[0].label_) == (
            rule.start,
            rule.end,
            rule.label_,
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

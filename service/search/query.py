"""User queries → FTS5 match expressions.

Syntax: words (all must match), ``"a phrase"``, ``OR``, ``NOT word`` or ``-word``, ``prefix*``.
Words are analysed like the index (:mod:`service.search.analyzer`) and match by stem prefix, so
``belediye`` finds ``Belediyesi'nin`` and ``kursiyer`` finds ``kursiyerlere``; phrases match exactly.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from service.search.analyzer import PERSIAN_PREFIXES, PERSIAN_SUFFIXES, query_stem, tokens
from service.text import normalize

_LEXEME = re.compile(r'"([^"]*)"|(\S+)')
_SUFFIX = re.compile(r"(?<=[\u0600-\u06ff])\s+(" + "|".join(sorted(PERSIAN_SUFFIXES, key=len, reverse=True)) + r")(?=\s|$)")
_PREFIX = re.compile(r"(?:^|(?<=\s))(" + "|".join(PERSIAN_PREFIXES) + r")\s+(?=[\u0600-\u06ff])")


def _join_persian(text: str) -> str:
    """Join Persian bound morphemes typed apart (``حرفه ای``) as the index does."""
    text = normalize(text, "fa").text.replace("\u200c", "")
    return _PREFIX.sub(r"\1", _SUFFIX.sub(r"\1", text))


class QueryError(ValueError):
    """The query has no searchable word."""


@dataclass(frozen=True)
class Term:
    """One word (matched by prefix) or a phrase of analysed tokens (matched exactly)."""

    tokens: tuple[str, ...]
    prefix: bool


@dataclass
class ParsedQuery:
    """AND of OR-groups, minus the excluded terms; ``highlight`` lists the positive tokens/stems."""

    must: list[list[Term]] = field(default_factory=list)
    must_not: list[Term] = field(default_factory=list)
    highlight: list[str] = field(default_factory=list)

    def fts5(self) -> str:
        """The SQLite FTS5 MATCH expression."""
        def term(t: Term) -> str:
            quoted = '"' + " ".join(t.tokens).replace('"', '""') + '"'
            return quoted + ("*" if t.prefix else "")

        groups = [term(g[0]) if len(g) == 1 else "(" + " OR ".join(term(t) for t in g) + ")" for g in self.must]
        expression = " AND ".join(groups)
        for t in self.must_not:
            expression += f" NOT {term(t)}"
        return expression

    def tsquery(self) -> str:
        """The PostgreSQL ``to_tsquery('simple', ...)`` expression."""
        def lexeme(token: str, prefix: bool) -> str:
            return "'" + token.replace("'", "''").replace("\\", "") + "'" + (":*" if prefix else "")

        def term(t: Term) -> str:
            if len(t.tokens) == 1:
                return lexeme(t.tokens[0], t.prefix)
            return "(" + " <-> ".join(lexeme(tok, False) for tok in t.tokens) + ")"

        groups = [term(g[0]) if len(g) == 1 else "(" + " | ".join(term(t) for t in g) + ")" for g in self.must]
        return " & ".join(groups + [f"!{term(t)}" for t in self.must_not])


def _term(raw: str, phrase: bool, lang: str | None) -> Term | None:
    prefix = raw.endswith("*") and not phrase
    words = tokens(raw.rstrip("*"), lang)
    if not words:
        return None
    if phrase or len(words) > 1:  # "Odası'nın" → odasi nin: a phrase of its tokens
        return Term(tuple(words), False)
    return Term((words[0] if prefix else query_stem(words[0], lang),), True)


def parse_query(text: str, lang: str | None = None) -> ParsedQuery:
    """Parse ``text``; raise :class:`QueryError` when nothing searchable remains."""
    query = ParsedQuery()
    pending_or = False
    negate = False
    for match in _LEXEME.finditer(_join_persian(text)):
        phrase, raw = match.group(1), match.group(2)
        if raw in ("OR", "AND", "NOT"):
            pending_or = raw == "OR" and bool(query.must)
            negate = raw == "NOT"
            continue
        if raw and raw.startswith("-") and len(raw) > 1:
            negate, raw = True, raw[1:]
        term = _term(phrase if phrase is not None else raw, phrase is not None, lang)
        if term is None:
            negate = pending_or = False
            continue
        if negate:
            query.must_not.append(term)
        elif pending_or:
            query.must[-1].append(term)
            query.highlight.extend(term.tokens)
        else:
            query.must.append([term])
            query.highlight.extend(term.tokens)
        negate = pending_or = False
    if not query.must:
        raise QueryError("the query has no searchable word (a query cannot only exclude)")
    return query

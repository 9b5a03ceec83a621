"""The web UI: server-rendered pages (Jinja2) over the same services as the API.

Nothing is loaded from elsewhere: the CSS and JavaScript are in ``static/``, charts and the collaboration
graph are SVG drawn by ``static/hamkar.js``. Interface strings (Turkish, Persian, English) live in
``templates/i18n.json``; the interface language comes from ``?ui=tr|fa|en`` (remembered in a cookie),
else the browser's Accept-Language. Every page is sent with a Content-Security-Policy that allows only
this site's own scripts, so text from a crawled page can never run, even if an escape were missed.

Pages: ``/`` (search with facets and exports), ``/ui/documents/{id}`` (text with entities, dates and
figures highlighted), ``/ui/organizations`` and ``/ui/organizations/{id}`` (aliases, events, partners,
graph, figure timeline), ``/ui/events`` and ``/ui/graph``.
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlencode, urlsplit

from fastapi import APIRouter, Depends, FastAPI, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from markupsafe import Markup, escape
from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from service import __version__
from service.api.deps import get_session
from service.kb import queries
from service.search.query import QueryError
from service.search.service import SearchFilters, search
from service.store.models import Document, Event, EventEvidence, EventParticipant, Organization
from service.store.paging import paginate

HERE = Path(__file__).resolve().parent
TEMPLATES_DIR = HERE / "templates"
STATIC_DIR = HERE / "static"
STATIC_URL = "/ui/static"
UI_LANGS = ("tr", "fa", "en")
DEFAULT_UI = "en"
COOKIE = "hamkar_ui"
RTL_LANGS = {"fa", "ar", "ur", "ps", "ckb"}
PAGE_SIZE = 20
EVENTS_PAGE = 25
EVIDENCE_SHOWN = 2  # evidence quotes per event card (the card links to every document)
ORGS_PAGE = 60
EVENT_TYPES = ("meeting", "protocol", "project", "training", "funding", "other")
ENTITY_ORDER = ("ORG", "PER", "LOC")
NUMERIC_LABELS = frozenset({"DATE", "TIME", "MONEY", "PERCENT", "CARDINAL", "QUANTITY"})  # the NER's own dates and amounts
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
       "font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")

router = APIRouter(include_in_schema=False)
templates = Jinja2Templates(directory=str(TEMPLATES_DIR))
SessionDep = Annotated[Session, Depends(get_session)]


def install(app: FastAPI) -> None:
    """Add the UI's pages and its static files to ``app``."""
    app.include_router(router)
    app.mount(STATIC_URL, StaticFiles(directory=str(STATIC_DIR)), name="ui-static")


# -- interface language -------------------------------------------------------------------------


@cache
def strings() -> dict[str, dict[str, str]]:
    data = json.loads((TEMPLATES_DIR / "i18n.json").read_text(encoding="utf-8"))
    return {k: v for k, v in data.items() if not k.startswith("_")}


class Translator:
    """``t("key", n=3)``: the string in the interface language (English, then the key, as fallbacks)."""

    def __init__(self, lang: str) -> None:
        self.lang = lang

    def __call__(self, key: str, **values: Any) -> str:
        entry = strings().get(key)
        text = (entry.get(self.lang) or entry.get("en") or key) if entry else key
        if values:
            text = text.format(**{k: self.number(v) if isinstance(v, int | float) else v for k, v in values.items()})
        return text

    def opt(self, prefix: str, value: Any) -> str:
        """A translated enumeration value (``type_protocol``), else the value itself."""
        key = f"{prefix}_{value}"
        return self(key) if key in strings() else str(value)

    def number(self, value: float | int | None) -> str:
        """Thousands separators in the interface's convention (and Persian digits for fa)."""
        if value is None:
            return ""
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        text = f"{value:,}" if isinstance(value, int) else f"{value:,.2f}".rstrip("0").rstrip(".")
        if self.lang == "tr":
            return text.translate(str.maketrans({",": ".", ".": ","}))
        if self.lang == "fa":
            return text.translate(str.maketrans("0123456789,.", "۰۱۲۳۴۵۶۷۸۹٬٫"))
        return text


def ui_language(request: Request) -> tuple[str, bool]:
    """The interface language and whether it was chosen just now (so the cookie is set)."""
    chosen = request.query_params.get("ui")
    if chosen in UI_LANGS:
        return chosen, True
    remembered = request.cookies.get(COOKIE)
    if remembered in UI_LANGS:
        return remembered, False
    for part in request.headers.get("accept-language", "").split(","):
        code = part.split(";")[0].strip().lower()[:2]
        if code in UI_LANGS:
            return code, False
    return DEFAULT_UI, False


def text_dir(lang: str | None) -> str:
    return "rtl" if lang in RTL_LANGS else "ltr"


@cache
def _static_version() -> str:
    stamps = [int(p.stat().st_mtime) for p in STATIC_DIR.iterdir() if p.is_file()]
    return f"{__version__}-{max(stamps, default=0)}"


def static_url(name: str) -> str:
    return f"{STATIC_URL}/{name}?v={_static_version()}"


def url(path: str, params: Mapping[str, Any] | Iterable[tuple[str, Any]] = ()) -> str:
    """``path?query`` with empty values left out."""
    items = params.items() if isinstance(params, Mapping) else params
    query = urlencode([(k, v) for k, v in items if v is not None and v != ""])
    return f"{path}?{query}" if query else path


def render(request: Request, template: str, context: dict[str, Any], status: int = 200) -> Response:
    lang, chosen = ui_language(request)
    switch = {code: url(request.url.path, [*((k, v) for k, v in request.query_params.multi_items() if k != "ui"),
                                           ("ui", code)]) for code in UI_LANGS}
    base = {
        "ui": lang, "ui_dir": text_dir(lang), "t": Translator(lang), "ui_langs": UI_LANGS, "switch": switch,
        "static": static_url, "text_dir": text_dir, "url": url, "path": request.url.path,
    }
    response = templates.TemplateResponse(request, template, base | context, status_code=status)
    if chosen:
        response.set_cookie(COOKIE, lang, max_age=365 * 24 * 3600, samesite="lax")
    response.headers["Content-Security-Policy"] = CSP
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "same-origin"
    return response


def not_found(request: Request, message_key: str, number: int) -> Response:
    return render(request, "error.html", {"title_key": "not_found", "message_key": message_key, "number": number},
                  status=404)


# -- filters shared by the search page and the exports ---------------------------------------------

FILTER_KEYS = ("lang", "date_from", "date_to", "date_field", "org", "person", "location", "event_type", "story",
               "unit", "value_min", "value_max")


@dataclass
class ParsedFilters:
    filters: SearchFilters
    active: dict[str, str]  # the valid filters as they appear in the URL
    invalid: list[str] = field(default_factory=list)


def parse_filters(params: Mapping[str, str], keys: Iterable[str] = FILTER_KEYS) -> ParsedFilters:
    """The filters of a page's query string; an invalid value is dropped (and reported), never a 422."""
    values: dict[str, Any] = {}
    active: dict[str, str] = {}
    invalid: list[str] = []
    for key in keys:
        raw = (params.get(key) or "").strip()
        if not raw:
            continue
        try:
            if key in ("date_from", "date_to"):
                value: Any = date.fromisoformat(raw)
            elif key in ("org", "story"):
                value = int(raw)
            elif key in ("value_min", "value_max"):
                value = float(raw)
            elif key == "date_field":
                if raw not in ("published", "event"):
                    raise ValueError(raw)
                value = raw
            elif key == "lang":
                if raw not in ("tr", "fa"):
                    raise ValueError(raw)
                value = raw
            elif key == "event_type":
                if raw not in EVENT_TYPES:
                    raise ValueError(raw)
                value = raw
            else:
                value = raw[:200]
        except ValueError:
            invalid.append(key)
            continue
        values[key] = value
        active[key] = raw
    if "date_field" in active and not ({"date_from", "date_to"} & set(active)):
        active.pop("date_field")
    return ParsedFilters(SearchFilters(**values), active, invalid)


class Links:
    """URLs of the current page with a filter added or removed (the cursor is always dropped)."""

    def __init__(self, path: str, params: dict[str, str]) -> None:
        self.path = path
        self.params = params

    def add(self, drop: Iterable[str] = (), **changes: Any) -> str:
        kept = {k: v for k, v in self.params.items() if k not in set(drop)}
        return url(self.path, {**kept, **{k: str(v) for k, v in changes.items()}})

    def remove(self, *keys: str) -> str:
        kept = {k: v for k, v in self.params.items() if k not in set(keys)}
        if not {"date_from", "date_to"} & set(kept):
            kept.pop("date_field", None)  # no date left: which date it was goes too
        return url(self.path, kept)

    def clear(self, keep: Iterable[str] = ("q",)) -> str:
        return url(self.path, {k: v for k, v in self.params.items() if k in set(keep)})


@dataclass
class Chip:
    key: str
    label: str
    value: str
    remove: str
    lang: str | None = None


def filter_chips(session: Session, active: dict[str, str], links: Links, t: Translator) -> list[Chip]:
    chips: list[Chip] = []
    on_event = active.get("date_field") == "event"
    for key, raw in active.items():
        if key == "date_field":
            continue
        value, lang = raw, None
        if key == "lang":
            label, value = t("facet_lang"), t.opt("lang", raw)
        elif key == "org":
            org = session.get(Organization, int(raw))
            label, value = t("facet_org"), org.name if org else f"#{raw}"
            lang = org.lang if org else None
        elif key == "event_type":
            label, value = t("facet_event_type"), t.opt("type", raw)
        elif key in ("date_from", "date_to"):
            label = t(key) + (f" ({t('date_field_event')})" if on_event else "")
        elif key == "story":
            label, value = t("facet_story"), f"#{raw}"
        elif key == "value_min":
            label, value = t("facet_value"), f"≥ {raw}"
        elif key == "value_max":
            label, value = t("facet_value"), f"≤ {raw}"
        else:
            label = t(f"facet_{key}")
        chips.append(Chip(key, label, value, links.remove(key), lang))
    return chips


# -- search page ---------------------------------------------------------------------------------

FACETS = ("lang", "year", "event_type", "org", "person", "location", "unit")


@dataclass
class FacetEntry:
    label: str
    count: int
    href: str
    selected: bool
    lang: str | None = None


def facet_entries(name: str, values: list[dict], active: dict[str, str], links: Links, t: Translator,
                  org_langs: dict[int, str]) -> list[FacetEntry]:
    entries = []
    for item in values:
        value, count = item["value"], item["count"]
        lang = None
        if name == "year":
            start, end = f"{value}-01-01", f"{value}-12-31"
            selected = active.get("date_from") == start and active.get("date_to") == end
            # a year is of publication (what the facet counts), whatever date kind was chosen before
            href = (links.remove("date_from", "date_to") if selected
                    else links.add(drop=("date_field",), date_from=start, date_to=end))
            label = str(value)
        else:
            key = name
            selected = active.get(key) == str(value)
            href = links.remove(key) if selected else links.add(**{key: value})
            if name == "lang":
                label = t.opt("lang", value)
            elif name == "event_type":
                label = t.opt("type", value)
            elif name == "org":
                label, lang = item.get("label") or str(value), org_langs.get(value)
            else:
                label = str(value)
        entries.append(FacetEntry(label, count, href, selected, lang))
    return entries


@router.get("/", response_class=HTMLResponse)
def search_page(request: Request, session: SessionDep) -> Response:
    params = request.query_params
    q = (params.get("q") or "").strip()[:500]
    parsed = parse_filters(params)
    state = {"q": q, **parsed.active}
    links = Links("/", state)
    lang, _ = ui_language(request)
    t = Translator(lang)
    cursor = params.get("cursor") or None
    try:
        page_number = max(1, int(params.get("p") or 1))
    except ValueError:
        page_number = 1
    error = None
    result = None
    try:
        result = search(session, q or None, parsed.filters, limit=PAGE_SIZE, cursor=cursor, facets=True)
    except QueryError as exc:
        error = f"{t('query_error')}: {exc}"
    except ValueError as exc:
        if not cursor:
            raise
        # the query parsed, so the cursor is what is wrong (edited or stale): start again at page one
        cursor, page_number = None, 1
        result = search(session, q or None, parsed.filters, limit=PAGE_SIZE, facets=True)
        error = f"{t('bad_parameter')}: cursor ({exc})"
    facets: dict[str, list[FacetEntry]] = {}
    if result is not None:
        org_ids = [v["value"] for v in result.facets.get("org", [])]
        org_langs = dict(session.execute(select(Organization.id, Organization.lang).where(Organization.id.in_(org_ids))).all())
        facets = {name: facet_entries(name, result.facets.get(name, []), parsed.active, links, t, org_langs)
                  for name in FACETS}
    export_params = {k: v for k, v in state.items() if v}
    exports = {
        "documents": {fmt: url("/export/documents", {**export_params, "format": fmt}) for fmt in ("csv", "ndjson", "ftm")},
        "events": {fmt: url("/export/events", {**{k: v for k, v in parsed.active.items()
                                                   if k in ("lang", "org", "event_type", "date_from", "date_to")},
                                                "format": fmt}) for fmt in ("csv", "ndjson", "ftm")},
    }
    next_url = None
    if result is not None and result.next_cursor:
        next_url = url("/", {**state, "cursor": result.next_cursor, "p": page_number + 1})
    context = {
        "q": q, "result": result, "error": error, "invalid": parsed.invalid, "facets": facets,
        "facet_names": FACETS, "chips": filter_chips(session, parsed.active, links, t), "links": links,
        "active": parsed.active, "exports": exports, "next_url": next_url,
        "first_url": url("/", state) if cursor else None, "page_number": page_number,
    }
    return render(request, "search.html", context)


# -- document page -------------------------------------------------------------------------------


@dataclass(order=True)
class Span:
    """One highlighted stretch of a document's text; ``container`` spans (an evidence sentence) may hold
    others, annotation spans never overlap each other."""

    start: int
    end: int
    kind: str = field(compare=False)  # ent, date, fig, hl
    css: str = field(compare=False)
    title: str = field(compare=False, default="")
    href: str | None = field(compare=False, default=None)
    anchor: str | None = field(compare=False, default=None)
    data: dict[str, str] = field(compare=False, default_factory=dict)
    container: bool = field(compare=False, default=False)
    rank: int = field(compare=False, default=0)  # where spans overlap, the lower rank wins


def choose_spans(spans: Iterable[Span], length: int) -> tuple[list[Span], list[Span]]:
    """Containers (non-overlapping, first wins) and annotations. Annotations are taken by rank, then
    start, longest first; one overlapping an already taken annotation (an inner or crossing overlap) or
    straddling a container's edge is skipped."""
    containers: list[Span] = []
    for span in sorted((s for s in spans if s.container), key=lambda s: (s.start, -s.end)):
        if 0 <= span.start < span.end <= length and all(span.start >= c.end or span.end <= c.start for c in containers):
            containers.append(span)
    chosen: list[Span] = []
    for span in sorted((s for s in spans if not s.container), key=lambda s: (s.rank, s.start, -(s.end - s.start))):
        if not (0 <= span.start < span.end <= length):
            continue
        if any(span.start < c.end and c.start < span.end for c in chosen):
            continue
        if any(span.start < c.start < span.end or span.start < c.end < span.end for c in containers):
            continue
        chosen.append(span)
    return containers, sorted(chosen)


def _open_tag(span: Span) -> str:
    attrs = {"class": span.css}
    if span.anchor:
        attrs["id"] = span.anchor
    if span.title:
        attrs["title"] = span.title
    attrs.update({f"data-{k}": v for k, v in span.data.items()})
    rendered = " ".join(f'{k}="{escape(v)}"' for k, v in attrs.items())
    tag = "mark" if span.container else "span"
    opening = f"<{tag} {rendered}>"
    if span.href:
        opening += f'<a href="{escape(span.href)}">'
    return opening


def _close_tag(span: Span) -> str:
    return ("</a>" if span.href else "") + ("</mark>" if span.container else "</span>")


def annotate(text: str, spans: Iterable[Span], page_starts: Iterable[int] = (),
             page_label: Callable[[int], str] = str) -> Markup:
    """The document's text as HTML paragraphs with the spans as elements; every text piece is escaped.

    Newlines outside any span become paragraph breaks, PDF page starts become page markers."""
    containers, chosen = choose_spans(spans, len(text))
    boundaries: dict[int, list[tuple[int, str, Any]]] = defaultdict(list)
    # at one offset: close annotation, close container, page marker, open container, open annotation
    for span in containers:
        boundaries[span.start].append((3, "open", span))
        boundaries[span.end].append((1, "close", span))
    for span in chosen:
        boundaries[span.start].append((4, "open", span))
        boundaries[span.end].append((0, "close", span))
    for number, start in enumerate(page_starts, start=1):
        if 0 <= start < len(text):
            boundaries[start].append((2, "page", number))
    out: list[str] = ["<p>"]
    depth = 0

    def plain(a: int, b: int) -> None:
        lines = text[a:b].split("\n")
        out.append(str(escape(lines[0])))
        for line in lines[1:]:
            out.append("<br>" if depth else "</p><p>")
            out.append(str(escape(line)))

    position = 0
    for offset in sorted(boundaries):
        plain(position, offset)
        for _, action, item in sorted(boundaries[offset], key=lambda entry: entry[0]):
            if action == "open":
                out.append(_open_tag(item))
                depth += 1
            elif action == "close":
                out.append(_close_tag(item))
                depth -= 1
            elif depth == 0:  # a page that starts inside a highlighted span gets no marker
                out.append(f'</p><div class="page-marker" role="separator">{escape(page_label(item))}</div><p>')
        position = offset
    plain(position, len(text))
    out.append("</p>")
    return Markup("".join(out).replace("<p></p>", ""))


def _highlight_param(raw: str | None, length: int) -> tuple[int, int] | None:
    match = re.fullmatch(r"(\d{1,9})-(\d{1,9})", raw or "")
    if not match:
        return None
    start, end = int(match.group(1)), int(match.group(2))
    return (start, end) if 0 <= start < end <= length else None


@router.get("/ui/documents/{document_id}", response_class=HTMLResponse)
def document_page(document_id: int, request: Request, session: SessionDep) -> Response:
    document = session.get(Document, document_id, options=[
        selectinload(Document.sources), selectinload(Document.entities), selectinload(Document.dates),
        selectinload(Document.figures)])
    if document is None:
        return not_found(request, "not_found_doc", document_id)
    t = Translator(ui_language(request)[0])
    orgs = queries.survivors(session, [m.organization_id for m in document.entities if m.organization_id])
    spans: list[Span] = []
    for mention in document.entities:
        org = orgs.get(mention.organization_id) if mention.organization_id else None
        title = f"{t.opt('label', mention.label)}: {org.name if org else mention.normalized}"
        if mention.resolution_score is not None and mention.resolution_reason:
            title += f" ({mention.resolution_reason})"
        spans.append(Span(mention.start, mention.end, "ent", f"ent ent-{mention.label.lower()}", title,
                          href=f"/ui/organizations/{org.id}" if org else None, anchor=f"e{mention.id}",
                          data={"label": mention.label, **({"org": str(org.id)} if org else {})},
                          rank=2 if mention.label in NUMERIC_LABELS else 0))
    for mention in document.dates:
        period = mention.iso_start.isoformat() + ("" if mention.iso_end == mention.iso_start else f" – {mention.iso_end.isoformat()}")
        spans.append(Span(mention.start, mention.end, "date", "date", f"{t('label_DATE')}: {period} · {t.opt('calendar', mention.calendar)}",
                          anchor=f"d{mention.id}", data={"label": "DATE", "iso": mention.iso_start.isoformat()}, rank=1))
    for figure in document.figures:
        title = f"{t('label_FIGURE')}: {t.number(figure.value)} {figure.unit or ''}".rstrip()
        if figure.qualifier and figure.qualifier != "exact":
            title += f" ({t.opt('qualifier', figure.qualifier)})"
        spans.append(Span(figure.start, figure.end, "fig", "fig", title, anchor=f"f{figure.id}",
                          data={"label": "FIGURE", "value": repr(figure.value)}, rank=1))
    highlight = _highlight_param(request.query_params.get("hl"), len(document.text))
    if highlight:
        spans.append(Span(*highlight, kind="hl", css="evidence", anchor="hl", container=True))
    page_starts = [start for start, _ in document.pages] if document.pages and len(document.pages) > 1 else []
    text_html = annotate(document.text, spans, page_starts, lambda n: t("doc_page", n=n))

    entity_groups: dict[str, Counter] = defaultdict(Counter)
    entity_links: dict[tuple[str, str], Organization | None] = {}
    first_anchor: dict[tuple[str, str], str] = {}
    for mention in document.entities:
        if mention.label in NUMERIC_LABELS:  # shown by the dates and figures panels
            continue
        org = orgs.get(mention.organization_id) if mention.organization_id else None
        name = org.name if (org and mention.label == "ORG") else mention.text
        entity_groups[mention.label][name] += 1
        entity_links[(mention.label, name)] = org
        first_anchor.setdefault((mention.label, name), f"e{mention.id}")
    groups = [
        {"label": label, "items": [{"name": name, "count": n, "org": entity_links[(label, name)],
                                    "anchor": first_anchor[(label, name)]} for name, n in counter.most_common()]}
        for label, counter in sorted(entity_groups.items(), key=lambda kv: (
            ENTITY_ORDER.index(kv[0]) if kv[0] in ENTITY_ORDER else 9, kv[0]))
    ]
    event_ids = select(EventEvidence.event_id).where(EventEvidence.document_id == document.id)
    events = queries.events_out(session, session.scalars(
        select(Event).where(Event.id.in_(event_ids), Event.status == "active").order_by(Event.date_start, Event.id)).all(),
        evidence_limit=EVIDENCE_SHOWN)
    story = []
    if document.story_id is not None:
        story = list(session.scalars(select(Document).where(Document.story_id == document.story_id,
                                                            Document.id != document.id).order_by(Document.id)))
    figure_orgs = queries.survivors(session, [f.organization_id for f in document.figures if f.organization_id])
    context = {
        "doc": document, "text_html": text_html, "groups": groups, "events": events, "story": story,
        "figure_orgs": figure_orgs, "doc_dir": text_dir(document.lang), "highlight": highlight,
        "annotated": bool(document.entities or document.dates or document.figures),
        "labels_present": sorted({m.label for m in document.entities if m.label not in NUMERIC_LABELS},
                                 key=lambda label: (ENTITY_ORDER.index(label) if label in ENTITY_ORDER else 9, label)),
        "source_links": [(s, s.locator if urlsplit(s.locator).scheme in ("http", "https") else None)
                         for s in document.sources],
    }
    return render(request, "document.html", context)


# -- organizations ---------------------------------------------------------------------------------


@router.get("/ui/organizations", response_class=HTMLResponse)
def organizations_page(request: Request, session: SessionDep) -> Response:
    q = (request.query_params.get("q") or "").strip()[:200]
    lang = request.query_params.get("lang") if request.query_params.get("lang") in ("tr", "fa") else None
    try:
        offset = max(0, int(request.query_params.get("offset") or 0))
    except ValueError:
        offset = 0
    page, total = queries.ranked_organizations(session, q or None, lang, limit=ORGS_PAGE, offset=offset)
    state = {"q": q, "lang": lang or ""}
    context = {
        "q": q, "lang": lang, "items": page, "total": total,
        "next_url": url("/ui/organizations", {**state, "offset": offset + ORGS_PAGE}) if offset + ORGS_PAGE < total else None,
        "prev_url": url("/ui/organizations", {**state, "offset": max(0, offset - ORGS_PAGE)}) if offset else None,
    }
    return render(request, "organizations.html", context)


@router.get("/ui/organizations/{org_id}", response_class=HTMLResponse)
def organization_page(org_id: int, request: Request, session: SessionDep) -> Response:
    org = session.get(Organization, org_id)
    if org is None:
        return not_found(request, "not_found_org", org_id)
    target = queries.survivors(session, [org.id])[org.id]
    if target.id != org.id:
        return RedirectResponse(f"/ui/organizations/{target.id}", status_code=307)
    detail = queries.organization_detail(session, org)
    t = Translator(ui_language(request)[0])
    timeline = [
        {"id": f.id, "value": f.value, "unit": f.unit or "", "qualifier": t.opt("qualifier", f.qualifier) if f.qualifier != "exact" else "",
         "start": f.period_start.isoformat(), "end": f.period_end.isoformat() if f.period_end else None,
         "document": f.evidence.document_id, "conflict": bool(f.conflicts_with),
         "href": f"/ui/documents/{f.evidence.document_id}?hl={f.evidence.start}-{f.evidence.end}#f{f.id}"}
        for f in detail.figures if f.period_start is not None
    ]
    units = Counter(f["unit"] for f in timeline)
    context = {
        "org": detail, "org_dir": text_dir(detail.lang), "timeline": timeline, "timeline_units": units,
        "graph_src": url("/graph", {"org": detail.id}),
        "documents_url": url("/", {"org": detail.id}),
        "exports": {fmt: url("/export/events", {"org": detail.id, "format": fmt}) for fmt in ("csv", "ndjson", "ftm")},
        "figures_export": url("/export/figures", {"org": detail.id, "format": "csv"}),
    }
    return render(request, "organization.html", context)


# -- events ----------------------------------------------------------------------------------------

EVENT_FILTERS = ("event_type", "org", "date_from", "date_to", "lang")


@router.get("/ui/events", response_class=HTMLResponse)
def events_page(request: Request, session: SessionDep) -> Response:
    params = dict(request.query_params)
    if "type" in params and "event_type" not in params:  # the API's name for it
        params["event_type"] = params["type"]
    parsed = parse_filters(params, EVENT_FILTERS)
    f = parsed.filters
    try:
        offset = max(0, int(params.get("offset") or 0))
    except ValueError:
        offset = 0
    query = queries.events_query(session, org_id=f.org, event_type=f.event_type, date_from=f.date_from,
                                 date_to=f.date_to, lang=f.lang)
    events, total = paginate(session, query, EVENTS_PAGE, offset)
    items = queries.events_out(session, events, evidence_limit=EVIDENCE_SHOWN)
    links = Links("/ui/events", parsed.active)
    t = Translator(ui_language(request)[0])
    with_events = select(EventParticipant.organization_id).join(Event, Event.id == EventParticipant.event_id).where(
        Event.status == "active")
    org_options = session.execute(
        select(Organization.id, Organization.name, Organization.lang)
        .where(Organization.id.in_(with_events), Organization.merged_into_id.is_(None))
        .order_by(Organization.lang, func.lower(Organization.name))).all()
    exports = {fmt: url("/export/events", {**parsed.active, "format": fmt}) for fmt in ("csv", "ndjson", "ftm")}
    context = {
        "items": items, "total": total, "offset": offset, "active": parsed.active, "invalid": parsed.invalid,
        "chips": filter_chips(session, parsed.active, links, t), "links": links, "org_options": org_options,
        "event_types": EVENT_TYPES, "exports": exports,
        "graph_url": url("/ui/graph", {k: v for k, v in parsed.active.items() if k in ("event_type", "lang", "date_from", "date_to")}),
        "next_url": url("/ui/events", {**parsed.active, "offset": offset + EVENTS_PAGE}) if offset + EVENTS_PAGE < total else None,
        "prev_url": url("/ui/events", {**parsed.active, "offset": max(0, offset - EVENTS_PAGE)}) if offset else None,
    }
    return render(request, "events.html", context)


@router.get("/ui/graph", response_class=HTMLResponse)
def graph_page(request: Request, session: SessionDep) -> Response:
    parsed = parse_filters(request.query_params, ("event_type", "lang", "date_from", "date_to"))
    api = {"type": parsed.active.get("event_type"), "lang": parsed.active.get("lang"),
           "date_from": parsed.active.get("date_from"), "date_to": parsed.active.get("date_to")}
    links = Links("/ui/graph", parsed.active)
    t = Translator(ui_language(request)[0])
    context = {
        "graph_src": url("/graph", api), "graphml": url("/graph", {**api, "format": "graphml"}),
        "active": parsed.active, "chips": filter_chips(session, parsed.active, links, t), "event_types": EVENT_TYPES,
    }
    return render(request, "graph.html", context)

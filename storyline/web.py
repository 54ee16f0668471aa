"""``storyline serve``: a local web UI and JSON API over a read-only store.

FastAPI (on Starlette) because it validates query parameters and describes the API as OpenAPI
for free; its Swagger page loads assets from a CDN, so ``/docs`` is our own page rendering
``/openapi.json``. Pages are Jinja2 templates with autoescape on; the only HTML built in Python
(article bodies, search snippets) is assembled from escaped slices in ``web_views``. Every
response carries a strict Content-Security-Policy (no inline script or style: the one script and
the stylesheet are static files served from the package folder). Handlers shape data from
``web_views.StoryIndex``, built once per store load; search goes through the store's
parameterised FTS5 query. Errors have one shape everywhere under ``/api/``:
``{"ok": false, "error": {"code", "message"}, "errors": [...], "status"}``; pages show the same
message as HTML.
"""

from __future__ import annotations

import contextvars
import functools
import threading
from collections import OrderedDict
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jinja2
from fastapi import FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from storyline import __version__
from storyline.errors import QueryError, StoreError, StorylineError
from storyline.store.db import Store
from storyline.web_views import (
    MARK_CLOSE,
    MARK_OPEN,
    StoreCache,
    StoryIndex,
    article_html,
    date_precision,
    day_chart,
    parse_span,
    safe_snippet,
    safe_url,
)

__all__ = ["SECURITY_HEADERS", "create_app", "serve"]

_HERE = Path(__file__).resolve().parent
_TEMPLATES = _HERE / "templates" / "web"
_STATIC = _HERE / "static"
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; "
       "base-uri 'none'; frame-ancestors 'none'; form-action 'self'")
SECURITY_HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
]
PAGE_SIZE = 50
INLINE_MAX_ROWS = 500  # API pages asking for more rows are built in a worker thread
CACHE_ENTRIES = 4096  # rendered responses kept per store load (an LRU) ...
CACHE_MAX_BYTES = 256 * 1024 * 1024  # ... within this many body bytes in all
CACHE_MAX_BODY = 2 * 1024 * 1024  # bigger responses are not kept


class SecurityHeaders:
    """Pure ASGI middleware adding SECURITY_HEADERS to every HTTP response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                names = {k.lower() for k, _ in message.get("headers", [])}
                message["headers"] = [*message.get("headers", []),
                                      *[(k, v) for k, v in SECURITY_HEADERS if k not in names]]
            await send(message)

        await self.app(scope, receive, send_with_headers)


class ResponseCache:
    """Pure ASGI middleware keeping rendered GET 200 responses per URL for the current store load.

    The store is read-only to the server, so a page depends only on its URL and the store
    generation. Entries are served only while the store is known unchanged (``StoreCache.ready``)
    and the generation is the same; otherwise the request goes to the app (which reloads the
    store in a worker thread, never in the event loop).
    """

    def __init__(self, app: ASGIApp, cache: StoreCache) -> None:
        self.app = app
        self.cache = cache
        self.entries: OrderedDict[bytes, tuple[int, list[Message], int]] = OrderedDict()
        self.bytes = 0
        self.lock = threading.Lock()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path: str = scope.get("path", "")
        if scope["type"] != "http" or scope["method"] != "GET" or path.startswith("/static/"):
            await self.app(scope, receive, send)
            return
        key = path.encode() + b"?" + scope.get("query_string", b"")
        hit = self.entries.get(key) if self.cache.ready() else None
        if hit is not None and hit[0] == self.cache.generation:
            with self.lock:
                if key in self.entries:
                    self.entries.move_to_end(key)
            for message in hit[1]:
                await send(message)
            return
        generation = self.cache.generation
        messages: list[Message] = []
        size = 0

        async def capture(message: Message) -> None:
            nonlocal size
            messages.append(message)
            size += len(message.get("body", b""))
            await send(message)

        await self.app(scope, receive, capture)
        start = messages[0] if messages else {}
        if (start.get("status") == 200 and size <= CACHE_MAX_BODY and generation == self.cache.generation
                and not any(m.get("more_body") for m in messages[-1:])):
            with self.lock:
                old = self.entries.pop(key, None)
                self.bytes += size - (old[2] if old else 0)
                self.entries[key] = (generation, messages, size)
                while len(self.entries) > CACHE_ENTRIES or self.bytes > CACHE_MAX_BYTES:
                    self.bytes -= self.entries.popitem(last=False)[1][2]


def _env() -> jinja2.Environment:
    """The Jinja2 environment for the page templates (autoescape on, strict undefined)."""
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(_TEMPLATES)), autoescape=True,
                             undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.globals.update(precision=date_precision, safe_url=safe_url, version=__version__)
    env.filters["num"] = lambda v: "?" if v is None else (f"{int(v):,}" if float(v).is_integer() else f"{v:,}")
    return env


def _error_body(status: int, message: str, errors: list[Any] | None = None) -> dict[str, Any]:
    """The one error shape: {"ok": false, "error": {"code", "message"}, "errors", "status"}."""
    return {"ok": False, "error": {"code": status, "message": message}, "errors": errors or [message],
            "status": status}


def _status_for(ex: StorylineError) -> int:
    """HTTP status for a library error: 400 for a bad query, 503 for an unreadable store, else 500."""
    if isinstance(ex, QueryError):
        return 400
    if isinstance(ex, StoreError):
        return 503
    return 500


def create_app(db_path: str | Path) -> FastAPI:
    """The ASGI app serving the store at ``db_path`` (loaded lazily, reloaded when it changes).

    Args:
        db_path: a store written by ``storyline build``; opened read-only.

    Returns:
        A FastAPI app with the pages, the JSON API under /api/ and /docs.
    """
    cache = StoreCache(db_path)
    env = _env()
    local = threading.local()
    app = FastAPI(title="storyline", version=__version__, docs_url=None, redoc_url=None,
                  description="The story in a store built by `storyline build`: articles, entities, events, claims.")
    app.state.cache = cache
    app.mount("/static", StaticFiles(directory=str(_STATIC)), name="static")

    def page(request: Request, name: str, status: int = 200, **ctx: Any) -> HTMLResponse:
        """Render template ``name`` with ``ctx`` plus the request and nav section."""
        html = env.get_template(name).render(request_path=request.url.path, **ctx)
        return HTMLResponse(html, status_code=status)

    def error_response(request: Request, status: int, message: str, errors: list[Any] | None = None) -> Response:
        """JSON error under /api/ (and for /openapi.json), an HTML error page elsewhere."""
        if request.url.path.startswith("/api/") or request.url.path == "/api":
            resp: Response = JSONResponse(_error_body(status, message, errors), status_code=status)
        else:
            resp = page(request, "error.html", status=status, status_code=status, message=message)
        for k, v in SECURITY_HEADERS:  # 500s bypass the middleware stack
            resp.headers.setdefault(k.decode(), v.decode())
        return resp

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, ex: StarletteHTTPException) -> Response:
        return error_response(request, ex.status_code, str(ex.detail))

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, ex: RequestValidationError) -> Response:
        errs = [{"loc": list(e.get("loc", ())), "msg": e.get("msg", "")} for e in ex.errors()]
        msg = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in errs) or "invalid request"
        return error_response(request, 422, msg, errs)

    @app.exception_handler(StorylineError)
    async def storyline_error(request: Request, ex: StorylineError) -> Response:
        return error_response(request, _status_for(ex), str(ex))

    @app.exception_handler(Exception)
    async def server_error(request: Request, ex: Exception) -> Response:
        return error_response(request, 500, f"internal error ({type(ex).__name__})")

    inline = contextvars.ContextVar("inline", default=False)

    def idx() -> StoryIndex:
        """The current story index (as loaded, unchecked, while a handler runs inline)."""
        return cache.current() if inline.get() else cache.get()

    def in_memory(fn: Callable[..., Any]) -> Callable[..., Any]:
        """Make sync handler ``fn`` (pure work on the in-memory index) run in the event loop while
        the index is loaded and current, and in a worker thread otherwise (where a
        store (re)load may take seconds). A render is a millisecond or two of CPU either way;
        inline it skips the thread hop and the GIL hand-offs between dozens of busy worker
        threads, which under load made first visits wait several times their own cost. Requests
        for more than INLINE_MAX_ROWS rows (megabytes of JSON, a tenth of a second or more) still
        go to a thread, so they cannot hold up every other request."""
        @functools.wraps(fn)
        async def handler(*args: Any, **kwargs: Any) -> Any:
            if not cache.ready() or kwargs.get("limit", 0) > INLINE_MAX_ROWS:
                return await run_in_threadpool(fn, *args, **kwargs)
            token = inline.set(True)
            try:
                return fn(*args, **kwargs)
            finally:
                inline.reset(token)
        return handler

    def not_found(kind: str, key: str) -> StarletteHTTPException:
        """A 404 naming what was not found."""
        return StarletteHTTPException(404, f"no {kind} with id {key!r}")

    def search(q: str, limit: int, *, literal: bool = False) -> list[dict[str, Any]]:
        """Search hits (sentinel-marked snippets) with refined dates; a per-thread read-only store."""
        store = getattr(local, "store", None)
        if store is None or local.generation != cache.generation:
            if store is not None:
                store.close()
            idx()
            store = local.store = Store(cache.path, readonly=True)
            local.generation = cache.generation
        hits = store.search(q, limit=limit, quote=literal, mark=(MARK_OPEN, MARK_CLOSE))
        ix = idx()
        for h in hits:
            a = ix.article.get(h["id"])
            if a:
                h["published"] = a["published"]["date"]
        return hits

    def plain(text: str | None) -> str | None:
        """Sentinel markers removed (for JSON output)."""
        return text.replace(MARK_OPEN, "[").replace(MARK_CLOSE, "]") if text else text

    # ------------------------------------------------------------------ pages

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    @in_memory
    def overview(request: Request) -> HTMLResponse:
        ix = idx()
        return page(request, "overview.html", ix=ix, o=ix.overview, chart=day_chart(ix.overview["per_day"]))

    @app.get("/timeline", response_class=HTMLResponse, include_in_schema=False)
    @in_memory
    def timeline_page(request: Request, entity: str | None = None, type: str | None = None,
                      date_from: str | None = Query(None, alias="from"), date_to: str | None = Query(None, alias="to"),
                      outlet: str | None = None, offset: int = Query(0, ge=0)) -> HTMLResponse:
        ix = idx()
        events = ix.filter_events(entity=entity, type=type, date_from=date_from, date_to=date_to, outlet=outlet)
        rows = [ix.event_row(ev) for ev in events[offset:offset + PAGE_SIZE]]
        f = {"entity": entity or "", "type": type or "", "from": date_from or "", "to": date_to or "",
             "outlet": outlet or ""}
        return page(request, "timeline.html", ix=ix, rows=rows, total=len(events), offset=offset,
                    size=PAGE_SIZE, f=f)

    @app.get("/entities", response_class=HTMLResponse, include_in_schema=False)
    @in_memory
    def entities_page(request: Request, type: str | None = None) -> HTMLResponse:
        ix = idx()
        ents = [e for e in ix.entities if not type or e["type"] == type]
        return page(request, "entities.html", ix=ix, entities=ents, type=type or "",
                    types=sorted({e["type"] for e in ix.entities}))

    @app.get("/entities/{entity_id}", response_class=HTMLResponse, include_in_schema=False)
    @in_memory
    def entity_page(request: Request, entity_id: str) -> HTMLResponse:
        ix = idx()
        e = ix.entity.get(entity_id)
        if e is None:
            raise not_found("entity", entity_id)
        events = [ix.event_row(ix.event[i]) for i in ix.entity_events.get(entity_id, ())]
        return page(request, "entity.html", ix=ix, e=e, events=events, co=ix.cooccurring(entity_id))

    @app.get("/claims", response_class=HTMLResponse, include_in_schema=False)
    @in_memory
    def claims_page(request: Request) -> HTMLResponse:
        ix = idx()
        return page(request, "claims.html", ix=ix, groups=ix.claim_groups())

    @app.get("/articles", response_class=HTMLResponse, include_in_schema=False)
    @in_memory
    def articles_page(request: Request, language: str | None = None, outlet: str | None = None,
                      offset: int = Query(0, ge=0)) -> HTMLResponse:
        ix = idx()
        arts = ix.filter_articles(language=language, outlet=outlet)
        return page(request, "articles.html", ix=ix, articles=arts[offset:offset + PAGE_SIZE], total=len(arts),
                    offset=offset, size=PAGE_SIZE, language=language or "", outlet=outlet or "")

    @app.get("/articles/{article_id}", response_class=HTMLResponse, include_in_schema=False)
    @in_memory
    def article_page(request: Request, article_id: str, span: str | None = None) -> HTMLResponse:
        ix = idx()
        a = ix.article.get(article_id)
        if a is None:
            raise not_found("article", article_id)
        r = ix.results[article_id]
        events = [ix.event_row(ix.event[i]) for i in ix.article_events.get(article_id, ())]
        claims = ix.article_claims.get(article_id, [])
        spans = [(ev["start"], ev["end"]) for row in events for ev in row["evidence"] if ev["article"] == article_id]
        spans += [(ev["start"], ev["end"]) for c in claims for ev in c["evidence"] if ev["article"] == article_id]
        spans += [(ev["start"], ev["end"]) for ev in a["published"]["evidence"]]
        body = article_html(r, spans, parse_span(span))
        related = [(aid, n, ix.article[aid]) for aid, n in ix.related_articles(article_id)]
        return page(request, "article.html", ix=ix, a=a, body=body, events=events, claims=claims,
                    tags=ix.article_entity_list(article_id), related=related,
                    copies=ix.copies_of.get(article_id, []), url=safe_url(a["url"]))

    @app.get("/search", response_class=HTMLResponse, include_in_schema=False)
    def search_page(request: Request, q: str = "", limit: int = Query(20, ge=1, le=100)) -> HTMLResponse:
        hits: list[dict[str, Any]] = []
        note = None
        if q.strip():
            try:
                hits = search(q, limit)
            except QueryError as ex:
                hits = search(q, limit, literal=True)
                note = f"Not valid search syntax, so the words were searched literally. ({ex})"
        for h in hits:
            h["snippet_html"] = safe_snippet(h["snippet"])
            h["title_html"] = safe_snippet(h["title_highlight"] or h["title"] or h["origin"])
        return page(request, "search.html", ix=idx(), q=q, hits=hits, note=note)

    @app.get("/docs", response_class=HTMLResponse, include_in_schema=False)
    def docs_page(request: Request) -> HTMLResponse:
        return page(request, "docs.html", spec=app.openapi())

    # ------------------------------------------------------------------ JSON API

    @app.get("/api/overview", tags=["story"], summary="Story figures: counts, date range, articles per day, top lists")
    @in_memory
    def api_overview() -> JSONResponse:
        o = idx().overview
        return JSONResponse({"ok": True, **{k: v for k, v in o.items() if k not in ("top_events", "latest_claims", "top_entities")},
                             "top_entities": [e["id"] for e in o["top_entities"]], "top_events": [e["id"] for e in o["top_events"]],
                             "latest_claims": [c["id"] for c in o["latest_claims"]]})

    @app.get("/api/articles", tags=["articles"], summary="Articles (no bodies), paginated")
    @in_memory
    def api_articles(limit: int = Query(50, ge=1, le=1000), offset: int = Query(0, ge=0),
                     language: str | None = None, outlet: str | None = None) -> JSONResponse:
        ix = idx()
        arts = ix.filter_articles(language=language, outlet=outlet)
        return JSONResponse({"ok": True, "total": len(arts), "limit": limit, "offset": offset,
                             "items": [ix.article_summary(a["id"]) for a in arts[offset:offset + limit]]})

    @app.get("/api/articles/{article_id}", tags=["articles"], summary="One article with its text, entities, events, claims")
    @in_memory
    def api_article(article_id: str) -> JSONResponse:
        ix = idx()
        a = ix.article.get(article_id)
        if a is None:
            raise not_found("article", article_id)
        return JSONResponse({"ok": True, "article": {**a, "text": ix.results[article_id].article.text},
                             "entities": ix.article_entity_list(article_id), "events": ix.article_events.get(article_id, []),
                             "claims": [c["id"] for c in ix.article_claims.get(article_id, [])],
                             "copies": ix.copies_of.get(article_id, []),
                             "related": [{"id": i, "shared_entities": n} for i, n in ix.related_articles(article_id)]})

    @app.get("/api/entities", tags=["entities"], summary="Entities, most mentioned first, paginated")
    @in_memory
    def api_entities(limit: int = Query(100, ge=1, le=5000), offset: int = Query(0, ge=0),
                     type: str | None = None) -> JSONResponse:
        ents = [e for e in idx().entities if not type or e["type"] == type]
        return JSONResponse({"ok": True, "total": len(ents), "limit": limit, "offset": offset, "items": ents[offset:offset + limit]})

    @app.get("/api/entities/{entity_id}", tags=["entities"], summary="One entity with its events and co-occurring entities")
    @in_memory
    def api_entity(entity_id: str) -> JSONResponse:
        ix = idx()
        e = ix.entity.get(entity_id)
        if e is None:
            raise not_found("entity", entity_id)
        return JSONResponse({"ok": True, "entity": e, "events": ix.entity_events.get(entity_id, []),
                             "cooccurring": [{"id": i, "name": ix.entity_name(i), "shared_articles": n}
                                             for i, n in ix.cooccurring(entity_id)]})

    def _events(entity: str | None, type: str | None, date_from: str | None, date_to: str | None,
                outlet: str | None, limit: int, offset: int, rows: bool) -> JSONResponse:
        """Filtered, paginated events (timeline rows with names when ``rows``)."""
        ix = idx()
        evs = ix.filter_events(entity=entity, type=type, date_from=date_from, date_to=date_to, outlet=outlet)
        page_ = evs[offset:offset + limit]
        return JSONResponse({"ok": True, "total": len(evs), "limit": limit, "offset": offset,
                             "items": [ix.event_row(ev) for ev in page_] if rows else page_})

    @app.get("/api/events", tags=["events"], summary="Events in date order, filtered and paginated")
    @in_memory
    def api_events(entity: str | None = None, type: str | None = None,
                   date_from: str | None = Query(None, alias="from"), date_to: str | None = Query(None, alias="to"),
                   outlet: str | None = None, limit: int = Query(100, ge=1, le=5000),
                   offset: int = Query(0, ge=0)) -> JSONResponse:
        return _events(entity, type, date_from, date_to, outlet, limit, offset, rows=False)

    @app.get("/api/timeline", tags=["events"], summary="Timeline rows: events with names and reporting articles")
    @in_memory
    def api_timeline(entity: str | None = None, type: str | None = None,
                     date_from: str | None = Query(None, alias="from"), date_to: str | None = Query(None, alias="to"),
                     outlet: str | None = None, limit: int = Query(100, ge=1, le=5000),
                     offset: int = Query(0, ge=0)) -> JSONResponse:
        return _events(entity, type, date_from, date_to, outlet, limit, offset, rows=True)

    @app.get("/api/claims", tags=["claims"], summary="Numeric claims, paginated; grouped=true groups by subject")
    @in_memory
    def api_claims(limit: int = Query(100, ge=1, le=5000), offset: int = Query(0, ge=0),
                   grouped: bool = False) -> JSONResponse:
        ix = idx()
        items: list[Any] = ix.claim_groups() if grouped else ix.claims
        return JSONResponse({"ok": True, "total": len(items), "limit": limit, "offset": offset, "items": items[offset:offset + limit]})

    @app.get("/api/search", tags=["search"], summary="Full-text search (FTS5 syntax); matches in [brackets]")
    def api_search(q: str = Query(..., min_length=1), limit: int = Query(20, ge=1, le=100),
                   literal: bool = False) -> JSONResponse:
        hits = search(q, limit, literal=literal)
        for h in hits:
            h["snippet"], h["title_highlight"] = plain(h["snippet"]), plain(h["title_highlight"])
        return JSONResponse({"ok": True, "query": q, "total": len(hits), "items": hits})

    @app.get("/api/{rest:path}", include_in_schema=False)
    def api_unknown(rest: str) -> None:
        raise StarletteHTTPException(404, f"no API endpoint /api/{rest}")

    app.add_middleware(ResponseCache, cache=cache)
    app.add_middleware(SecurityHeaders)
    return app


def serve(db_path: str | Path, host: str = "127.0.0.1", port: int = 8000) -> None:
    """Run the web UI and API with uvicorn until interrupted.

    Raises:
        StoreError: the store does not exist or cannot be read.
    """
    import uvicorn

    app = create_app(db_path)
    app.state.cache.get()  # load now: fail fast on a bad store, answer the first request quickly
    uvicorn.run(app, host=host, port=port, log_level="warning")

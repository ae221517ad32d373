"""The web UI (``parley serve``): FastAPI + Jinja2 over the store, read-only but for uploads.

Pages: stories (``/``), a story's dossier (``/story/ID``), negotiations (``/negotiations``) and the dossier of
one (``/negotiations/ID``: its stories, rounds in order, positions by party, agreements over time), an article with every extracted item marked
(``/article/ID?hl=START-END`` marks the cited span), an entity across stories (``/entity/ID``), search
(``/search?q=``), upload with progress (``/upload``, ``/jobs/ID``), and the API's documentation (``/docs``,
built from its OpenAPI description, ``/openapi.json``). The REST API lives under ``/api`` (``api.py``).

Every response carries a strict Content-Security-Policy (no script at all: charts are inline SVG,
progress pages refresh themselves), and everything taken from articles is escaped by the templates.
Off loopback, write endpoints need ``PARLEY_API_TOKEN``; uploads are capped (``PARLEY_UPLOAD_MAX_BYTES``).
"""

from __future__ import annotations

import hmac
import ipaddress
import logging
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI, File, Form, Request, UploadFile
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from .. import config
from ..dossier import story_version
from ..errors import InternalError, InvalidRequest, NotFound, ParleyError, TooLarge, Unauthorized
from ..reconcile.negotiation_dossier import entries as negotiation_entries
from ..reconcile.negotiation_dossier import entry as negotiation_entry
from ..reconcile.negotiation_dossier import version_of
from ..store.db import SNIPPET_MARKS, Store
from . import charts, service, views
from .html import env
from .jobs import Jobs
from .rendered import Rendered

log = logging.getLogger("parley.web")

CSP = ("default-src 'none'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'none'; "
       "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
SECURITY_HEADERS = {"Content-Security-Policy": CSP, "X-Content-Type-Options": "nosniff",
                    "Referrer-Policy": "no-referrer", "X-Frame-Options": "DENY"}


def is_loopback(host: str) -> bool:
    if host in ("localhost", ""):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def error_body(err: ParleyError) -> dict[str, Any]:
    """The one JSON error shape of the API."""
    return {"error": err.to_dict()}


def warm_up() -> None:
    """Load what a first dossier build needs (the embedding model, the stop words, the chart renderer), so
    the first visitor does not wait for it."""
    from ..embed import encode
    from ..reconcile.claims import content_words

    encode(["warm up"])
    content_words("warm up")
    charts.svg({"data": {"values": [{"a": 1}]}, "mark": "point", "encoding": {"x": {"field": "a", "type": "quantitative"}}})


def create_app(db: str | Store | None = None, *, host: str = "127.0.0.1", token: str | None = None,
               warm: bool = False) -> FastAPI:
    """The web app over store ``db``. ``host``: the address it serves on (off loopback, writes need the
    token); ``token``: default ``PARLEY_API_TOKEN``; ``warm``: load models in the background at start."""
    st = db if isinstance(db, Store) else Store(db)
    if warm:
        import threading

        threading.Thread(target=warm_up, name="parley-warm-up", daemon=True).start()
    own = not isinstance(db, Store)
    jobs = Jobs(st, config.get_int("upload_max_bytes"))

    @asynccontextmanager
    async def lifespan(_app: FastAPI):  # type: ignore[no-untyped-def]
        yield
        jobs.close()
        if own:
            st.close()

    app = FastAPI(title="Parley", version="1", docs_url=None, redoc_url=None, lifespan=lifespan,
                  description="Source-attributed dossiers of negotiations and conflicts. Every error answers "
                              "{\"error\": {\"code\", \"message\", \"hint\", \"subject\"}}.")
    app.state.store = st
    app.state.jobs = jobs
    import os

    # story pages and dossier JSON, once per dossier version (PARLEY_RENDER_CACHE: how many kept; 0: off)
    app.state.rendered = Rendered(int(os.environ.get("PARLEY_RENDER_CACHE", "256")))
    app.state.require_token = not is_loopback(host)
    secret = config.get("api_token", token)

    def check_token(request: Request, form_token: str | None = None) -> None:
        if not app.state.require_token:
            return
        if not secret:
            raise Unauthorized("writes are off: this server listens beyond loopback and has no token",
                               hint="set PARLEY_API_TOKEN and send it as 'Authorization: Bearer TOKEN'")
        given = request.headers.get("authorization", "").removeprefix("Bearer ").strip() or (form_token or "")
        if not hmac.compare_digest(given.encode(), secret.encode()):
            raise Unauthorized("missing or wrong token for a write endpoint",
                               hint="send 'Authorization: Bearer TOKEN' with the server's PARLEY_API_TOKEN")

    app.state.check_token = check_token
    _handlers(app)
    from importlib import resources

    static = resources.files("parley.present").joinpath("static")
    app.mount("/static", StaticFiles(directory=str(static)), name="static")
    from .api import router

    app.include_router(router)
    _pages(app, st, jobs, check_token)
    return app


# ----------------------------------------------------------------------------- errors and headers

def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api") or request.url.path == "/openapi.json" or \
        "application/json" in request.headers.get("accept", "")


def _error_response(request: Request, err: ParleyError) -> Response:
    if _wants_json(request):
        return JSONResponse(error_body(err), status_code=err.status, headers=SECURITY_HEADERS)
    html = env().get_template("error.html").render(err=err, root="/", status=err.status)
    return HTMLResponse(html, status_code=err.status, headers=SECURITY_HEADERS)


def _handlers(app: FastAPI) -> None:
    @app.middleware("http")
    async def headers(request: Request, call_next: Any) -> Response:
        limit = config.get_int("upload_max_bytes")
        length = request.headers.get("content-length")
        if request.method == "POST" and length and length.isdigit() and int(length) > limit + 64 * 1024:
            return _error_response(request, TooLarge(f"the request is larger than the {limit:,}-byte limit",
                                                     hint="upload fewer files, or raise PARLEY_UPLOAD_MAX_BYTES"))
        try:
            response = await call_next(request)
        except Exception:  # noqa: BLE001 - a bug: log it, answer with the error shape
            log.exception("unhandled error on %s", request.url.path)
            return _error_response(request, InternalError("the server failed on this request",
                                                          hint="please report it with the request"))
        for k, v in SECURITY_HEADERS.items():
            response.headers.setdefault(k, v)
        return response

    @app.exception_handler(ParleyError)
    async def parley_error(request: Request, exc: ParleyError) -> Response:
        return _error_response(request, exc)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        problems = "; ".join(f"{'.'.join(str(x) for x in e.get('loc', [])[1:]) or 'request'}: {e.get('msg')}"
                             for e in exc.errors())
        return _error_response(request, InvalidRequest(f"invalid request ({problems})",
                                                       hint="see /docs for the parameters", subject=request.url.path))

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        if exc.status_code == 404:
            err: ParleyError = NotFound(f"no page {request.url.path!r}", hint="see / for stories, /docs for the API")
        else:
            err = ParleyError(str(exc.detail), hint="see /docs")
            err.status = exc.status_code
        return _error_response(request, err)


# ----------------------------------------------------------------------------- pages

def _evidence(sp: dict[str, Any]) -> str:
    """Where a span is shown: its article, the span marked."""
    return f"/article/{sp['article']}?hl={sp['start']}-{sp['end']}#hl"


def _page(name: str, **ctx: Any) -> HTMLResponse:
    html = env().get_template(name).render(root="/", link_entities=True, href=_evidence, **ctx)
    return HTMLResponse(html)


def _pages(app: FastAPI, st: Store, jobs: Jobs, check_token: Any) -> None:
    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def index() -> HTMLResponse:
        return _page("index.html", stories=service.stories(st), articles=st.count_articles())

    @app.get("/story/{story_id}", response_class=HTMLResponse, include_in_schema=False)
    def story(story_id: str) -> HTMLResponse:
        def make() -> bytes:
            d = service.dossier(st, story_id)
            return _page("story.html", d=d, charts=charts.dossier_charts(d), title=views.title_of(d),
                         story_id=story_id).body

        version = story_version(st, story_id)  # rendered once per version of the story's dossier
        return HTMLResponse(app.state.rendered.get(("story", story_id, version), make))

    @app.get("/negotiations", response_class=HTMLResponse, include_in_schema=False)
    def negotiations() -> HTMLResponse:
        return _page("negotiations.html", negotiations=service.negotiations(st))

    @app.get("/negotiations/{negotiation_id}", response_class=HTMLResponse, include_in_schema=False)
    def negotiation(negotiation_id: str) -> HTMLResponse:
        known = negotiation_entries(st)  # brought up to date once per request

        def make() -> bytes:
            d = service.negotiation(st, negotiation_id, known)
            return _page("negotiation.html", d=d, charts=charts.dossier_charts(d, _evidence), title=views.title_of(d),
                         n=d["negotiation"], changed=service.changes(st, negotiation_id, known=known)).body

        version = version_of(negotiation_entry(st, negotiation_id, known))  # rendered once per version
        return HTMLResponse(app.state.rendered.get(("negotiation", negotiation_id, version), make))

    @app.get("/negotiations/{negotiation_id}/feed.atom", include_in_schema=False)
    def negotiation_feed(negotiation_id: str, request: Request) -> Response:
        body = service.atom(st, negotiation_id, str(request.base_url))
        return Response(body, media_type="application/atom+xml; charset=utf-8")

    @app.get("/article/{article_id}", response_class=HTMLResponse, include_in_schema=False)
    def article(article_id: str, hl: str | None = None) -> HTMLResponse:
        view = service.article(st, article_id, service.parse_span(hl))
        return _page("article.html", v=view, a=view["article"], target=hl)

    @app.get("/entity/{entity_id}", response_class=HTMLResponse, include_in_schema=False)
    def entity(entity_id: str) -> HTMLResponse:
        e = service.entity(st, entity_id)
        chart = charts.svg(charts.mentions_spec(e["timeline"], f"Mentions of {e['name']} over time"))
        return _page("entity.html", e=e, chart=chart)

    @app.get("/search", response_class=HTMLResponse, include_in_schema=False)
    def search(q: str = "") -> HTMLResponse:
        res = service.search(st, q[:500])
        return _page("search.html", res=res, query=q, marks=SNIPPET_MARKS)

    @app.get("/upload", response_class=HTMLResponse, include_in_schema=False)
    def upload_form() -> HTMLResponse:
        return _page("upload.html", need_token=app.state.require_token,
                     limit=config.get_int("upload_max_bytes"))

    @app.post("/upload", include_in_schema=False)
    def upload(request: Request, files: list[UploadFile] = File(...), token: str | None = Form(None)) -> Response:
        check_token(request, token)
        if not files or all(not f.filename for f in files):
            raise InvalidRequest("no file chosen", hint="choose one or more files to upload")
        folder, names = jobs.save([(f.filename or "", f.file) for f in files])
        job = jobs.start(folder, names)
        return RedirectResponse(f"/jobs/{job.id}", status_code=303)

    @app.get("/jobs/{job_id}", response_class=HTMLResponse, include_in_schema=False)
    def job(job_id: str) -> HTMLResponse:
        return _page("job.html", job=jobs.get(job_id).to_dict())

    @app.get("/docs", response_class=HTMLResponse, include_in_schema=False)
    def docs() -> HTMLResponse:
        return _page("apidocs.html", spec=app.openapi())

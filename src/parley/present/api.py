"""The REST API (``/api``): stories, dossiers (the public JSON format), articles, entities, quotes, claims,
search and ingest. Every error answers with one JSON shape: ``{"error": {"code", "message", "hint",
"subject"}}`` (see ``web.py``). Read endpoints are open; write endpoints need the token off loopback."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, File, Query, Request, UploadFile
from fastapi.responses import JSONResponse, Response

from ..errors import InvalidRequest
from . import service

router = APIRouter(prefix="/api")


def store(request: Request) -> Any:
    return request.app.state.store


def writer(request: Request) -> None:
    """Write endpoints: off loopback, the token must be given (``Authorization: Bearer TOKEN``)."""
    request.app.state.check_token(request)


@router.get("/stories", summary="Stories, largest first")
def api_stories(st: Any = Depends(store), limit: int = Query(200, ge=1, le=1000),
                offset: int = Query(0, ge=0)) -> list[dict[str, Any]]:
    return service.stories(st, limit, offset)


@router.get("/stories/{story_id}", summary="One story: title, dates, articles")
def api_story(story_id: str, st: Any = Depends(store)) -> dict[str, Any]:
    return st.story(story_id)


@router.get("/stories/{story_id}/dossier", summary="A story's dossier (parley.dossier/1 JSON)",
            response_model=dict[str, Any])
def api_dossier(story_id: str, request: Request, st: Any = Depends(store)) -> Response:
    import json

    from ..dossier import story_version

    def make() -> bytes:
        return json.dumps(service.dossier(st, story_id), ensure_ascii=False).encode()

    body = request.app.state.rendered.get(("dossier", story_id, story_version(st, story_id)), make)
    return Response(body, media_type="application/json")


@router.get("/negotiations", summary="Negotiations: the stories of one process, by first date")
def api_negotiations(st: Any = Depends(store)) -> list[dict[str, Any]]:
    return service.negotiations(st)


@router.get("/negotiations/{negotiation_id}", summary="A negotiation's dossier (parley.dossier/1 JSON, with "
            "its negotiation object and its stories)", response_model=dict[str, Any])
def api_negotiation(negotiation_id: str, request: Request, st: Any = Depends(store)) -> Response:
    import json

    from ..reconcile.negotiation_dossier import entries, entry, version_of

    known = entries(st)

    def make() -> bytes:
        return json.dumps(service.negotiation(st, negotiation_id, known), ensure_ascii=False).encode()

    key = ("negotiation-json", negotiation_id, version_of(entry(st, negotiation_id, known)))
    return Response(request.app.state.rendered.get(key, make), media_type="application/json")


@router.get("/articles", summary="Stored articles in ingest order")
def api_articles(st: Any = Depends(store), limit: int = Query(50, ge=1, le=1000), offset: int = Query(0, ge=0),
                 story: str | None = None) -> list[dict[str, Any]]:
    return st.article_rows(limit=limit, offset=offset, story=story)


@router.get("/articles/{article_id}", summary="One article: metadata with provenance and clean text")
def api_article(article_id: str, st: Any = Depends(store)) -> dict[str, Any]:
    view = service.article(st, article_id)
    return {"article": view["article"], "story": view["story"], "text": view["text"], "locators": view["locators"]}


@router.get("/entities", summary="Entities whose name holds q")
def api_entities(q: str = Query(..., min_length=1, max_length=200), st: Any = Depends(store),
                 limit: int = Query(20, ge=1, le=200)) -> list[dict[str, Any]]:
    return st.find_entities(q, limit)


@router.get("/entities/{entity_id}", summary="One entity across stories: roles, quotes, positions, mentions")
def api_entity(entity_id: str, st: Any = Depends(store)) -> dict[str, Any]:
    return service.entity(st, entity_id)


@router.get("/stories/{story_id}/quotes", summary="Quotes of a story (speaker: part of the name)")
def api_quotes(story_id: str, st: Any = Depends(store), speaker: str | None = None) -> list[dict[str, Any]]:
    return service.quotes(st, story_id, speaker)


@router.get("/stories/{story_id}/claims", summary="Claims of a story (status: corroborated, single-source, "
                                                  "contested)")
def api_claims(story_id: str, st: Any = Depends(store), status: str | None = None) -> list[dict[str, Any]]:
    return service.claims(st, story_id, status)


@router.get("/stories/{story_id}/export/{table}", summary="A ledger table of a story as CSV (rounds, positions, "
            "agreements, claims, quotes), or its events as PLOVER-shaped JSON Lines (table events, format=jsonl)")
def api_export(story_id: str, table: str, st: Any = Depends(store), format: str = "csv") -> Response:
    from .exports import export

    body = export(service.dossier(st, story_id), table, format)
    media = "text/csv; charset=utf-8" if format == "csv" else "application/x-ndjson"
    return Response(body, media_type=media,
                    headers={"Content-Disposition": f'attachment; filename="{story_id}-{table}.{format}"'})


@router.get("/negotiations/{negotiation_id}/changes", summary="What changed in a negotiation since its last "
            "brief (or the last brief before since=DATE): rounds, positions, agreements, claims, quotes of the heads, "
            "each with its evidence")
def api_negotiation_changes(negotiation_id: str, st: Any = Depends(store), since: str | None = None) -> dict[str, Any]:
    return service.changes(st, negotiation_id, since)


@router.get("/negotiations/{negotiation_id}/export/{table}", summary="A ledger table of a negotiation, across "
            "its stories, as CSV (rounds, positions, agreements, claims, quotes), or its events as PLOVER-shaped "
            "JSON Lines (table events, format=jsonl)")
def api_negotiation_export(negotiation_id: str, table: str, st: Any = Depends(store), format: str = "csv") -> Response:
    from .exports import export

    fmt = format
    body = export(service.negotiation(st, negotiation_id), table, fmt)
    media = "text/csv; charset=utf-8" if fmt == "csv" else "application/x-ndjson"
    return Response(body, media_type=media,
                    headers={"Content-Disposition": f'attachment; filename="{negotiation_id}-{table}.{fmt}"'})


@router.get("/search", summary="Full-text search of articles, and entities by name")
def api_search(q: str = Query(..., min_length=1, max_length=500), st: Any = Depends(store),
               limit: int = Query(20, ge=1, le=200)) -> dict[str, Any]:
    out = service.search(st, q, limit)
    for h in out["articles"]:
        h["snippet"] = service.plain_snippet(h["snippet"])
    return out


@router.post("/ingest", status_code=202, dependencies=[Depends(writer)],
             summary="Ingest uploaded files (multipart field 'files'); 202 with a job to poll, or the finished "
                     "job with wait=true")
def api_ingest(request: Request, files: list[UploadFile] = File(...), wait: bool = False) -> JSONResponse:
    if not files:
        raise InvalidRequest("no files in the request", hint="send one or more files in the 'files' field")
    jobs = request.app.state.jobs
    folder, names = jobs.save([(f.filename or "", f.file) for f in files])
    job = jobs.start(folder, names)
    if wait:
        jobs.wait(job)
        return JSONResponse(job.to_dict(), status_code=200)
    return JSONResponse({**job.to_dict(), "status_url": f"/api/jobs/{job.id}"}, status_code=202)


@router.get("/jobs/{job_id}", summary="An ingest job: status, progress, summary")
def api_job(job_id: str, request: Request) -> dict[str, Any]:
    return request.app.state.jobs.get(job_id).to_dict()

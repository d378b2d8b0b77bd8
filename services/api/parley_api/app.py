"""The Parley HTTP API: read-only access to merged engagements and the actors taking part in them.

Reads the store's database; it also applies the schema migrations at start-up (idempotent, and safe
while the store does the same), so it can start before the store.
"""

from __future__ import annotations

import logging
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from contextlib import asynccontextmanager
from datetime import date
from typing import Annotated

import uvicorn
from fastapi import APIRouter, Depends, FastAPI, HTTPException, Query, Request, Response
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse
from parley_shared.logs import configure_logging
from parley_shared.ops import exit_cleanly_on_signals
from parley_shared.schemas import EngagementStatus, EngagementType
from parley_store.db import make_engine, migrate, ping
from parley_store.names import fold_text
from prometheus_client import CONTENT_TYPE_LATEST, REGISTRY, Counter, Histogram, generate_latest
from sqlalchemy.orm import Session, sessionmaker

from parley_api import queries
from parley_api.models import ActorDetail, ActorPublic, EngagementDetail, EngagementSummary, Health, Page
from parley_api.settings import MAX_PAGE_SIZE, ApiSettings

log = logging.getLogger(__name__)

REQUESTS = Counter(
    "parley_api_requests_total", "HTTP requests, by route and status.", ["method", "route", "status"]
)
LATENCY = Histogram(
    "parley_api_request_seconds",
    "Time to answer an HTTP request, by route.",
    ["route"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5),
)
RECENT_ENGAGEMENTS_PER_ACTOR = 20

router = APIRouter()


def _session(request: Request) -> Iterator[Session]:
    with request.app.state.sessions() as session:
        yield session


def _page_size(request: Request, limit: int | None) -> int:
    return limit if limit is not None else int(request.app.state.settings.default_page_size)


def _next_url(request: Request, limit: int, offset: int, total: int) -> str | None:
    if offset + limit >= total:
        return None
    return str(request.url.include_query_params(limit=limit, offset=offset + limit))


SessionDep = Annotated[Session, Depends(_session)]
Limit = Annotated[
    int | None, Query(ge=1, le=MAX_PAGE_SIZE, description="Page size; default API_PAGE_SIZE (50).")
]
Offset = Annotated[int, Query(ge=0, description="Items to skip.")]
Country = Annotated[
    str | None,
    Query(
        pattern=r"^[A-Za-z]{2,5}$",
        description="ISO 3166-1 alpha-3 code or organisation acronym, e.g. PAK, EU.",
    ),
]


@router.get("/engagements", response_model=Page[EngagementSummary], tags=["engagements"])
def list_engagements(
    request: Request,
    session: SessionDep,
    actor: Annotated[
        str | None,
        Query(min_length=1, max_length=200, description="Actor id (e.g. pak.ishaq-dar) or part of a name."),
    ] = None,
    country: Country = None,
    type: Annotated[EngagementType | None, Query(description="meeting, call, visit or forum.")] = None,
    status: Annotated[EngagementStatus | None, Query(description="happened, planned or cancelled.")] = None,
    date_from: Annotated[date | None, Query(description="Engagements ending on or after this day.")] = None,
    date_to: Annotated[date | None, Query(description="Engagements starting on or before this day.")] = None,
    q: Annotated[
        str | None,
        Query(
            min_length=1, max_length=200, description="Words in the summary, names, forum, place or evidence."
        ),
    ] = None,
    language: Annotated[
        str | None, Query(pattern=r"^[a-z]{2,3}$", description="Only engagements reported in this language.")
    ] = None,
    limit: Limit = None,
    offset: Offset = 0,
) -> Page[EngagementSummary]:
    """Merged engagements matching every filter given, newest first (undated ones last)."""
    if date_from and date_to and date_from > date_to:
        raise HTTPException(422, f"date_from ({date_from}) is after date_to ({date_to}): no day can match")
    if q is not None and not fold_text(q):
        raise HTTPException(422, "q has no letters or digits to search for")
    filters = queries.EngagementFilters(
        actor=actor,
        country=country.upper() if country else None,
        type=type,
        status=status,
        date_from=date_from,
        date_to=date_to,
        q=q,
        language=language,
    )
    size = _page_size(request, limit)
    items, total = queries.find_engagements(session, filters, size, offset)
    return Page(
        items=items, total=total, limit=size, offset=offset, next=_next_url(request, size, offset, total)
    )


@router.get(
    "/engagements/{engagement_id}",
    response_model=EngagementDetail,
    tags=["engagements"],
    responses={404: {"description": "No merged engagement or report with this id."}},
)
def get_engagement(engagement_id: str, session: SessionDep) -> EngagementDetail:
    """One merged engagement, by its id or the id of any report merged into it, with evidence and reports."""
    detail = queries.get_engagement(session, engagement_id)
    if detail is None:
        raise HTTPException(
            404,
            f"no engagement with id {engagement_id!r}: it is neither a merged engagement id nor a report id",
        )
    return detail


@router.get("/actors", response_model=Page[ActorPublic], tags=["actors"])
def list_actors(
    request: Request,
    session: SessionDep,
    q: Annotated[
        str | None, Query(min_length=1, max_length=200, description="Actor id or part of a name.")
    ] = None,
    country: Country = None,
    limit: Limit = None,
    offset: Offset = 0,
) -> Page[ActorPublic]:
    """Actors who took part in engagements, most engaged first, with their engagement counts."""
    size = _page_size(request, limit)
    items, total = queries.find_actors(session, q, country.upper() if country else None, size, offset)
    return Page(
        items=items, total=total, limit=size, offset=offset, next=_next_url(request, size, offset, total)
    )


@router.get(
    "/actors/{actor_id}",
    response_model=ActorDetail,
    tags=["actors"],
    responses={404: {"description": "No actor with this id."}},
)
def get_actor(actor_id: str, session: SessionDep) -> ActorDetail:
    """One actor, by id (a knowledge-base id, or `name:<normalised name>`), with their recent engagements."""
    detail = queries.get_actor(session, actor_id, RECENT_ENGAGEMENTS_PER_ACTOR)
    if detail is None:
        raise HTTPException(404, f"no actor with id {actor_id!r}; list actors with GET /actors?q=<name>")
    return detail


@router.get("/health", response_model=Health, tags=["ops"], responses={503: {"model": Health}})
def health(request: Request) -> Response:
    """Whether the API can reach its database (200) or not (503)."""
    try:
        ping(request.app.state.engine)
    except Exception as exc:
        log.warning("health check failed", extra={"error": repr(exc)})
        body = Health(status="unavailable", database=f"{type(exc).__name__}: {exc}")
        return JSONResponse(body.model_dump(), status_code=503)
    return JSONResponse(Health(status="ok", database="ok").model_dump())


@router.get("/metrics", tags=["ops"], response_class=Response)
def metrics() -> Response:
    """Prometheus metrics in the text exposition format."""
    return Response(generate_latest(REGISTRY), media_type=CONTENT_TYPE_LATEST)


async def _observe(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
    started = time.perf_counter()
    response = await call_next(request)
    matched = request.scope.get("route")
    route = getattr(matched, "path", "unmatched")  # the template, e.g. /engagements/{engagement_id}
    REQUESTS.labels(request.method, route, str(response.status_code)).inc()
    LATENCY.labels(route).observe(time.perf_counter() - started)
    return response


def create_app(settings: ApiSettings) -> FastAPI:
    """The API over ``settings.database_url``; connects lazily, migrates the schema at start-up."""
    engine = make_engine(settings.database_url)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        await run_in_threadpool(migrate, settings.database_url)
        yield
        engine.dispose()

    app = FastAPI(
        title="Parley",
        summary="Diplomatic engagements (meetings, calls, visits, forums) read from the news.",
        version="1",
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.engine = engine
    app.state.sessions = sessionmaker(engine, expire_on_commit=False)
    app.middleware("http")(_observe)
    app.include_router(router)
    return app


def main() -> None:
    exit_cleanly_on_signals()
    settings = ApiSettings()
    configure_logging(settings.log_level, "api")
    uvicorn.run(create_app(settings), host=settings.host, port=settings.port, log_config=None)

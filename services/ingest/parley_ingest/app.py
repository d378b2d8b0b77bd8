"""Ingest's HTTP API: newsrooms push articles, Parley publishes them to Kafka once.

- ``POST /articles``        one article -> 202 ``{"id", "status"}``
- ``POST /articles/batch``  a list of articles (or ``{"articles": [...]}``) -> 200 with one result per item;
  invalid items are reported with the fields at fault while the valid ones still go through
- ``GET /health``           200 when the Kafka broker is reachable, else 503
- ``GET /metrics``          Prometheus metrics

Status ``accepted``: new, published. ``updated``: known id with changed content, published again.
``duplicate``: same content as already published, not published again. Kafka down -> 503.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import Body, FastAPI, HTTPException, Response, status
from fastapi.responses import JSONResponse
from parley_shared.article_files import field_errors
from parley_shared.kafka import Publisher
from parley_shared.ops import CachedHealth
from parley_shared.schemas import ArticleIn
from prometheus_client import CONTENT_TYPE_LATEST, REGISTRY, generate_latest
from pydantic import BaseModel, ValidationError

from parley_ingest.dedup import DedupStore, IngestStatus
from parley_ingest.ingestor import Ingestor, PublishFailed
from parley_ingest.settings import IngestSettings

HTTP_SOURCE = "http"


class IngestResponse(BaseModel):
    id: str
    status: IngestStatus


class FieldProblem(BaseModel):
    field: str
    message: str


class BatchItemResult(BaseModel):
    index: int
    id: str | None = None
    status: IngestStatus | Literal["invalid"]
    errors: list[FieldProblem] | None = None


class BatchResponse(BaseModel):
    results: list[BatchItemResult]
    counts: dict[str, int]


def _unavailable(exc: PublishFailed) -> HTTPException:
    return HTTPException(
        status.HTTP_503_SERVICE_UNAVAILABLE, detail=f"{exc}. Nothing was ingested; retry the request later."
    )


def _batch_items(payload: list[Any] | dict[str, Any], max_batch: int) -> list[Any]:
    items = payload.get("articles") if isinstance(payload, dict) else payload
    if not isinstance(items, list):
        raise HTTPException(
            status.HTTP_422_UNPROCESSABLE_CONTENT,
            detail=[
                {
                    "loc": ["body"],
                    "msg": 'expected a JSON list of articles, or an object {"articles": [...]}',
                    "type": "list_type",
                }
            ],
        )
    if len(items) > max_batch:
        raise HTTPException(
            status.HTTP_413_CONTENT_TOO_LARGE,
            detail=f"the batch has {len(items)} articles; at most {max_batch} per request (INGEST_MAX_BATCH)",
        )
    return items


def create_app(settings: IngestSettings, publisher: Publisher, dedup: DedupStore) -> FastAPI:
    """The ingest API, publishing through ``publisher`` and deduplicating with ``dedup``."""
    ingestor = Ingestor(publisher, dedup, settings.topic_articles, settings.ack_timeout_s)
    health = CachedHealth(lambda: _health_report(publisher))
    app = FastAPI(title="Parley ingest", version="1", description=__doc__)

    @app.post("/articles", status_code=status.HTTP_202_ACCEPTED)
    def post_article(article: ArticleIn) -> IngestResponse:
        """Ingest one article."""
        try:
            [outcome] = ingestor.ingest([article], HTTP_SOURCE)
        except PublishFailed as exc:
            raise _unavailable(exc) from exc
        return IngestResponse(id=outcome.id, status=outcome.status)

    @app.post("/articles/batch")
    def post_batch(payload: Annotated[list[Any] | dict[str, Any], Body()]) -> BatchResponse:
        """Ingest many articles; each gets its own result, invalid ones don't stop the others."""
        items = _batch_items(payload, settings.max_batch)
        results: dict[int, BatchItemResult] = {}
        valid: list[tuple[int, ArticleIn]] = []
        for index, item in enumerate(items):
            try:
                valid.append((index, ArticleIn.model_validate(item)))
            except ValidationError as exc:
                problems = [FieldProblem(field=e.field, message=e.message) for e in field_errors(exc)]
                results[index] = BatchItemResult(index=index, status="invalid", errors=problems)
        try:
            outcomes = ingestor.ingest([article for _, article in valid], HTTP_SOURCE)
        except PublishFailed as exc:
            raise _unavailable(exc) from exc
        for (index, _), outcome in zip(valid, outcomes, strict=True):
            results[index] = BatchItemResult(index=index, id=outcome.id, status=outcome.status)
        ordered = [results[index] for index in range(len(items))]
        counts = dict.fromkeys(("accepted", "updated", "duplicate", "invalid"), 0)
        for result in ordered:
            counts[result.status] += 1
        return BatchResponse(results=ordered, counts=counts)

    @app.get("/health")
    def get_health() -> JSONResponse:
        """200 when Kafka is reachable, 503 otherwise."""
        report = health()
        code = status.HTTP_200_OK if report["status"] == "ok" else status.HTTP_503_SERVICE_UNAVAILABLE
        return JSONResponse(report, status_code=code)

    @app.get("/metrics")
    def get_metrics() -> Response:
        """Prometheus metrics."""
        return Response(generate_latest(REGISTRY), media_type=CONTENT_TYPE_LATEST)

    return app


def _health_report(publisher: Publisher) -> dict[str, Any]:
    problem = publisher.broker_problem()
    return (
        {"status": "ok", "kafka": "reachable"}
        if problem is None
        else {"status": "unavailable", "kafka": problem}
    )

"""``parley ingest PATH...``: send article files to a running ingest service, in batches.

Files are read with :mod:`parley_shared.article_files`. A file or line that can't be read, or an
article the service rejects, is reported on stderr and the rest still goes through; the exit status
is then 1. If the service can't be reached or answers with an error, sending stops there (exit 1).
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Sequence
from typing import Any

import httpx
from parley_shared.article_files import FileProblem, iter_articles
from parley_shared.schemas import ArticleIn
from tqdm import tqdm

DEFAULT_URL = "http://127.0.0.1:8001"
REQUEST_TIMEOUT_S = 120.0


class IngestUnavailable(Exception):
    """The ingest service could not be reached or did not take the batch."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "paths", nargs="+", metavar="PATH", help="files or directories (.txt .html .json .jsonl)"
    )
    parser.add_argument("--url", default=DEFAULT_URL, help=f"ingest service base URL (default {DEFAULT_URL})")
    parser.add_argument(
        "--batch-size", type=_positive, default=100, help="articles per request (default 100)"
    )


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def run(args: argparse.Namespace) -> int:
    counts: Counter[str] = Counter()
    failure: str | None = None
    with (
        httpx.Client(base_url=args.url, timeout=REQUEST_TIMEOUT_S) as client,
        tqdm(desc="ingest", unit="article", file=sys.stderr, disable=None) as progress,
    ):
        batch: list[ArticleIn] = []
        try:
            for item in iter_articles(args.paths):
                if isinstance(item, FileProblem):
                    progress.write(f"skipped {item}", file=sys.stderr)
                    counts["file problems"] += 1
                    continue
                batch.append(item)
                if len(batch) >= args.batch_size:
                    _send(client, batch, counts, progress)
                    batch = []
            if batch:
                _send(client, batch, counts, progress)
        except IngestUnavailable as exc:
            failure = f"{exc}; stopped, the remaining articles were not sent"
    print(_summary(counts), file=sys.stderr)
    if failure:
        print(f"error: {failure}", file=sys.stderr)
    return 1 if failure or counts["file problems"] or counts["invalid"] else 0


def _send(client: httpx.Client, batch: Sequence[ArticleIn], counts: Counter[str], progress: Any) -> None:
    payload = {"articles": [article.model_dump(mode="json", exclude_none=True) for article in batch]}
    try:
        response = client.post("/articles/batch", json=payload)
    except httpx.HTTPError as exc:
        raise IngestUnavailable(f"cannot reach the ingest service at {client.base_url}: {exc}") from exc
    if response.status_code != httpx.codes.OK:
        raise IngestUnavailable(f"the ingest service answered {response.status_code}: {response.text[:500]}")
    for result in response.json()["results"]:
        counts[result["status"]] += 1
        if result["status"] == "invalid":
            article = batch[result["index"]]
            errors = "; ".join(f"{e['field']}: {e['message']}" for e in result["errors"])
            progress.write(f"rejected {article.id or article.url or 'article'}: {errors}", file=sys.stderr)
    progress.update(len(batch))


def _summary(counts: Counter[str]) -> str:
    order = ("accepted", "updated", "duplicate", "invalid", "file problems")
    return "ingest: " + ", ".join(
        f"{counts[name]} {name}" for name in order if counts[name] or name == "accepted"
    )

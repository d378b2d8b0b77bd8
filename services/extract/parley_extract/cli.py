"""``parley extract PATH...`` and ``parley eval GOLD PRED``."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from parley_shared.article_files import FileProblem, iter_articles
from parley_shared.schemas import Article

from parley_extract.engine import extract
from parley_extract.evaluation import score


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "paths", nargs="+", metavar="PATH", help=".txt, .html, .json or .jsonl files, or directories of them"
    )


def run(args: argparse.Namespace) -> int:
    """Print one engagement JSON per line; report unreadable inputs on stderr and exit 1 after the rest."""
    problems = 0
    out = sys.stdout
    for item in iter_articles(args.paths):
        if isinstance(item, FileProblem):
            problems += 1
            print(f"parley extract: {item}", file=sys.stderr)
            continue
        article = Article.from_input(item)
        try:
            engagements = extract(article)
        except Exception as exc:  # one article's failure must not stop the corpus
            problems += 1
            print(f"parley extract: {article.id}: extraction failed: {exc!r}", file=sys.stderr)
            continue
        for engagement in engagements:
            out.write(engagement.model_dump_json(exclude_none=False) + "\n")
    out.flush()
    return 1 if problems else 0


def add_eval_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("gold", type=Path, help="gold engagements, one JSON object per line")
    parser.add_argument("pred", type=Path, help="predicted engagements (parley extract output)")
    parser.add_argument(
        "--verbose", action="store_true", help="list missed gold events and unmatched predictions"
    )
    parser.add_argument("--json", action="store_true", help="print the scores as one JSON object")


def _read_jsonl(path: Path) -> list[dict[str, Any]]:
    records = []
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                raise ValueError(f"{path}:{number}: invalid JSON: {exc.msg}") from exc
            if not isinstance(record, dict):
                raise ValueError(f"{path}:{number}: expected a JSON object")
            records.append(record)
    return records


def run_eval(args: argparse.Namespace) -> int:
    try:
        gold, pred = _read_jsonl(args.gold), _read_jsonl(args.pred)
    except (OSError, ValueError) as exc:
        print(f"parley eval: {exc}", file=sys.stderr)
        return 2
    try:
        result = score(gold, pred)
    except (KeyError, TypeError) as exc:
        print(f"parley eval: gold record lacks a required field: {exc}", file=sys.stderr)
        return 2
    summary = result.summary()
    if args.json:
        print(json.dumps(summary))
        return 0
    if args.verbose:
        for g in result.misses:
            names = [p["name"] for p in g["participants"]]
            print("MISS ", g["article_id"], g["type"], g["status"], names, g.get("note", ""))
        for p in result.extras:
            names = [q.get("name") for q in p.get("participants") or [] if isinstance(q, dict)]
            print("EXTRA", p.get("article_id"), p.get("type"), p.get("status"), names)
    print(" ".join(f"{key}={value}" for key, value in summary.items()))
    return 0

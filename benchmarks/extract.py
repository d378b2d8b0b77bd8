"""Extraction throughput and memory on one core: ``make bench`` or ``python benchmarks/extract.py``.

Builds a corpus of N articles (default 1,000) by cycling through the seeds and the test sets'
articles (tests/data/*/articles.jsonl, eight languages) of at least ``--min-kb`` (default 2.2 KB,
which makes the mean about 3 KB, the size the target is set for), each with its own id and date.
Loads the engine (knowledge base, gazetteer, every language's lexicons: start-up cost, reported
separately), then extracts them all in this one process and prints articles/s, KB/s and peak RSS.
"""

from __future__ import annotations

import argparse
import json
import resource
import time
from datetime import date, timedelta
from pathlib import Path

from parley_extract.engine import extract, load
from parley_shared.schemas import Article

ROOT = Path(__file__).resolve().parents[1]


def corpus(size: int, min_kb: float = 0.0) -> list[Article]:
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    for path in sorted((ROOT / "tests" / "data").glob("*/articles.jsonl")):
        lines = path.read_text(encoding="utf-8").splitlines()
        texts += [json.loads(line)["text"] for line in lines if line.strip()]
    texts = [t for t in texts if len(t.encode("utf-8")) >= min_kb * 1024]
    base = date(2025, 1, 1)
    return [
        Article(id=f"bench-{i}", text=texts[i % len(texts)], published_at=base + timedelta(days=i % 365))
        for i in range(size)
    ]


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("-n", "--articles", type=int, default=1000)
    parser.add_argument("--min-kb", type=float, default=2.2, help="leave out shorter source articles")
    args = parser.parse_args()
    articles = corpus(args.articles, args.min_kb)
    started = time.perf_counter()
    load()
    warmup = time.perf_counter() - started
    size_kb = sum(len(a.text.encode("utf-8")) for a in articles) / 1024
    engagements = 0
    started, started_cpu = time.perf_counter(), time.process_time()
    for article in articles:
        engagements += len(extract(article))
    elapsed, cpu = time.perf_counter() - started, time.process_time() - started_cpu
    print(f"articles:        {len(articles)} (mean {size_kb / len(articles):.1f} KB)")
    print(f"engagements:     {engagements}")
    print(f"start-up:        {warmup:.2f} s (knowledge base, gazetteer, lexicons)")
    print(
        f"throughput:      {len(articles) / elapsed:.0f} articles/s, {size_kb / elapsed:.0f} KB/s (one core)"
    )
    # CPU time is what the engine costs; wall time also counts whatever else the machine is doing.
    print(f"per CPU second:  {len(articles) / cpu:.0f} articles, {size_kb / cpu:.0f} KB")
    print(f"peak RSS:        {peak_rss_mb():.0f} MB")


if __name__ == "__main__":
    main()

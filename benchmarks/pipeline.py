"""Pipeline throughput and ingest→API latency: ``make bench`` or ``python benchmarks/pipeline.py``.

Pushes N distinct articles (a synthetic newswire of ~3 KB articles about distinct engagements,
``benchmarks/newswire.py``; or ``--corpus seeds``: the seeds cycled, each with its own id and day) through
ingest's ``POST /articles/batch`` and measures when each one's engagements are queryable through the
API, then prints the sustained end-to-end throughput and the latency percentiles.

How arrival is measured. Extraction is deterministic, so the benchmark runs the same engine on every
article first (before the clock starts) and knows the id of every report the pipeline will produce.
While the articles flow it polls the API's engagement list (``limit=500`` pages), summing the merged
engagements' ``report_count``: once the sum has grown by the expected number of reports, everything has
arrived. A warm-up article goes through first, so the figures describe the steady state, not the consumer
groups' start-up. It then reads each merged engagement once (``GET /engagements/{report id}`` lists
every report merged into it, with its article and ``received_at``), and an article's arrival time is the
latest ``received_at`` of its reports. ``received_at`` is the store's clock when it began the transaction
holding the report; rows become visible at that transaction's COMMIT, a few to a few hundred ms later
(``parley_store_batch_seconds`` on the store's ``/metrics``). So each latency is
``arrival - send`` where *send* is when the benchmark began the HTTP request carrying the article, and
it understates the true visibility by at most one store transaction; both ends read this machine's wall
clock. Polling every article's reports individually instead would cost the API more than the pipeline
itself once many reports merge into one engagement. Throughput is articles over (last arrival - first
send).

``--spawn`` starts the four services itself (:class:`LocalPipeline`, also used by the end-to-end test)
against ``KAFKA_BOOTSTRAP_SERVERS`` with topics and consumer groups of its own and a SQLite database in a
temporary directory, and removes its topics afterwards. Otherwise ``--ingest-url`` and ``--api-url``
name running services (their database may already hold engagements: only the growth is counted).
"""

from __future__ import annotations

import argparse
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from types import TracebackType
from typing import Self

import httpx
from kafka import KafkaAdminClient
from parley_shared.article_files import iter_articles
from parley_shared.schemas import Article, ArticleIn

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_BOOTSTRAP = "127.0.0.1:9092"
LOOPBACK = "127.0.0.1"
PAGE_SIZE = 500
HEALTH_PROBE_TIMEOUT_S = 2.0

# --------------------------------------------------------------------------- the services as processes


def free_port() -> int:
    """A TCP port on loopback that nothing listens on right now."""
    with socket.socket() as probe:
        probe.bind((LOOPBACK, 0))
        port: int = probe.getsockname()[1]
        return port


@dataclass(frozen=True)
class PipelineNames:
    """Topics and consumer groups of one pipeline, so that it shares nothing with any other."""

    articles: str
    engagements: str
    extract_dlq: str
    store_dlq: str
    extract_group: str
    store_group: str

    @classmethod
    def unique(cls, prefix: str) -> PipelineNames:
        run = f"{prefix}.{uuid.uuid4().hex[:10]}"
        return cls(
            articles=f"{run}.articles.raw",
            engagements=f"{run}.engagements",
            extract_dlq=f"{run}.extract.dlq",
            store_dlq=f"{run}.store.dlq",
            extract_group=f"{run}.extract",
            store_group=f"{run}.store",
        )

    @property
    def topics(self) -> list[str]:
        return [self.articles, self.engagements, self.extract_dlq, self.store_dlq]


class ServiceFailed(RuntimeError):
    """A service exited or did not become healthy in time; the message ends with its log."""


@dataclass
class _Service:
    name: str
    module: str
    health_url: str
    log_path: Path
    process: subprocess.Popen[bytes] | None = None

    def log_tail(self, chars: int = 4000) -> str:
        try:
            return self.log_path.read_text(encoding="utf-8", errors="replace")[-chars:]
        except FileNotFoundError:
            return "(no log yet)"


@dataclass
class LocalPipeline:
    """Ingest, extract, store and api as subprocesses of this one (``sys.executable -m parley_*``).

    Every port is a free loopback port; topics, groups and the database are the caller's, so several
    pipelines can run against one broker. Use as a context manager, or call :meth:`start` and
    :meth:`stop` (which is idempotent, so a finalizer may call it again).

    :param bootstrap_servers: ``KAFKA_BOOTSTRAP_SERVERS`` of the services.
    :param database_url: the store's and api's ``DATABASE_URL``.
    :param workdir: the services' working directory: logs and ingest's dedup state go here.
    :param names: topics and consumer groups (created by the services when missing).
    :param partitions: ``PARLEY_TOPIC_PARTITIONS`` for topics the services create.
    """

    bootstrap_servers: str
    database_url: str
    workdir: Path
    names: PipelineNames
    partitions: int = 6
    ingest_port: int = field(default_factory=free_port)
    api_port: int = field(default_factory=free_port)
    extract_ops_port: int = field(default_factory=free_port)
    store_ops_port: int = field(default_factory=free_port)

    def __post_init__(self) -> None:
        def service(name: str, port: int) -> _Service:
            return _Service(
                name, f"parley_{name}", f"http://{LOOPBACK}:{port}/health", self.workdir / f"{name}.log"
            )

        self._services = [
            service("ingest", self.ingest_port),
            service("extract", self.extract_ops_port),
            service("store", self.store_ops_port),
            service("api", self.api_port),
        ]

    @property
    def ingest_url(self) -> str:
        return f"http://{LOOPBACK}:{self.ingest_port}"

    @property
    def api_url(self) -> str:
        return f"http://{LOOPBACK}:{self.api_port}"

    @property
    def store_ops_url(self) -> str:
        return f"http://{LOOPBACK}:{self.store_ops_port}"

    def environment(self) -> dict[str, str]:
        """What the services read; everything that could leak in from this process's environment is set."""
        return os.environ | {
            "KAFKA_BOOTSTRAP_SERVERS": self.bootstrap_servers,
            "PARLEY_TOPIC_ARTICLES": self.names.articles,
            "PARLEY_TOPIC_ENGAGEMENTS": self.names.engagements,
            "PARLEY_TOPIC_PARTITIONS": str(self.partitions),
            "EXTRACT_GROUP_ID": self.names.extract_group,
            "EXTRACT_DLQ_TOPIC": self.names.extract_dlq,
            "STORE_GROUP_ID": self.names.store_group,
            "STORE_DLQ_TOPIC": self.names.store_dlq,
            "DATABASE_URL": self.database_url,
            "INGEST_HOST": LOOPBACK,
            "INGEST_PORT": str(self.ingest_port),
            "INGEST_DEDUP_PATH": str(self.workdir / "ingest-dedup.sqlite3"),
            "INGEST_FEEDS": "",
            "API_HOST": LOOPBACK,
            "API_PORT": str(self.api_port),
            "EXTRACT_OPS_HOST": LOOPBACK,
            "EXTRACT_OPS_PORT": str(self.extract_ops_port),
            "STORE_OPS_HOST": LOOPBACK,
            "STORE_OPS_PORT": str(self.store_ops_port),
        }

    def start(self, timeout_s: float = 90.0) -> None:
        """Start every service; wait until each answers ``/health`` with 200 (else :class:`ServiceFailed`)."""
        self.workdir.mkdir(parents=True, exist_ok=True)
        env = self.environment()
        for service in self._services:
            with service.log_path.open("wb") as log:
                service.process = subprocess.Popen(
                    [sys.executable, "-m", service.module],
                    cwd=self.workdir,
                    env=env,
                    stdout=log,
                    stderr=subprocess.STDOUT,
                )
        deadline = time.monotonic() + timeout_s
        with httpx.Client(timeout=HEALTH_PROBE_TIMEOUT_S) as client:
            for service in self._services:
                self._wait_until_healthy(client, service, deadline)

    def _wait_until_healthy(self, client: httpx.Client, service: _Service, deadline: float) -> None:
        assert service.process is not None
        last = "no answer"
        while time.monotonic() < deadline:
            if service.process.poll() is not None:
                raise ServiceFailed(
                    f"{service.name} exited with status {service.process.returncode} before it was healthy; "
                    f"its log:\n{service.log_tail()}"
                )
            try:
                response = client.get(service.health_url)
            except httpx.TransportError as exc:
                last = repr(exc)
            else:
                if response.status_code == httpx.codes.OK:
                    return
                last = f"{response.status_code} {response.text}"
            time.sleep(0.2)
        raise ServiceFailed(
            f"{service.name} not healthy in time (last: {last}); its log:\n{service.log_tail()}"
        )

    def stop(self, timeout_s: float = 30.0) -> dict[str, int]:
        """SIGTERM every running service, wait for each (SIGKILL after ``timeout_s``); their exit statuses."""
        running = [s for s in self._services if s.process is not None and s.process.poll() is None]
        for service in running:
            assert service.process is not None
            service.process.send_signal(signal.SIGTERM)
        deadline = time.monotonic() + timeout_s
        for service in running:
            assert service.process is not None
            try:
                service.process.wait(timeout=max(0.0, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                service.process.kill()
                service.process.wait()
        return {s.name: s.process.returncode for s in self._services if s.process is not None}

    def logs(self, chars_each: int = 4000) -> str:
        """The end of every service's log, for failure messages."""
        return "\n".join(f"----- {s.name} -----\n{s.log_tail(chars_each)}" for s in self._services)

    def __enter__(self) -> Self:
        try:
            self.start()
        except BaseException:
            self.stop()
            raise
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()


# --------------------------------------------------------------------------- the workload


@dataclass(frozen=True)
class BenchArticle:
    article: ArticleIn
    report_ids: frozenset[str]  # what the engine reads in it: the reports the pipeline will store


def build_corpus(size: int, run_id: str, kind: str = "newswire") -> list[BenchArticle]:
    """``size`` distinct articles: the synthetic newswire, or the seeds cycled with their own ids and days.

    The engine runs on each here, once, so the benchmark knows every report the pipeline will produce.
    """
    from parley_extract.engine import extract  # loads the knowledge base: only when benchmarking

    if kind == "newswire":
        from newswire import newswire

        sources = [ArticleIn(text=text, published_at=day) for text, day in newswire(size)]
    else:
        seeds = [item for item in iter_articles([ROOT / "seeds"]) if isinstance(item, ArticleIn)]
        first_day = date(2025, 1, 1)
        sources = [
            seeds[i % len(seeds)].model_copy(update={"published_at": first_day + timedelta(days=i % 365)})
            for i in range(size)
        ]
    corpus = []
    for index, source in enumerate(sources):
        article = source.model_copy(update={"id": f"bench-{run_id}-{index:06d}"})
        reports = frozenset(e.id for e in extract(Article.from_input(article)))
        corpus.append(BenchArticle(article, reports))
    return corpus


# --------------------------------------------------------------------------- sending and watching


def send_all(
    client: httpx.Client,
    ingest_url: str,
    corpus: Sequence[BenchArticle],
    batch: int,
    concurrency: int,
    rate: float,
) -> dict[str, float]:
    """POST the corpus in batches from ``concurrency`` threads; when each article's request began.

    :param rate: offered load in articles/s (batches start on that schedule); 0: as fast as ingest answers.
    """
    batches = [corpus[i : i + batch] for i in range(0, len(corpus), batch)]
    sent: dict[str, float] = {}
    started = time.monotonic()

    def post(number: int, items: Sequence[BenchArticle]) -> None:
        if rate > 0:
            time.sleep(max(0.0, started + number * batch / rate - time.monotonic()))
        began = time.time()
        response = client.post(
            f"{ingest_url}/articles/batch",
            json=[b.article.model_dump(mode="json", exclude_none=True) for b in items],
        )
        response.raise_for_status()
        statuses = {r["status"] for r in response.json()["results"]}
        if statuses != {"accepted"}:
            raise RuntimeError(f"ingest did not accept every article of batch {number}: {statuses}")
        sent.update((b.article.id or "", began) for b in items)

    with ThreadPoolExecutor(max_workers=concurrency) as pool:
        for future in [pool.submit(post, number, items) for number, items in enumerate(batches)]:
            future.result()
    return sent


def visible_reports(client: httpx.Client, api_url: str) -> int:
    """How many reports the API's merged engagements hold, over every page."""
    total, offset = 0, 0
    while True:
        page = client.get(f"{api_url}/engagements", params={"limit": PAGE_SIZE, "offset": offset}).json()
        total += sum(int(item["report_count"]) for item in page["items"])
        offset += PAGE_SIZE
        if page["next"] is None:
            return total


def wait_until_visible(
    client: httpx.Client, api_url: str, target: int, timeout_s: float, interval_s: float
) -> int:
    deadline = time.monotonic() + timeout_s
    seen = visible_reports(client, api_url)
    while seen < target and time.monotonic() < deadline:
        time.sleep(interval_s)
        seen = visible_reports(client, api_url)
    return seen


def stored_reports(client: httpx.Client, store_ops_url: str) -> int:
    """Reports the store has committed, from its ``/metrics`` counter."""
    for line in client.get(f"{store_ops_url}/metrics").text.splitlines():
        if line.startswith('parley_store_reports_total{outcome="stored"}'):
            return int(float(line.rpartition(" ")[2]))
    return 0


def wait_until_stored(
    client: httpx.Client, store_ops_url: str, target: int, timeout_s: float, interval_s: float
) -> None:
    deadline = time.monotonic() + timeout_s
    while stored_reports(client, store_ops_url) < target and time.monotonic() < deadline:
        time.sleep(interval_s)


def received_times(client: httpx.Client, api_url: str, corpus: Sequence[BenchArticle]) -> dict[str, float]:
    """``received_at`` (epoch s) of the expected reports the API knows; one request per merged engagement."""
    received: dict[str, float] = {}
    looked_up: set[str] = set()
    for item in corpus:
        for report_id in item.report_ids - looked_up:
            response = client.get(f"{api_url}/engagements/{report_id}")
            looked_up.add(report_id)
            if response.status_code == httpx.codes.NOT_FOUND:
                continue
            response.raise_for_status()
            for report in response.json()["reports"]:
                looked_up.add(report["id"])
                received[report["id"]] = _epoch(report["received_at"])
    return received


def _epoch(iso: str) -> float:
    moment = datetime.fromisoformat(iso)
    # The store stamps UTC; SQLite hands it back without the zone.
    return (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).timestamp()


def store_transaction_mean_s(client: httpx.Client, store_ops_url: str) -> float | None:
    """Mean time of the store's transactions (its ``/metrics``): how far ``received_at`` precedes COMMIT."""
    values: dict[str, float] = {}
    for line in client.get(f"{store_ops_url}/metrics").text.splitlines():
        name, _, value = line.partition(" ")
        if name in {"parley_store_batch_seconds_sum", "parley_store_batch_seconds_count"}:
            values[name] = float(value)
    count = values.get("parley_store_batch_seconds_count", 0.0)
    return values["parley_store_batch_seconds_sum"] / count if count else None


# --------------------------------------------------------------------------- the run


@dataclass(frozen=True)
class Options:
    articles: int
    batch: int
    concurrency: int
    rate: float
    timeout_s: float
    poll_interval_s: float
    corpus: str = "newswire"


def percentile(sorted_values: Sequence[float], fraction: float) -> float:
    """Nearest-rank percentile of already sorted values."""
    rank = max(1, -(-len(sorted_values) * fraction // 1))
    return sorted_values[int(rank) - 1]


def run(ingest_url: str, api_url: str, options: Options, store_ops_url: str | None = None) -> None:
    run_id = uuid.uuid4().hex[:8]
    print(f"building {options.articles} articles and the reports the engine reads in them ...", flush=True)
    warmup, *corpus = build_corpus(options.articles + 1, run_id, options.corpus)
    expected = sum(len(item.report_ids) for item in corpus)
    with httpx.Client(timeout=60, limits=httpx.Limits(max_connections=options.concurrency + 2)) as client:
        # Steady state, not start-up: the consumer groups join and take their partitions first.
        print("warming up: one article through the pipeline ...", flush=True)
        before = visible_reports(client, api_url)
        send_all(client, ingest_url, [warmup], 1, 1, 0.0)
        wait_until_visible(
            client, api_url, before + len(warmup.report_ids), options.timeout_s, options.poll_interval_s
        )
        baseline = visible_reports(client, api_url)
        print(f"sending {len(corpus)} articles ({expected} reports expected) ...", flush=True)
        stored_before = stored_reports(client, store_ops_url) if store_ops_url else 0
        sent = send_all(client, ingest_url, corpus, options.batch, options.concurrency, options.rate)
        sending_s = max(sent.values()) - min(sent.values())
        if store_ops_url:
            # Watching the store's counter costs the two cores nothing; paging the API while the
            # pipeline runs would take a third of them from the pipeline being measured.
            wait_until_stored(
                client, store_ops_url, stored_before + expected, options.timeout_s, options.poll_interval_s
            )
        seen = wait_until_visible(
            client, api_url, baseline + expected, options.timeout_s, options.poll_interval_s
        )
        received = received_times(client, api_url, corpus)
        commit_lag = store_transaction_mean_s(client, store_ops_url) if store_ops_url else None

    arrivals = {
        item.article.id or "": max(received[r] for r in item.report_ids)
        for item in corpus
        if item.report_ids and item.report_ids <= received.keys()
    }
    without_reports = sum(1 for item in corpus if not item.report_ids)
    missing = len(corpus) - without_reports - len(arrivals)
    latencies = sorted(arrivals[a] - sent[a] for a in arrivals)
    print(f"articles:        {len(corpus)} sent in {sending_s:.1f} s ({without_reports} without engagements)")
    print(f"reports:         {seen - baseline} of {expected} expected visible through the API")
    if missing:
        print(f"missing:         {missing} articles not (fully) queryable within {options.timeout_s:.0f} s")
    if not latencies:
        return
    span = max(arrivals.values()) - min(sent.values())
    print(
        f"throughput:      {len(arrivals) / span:.1f} articles/s end to end ({len(arrivals)} in {span:.1f} s)"
    )
    print(
        "latency:         "
        + ", ".join(f"p{round(q * 100)} {percentile(latencies, q):.3f} s" for q in (0.5, 0.95, 0.99))
        + f", max {latencies[-1]:.3f} s (ingest request -> store receipt)"
    )
    if commit_lag is not None:
        print(
            f"store commit:    {commit_lag * 1000:.0f} ms mean transaction (visibility lags receipt by this)"
        )


def parse_options(argv: Sequence[str] | None) -> tuple[argparse.Namespace, Options]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("-n", "--articles", type=int, default=1000, help="articles to send (default 1000)")
    parser.add_argument(
        "--batch", type=int, default=50, help="articles per POST /articles/batch (default 50)"
    )
    parser.add_argument("--concurrency", type=int, default=4, help="concurrent batch requests (default 4)")
    parser.add_argument(
        "--rate",
        type=float,
        default=0.0,
        help="offered load in articles/s; 0 (default) sends as fast as it can",
    )
    parser.add_argument("--timeout", type=float, default=300.0, help="seconds to wait for the last arrival")
    parser.add_argument("--poll-interval", type=float, default=0.5, help="seconds between API polls")
    parser.add_argument(
        "--corpus",
        choices=("newswire", "seeds"),
        default="newswire",
        help="synthetic newswire of distinct engagements (default), or the seeds cycled",
    )
    target = parser.add_mutually_exclusive_group()
    target.add_argument("--spawn", action="store_true", help="start the four services (SQLite in a temp dir)")
    target.add_argument("--ingest-url", default="http://127.0.0.1:8001")
    parser.add_argument("--api-url", default="http://127.0.0.1:8000")
    args = parser.parse_args(argv)
    if args.articles < 1 or args.batch < 1 or args.concurrency < 1 or args.rate < 0:
        parser.error("--articles, --batch and --concurrency must be positive and --rate not negative")
    options = Options(
        args.articles, args.batch, args.concurrency, args.rate, args.timeout, args.poll_interval, args.corpus
    )
    return args, options


def main(argv: Sequence[str] | None = None) -> None:
    args, options = parse_options(argv)
    if not args.spawn:
        run(args.ingest_url, args.api_url, options)
        return
    bootstrap = os.environ.get("KAFKA_BOOTSTRAP_SERVERS", DEFAULT_BOOTSTRAP)
    names = PipelineNames.unique("bench")
    with ExitStack() as cleanup:
        workdir = Path(cleanup.enter_context(tempfile.TemporaryDirectory(prefix="parley-bench-")))
        cleanup.callback(delete_topics, bootstrap, names.topics)
        pipeline = LocalPipeline(
            bootstrap_servers=bootstrap,
            database_url=f"sqlite:///{workdir / 'parley.db'}",
            workdir=workdir,
            names=names,
        )
        print(f"starting the services (topics {names.articles} ...; logs in {workdir}) ...", flush=True)
        cleanup.enter_context(pipeline)
        run(pipeline.ingest_url, pipeline.api_url, options, pipeline.store_ops_url)


def delete_topics(bootstrap: str, topics: list[str]) -> None:
    admin = KafkaAdminClient(bootstrap_servers=bootstrap.split(","))
    try:
        admin.delete_topics(topics, raise_errors=False)
    finally:
        admin.close()


if __name__ == "__main__":
    main()

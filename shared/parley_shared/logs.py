"""One-line ``key=value`` logs, the same shape for every service, so they grep and parse alike.

Example::

    time=2026-11-23T16:30:01.123+00:00 level=INFO service=ingest logger=parley_ingest.app msg=published id=u-1

Fields passed through ``extra=`` are appended as further ``key=value`` pairs.
"""

from __future__ import annotations

import logging
import sys
from datetime import UTC, datetime

# Attributes every LogRecord has; anything else on a record came from ``extra=``. uvicorn adds a
# terminal-coloured copy of its messages as ``color_message``: noise in a log file.
_STANDARD_ATTRIBUTES = frozenset(vars(logging.LogRecord("", 0, "", 0, "", None, None))) | {
    "message",
    "asctime",
    "color_message",
}


def _quote(value: object) -> str:
    text = str(value)
    if text and not any(c in text for c in ' ="\n\t'):
        return text
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t")
    return f'"{escaped}"'


class KeyValueFormatter(logging.Formatter):
    """Formats a record as ``time=... level=... service=... logger=... msg=...`` on one line."""

    def __init__(self, service: str) -> None:
        super().__init__()
        self._service = service

    def format(self, record: logging.LogRecord) -> str:
        timestamp = datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds")
        pairs: list[tuple[str, object]] = [
            ("time", timestamp),
            ("level", record.levelname),
            ("service", self._service),
            ("logger", record.name),
            ("msg", record.getMessage()),
        ]
        pairs.extend((key, value) for key, value in vars(record).items() if key not in _STANDARD_ATTRIBUTES)
        if record.exc_info:
            pairs.append(("exc", self.formatException(record.exc_info)))
        return " ".join(f"{key}={_quote(value)}" for key, value in pairs)


def configure_logging(level: str, service: str) -> None:
    """Send every logger's records to stderr as one ``key=value`` line each.

    :param level: a ``logging`` level name such as ``INFO`` (``LOG_LEVEL`` in the settings).
    :param service: the service name written into every line.
    """
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(KeyValueFormatter(service))
    root = logging.getLogger()
    for existing in list(root.handlers):
        root.removeHandler(existing)
    root.addHandler(handler)
    root.setLevel(level.upper())
    # kafka-python logs every reconnect attempt at INFO/WARNING; keep its noise below ours.
    logging.getLogger("kafka").setLevel(max(logging.WARNING, root.level))

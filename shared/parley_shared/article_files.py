"""Read articles from files, for ``parley ingest`` and ``parley extract``.

Accepted inputs, and the article each yields:

- ``*.txt``           the whole file is the text; the id is the file name without its suffix;
- ``*.html``/``*.htm`` the raw HTML is the text (the extraction engine cleans it); id as for ``.txt``;
- ``*.json``          one ``ArticleIn`` object;
- ``*.jsonl``         one ``ArticleIn`` object per line (blank lines are skipped);
- a directory         every file above inside it, recursively, in name order (other files are skipped).

A file or line that can't be read yields a :class:`FileProblem` instead, and reading carries on,
so one bad line never hides the rest of a corpus.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from parley_shared.schemas import ArticleIn

TEXT_SUFFIXES = frozenset({".txt", ".html", ".htm"})
JSON_SUFFIXES = frozenset({".json", ".jsonl"})
ARTICLE_SUFFIXES = TEXT_SUFFIXES | JSON_SUFFIXES

_NOT_ID_CHARACTERS = re.compile(r"[^\w.:\-]+")


@dataclass(frozen=True)
class FieldError:
    """One reason an input was rejected: the offending field (dotted path) and what is wrong with it."""

    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.field}: {self.message}"


def field_errors(error: ValidationError) -> list[FieldError]:
    """The errors of an ``ArticleIn`` validation, one per field (``(article)`` for the input as a whole).

    ``ArticleIn`` is flat, so the first location part names the field. A union field (``published_at``
    is a datetime or a date) fails once per alternative with the same complaint: the first one is kept.
    """
    messages: dict[str, str] = {}
    for item in error.errors(include_url=False):
        field = str(item["loc"][0]) if item["loc"] else "(article)"
        messages.setdefault(field, item["msg"].removeprefix("Value error, "))
    return [FieldError(field, message) for field, message in messages.items()]


@dataclass(frozen=True)
class FileProblem:
    """A file, or one line of it, that yielded no article, and why."""

    path: Path
    line: int | None
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line is not None else str(self.path)
        return f"{where}: {self.message}"


def iter_articles(paths: Iterable[str | Path]) -> Iterator[ArticleIn | FileProblem]:
    """Yield every article found under ``paths``, or a problem for each one that can't be read."""
    for path in map(Path, paths):
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if (
                    child.is_file()
                    and child.suffix.lower() in ARTICLE_SUFFIXES
                    and not _is_hidden(child, path)
                ):
                    yield from _read_file(child)
        elif path.is_file():
            if path.suffix.lower() in ARTICLE_SUFFIXES:
                yield from _read_file(path)
            else:
                expected = ", ".join(sorted(ARTICLE_SUFFIXES))
                yield FileProblem(
                    path, None, f"unsupported file type {path.suffix!r}; expected one of {expected}"
                )
        else:
            yield FileProblem(path, None, "no such file or directory")


def _is_hidden(path: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(root).parts)


def _read_file(path: Path) -> Iterator[ArticleIn | FileProblem]:
    try:
        # utf-8-sig: files saved by some Windows editors start with a byte-order mark.
        content = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        yield FileProblem(path, None, f"not UTF-8 text ({exc.reason} at byte {exc.start})")
        return
    except OSError as exc:
        yield FileProblem(path, None, f"cannot read: {exc.strerror or exc}")
        return
    suffix = path.suffix.lower()
    if suffix in TEXT_SUFFIXES:
        yield _validated(path, None, {"id": file_article_id(path), "text": content})
    elif suffix == ".json":
        yield _parsed(path, None, content)
    else:
        for number, line in enumerate(content.splitlines(), start=1):
            if line.strip():
                yield _parsed(path, number, line)


def file_article_id(path: Path) -> str:
    """The article id of a text or HTML file: its name without suffix, made safe for an id."""
    return _NOT_ID_CHARACTERS.sub("-", path.stem).strip("-") or "article"


def _parsed(path: Path, line: int | None, document: str) -> ArticleIn | FileProblem:
    try:
        data = json.loads(document)
    except json.JSONDecodeError as exc:
        return FileProblem(path, line, f"invalid JSON: {exc.msg} (column {exc.colno})")
    if not isinstance(data, dict):
        hint = "; put one article per line in a .jsonl file" if isinstance(data, list) else ""
        return FileProblem(
            path, line, f"expected a JSON object with the article, got {type(data).__name__}{hint}"
        )
    return _validated(path, line, data)


def _validated(path: Path, line: int | None, data: dict[str, object]) -> ArticleIn | FileProblem:
    try:
        return ArticleIn.model_validate(data)
    except ValidationError as exc:
        return FileProblem(path, line, "invalid article: " + "; ".join(map(str, field_errors(exc))))

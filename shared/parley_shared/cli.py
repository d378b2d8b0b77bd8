"""``parley``: the command line, one subcommand per task.

Subcommands live in the packages that do the work. This dispatcher only knows their names and one-line
help, and imports a subcommand's module when that subcommand is run (or asked for ``--help``), so
``parley tail`` never loads the extraction engine and ``parley --help`` loads nothing.

A subcommand is two functions, named ``"module:function"`` in :data:`COMMANDS`:

- ``arguments(parser: argparse.ArgumentParser) -> None`` declares its options and arguments;
- ``run(args: argparse.Namespace) -> int`` does the work and returns the exit status.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, cast


@dataclass(frozen=True)
class Command:
    name: str
    help: str
    run: str
    arguments: str


COMMANDS = (
    Command(
        "extract",
        "extract engagements from article files and print them as JSON lines",
        run="parley_extract.cli:run",
        arguments="parley_extract.cli:add_arguments",
    ),
    Command(
        "eval",
        "score predicted engagements against gold annotations",
        run="parley_extract.cli:run_eval",
        arguments="parley_extract.cli:add_eval_arguments",
    ),
    Command(
        "ingest",
        "send article files to the ingest service's HTTP API",
        run="parley_ingest.cli:run",
        arguments="parley_ingest.cli:add_arguments",
    ),
    Command(
        "tail",
        "print engagements from Kafka as they are extracted",
        run="parley_shared.tail:run",
        arguments="parley_shared.tail:add_arguments",
    ),
)


def _resolve(target: str) -> Callable[..., Any]:
    module_name, _, attribute = target.partition(":")
    return cast(Callable[..., Any], getattr(importlib.import_module(module_name), attribute))


def build_parser(selected: str | None = None) -> argparse.ArgumentParser:
    """The ``parley`` parser; only the ``selected`` subcommand's module is imported (for its arguments)."""
    parser = argparse.ArgumentParser(
        prog="parley", description="Parley: diplomatic engagements from news articles."
    )
    subcommands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for command in COMMANDS:
        subparser = subcommands.add_parser(command.name, help=command.help, description=command.help)
        if command.name == selected:
            _resolve(command.arguments)(subparser)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    # The top-level parser has no options of its own besides --help, so the first word that isn't an
    # option names the subcommand.
    selected = next((word for word in arguments if not word.startswith("-")), None)
    command = next((c for c in COMMANDS if c.name == selected), None)
    try:
        parser = build_parser(command.name if command else None)
    except ImportError as exc:
        print(f"parley {selected}: not available in this installation ({exc})", file=sys.stderr)
        return 2
    args = parser.parse_args(arguments)
    if command is None:  # parse_args has already rejected an unknown or missing subcommand
        parser.error("a subcommand is required")
    return int(_resolve(command.run)(args))


if __name__ == "__main__":
    sys.exit(main())

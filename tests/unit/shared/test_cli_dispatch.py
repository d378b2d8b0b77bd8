import subprocess
import sys

import pytest
from parley_shared import cli


def run_python(code: str) -> str:
    return subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True).stdout


def test_building_one_subcommand_imports_only_its_module():
    loaded = run_python(
        "import sys\n"
        "from parley_shared.cli import build_parser\n"
        "args = build_parser('tail').parse_args(['tail', '--json', '--limit', '3'])\n"
        "print(args.json, args.limit, 'parley_extract' in sys.modules, 'parley_ingest' in sys.modules)\n"
    )

    assert loaded.split() == ["True", "3", "False", "False"]


def test_help_lists_every_subcommand_without_importing_any(capsys):
    with pytest.raises(SystemExit) as exit_info:
        cli.main(["--help"])

    assert exit_info.value.code == 0
    listing = capsys.readouterr().out
    assert all(command.name in listing for command in cli.COMMANDS)


def test_an_unknown_subcommand_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as exit_info:
        cli.main(["frobnicate"])

    assert exit_info.value.code == 2
    assert "invalid choice: 'frobnicate'" in capsys.readouterr().err


def test_ingest_arguments_come_from_the_ingest_module():
    args = cli.build_parser("ingest").parse_args(["ingest", "a.txt", "dir", "--batch-size", "7"])

    assert (args.paths, args.url, args.batch_size) == (["a.txt", "dir"], "http://127.0.0.1:8001", 7)

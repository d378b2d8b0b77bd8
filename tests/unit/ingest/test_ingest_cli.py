import argparse
import socket

from parley_ingest import cli as ingest_cli


def unused_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_parley_ingest_stops_with_a_clear_error_when_the_service_is_down(tmp_path, capsys):
    (tmp_path / "a.txt").write_text("Dar met Rubio.", encoding="utf-8")
    args = argparse.Namespace(paths=[tmp_path], url=f"http://127.0.0.1:{unused_port()}", batch_size=10)

    exit_status = ingest_cli.run(args)

    assert exit_status == 1
    assert "error: cannot reach the ingest service at http://127.0.0.1:" in capsys.readouterr().err


def test_file_problems_alone_make_the_exit_status_1_and_send_nothing(tmp_path, capsys):
    (tmp_path / "bad.json").write_text("{", encoding="utf-8")
    args = argparse.Namespace(paths=[tmp_path], url=f"http://127.0.0.1:{unused_port()}", batch_size=10)

    exit_status = ingest_cli.run(args)

    err = capsys.readouterr().err
    assert exit_status == 1
    assert f"skipped {tmp_path / 'bad.json'}: invalid JSON" in err
    assert "ingest: 0 accepted, 1 file problems" in err

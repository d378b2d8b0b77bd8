import logging

from parley_shared.logs import KeyValueFormatter


def make_record(message, *args, **extra):
    record = logging.LogRecord("parley_ingest.app", logging.WARNING, __file__, 1, message, args, None)
    record.__dict__.update(extra)
    return record


def test_a_record_is_one_line_of_key_value_pairs_with_extras_and_quoting():
    line = KeyValueFormatter("ingest").format(
        make_record("published %d articles", 3, topic="parley.articles.raw")
    )

    assert line.startswith("time=")
    assert ' level=WARNING service=ingest logger=parley_ingest.app msg="published 3 articles"' in line
    assert line.endswith(" topic=parley.articles.raw")


def test_exceptions_stay_on_the_same_line():
    try:
        raise RuntimeError('broker "down"\nfor good')
    except RuntimeError:
        record = make_record("failed")
        record.exc_info = __import__("sys").exc_info()

    line = KeyValueFormatter("extract").format(record)

    assert "\n" not in line
    assert 'exc="Traceback' in line
    assert 'RuntimeError: broker \\"down\\"\\nfor good"' in line

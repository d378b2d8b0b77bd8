from parley_extract.evaluation import names_agree, score

DAR = {"name": "Ishaq Dar", "aliases": ["Ishaq Dar", "Dar", "اسحاق ڈار"], "country": "PAK"}
RUBIO = {"name": "Marco Rubio", "aliases": ["Marco Rubio", "Rubio"], "country": "USA"}


def _gold(**over):
    record = {
        "article_id": "a",
        "type": "call",
        "status": "happened",
        "participants": [DAR, RUBIO],
        "location": None,
        "forum": None,
        "date": {"start": "2025-08-04", "end": "2025-08-04"},
    }
    return record | over


def _pred(**over):
    record = {
        "article_id": "a",
        "type": "call",
        "status": "happened",
        "participants": [{"name": "Ishaq Dar"}, {"name": "Marco Rubio"}],
        "date": {"start": "2025-08-04", "end": "2025-08-04"},
    }
    return record | over


def test_names_agree_by_alias_and_by_contained_surname():
    assert names_agree("Rubio", ["Marco Rubio"])
    assert names_agree("Senator Mohammad Ishaq Dar", ["Ishaq Dar"])
    assert not names_agree("Li", ["Li Qiang"])  # too short to count


def test_a_perfect_prediction_scores_one():
    summary = score([_gold()], [_pred()]).summary()
    assert summary["f1"] == 1.0 and summary["strict_f1"] == 1.0


def test_wrong_date_counts_for_f1_but_not_strict():
    summary = score([_gold()], [_pred(date={"start": "2025-08-01", "end": "2025-08-01"})]).summary()
    assert summary["f1"] == 1.0 and summary["strict_f1"] == 0.0


def test_wrong_type_is_a_miss_and_an_extra():
    result = score([_gold()], [_pred(type="meeting")])
    assert (result.tp, result.fp, result.fn) == (0, 1, 1)


def test_optional_gold_absorbs_a_prediction_without_reward():
    result = score([_gold(optional=True)], [_pred()])
    assert (result.tp, result.fp, result.fn) == (0, 0, 0)


def test_visits_need_the_place():
    gold = _gold(
        type="visit",
        participants=[DAR],
        date=None,
        location={"name": "Moscow", "aliases": ["Moscow"], "country": "RUS"},
    )
    right = _pred(type="visit", participants=[{"name": "Dar"}], location={"name": "Moscow", "country": "RUS"})
    wrong = _pred(type="visit", participants=[{"name": "Dar"}], location={"name": "Paris", "country": "FRA"})
    assert score([gold], [right]).tp == 1
    assert score([gold], [wrong]).tp == 0


def test_one_prediction_matches_one_gold():
    result = score([_gold(), _gold()], [_pred()])
    assert (result.tp, result.fn) == (1, 1)

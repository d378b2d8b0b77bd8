"""Score predicted engagements against hand-annotated gold, by the matching rules of the annotation guide.

A prediction matches a gold event of the same article and type (or an accepted alternative)
when it names enough of the gold participants (two for meetings and calls, one where gold
names only one) and, for visits, the place; for forums, the forum (or else the place).
Matching is one-to-one, best pairs first. Gold marked ``optional`` neither rewards nor
penalises. A *strict* match also needs the status and, where gold has a date, an overlapping
date.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

Record = dict[str, Any]


def words(text: str) -> tuple[str, ...]:
    folded = unicodedata.normalize("NFKD", unicodedata.normalize("NFKC", text or "").casefold())
    plain = "".join(ch for ch in folded if not unicodedata.combining(ch))
    return tuple(re.sub(r"[\W_]+", " ", plain).split())


def _contains(hay: tuple[str, ...], needle: tuple[str, ...]) -> bool:
    n = len(needle)
    return n > 0 and any(hay[i : i + n] == needle for i in range(len(hay) - n + 1))


def names_agree(predicted: str, aliases: list[str]) -> bool:
    """Same name, or one inside the other ("Rubio" in "Marco Rubio"; not two-letter fragments)."""
    p = words(predicted)
    if not p:
        return False
    for alias in map(words, aliases):
        if alias and (p == alias or _contains(p, alias)):
            return True
        if alias and _contains(alias, p) and sum(map(len, p)) >= 4:
            return True
    return False


def _predicted_names(pred: Record) -> list[str]:
    names: list[str] = []
    for person in pred.get("participants") or []:
        if isinstance(person, str):
            names.append(person)
        elif isinstance(person, dict):
            names += [str(person[k]) for k in ("name", "canonical_name") if person.get(k)]
            names += [str(a) for a in person.get("aliases") or [] if a]
    return names


def _participant_weights(pred: Record, gold: Record) -> list[float]:
    names = _predicted_names(pred)
    countries = {
        str(p.get("country") or "").upper()
        for p in pred.get("participants") or []
        if isinstance(p, dict) and p.get("country")
    }
    weights = []
    for person in gold["participants"]:
        if any(names_agree(n, person["aliases"]) for n in names):
            weights.append(1.0)
        elif person.get("unnamed") and str(person.get("country") or "").upper() in countries:
            weights.append(0.5)
    return weights


def _place_agrees(pred_place: Any, gold_place: Record | None) -> bool:
    if not pred_place or not gold_place:
        return False
    place = {"name": pred_place} if isinstance(pred_place, str) else pred_place
    if place.get("name") and names_agree(str(place["name"]), gold_place["aliases"]):
        return True
    country = str(place.get("country") or "").upper()
    return bool(country) and country == str(gold_place.get("country") or "").upper()


def _forum_agrees(pred: Record, gold: Record) -> bool:
    forum = pred.get("forum") or {}
    forum = {"name": forum} if isinstance(forum, str) else forum
    labels = [str(forum[k]) for k in ("name", "org", "organization") if forum.get(k)]
    if gold.get("forum") and any(names_agree(label, gold["forum"]["aliases"]) for label in labels):
        return True
    return bool(gold.get("location")) and _place_agrees(pred.get("location"), gold["location"])


def _date_range(value: Any) -> tuple[str, str] | None:
    if not value:
        return None
    if isinstance(value, str):
        return value[:10], value[:10]
    start = value.get("start") or value.get("date")
    if not start:
        return None
    return str(start)[:10], str(value.get("end") or start)[:10]


def _dates_overlap(pred: Record, gold: Record) -> bool:
    g, p = _date_range(gold.get("date")), _date_range(pred.get("date"))
    return g is not None and p is not None and p[0] <= g[1] and g[0] <= p[1]


def same_engagement(pred: Record, gold: Record) -> bool:
    if pred.get("article_id") != gold["article_id"]:
        return False
    if pred.get("type") not in (gold["type"], *gold.get("type_alternatives", [])):
        return False
    found = len(_participant_weights(pred, gold))
    if gold["type"] in ("meeting", "call"):
        return found >= min(2, len(gold["participants"]))
    if found < 1:
        return False
    if gold["type"] == "visit":
        return _place_agrees(pred.get("location"), gold["location"])
    return _forum_agrees(pred, gold)


def strictly_same(pred: Record, gold: Record) -> bool:
    return pred.get("status") == gold["status"] and (not gold.get("date") or _dates_overlap(pred, gold))


def _pair_quality(pred: Record, gold: Record) -> float:
    return (
        sum(_participant_weights(pred, gold))
        + 2 * strictly_same(pred, gold)
        + _dates_overlap(pred, gold)
        + _place_agrees(pred.get("location"), gold.get("location"))
    )


def _pairs(preds: list[Record], golds: list[Record]) -> list[tuple[int, int]]:
    ranked = sorted(
        (
            (_pair_quality(p, g), i, j)
            for i, p in enumerate(preds)
            for j, g in enumerate(golds)
            if same_engagement(p, g)
        ),
        reverse=True,
    )
    used_p: set[int] = set()
    used_g: set[int] = set()
    pairs = []
    for _, i, j in ranked:
        if i not in used_p and j not in used_g:
            used_p.add(i)
            used_g.add(j)
            pairs.append((i, j))
    return pairs


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    strict_tp: int = 0
    status_right: int = 0
    dated: int = 0
    date_right: int = 0
    located: int = 0
    location_right: int = 0
    misses: list[Record] = field(default_factory=list)
    extras: list[Record] = field(default_factory=list)

    @staticmethod
    def _f1(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return precision, recall, f1

    def summary(self) -> dict[str, float | int | None]:
        precision, recall, f1 = self._f1(self.tp, self.fp, self.fn)
        loose = self.tp - self.strict_tp
        _, _, strict_f1 = self._f1(self.strict_tp, self.fp + loose, self.fn + loose)
        return {
            "gold_required": self.tp + self.fn,
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": round(precision, 3),
            "recall": round(recall, 3),
            "f1": round(f1, 3),
            "strict_f1": round(strict_f1, 3),
            "status_accuracy": round(self.status_right / self.tp, 3) if self.tp else None,
            "date_accuracy": round(self.date_right / self.dated, 3) if self.dated else None,
            "location_accuracy": round(self.location_right / self.located, 3) if self.located else None,
        }


def score(golds: list[Record], preds: list[Record]) -> Score:
    gold_by_article: dict[str, list[Record]] = defaultdict(list)
    pred_by_article: dict[str, list[Record]] = defaultdict(list)
    for g in golds:
        gold_by_article[g["article_id"]].append(g)
    for p in preds:
        pred_by_article[str(p.get("article_id"))].append(p)
    result = Score()
    for article in sorted(set(gold_by_article) | set(pred_by_article)):
        gold, predicted = gold_by_article.get(article, []), pred_by_article.get(article, [])
        required = [g for g in gold if not g.get("optional")]
        optional = [g for g in gold if g.get("optional")]
        matched = _pairs(predicted, required)
        unmatched = [i for i in range(len(predicted)) if i not in {i for i, _ in matched}]
        absorbed = {unmatched[i] for i, _ in _pairs([predicted[i] for i in unmatched], optional)}
        result.tp += len(matched)
        result.fn += len(required) - len(matched)
        result.fp += len(unmatched) - len(absorbed)
        for i, j in matched:
            p, g = predicted[i], required[j]
            result.strict_tp += strictly_same(p, g)
            result.status_right += p.get("status") == g["status"]
            if g.get("date"):
                result.dated += 1
                result.date_right += _dates_overlap(p, g)
            if g.get("location"):
                result.located += 1
                result.location_right += _place_agrees(p.get("location"), g["location"])
        hit = {j for _, j in matched}
        result.misses += [g for j, g in enumerate(required) if j not in hit]
        result.extras += [predicted[i] for i in unmatched if i not in absorbed]
    return result

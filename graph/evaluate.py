"""Score extraction against gold files, exactly as GUIDELINES.md describes.

Pages are paired by file name; articles by headline (equal or containing: full credit;
else difflib ratio ≥ 0.8; leftovers by shared entity names, Jaccard ≥ 0.3); entities by
type and any shared normalised name (Events also by containment or ratio ≥ 0.6);
relations by predicate and both ends. Relations marked ``inferred`` are not scored.

>>> gold = {"articles": [{"title": "甲工会举办活动", "entities": [{"type": "Union", "name": "甲工会"}],
...          "relations": []}]}
>>> pred = {"articles": [{"title": "甲工会举办活动", "entities": [{"type": "Union", "name": "“甲工会”"}],
...          "relations": []}]}
>>> score_page(gold, pred).entities.f1
1.0
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path

from graph.model import normalise_name


@dataclass
class Tally:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: "Tally") -> None:
        self.tp, self.fp, self.fn = self.tp + other.tp, self.fp + other.fp, self.fn + other.fn

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_json(self) -> dict:
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
        }


@dataclass
class Score:
    articles: Tally = field(default_factory=Tally)
    entities: Tally = field(default_factory=Tally)
    relations: Tally = field(default_factory=Tally)
    entity_types: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    predicates: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    # what each extraction rule found: right (tp) or wrong (fp), as "entity <rule>" / "relation <rule>"
    rules: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    misses: list[dict] = field(default_factory=list)

    def add(self, other: "Score") -> None:
        self.articles.add(other.articles)
        self.entities.add(other.entities)
        self.relations.add(other.relations)
        for k, t in other.entity_types.items():
            self.entity_types[k].add(t)
        for k, t in other.predicates.items():
            self.predicates[k].add(t)
        for k, t in other.rules.items():
            self.rules[k].add(t)
        self.misses.extend(other.misses)

    def to_json(self) -> dict:
        return {
            "articles": self.articles.to_json(),
            "entities": self.entities.to_json(),
            "relations": self.relations.to_json(),
            "entity_types": {k: t.to_json() for k, t in sorted(self.entity_types.items())},
            "predicates": {k: t.to_json() for k, t in sorted(self.predicates.items())},
            "rules": {k: t.to_json() for k, t in sorted(self.rules.items())},
            "misses": self.misses,
        }


def _names(entity: dict) -> set[str]:
    return {normalise_name(n) for n in [entity["name"], *entity.get("aliases", [])] if n}


def _ratio(a: str, b: str) -> float:
    return SequenceMatcher(None, a, b).ratio()


def _pair_articles(gold: list[dict], pred: list[dict]) -> list[tuple[int, int]]:
    candidates = []
    for gi, g in enumerate(gold):
        gt = normalise_name(g.get("title", ""))
        for pi, p in enumerate(pred):
            pt = normalise_name(p.get("title", ""))
            if not gt or not pt:
                continue
            strength = 1.0 if gt == pt or gt in pt or pt in gt else _ratio(gt, pt)
            if strength >= 0.8:
                candidates.append((strength, gi, pi))
    pairs = _greedy(candidates)
    used_g, used_p = {g for g, _ in pairs}, {p for _, p in pairs}
    leftovers = []
    for gi, g in enumerate(gold):
        if gi in used_g:
            continue
        gnames = set().union(*(_names(e) for e in g["entities"])) if g["entities"] else set()
        for pi, p in enumerate(pred):
            if pi in used_p:
                continue
            pnames = set().union(*(_names(e) for e in p["entities"])) if p["entities"] else set()
            union = gnames | pnames
            jaccard = len(gnames & pnames) / len(union) if union else 0.0
            if jaccard >= 0.3:
                leftovers.append((jaccard, gi, pi))
    return pairs + _greedy(leftovers, used_g, used_p)


def _greedy(candidates, used_g=None, used_p=None) -> list[tuple[int, int]]:
    used_g, used_p = set(used_g or ()), set(used_p or ())
    pairs = []
    for _, gi, pi in sorted(candidates, key=lambda c: (-c[0], c[1], c[2])):
        if gi not in used_g and pi not in used_p:
            pairs.append((gi, pi))
            used_g.add(gi)
            used_p.add(pi)
    return pairs


def _entity_match(g: dict, p: dict) -> bool:
    if g["type"] != p["type"]:
        return False
    gn, pn = _names(g), _names(p)
    if gn & pn:
        return True
    if g["type"] == "Event":
        return any(a in b or b in a or _ratio(a, b) >= 0.6 for a in gn for b in pn if a and b)
    return False


def score_article(gold: dict, pred: dict | None, where: str = "") -> Score:
    score = Score()
    pred = pred or {"entities": [], "relations": []}
    # entities: each gold matched at most once, best (exact-name) matches first
    matched: dict[int, int] = {}
    for exact_pass in (True, False):
        for pi, p in enumerate(pred["entities"]):
            if pi in matched.values():
                continue
            for gi, g in enumerate(gold["entities"]):
                if gi in matched:
                    continue
                ok = (
                    (g["type"] == p["type"] and bool(_names(g) & _names(p)))
                    if exact_pass
                    else _entity_match(g, p)
                )
                if ok:
                    matched[gi] = pi
                    break
    for gi, g in enumerate(gold["entities"]):
        hit = gi in matched
        t = score.entity_types[g["type"]]
        if hit:
            t.tp += 1
            score.entities.tp += 1
        else:
            t.fn += 1
            score.entities.fn += 1
            score.misses.append(
                {"where": where, "kind": "missed entity", "type": g["type"], "name": g["name"]}
            )
    found = set(matched.values())
    for pi, p in enumerate(pred["entities"]):
        for rule in p.get("rules", ()):
            score.rules[f"entity {rule}"].tp += pi in found
            score.rules[f"entity {rule}"].fp += pi not in found
        if pi not in found:
            score.entity_types[p["type"]].fp += 1
            score.entities.fp += 1
            score.misses.append(
                {"where": where, "kind": "false entity", "type": p["type"], "name": p["name"]}
            )

    # relation ends resolve to gold entities through the entity matching, or by name
    pred_to_gold = {pi: gi for gi, pi in matched.items()}

    def gold_ids_for(name: str, pred_side: bool) -> set[int]:
        n = normalise_name(name)
        ids = {gi for gi, g in enumerate(gold["entities"]) if n in _names(g)}
        if pred_side:
            for pi, p in enumerate(pred["entities"]):
                if n in _names(p) and pi in pred_to_gold:
                    ids.add(pred_to_gold[pi])
        return ids

    gold_rels = [
        (r["p"], gold_ids_for(r["s"], False), gold_ids_for(r["o"], False), r) for r in gold["relations"]
    ]
    used = set()
    for r in pred["relations"]:
        if r.get("inferred"):
            continue
        s_ids, o_ids = gold_ids_for(r["s"], True), gold_ids_for(r["o"], True)
        hit = None
        for k, (p, gs, go, _) in enumerate(gold_rels):
            if k not in used and p == r["p"] and gs & s_ids and go & o_ids:
                hit = k
                break
        t = score.predicates[r["p"]]
        if r.get("rule"):
            score.rules[f"relation {r['rule']}"].tp += hit is not None
            score.rules[f"relation {r['rule']}"].fp += hit is None
        if hit is None:
            t.fp += 1
            score.relations.fp += 1
            score.misses.append(
                {"where": where, "kind": "false relation", "relation": [r["s"], r["p"], r["o"]]}
            )
        else:
            used.add(hit)
            t.tp += 1
            score.relations.tp += 1
    for k, (p, _, _, g) in enumerate(gold_rels):
        if k not in used:
            score.predicates[p].fn += 1
            score.relations.fn += 1
            score.misses.append({"where": where, "kind": "missed relation", "relation": [g["s"], p, g["o"]]})
    return score


def score_page(gold: dict, pred: dict, page: str = "") -> Score:
    score = Score()
    pairs = _pair_articles(gold["articles"], pred["articles"])
    paired_g = dict(pairs)
    paired_p = {p for _, p in pairs}
    for gi, g in enumerate(gold["articles"]):
        p = pred["articles"][paired_g[gi]] if gi in paired_g else None
        where = f"{page} «{g.get('title') or '(no headline)'}»"
        score.add(score_article(g, p, where))
        if p is None:
            score.articles.fn += 1
            score.misses.append({"where": where, "kind": "missed article"})
        else:
            score.articles.tp += 1
    for pi, p in enumerate(pred["articles"]):
        if pi not in paired_p:
            score.articles.fp += 1
            score.add(
                score_article({"entities": [], "relations": []}, p, f"{page} «{p.get('title')}» (extra)")
            )
    return score


def score_dirs(gold_dir: Path, predicted: dict[str, dict]) -> Score:
    """Score predictions (gold-format dicts keyed by source file stem) against every gold file."""
    total = Score()
    for gold_file in sorted(Path(gold_dir).glob("*.json")):
        gold = json.loads(gold_file.read_text(encoding="utf-8"))
        pred = predicted.get(gold_file.stem, {"articles": []})
        total.add(score_page(gold, pred, gold_file.stem))
    return total

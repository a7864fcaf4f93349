"""Agreement of two blind annotations of the same articles: ``second/<id>.json`` scored
against the first annotation (``dev/gold`` or ``test/gold``) with the scorer of
``unionkg eval``; F1 is symmetric in the two annotators.

    python examples/real/agreement.py
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))

from graph.evaluate import Score, score_page  # noqa: E402  (after the repo is on the path)


def agreement(second: Path = HERE / "second") -> tuple[Score, int]:
    total, n = Score(), 0
    for path in sorted(second.glob("*.json")):
        first = next(
            (
                HERE / split / "gold" / path.name
                for split in ("dev", "test")
                if (HERE / split / "gold" / path.name).is_file()
            ),
            None,
        )
        if first is None:
            continue
        total.add(
            score_page(
                json.loads(first.read_text(encoding="utf-8")),
                json.loads(path.read_text(encoding="utf-8")),
                path.stem,
            )
        )
        n += 1
    return total, n


if __name__ == "__main__":
    score, n = agreement()
    print(
        f"{n} articles annotated twice: entities F1 {score.entities.f1:.3f}, relations F1 {score.relations.f1:.3f}"
    )
    for group in ("entity_types", "predicates"):
        print("  " + ", ".join(f"{k} {t.f1:.2f}" for k, t in sorted(getattr(score, group).items())))

"""Precision of extracted relations by confidence band, against gold annotations: does a
fact's confidence mean something? (README, docs/curation.md)

Usage::

    .venv/bin/python benchmarks/confidence_bands.py --gold examples/gold examples/pages
    .venv/bin/python benchmarks/confidence_bands.py --gold examples/real/dev/gold examples/real/dev/texts

Each predicted relation is scored as ``unionkg eval`` scores it, tallied by its band
instead of its rule. Prints a Markdown table.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from graph.evaluate import score_dirs  # after the path is set
from graph.pipeline import extract_sources, to_gold_json

BANDS = [(0.9, "0.90–1.00"), (0.8, "0.80–0.89"), (0.7, "0.70–0.79"), (0.6, "0.60–0.69"), (0.0, "0.50–0.59")]


def band(confidence: float) -> str:
    return next(label for low, label in BANDS if confidence >= low)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--gold", required=True, type=Path)
    parser.add_argument("sources", nargs="+", type=Path)
    args = parser.parse_args()
    run = extract_sources(args.sources)
    predicted = {}
    for source, graphs in run.by_source.items():
        page = to_gold_json(source, graphs)
        for article in page["articles"]:
            for r in article["relations"]:
                r["rule"] = band(r["confidence"])  # the rule tally becomes a band tally
        predicted[Path(source).stem] = page
    rules = score_dirs(args.gold, predicted).rules
    print("| confidence | relations | correct | precision |\n|---|---|---|---|")
    for _, label in BANDS:
        t = rules.get(f"relation {label}")
        if t and t.tp + t.fp:
            print(f"| {label} | {t.tp + t.fp} | {t.tp} | {t.precision:.2f} |")


if __name__ == "__main__":
    main()

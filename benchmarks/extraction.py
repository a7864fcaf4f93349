"""Extraction speed on the bundled sample, against jieba's plain segmentation of the
same text as the ceiling (figures, not a test).

    .venv/bin/python benchmarks/extraction.py [--repeat 20]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import jieba

from graph.extract import extract, lexicon
from loaders import load

PAGES = Path(__file__).resolve().parents[1] / "examples" / "pages"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    articles = [a for r in load([PAGES]) for a in r.articles]
    chars = sum(len(a.text) for a in articles) * args.repeat
    lexicon.tokenizer()  # dictionary loading is a one-off cost, not per article
    extract(articles[0])

    extraction = 0.0
    for _ in range(args.repeat):
        lexicon.pos.cache_clear()  # each round as if its text were new, not a repeat
        started = time.perf_counter()
        for a in articles:
            extract(a)
        extraction += time.perf_counter() - started

    jieba.initialize()
    started = time.perf_counter()
    for _ in range(args.repeat):
        for a in articles:
            list(jieba.cut(a.text))
    segmentation = time.perf_counter() - started

    n = len(articles) * args.repeat
    print(f"articles: {n}, characters: {chars}")
    print(
        f"extraction:          {n / extraction:8.1f} articles/s  {chars / extraction:10.0f} chars/s (one core)"
    )
    print(
        f"jieba segmentation:  {n / segmentation:8.1f} articles/s  {chars / segmentation:10.0f} chars/s (one core)"
    )
    print(f"ratio extraction / segmentation: {segmentation / extraction:.2f}")


if __name__ == "__main__":
    main()

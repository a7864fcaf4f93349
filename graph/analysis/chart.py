"""The timeline as a picture: articles, events and facts per month (``unionkg analyse
--timeline``), a PNG and an SVG drawn with matplotlib.

Only what is known to the month is drawn: an article dated to its year alone (the sample
pages) or an event dated 2024年 falls in no month. Each bar carries an id
(``articles-2024-05``) in the SVG, so that a reader or a test can find what was drawn.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from graph.analysis.metrics import timeline
from graph.dates import first_date
from graph.model import KnowledgeGraph
from ontology.schema import EntityType

SERIES = ("articles", "events", "facts")


def monthly(kg: KnowledgeGraph) -> dict[str, Counter]:
    """Per series, the count per month (``YYYY-MM``)."""
    periods = timeline(kg)
    events = Counter(
        when.start[:7]
        for node in kg.nodes.values()
        if node.type is EntityType.Event and (when := first_date(node.dates)) and len(when.start) >= 7
    )
    return {
        "articles": Counter({p.month: p.articles for p in periods}),
        "events": events,
        "facts": Counter({p.month: p.facts for p in periods if p.facts}),
    }


def draw(kg: KnowledgeGraph, stem: Path) -> list[Path]:
    """Write ``stem``.png and ``stem``.svg; return their paths. An empty chart says so."""
    import matplotlib

    matplotlib.use("Agg")  # no display: files only
    import matplotlib.pyplot as plt

    counts = monthly(kg)
    months = sorted(set().union(*counts.values()))
    fig, ax = plt.subplots(figsize=(max(6.0, 0.5 * len(months) + 2), 4))
    width = 0.8 / len(SERIES)
    for i, series in enumerate(SERIES):
        bars = ax.bar(
            [m + (i - 1) * width for m in range(len(months))],
            [counts[series][m] for m in months],
            width,
            label=series,
        )
        for bar, month in zip(bars, months):
            bar.set_gid(f"{series}-{month}")
    ax.set_xticks(range(len(months)), months, rotation=45, ha="right")
    ax.set_ylabel("per month")
    ax.set_title(
        "Articles, events and facts per month" if months else "No article or event is dated to a month"
    )
    if months:
        ax.legend()
    fig.tight_layout()
    stem.parent.mkdir(parents=True, exist_ok=True)
    paths = [stem.with_suffix(".png"), stem.with_suffix(".svg")]
    for path in paths:
        fig.savefig(path, dpi=120)
    plt.close(fig)
    return paths

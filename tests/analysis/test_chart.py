"""`unionkg analyse --timeline`: the chart exists, as PNG and SVG, and shows the data."""

import re
import subprocess

from matplotlib import image

from graph import pipeline
from graph.analysis.chart import monthly
from support import DATED, PAGES, UNIONKG


def test_the_timeline_chart_draws_articles_events_and_facts_per_month(tmp_path):
    build = pipeline.build([DATED], tmp_path / "build").out_dir
    done = subprocess.run(
        [UNIONKG, "analyse", "--graph", str(build), "--timeline", str(tmp_path / "chart" / "timeline")],
        check=True,
        capture_output=True,
        text=True,
    )
    assert "timeline chart" in done.stdout
    counts = monthly(pipeline.read_graph([build]))
    # the dated corpus: four articles of three months; the launch dated 4月28日至30日 in 2024-04
    assert dict(counts["articles"]) == {"2022-06": 1, "2023-09": 1, "2024-05": 2}
    assert counts["events"]["2024-04"] == 1 and counts["facts"]["2024-05"] > 0
    svg = (tmp_path / "chart" / "timeline.svg").read_text(encoding="utf-8")
    drawn = set(re.findall(r'id="((?:articles|events|facts)-\d{4}-\d\d)"', svg))
    assert {f"{s}-{m}" for s, c in counts.items() for m in c} <= drawn
    png = image.imread(tmp_path / "chart" / "timeline.png")
    # the bars' colours (matplotlib's first three) are on the picture, not a blank canvas
    colours = {tuple(round(float(v), 2) for v in px[:3]) for px in png.reshape(-1, png.shape[-1])}
    assert {(0.12, 0.47, 0.71), (1.0, 0.5, 0.05), (0.17, 0.63, 0.17)} <= colours


def test_a_chart_of_undated_or_year_dated_articles_says_it_has_no_month(tmp_path):
    kg = pipeline.read_graph([PAGES])  # dated 2024 alone
    assert not any(monthly(kg).values())
    from graph.analysis.chart import draw

    png, svg = draw(kg, tmp_path / "t")
    assert png.stat().st_size > 0 and "No article or event is dated to a month" in svg.read_text(
        encoding="utf-8"
    )

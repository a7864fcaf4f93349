"""The real development set: its index and gold agree, its splits share no outlet, and
regather.py rebuilds an article from a saved page, line by line, or says what is missing.
The pages here are written for the test; the real ones are never in the repository."""

from __future__ import annotations

import json
import sys

from support import REPO

REAL = REPO / "examples" / "real"
sys.path.insert(0, str(REAL))

import regather  # noqa: E402  (after its folder is on the path)


def test_every_indexed_article_has_gold_in_its_split_and_no_outlet_is_in_both():
    rows = regather.read_index()
    assert len(rows) >= 150
    outlets = {split: {r["outlet"] for r in rows if r["split"] == split} for split in ("dev", "test")}
    assert not outlets["dev"] & outlets["test"]
    assert len(outlets["dev"] | outlets["test"]) >= 25
    for r in rows:
        gold = json.loads((REAL / r["split"] / "gold" / f"{r['id']}.json").read_text(encoding="utf-8"))
        assert gold["articles"][0]["title"] == r["headline"]
        assert all(len(h) == 40 for h in r["lines"])


def test_regather_rebuilds_an_article_from_its_saved_page_and_checks_each_line(tmp_path):
    page = "首页 > 新闻\n本报讯 近日，青川区总工会举办培训。\n\n来自20家企业的职工参加。\n分享到：\n"
    kept = ["本报讯 近日，青川区总工会举办培训。", "来自20家企业的职工参加。"]
    row = {
        "id": "r0000000001",
        "url": "https://example.org/a",
        "outlet": "某报",
        "date": "2024-05-01",
        "headline": "青川区总工会举办培训",
        "split": "dev",
        "lines": [regather.line_hash(x) for x in kept],
    }
    index = tmp_path / "index.jsonl"
    index.write_text(json.dumps(row, ensure_ascii=False) + "\n", encoding="utf-8")
    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "r0000000001.txt").write_text(page, encoding="utf-8")
    assert regather.regather(pages, tmp_path / "out", index) == []
    text = (tmp_path / "out" / "dev" / "texts" / "r0000000001.txt").read_text(encoding="utf-8")
    assert text == "青川区总工会举办培训\n\n" + "\n\n".join(kept) + "\n"
    (pages / "r0000000001.txt").write_text(page.replace("20家", "30家"), encoding="utf-8")
    problems = regather.regather(pages, tmp_path / "out", index)
    assert len(problems) == 1 and "1 of 2 lines are not on the saved page" in problems[0]

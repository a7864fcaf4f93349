"""Loaders: every format and encoding, the page cutter on the sample, stable ids, offsets."""

import json
from pathlib import Path

import pytest

from loaders import load, read_source
from loaders.article import LoadError
from loaders.decode import decode_bytes
from loaders.pages import cut_page
from support import GOLD, PAGES

NEWS = "工会举办培训\n\n本报讯（记者 张三 通讯员 李四）近日，朝阳区总工\n\n会举办培训。\n"


def _read(path: Path):
    result = read_source(path)
    return result.articles, result.errors, result.encoding


@pytest.mark.parametrize("page", sorted(PAGES.glob("*.txt")), ids=lambda p: p.stem)
def test_page_cutter_matches_gold_headlines(page):
    gold = json.loads((GOLD / f"{page.stem}.json").read_text(encoding="utf-8"))
    articles, errors, _ = _read(page)
    assert errors == []
    assert [a.title for a in articles] == [g["title"] for g in gold["articles"]]
    assert [a.kind for a in articles if a.kind == "photo"] == [
        g["kind"] for g in gold["articles"] if g["kind"] == "photo"
    ]


def test_bylines_are_read_and_cut_out_of_the_body(tmp_path):
    (tmp_path / "p.txt").write_text(NEWS, encoding="utf-8")
    [a], _, _ = _read(tmp_path / "p.txt")
    assert (a.byline.reporters, a.byline.correspondents) == (("张三",), ("李四",))
    assert a.body == "近日，朝阳区总工会举办培训。"
    assert a.kind == "news"


def test_offsets_point_at_the_source_characters(pages):
    for result in load([pages]):
        source = result.path.read_text(encoding="utf-8")
        for a in result.articles:
            assert a.segments, a.title
            for s in a.segments:
                assert (
                    a.text[s.text_start : s.text_start + s.length]
                    == source[s.source_start : s.source_start + s.length]
                )
            title_span = a.source_span(0, len(a.title))
            if a.title:
                assert source[title_span[0] : title_span[1]] == a.title


def test_ids_are_stable_and_unique(pages):
    first = [a.id for r in load([pages]) for a in r.articles]
    second = [a.id for r in load([pages]) for a in r.articles]
    assert first == second
    assert len(set(first)) == len(first) == 31


@pytest.mark.parametrize(
    "encoding,prefix",
    [("utf-8", b""), ("utf-8", b"\xef\xbb\xbf"), ("gb18030", b""), ("gbk", b""), ("utf-16", b"")],
)
def test_encodings_are_detected(tmp_path, encoding, prefix):
    path = tmp_path / "page.txt"
    path.write_bytes(prefix + NEWS.encode(encoding))
    [a], errors, found = _read(path)
    assert errors == []
    assert a.title == "工会举办培训"
    assert "朝阳区总工会" in a.body
    assert (
        found
        in {
            "utf-8": ("utf-8", "utf-8-sig"),
            "gb18030": ("gb18030",),
            "gbk": ("gb18030",),
            "utf-16": ("utf-16",),
        }[encoding]
    )


def test_ascii_punctuation_pages(tmp_path):
    path = tmp_path / "ascii.txt"
    path.write_text("工会举办培训\n\n本报讯 (记者 张三) 近日,朝阳区总工会举办培训.\n", encoding="utf-8")
    [a], errors, _ = _read(path)
    assert errors == [] and a.byline.reporters == ("张三",)


@pytest.mark.parametrize(
    "content,reason",
    [
        (b"", "empty file"),
        (b"   \n\n  \n", "empty file"),
        (b"\x00\x01\x02binary\x00", "binary"),
        (b"\x80\x81\xfe\xff\xfd\x9f" * 50, "undecodable"),
        (b"\xff\xfe" + b"\xfd\x80\x81\xfe\x00\xe0" * 50, "undecodable"),
        ("深入学习贯彻党的二十大精神 奋力开拓首都工会工作新局面\n".encode(), "no articles"),
    ],
    ids=["empty", "whitespace", "binary", "undecodable", "utf16-soup", "banner-only"],
)
def test_bad_files_are_named_with_a_reason(tmp_path, content, reason):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    articles, errors, _ = _read(path)
    assert articles == []
    assert len(errors) == 1 and reason in errors[0].reason and str(path) in str(errors[0])


def test_decode_rejects_invalid_bytes_after_a_bom():
    with pytest.raises(LoadError, match="utf-16"):
        decode_bytes(b"\xff\xfe" + b"\x00\xd8", "x.txt")


def test_jsonl_keeps_good_lines_and_names_the_bad_one(tmp_path):
    path = tmp_path / "feed.jsonl"
    good = {
        "title": "北辰集团工会举办培训",
        "body": "本报讯（记者 王五）近日，北辰集团工会举办培训。\n第二段。",
        "date": "2024-05-01",
        "url": "https://example.org/1",
    }
    lines = [
        json.dumps(good, ensure_ascii=False),
        "{not json",
        json.dumps({"title": "无正文", "body": ""}, ensure_ascii=False),
        json.dumps({**good, "url": "https://example.org/2"}, ensure_ascii=False),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    articles, errors, _ = _read(path)
    assert [a.url for a in articles] == ["https://example.org/1", "https://example.org/2"]
    assert [(e.line, e.reason.split(" (")[0]) for e in errors] == [(2, "malformed JSON"), (3, "empty body")]
    a = articles[0]
    assert a.byline.reporters == ("王五",) and a.date == "2024-05-01"
    raw = path.read_text(encoding="utf-8")
    start, end = a.source_span(
        a.text.index("北辰集团工会举办培训。"), a.text.index("北辰集团工会举办培训。") + 10
    )
    assert raw[start:end] == "北辰集团工会举办培训"


def test_html_article_takes_headline_and_body_and_drops_navigation(tmp_path):
    path = tmp_path / "a.html"
    path.write_text(
        "<html><head><title>站点</title><meta property='article:published_time' content='2024-04-08'></head><body>"
        "<nav><a>首页</a><a>要闻</a></nav><h1>经开区总工会开展疗休养活动</h1>"
        "<div class='article-content'><p>本报讯（记者 孙六）近日，经开区总工会组织开展疗休养活动。</p>"
        "<p>职工们参观了博物馆。</p></div><footer>版权所有</footer></body></html>",
        encoding="utf-8",
    )
    [a], errors, _ = _read(path)
    assert errors == []
    assert a.title == "经开区总工会开展疗休养活动" and a.date == "2024-04-08"
    assert "首页" not in a.text and "版权" not in a.text
    assert a.body == "近日，经开区总工会组织开展疗休养活动。\n职工们参观了博物馆。"


def test_html_without_body_is_an_error(tmp_path):
    path = tmp_path / "empty.html"
    path.write_text(
        "<html><head><title>x</title></head><body><nav>首页</nav></body></html>", encoding="utf-8"
    )
    articles, errors, _ = _read(path)
    assert articles == [] and "no article body" in errors[0].reason


def test_a_folder_with_bad_files_still_reads_the_good_ones(tmp_path):
    (tmp_path / "good.txt").write_text(NEWS, encoding="utf-8")
    (tmp_path / "bad.txt").write_bytes(b"\x00\x00binary")
    (tmp_path / "dangling.txt").symlink_to(tmp_path / "missing.txt")
    results = {r.name: r for r in load([tmp_path])}
    assert len(results["good.txt"].articles) == 1
    assert "binary" in results["bad.txt"].errors[0].reason
    assert any("broken symbolic link" in e.reason for r in results.values() for e in r.errors)


def test_single_article_file_first_line_is_the_headline(tmp_path):
    path = tmp_path / "one.txt"
    path.write_text(
        "山东临沂市总工会服务货车司机\n\n临沂市总工会打造工作法，全力推进货车司机入会。\n", encoding="utf-8"
    )
    [a], errors, _ = _read(path)
    assert a.title == "山东临沂市总工会服务货车司机" and a.kind == "feature"


def test_a_feature_with_a_subtitle_and_a_byline_line_is_its_own_article_and_a_kicker_is_no_headline():
    page = (
        "\n\n昌平区总工会\n\n“小切口”做实职工服务“大民生”\n\n"
        "本报讯（记者 任珊）今年以来，昌平区总工会推出12项服务项目。\n\n"
        "——记北京市劳动模范、北京京港地铁有限公司车辆检修工程师邵立群\n\n守护地铁安全的“医生”\n\n本报记者 甘霖\n\n"
        "清晨五点，邵立群已经来到车辆段。从业18年来，他带领团队排除故障隐患300余项。\n"
    )
    news, feature = cut_page(page, "p.txt")
    assert news.title == "“小切口”做实职工服务“大民生”" and "昌平区总工会" in news.body
    assert feature.title == "守护地铁安全的“医生”" and feature.kind == "feature"
    assert feature.byline.reporters == ("甘霖",) and "甘霖" not in feature.body
    assert feature.body.startswith(
        "——记北京市劳动模范"
    )  # the subtitle names the worker: it stays in the text


def test_web_reports_glued_into_one_page_are_cut_at_their_headlines():
    """Articles of other outlets, one after another: leads of other outlets, a reporter line,
    a report that opens with its date, even after a last line cut short."""
    page = (
        "锦川区总工会慰问环卫职工\n\n"
        "中工网讯 近日，锦川区总工会为一线环卫职工送去防暑用品。\n\n"
        "区总工会负责人表示，将持续做好服务，让职工感受到工\n\n"
        "一次难忘的疗休养\n\n"
        "工人日报-中工网记者 柯远\n\n"
        "“这次疗休养让我们收获满满。”职工们说。\n\n"
        "北湖街道工会开展普法讲座\n\n"
        "5月9日上午，北湖街道工会邀请律师为辖区职工讲解劳动合同法。\n\n"
        "青禾区总工会启动职工技能大赛\n\n"
        "青禾区总工会日前启动2025年职工职业技能大赛，全区三十余家单位的近千名职工将参加十二个工种的比赛。\n\n"
        "深圳职工文化节开幕\n\n"
        "11月7日至9日，职工文化节在市工人文化宫举行，三十余家单位参加。\n\n"
        "2025年青川区职工乒乓球比赛举行\n\n"
        "上周六和周日，青川区职工乒乓球比赛在区体育馆举行。\n"
    )
    titles = [a.title for a in cut_page(page, "web.txt")]
    assert titles == [
        "锦川区总工会慰问环卫职工",
        "一次难忘的疗休养",
        "北湖街道工会开展普法讲座",
        "青禾区总工会启动职工技能大赛",
        "深圳职工文化节开幕",
        "2025年青川区职工乒乓球比赛举行",
    ]


def test_a_photo_over_a_report_belongs_to_the_report():
    page = (
        "锦川区总工会走进环卫企业\n\n图为志愿者为环卫工人拍摄笑脸照。柯远 摄\n\n"
        "本报讯 （记者 柯远）昨天，锦川区总工会走进环卫企业，为一线职工拍摄笑脸照。\n"
    )
    (article,) = cut_page(page, "photo-on-top.txt")
    assert (
        article.title == "锦川区总工会走进环卫企业" and "锦川区总工会走进环卫企业，为一线职工" in article.body
    )


def test_a_dateline_and_a_byline_under_a_headline_open_a_report_and_one_at_its_end_closes_it():
    page = (
        "青川区总工会表彰劳模\n\n本报讯 近日，青川区总工会表彰了一批劳动模范。\n\n文/青川日报记者 柯远\n\n"
        "工会送温暖行动持续推进\n\n新华社北京1月17日电\n\n新华社记者 宁致远\n\n"
        "“天气冷一定要注意保暖。”工会干部叮嘱一线职工。\n"
    )
    articles = cut_page(page, "wire.txt")
    assert [a.title for a in articles] == ["青川区总工会表彰劳模", "工会送温暖行动持续推进"]
    assert "叮嘱一线职工" in articles[1].body

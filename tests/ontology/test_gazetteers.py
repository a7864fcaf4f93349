"""The gazetteers parse, hold the expected facts and are internally consistent."""

from __future__ import annotations

import re
from collections import Counter
from importlib.resources import files
from pathlib import Path

import pytest

import ontology.gazetteers as gz

DATA = files("ontology.gazetteers")
TSV_FILES = [
    "districts.tsv",
    "beijing_areas.tsv",
    "beijing_subdistricts.tsv",
    "china_divisions.tsv",
    "honours.tsv",
    "union_federation.tsv",
    "org_suffixes.tsv",
]
TXT_FILES = ["honour_suffixes.txt", "surnames.txt"]
CJK = re.compile(r"^[\u3400-\u9fff（）]+$")


def _shared_districts() -> Path | None:
    here = Path(__file__).resolve()
    for base in (here.parents[2].parent, Path("/work")):
        path = base / "shared" / "facts" / "beijing_districts.tsv"
        if path.is_file():
            return path
    return None


# ------------------------------------------------------------------ file format


@pytest.mark.parametrize("name", TSV_FILES)
def test_tsv_is_well_formed(name):
    text = DATA.joinpath(name).read_text(encoding="utf-8")
    lines = text.splitlines()
    assert lines[0].startswith("#"), "the file starts with comment lines giving its source"
    body = [line for line in lines if line.strip() and not line.startswith("#")]
    width = len(body[0].split("\t"))
    assert width >= 3
    for line in body[1:]:
        assert len(line.split("\t")) == width, line
    assert len(body[1:]) == len(set(body[1:])), "duplicate rows"
    # comments only at the top
    first_data = lines.index(body[0])
    assert not any(line.startswith("#") for line in lines[first_data:])


@pytest.mark.parametrize("name", TXT_FILES)
def test_txt_is_well_formed(name):
    entries = gz._lines(name)
    assert entries
    assert len(entries) == len(set(entries)), "duplicate entries"
    assert all(CJK.match(e) for e in entries)


def test_every_reader_parses():
    assert gz.districts() and gz.beijing_areas() and gz.subdistricts() and gz.china_divisions()
    assert gz.honours() and gz.honour_suffixes() and gz.unions() and gz.suffix_rows() and gz.surnames()
    assert gz.all_place_names() and gz.honour_names() and gz.union_names()


def test_readers_are_cached_and_immutable():
    assert gz.districts() is gz.districts()
    assert isinstance(gz.subdistricts(), tuple)
    with pytest.raises(AttributeError):
        gz.districts()[0].name = "x"  # type: ignore[misc]


# ------------------------------------------------------------------ districts


def test_districts_match_shared_facts():
    path = _shared_districts()
    if path is None:
        pytest.skip("shared/facts/beijing_districts.tsv not found")
    shared = [line.split("\t") for line in path.read_text(encoding="utf-8").splitlines()[1:] if line.strip()]
    ours = gz._table("districts.tsv")
    assert len(ours) == len(shared)
    for row, (name, name_en, code, qid, source) in zip(ours, shared):
        assert (row["name_zh"], row["name_en"], row["gb2260_code"], row["wikidata_qid"], row["source"]) == (
            name,
            name_en,
            code,
            qid,
            source,
        )


def test_district_known_facts():
    by_name = {d.name: d for d in gz.districts()}
    assert len(by_name) == 18
    assert [d.kind for d in gz.districts()].count("district") == 16
    assert by_name["北京市"].kind == "municipality"
    assert by_name["北京市"].code == "110000" and by_name["北京市"].wikidata == "Q956"
    assert by_name["朝阳区"].code == "110105" and by_name["朝阳区"].wikidata == "Q394701"
    assert by_name["门头沟区"].code == "110109" and by_name["门头沟区"].wikidata is None
    assert by_name["延庆区"].code == "110119"
    bda = by_name["北京经济技术开发区"]
    assert bda.kind == "functional_zone" and bda.code is None and bda.wikidata is None
    assert "经开区" in bda.short and "亦庄" in bda.short
    for d in gz.districts():
        if d.kind == "district":
            assert d.code and d.code.startswith("1101") and d.short == (d.name[:-1],)
        if d.wikidata:
            assert re.fullmatch(r"Q\d+", d.wikidata)


# ------------------------------------------------------------------ subdistricts and areas


def _district_names() -> set[str]:
    return {d.name for d in gz.districts() if d.kind == "district"}


def test_subdistricts():
    subs = gz.subdistricts()
    assert len(subs) >= 330
    assert {s.district for s in subs} == _district_names()
    assert {s.kind for s in subs} <= {"街道", "地区", "镇", "乡"}
    keys = [(s.name, s.district) for s in subs]
    assert len(keys) == len(set(keys))
    for s in subs:
        assert s.name.endswith(s.kind), s
        assert CJK.match(s.name)
    counts = Counter(s.district for s in subs)
    assert counts["东城区"] == 17 and counts["西城区"] == 15 and counts["石景山区"] == 9
    assert counts["朝阳区"] == 43
    facts = {(s.name, s.district, s.kind) for s in subs}
    assert {
        ("望京街道", "朝阳区", "街道"),
        ("中关村街道", "海淀区", "街道"),
        ("于家务回族乡", "通州区", "乡"),
    } <= facts


def test_beijing_areas_have_known_parents():
    areas = {a.name: a for a in gz.beijing_areas()}
    assert len(areas) == len(gz.beijing_areas())
    for a in areas.values():
        assert a.district is None or a.district in _district_names(), a
    assert areas["北京城市副中心"].district == "通州区"
    assert areas["回龙观"].district == "昌平区" and areas["天通苑"].district == "昌平区"
    assert areas["中关村科学城"].district == "海淀区"


# ------------------------------------------------------------------ China


def test_china_divisions():
    divs = gz.china_divisions()
    names = [d.name for d in divs]
    assert len(names) == len(set(names))
    provincial = [d for d in divs if d.level == "provincial"]
    prefectural = [d for d in divs if d.level == "prefectural"]
    assert len(provincial) == 34
    assert len(prefectural) == 333
    assert Counter(d.kind for d in prefectural) == {
        "prefecture_city": 293,
        "autonomous_prefecture": 30,
        "prefecture": 7,
        "league": 3,
    }
    provincial_names = {d.name for d in provincial}
    parents = provincial_names | {d.name for d in prefectural}
    for d in divs:
        assert d.level in {"provincial", "prefectural", "county", "other"}
        if d.level == "provincial":
            assert d.parent is None
        elif d.level == "prefectural":
            assert d.parent in provincial_names, d
        else:
            assert d.parent in parents, d
    by_name = {d.name: d for d in divs}
    assert by_name["临沂市"].short == ("临沂",) and by_name["临沂市"].parent == "山东省"
    assert by_name["武清区"].parent == "天津市"
    assert by_name["三河市"].parent == "廊坊市"
    assert by_name["山东省"].short == ("山东",)
    assert len([d for d in divs if d.parent == "天津市"]) == 16


def test_all_place_names_prefers_beijing():
    places = gz.all_place_names()
    assert places["朝阳"].name == "朝阳区" and places["朝阳"].in_beijing
    assert places["北京"].code == "110000"
    assert places["海淀区"].parent == "北京市"
    assert places["南磨房乡"].name == "南磨房地区"
    assert places["武清"].name == "武清区"
    assert places["中关村"].level == "area"
    for name, fact in places.items():
        assert name and fact.name and fact.source
    ambiguous = gz.ambiguous_place_names()
    assert "朝阳" in ambiguous and "东风地区" not in ambiguous
    assert all(len(facts) > 1 for facts in ambiguous.values())


# ------------------------------------------------------------------ honours, unions, suffixes


def test_honours():
    rows = gz.honours()
    assert len({h.name for h in rows}) == len(rows)
    assert {h.level for h in rows} <= {
        "national",
        "municipal",
        "provincial",
        "district",
        "enterprise",
        "other",
    }
    assert {h.recipient for h in rows} <= {"person", "collective", "both"}
    names = gz.honour_names()
    for title in (
        "全国劳动模范",
        "全国先进工作者",
        "全国五一劳动奖章",
        "大国工匠",
        "首都劳动奖章",
        "北京大工匠",
        "亦城工匠",
    ):
        assert title in names
    assert names["全国劳模"].name == "全国劳动模范"
    assert names["北京市劳模"].name == "北京市劳动模范"
    assert names["朝阳区劳动模范"].level == "district"
    for h in rows:
        if not h.is_pattern and h.recipient == "person":
            assert any(h.name.endswith(s) for s in gz.honour_suffixes()) or h.name in {
                "中国好人",
                "国务院政府特殊津贴",
                "国家卓越工程师",
                "全国杰出专业技术人才",
                "北京市有突出贡献的高技能人才",
                "最美职工",
                "全国优秀农民工",
                "北京市优秀农民工",
                "全国优秀教师",
                "全国模范教师",
                "全国人民满意的公务员",
                "全国民族团结进步模范个人",
                "全国优秀科技工作者",
            }, h.name


def test_unions():
    rows = gz.unions()
    names = {u.name for u in rows}
    assert len(names) == len(rows)
    for u in rows:
        assert u.parent is None or u.parent in names, u
        assert u.kind in {
            "national",
            "municipal",
            "provincial",
            "district",
            "industry",
            "system",
            "enterprise",
        }
        assert "工会" in u.name, u.name
    lookup = gz.union_names()
    assert lookup["全国总工会"].name == lookup["全总"].name == "中华全国总工会"
    assert lookup["市总工会"].name == "北京市总工会"
    assert lookup["经开区总工会"].name == "北京经济技术开发区总工会"
    assert "区总工会" not in lookup
    district_unions = {u.name for u in rows if u.kind == "district" and u.parent == "北京市总工会"}
    assert district_unions >= {d + "总工会" for d in _district_names()}


def test_suffixes():
    assert set(gz.ENTITY_TYPES) == {row.type for row in gz.suffix_rows()}
    union = gz.suffixes("Union")
    assert union.index("工会联合会") < union.index("工会")
    assert "有限公司" in gz.suffixes("Enterprise") and "街道" in gz.suffixes("District")
    assert "幼儿园" in gz.suffixes("Organisation") and "博物馆" in gz.suffixes("Venue")
    lengths = [len(s) for s in gz.suffixes("Organisation")]
    assert lengths == sorted(lengths, reverse=True)
    with pytest.raises(ValueError):
        gz.suffixes("Company")


def test_surnames():
    s = gz.surnames()
    assert 450 <= len([x for x in s if len(x) == 1]) <= 600
    assert {"王", "李", "张", "刘", "陈", "欧阳", "司马", "诸葛"} <= s
    assert gz.compound_surnames()[0] in s and all(len(x) > 1 for x in gz.compound_surnames())
    assert gz.split_surname("诸葛亮") == ("诸葛", "亮")
    assert gz.split_surname("王") is None

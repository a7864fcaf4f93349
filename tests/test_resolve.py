"""Resolution: the entities of many articles merged into one graph."""

from graph.extract import extract
from graph.resolve import resolve
from loaders.text import compose, split_lines


def resolved(*texts: str):
    return resolve([extract(compose(f"{i}.txt", 0, None, split_lines(t))) for i, t in enumerate(texts)])


def test_one_article_s_short_name_for_a_place_does_not_merge_it_with_the_place_so_named():
    # a short name that the gazetteer gives to another place (经开区 is 北京经济技术开发区)
    kg = resolved(
        "近日，雁栖地区（以下简称：经开区）总工会组织开展职工健步走活动。", "经开区总工会举办职工运动会。"
    )
    districts = {n.name: n for n in kg.nodes.values() if n.type.value == "District"}
    assert "北京经济技术开发区" in districts
    assert "雁栖地区" not in districts["北京经济技术开发区"].aliases


def test_a_federation_s_short_name_merges_across_articles():
    kg = resolved("市总工会召开全委会议。", "北京市总工会举办职工书法展。")
    unions = [n for n in kg.nodes.values() if n.type.value == "Union"]
    assert [u.name for u in unions] == ["北京市总工会"] and "市总工会" in unions[0].aliases


def test_one_article_s_short_name_for_a_place_does_not_merge_the_bodies_named_after_it():
    kg = resolved(
        "近日，雁栖地区（以下简称：经开区）总工会组织开展职工健步走活动。经开区总工会还将举办讲座。",
        "近日，石园街道（以下简称：经开区）总工会组织开展职工读书会。经开区总工会还将举办讲座。",
        "北京经济技术开发区总工会举办职工运动会。经开区总工会相关负责人介绍了情况。",
    )
    unions = {n.name: n for n in kg.nodes.values() if n.type.value == "Union"}
    assert "经开区总工会" in unions["北京经济技术开发区总工会"].aliases
    assert not any(name.startswith(("雁栖", "石园")) for name in unions["北京经济技术开发区总工会"].aliases)
    assert {"雁栖地区总工会", "石园街道总工会"} <= set(unions)  # two unions, not merged through 经开区总工会
    assert not any("以下简称" in alias for u in unions.values() for alias in u.aliases)


def test_a_name_s_tail_merges_across_articles_only_when_a_place_heads_it():
    kg = resolved(
        "中铁建工集团第一分公司工会举办培训。第一分公司工会主席张立军介绍情况。",
        "中建二局第一分公司工会开展慰问。第一分公司工会主席王海涛表示。",
        "大兴区礼贤镇总工会开展活动。礼贤镇总工会主席李明说。",
        "礼贤镇总工会举办职工运动会。",
    )
    unions = {n.name: n for n in kg.nodes.values() if n.type.value == "Union"}
    assert {"中铁建工集团第一分公司工会", "中建二局第一分公司工会"} <= set(unions)  # two companies' unions
    assert "礼贤镇总工会" in unions["大兴区礼贤镇总工会"].aliases and "礼贤镇总工会" not in unions

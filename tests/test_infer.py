"""The inference stage: gazetteer facts between the entities the articles name."""

from graph.extract import extract
from graph.infer import infer
from graph.resolve import resolve
from loaders.text import compose, split_lines
from ontology.schema import Predicate


def graph_of(*texts: str):
    articles = [compose(f"{i}.txt", 0, None, split_lines(text)) for i, text in enumerate(texts)]
    return resolve([extract(a) for a in articles])


def facts(kg, inferred: bool) -> set[tuple[str, str, str]]:
    return {
        (kg.nodes[e.subject].name, e.predicate.value, kg.nodes[e.object].name)
        for e in kg.edges.values()
        if e.inferred is inferred
    }


def test_federation_and_places_are_linked_across_articles():
    kg = graph_of("怀柔区总工会组织职工参加劳动技能竞赛。", "北京市总工会召开全委会议。")
    added = infer(kg)
    assert ("怀柔区总工会", "subOrganizationOf", "北京市总工会") in facts(kg, inferred=True)
    assert ("怀柔区", "locatedIn", "北京市") in facts(kg, inferred=True)
    assert all(e.inferred and not e.evidence for e in added)


def test_only_entities_already_named_are_linked():
    kg = graph_of("怀柔区总工会组织职工参加劳动技能竞赛。")
    nodes = set(kg.nodes)
    assert infer(kg) == []  # 北京市总工会 and 北京市 are not in the graph: nothing to link to
    assert set(kg.nodes) == nodes


def test_a_stated_fact_stays_stated():
    kg = graph_of("北京市怀柔区总工会举办职工书法展。")
    stated = facts(kg, inferred=False)
    assert ("怀柔区", "locatedIn", "北京市") in stated
    infer(kg)
    assert facts(kg, inferred=False) == stated
    assert ("怀柔区", "locatedIn", "北京市") not in facts(kg, inferred=True)


def test_a_street_of_two_districts_is_left_unplaced():
    # 八里庄街道 is a street of 朝阳区 and one of 海淀区: the gazetteer cannot tell which
    kg = graph_of("朝阳区八里庄街道工会和海淀区总工会开展活动。", "八里庄街道工会慰问一线职工。")
    assert "district/八里庄街道" in kg.nodes and "district/朝阳区" in kg.nodes
    infer(kg)
    assert not {
        f for f in facts(kg, inferred=True) if f[0] == "八里庄街道" and f[1] == Predicate.locatedIn.value
    }

"""Inference: facts of the gazetteers between entities the articles name.

Articles rarely print the structure everyone knows: that 怀柔区 is in 北京市, that a
street is in its district, that a district federation is under 北京市总工会. Without it a
question that walks the hierarchy stops at whatever an article happened to print. This
stage adds those links from the gazetteers of ``ontology/gazetteers/`` (real places and
the union federation), only between entities already in the graph (it adds no entity),
as edges marked ``inferred`` with no evidence: the RDF release puts them in the graph
``{base}graph/inferred``, and the extraction scores never see them. A fact an article
states stays as it is.

>>> from graph.model import KnowledgeGraph, Node
>>> from ontology.schema import EntityType
>>> kg = KnowledgeGraph(nodes={
...     "district/怀柔区": Node("district/怀柔区", EntityType.District, "怀柔区"),
...     "district/北京市": Node("district/北京市", EntityType.District, "北京市"),
...     "union/怀柔区总工会": Node("union/怀柔区总工会", EntityType.Union, "怀柔区总工会"),
...     "union/北京市总工会": Node("union/北京市总工会", EntityType.Union, "北京市总工会")})
>>> for e in infer(kg):
...     print(e.subject, e.predicate.value, e.object, e.inferred)
district/怀柔区 locatedIn district/北京市 True
union/怀柔区总工会 subOrganizationOf union/北京市总工会 True
"""

from __future__ import annotations

from functools import cache

from graph.model import Edge, KnowledgeGraph
from ontology import gazetteers
from ontology.schema import EntityType, Predicate


def infer(kg: KnowledgeGraph) -> list[Edge]:
    """Add to ``kg`` the gazetteer facts between its entities; the edges added."""
    ids = {(node.type, node.name): node.id for node in kg.nodes.values()}
    added = []
    for node in kg.nodes.values():
        parent = _parent(node.type, node.name)
        parent_id = ids.get((node.type, parent)) if parent else None
        if parent_id is None or parent_id == node.id:
            continue
        predicate = Predicate.locatedIn if node.type is EntityType.District else Predicate.subOrganizationOf
        edge = Edge(node.id, predicate, parent_id, inferred=True)
        if edge.key not in kg.edges:
            kg.edges[edge.key] = edge
            added.append(edge)
    return added


def _parent(etype: EntityType, name: str) -> str | None:
    """The place a place lies in, the federation a federation body is under: only
    where the name stands for one place (八里庄街道 is in two districts)."""
    if etype is EntityType.District:
        fact = gazetteers.all_place_names().get(name)
        ambiguous = name in gazetteers.ambiguous_place_names()
        return fact.parent if fact and fact.name == name and not ambiguous else None
    if etype is EntityType.Union:
        return _federation_parents().get(name)
    return None


@cache
def _federation_parents() -> dict[str, str]:
    return {u.name: u.parent for u in gazetteers.unions() if u.parent}

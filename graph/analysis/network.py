"""The graph as a networkx MultiDiGraph, for analysis and GraphML / GEXF exports.

>>> from graph.model import KnowledgeGraph, Node, Edge
>>> from ontology.schema import EntityType, Predicate
>>> kg = KnowledgeGraph(nodes={"union/甲": Node("union/甲", EntityType.Union, "甲"),
...                            "district/乙": Node("district/乙", EntityType.District, "乙")})
>>> kg.edges[("union/甲", "unionOf", "district/乙", "")] = Edge("union/甲", Predicate.unionOf, "district/乙")
>>> g = to_networkx(kg)
>>> g.nodes["union/甲"]["label"], list(g.edges(data="predicate"))
('甲', [('union/甲', 'district/乙', 'unionOf')])
>>> import tempfile
>>> path = write_gexf(kg, Path(tempfile.mkdtemp()) / "graph.gexf")
>>> nx.read_gexf(path).nodes["union/甲"]["label"]
'甲'
"""

from __future__ import annotations

from pathlib import Path

import networkx as nx

from graph.model import KnowledgeGraph


def to_networkx(kg: KnowledgeGraph) -> nx.MultiDiGraph:
    g = nx.MultiDiGraph()
    for node in sorted(kg.nodes.values(), key=lambda n: n.id):
        g.add_node(
            node.id,
            label=node.name,
            type=node.type.value,
            aliases="|".join(sorted(node.aliases)),
            mentions=len(node.mentions),
            **node.facts,
        )
    for key in sorted(kg.edges):
        e = kg.edges[key]
        g.add_edge(
            e.subject,
            e.object,
            key="|".join(key[1:2] + key[3:]),
            predicate=e.predicate.value,
            title=e.title or "",
            inferred=e.inferred,
            evidence=len(e.evidence),
        )
    return g


def write_graphml(kg: KnowledgeGraph, path: Path) -> Path:
    return _write(nx.write_graphml, kg, path)


def write_gexf(kg: KnowledgeGraph, path: Path) -> Path:
    """GEXF 1.2, the format Gephi opens natively (node ``label`` shown, ``type`` to colour by)."""
    return _write(nx.write_gexf, kg, path)


def _write(writer, kg: KnowledgeGraph, path: Path) -> Path:
    path = Path(path)
    tmp = path.with_name(f".{path.name}.tmp")  # a reader never sees half a file
    writer(to_networkx(kg), tmp, encoding="utf-8")
    tmp.replace(path)
    return path

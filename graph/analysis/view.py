"""The graph as one self-contained HTML page, for people without Neo4j or Gephi.

The page inlines the vis-network library (``graph/analysis/static/vis-network.min.js``: vis-network
10.1.5 from npm, ``standalone/umd``, Apache-2.0 or MIT, licences beside it) and the data,
so it opens from disk with no network. Nodes are coloured by type and labelled with their
Chinese names; a search box finds a name or alias; a click shows the entity's type,
aliases, relations (with their evidence) and the articles that mention it. A time filter
(from, to: 2024, 2024-05 or 2024-05-08; or ``graph.html#time=2023..2024-05``) shows only
the entities named in articles of that time.

>>> from graph.model import KnowledgeGraph, Node, Edge
>>> from ontology.schema import EntityType, Predicate
>>> kg = KnowledgeGraph(nodes={"union/甲": Node("union/甲", EntityType.Union, "甲工会"),
...                            "district/乙": Node("district/乙", EntityType.District, "乙区")})
>>> kg.edges[("union/甲", "unionOf", "district/乙", "")] = Edge("union/甲", Predicate.unionOf, "district/乙")
>>> data = view_data(kg)
>>> [n["label"] for n in data["nodes"]], data["types"]["Union"]["label"], data["predicates"]["unionOf"]
(['乙区', '甲工会'], '工会', '所属')
>>> html = render_html(kg, title="<示例>")
>>> "<title>&lt;示例&gt;</title>" in html, "vis.Network" in html, "https://" in html.split("<script")[0]
(True, True, False)
"""

from __future__ import annotations

import html
import json
from collections import Counter
from functools import cache
from pathlib import Path

import rdflib

from graph.model import KnowledgeGraph
from ontology.schema import EntityType, Predicate
from ontology.vocab import class_iri, property_iri

STATIC = Path(__file__).resolve().parent / "static"
TEMPLATE = STATIC / "view.html"
VIS_NETWORK = STATIC / "vis-network.min.js"

# A force layout in a browser stays fluid up to a couple of thousand nodes; past that
# the page shows the best-connected ones and says how many it left out.
MAX_NODES = 1500
SOURCES_PER_NODE = 8
EVIDENCE_PER_EDGE = 3
SNIPPET_CONTEXT = 24  # characters either side of a mention

COLOURS = {
    EntityType.Union: "#d62728",
    EntityType.Enterprise: "#1f77b4",
    EntityType.Organisation: "#9467bd",
    EntityType.District: "#7f7f7f",
    EntityType.Venue: "#8c564b",
    EntityType.Person: "#ff7f0e",
    EntityType.Honour: "#bcbd22",
    EntityType.Programme: "#17becf",
    EntityType.Event: "#2ca02c",
}


@cache
def chinese_labels() -> dict[str, str]:
    """The ``@zh`` labels of the entity types and relations, from the OWL ontology."""
    from graph.rdf.release import ONTOLOGY_PATH

    ontology = rdflib.Graph().parse(ONTOLOGY_PATH)
    terms = {t.value: class_iri(t) for t in EntityType} | {p.value: property_iri(p) for p in Predicate}
    labels = {}
    for name, iri in terms.items():
        zh = [
            str(o) for o in ontology.objects(iri, rdflib.RDFS.label) if getattr(o, "language", None) == "zh"
        ]
        labels[name] = zh[0] if zh else name
    return labels


def view_data(kg: KnowledgeGraph, max_nodes: int = MAX_NODES) -> dict:
    """What the page shows, as JSON-ready data: nodes, edges and the articles they cite
    (by index into ``articles``, so a headline is written once)."""
    degree: Counter = Counter()
    for e in kg.edges.values():
        degree[e.subject] += 1
        degree[e.object] += 1
    ranked = sorted(kg.nodes.values(), key=lambda n: (-degree[n.id], -len(n.mentions), n.id))
    shown = {n.id for n in ranked[:max_nodes]}

    article_index: dict[str, int] = {}

    def cite(article_id: str) -> int:
        return article_index.setdefault(article_id, len(article_index))

    nodes = []
    for node in sorted((kg.nodes[i] for i in shown), key=lambda n: (n.type.value, n.id)):
        first_mention: dict[str, tuple[int, int]] = {}
        for m in node.mentions:
            first_mention.setdefault(m.article_id, (m.start, m.end))
        sources = [
            [cite(aid), _snippet(kg.articles[aid].text, start, end)]
            for aid, (start, end) in list(first_mention.items())[:SOURCES_PER_NODE]
            if aid in kg.articles
        ]
        nodes.append(
            {
                "id": node.id,
                "label": node.name,
                "type": node.type.value,
                "aliases": sorted(node.aliases),
                "facts": dict(sorted(node.facts.items())),
                "sources": sources,
                # the dates of the articles that name it, for the page's time filter
                "dates": sorted(
                    {d for aid in first_mention if (d := getattr(kg.articles.get(aid), "date", None))}
                ),
                "articles_total": len(first_mention),
            }
        )
    edges = [
        {
            "from": e.subject,
            "to": e.object,
            "predicate": e.predicate.value,
            "title": e.title or "",
            "inferred": e.inferred,
            "evidence": [
                [cite(ev.article_id), ev.snippet]
                for ev in e.evidence[:EVIDENCE_PER_EDGE]
                if ev.article_id in kg.articles
            ],
        }
        for e in (kg.edges[key] for key in sorted(kg.edges))
        if e.subject in shown and e.object in shown
    ]
    labels = chinese_labels()
    return {
        "types": {t.value: {"label": labels[t.value], "color": COLOURS[t]} for t in EntityType},
        "predicates": {p.value: labels[p.value] for p in Predicate},
        "nodes": nodes,
        "edges": edges,
        "articles": [
            {"title": kg.articles[aid].title, "date": kg.articles[aid].date or ""} for aid in article_index
        ],
        "hidden_nodes": len(kg.nodes) - len(shown),
    }


def render_html(kg: KnowledgeGraph, title: str = "unionkg 工会知识图谱", max_nodes: int = MAX_NODES) -> str:
    data = json.dumps(view_data(kg, max_nodes), ensure_ascii=False, separators=(",", ":"))
    # "</" would end the <script> element early: JSON allows the escaped form "<\/".
    data = data.replace("</", "<\\/")
    page = TEMPLATE.read_text(encoding="utf-8")
    # Replace the data last: the article text it holds must not be searched for markers.
    page = page.replace("__TITLE__", html.escape(title)).replace(
        "__VIS_NETWORK__", VIS_NETWORK.read_text(encoding="utf-8")
    )
    return page.replace("__DATA__", data)


def write_html(kg: KnowledgeGraph, path: Path, **options) -> Path:
    """Write :func:`render_html` to ``path`` (via a temporary file, so a reader never sees half a page)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(render_html(kg, **options), encoding="utf-8")
    tmp.replace(path)
    return path


def _snippet(text: str, start: int, end: int) -> str:
    return text[max(0, start - SNIPPET_CONTEXT) : end + SNIPPET_CONTEXT].replace("\n", " ")

"""Which embedded RDF store should ``unionkg query`` use: rdflib's in-memory Dataset or
pyoxigraph's on-disk ``Store(path)``?

Builds a synthetic KnowledgeGraph of N articles (about as many entities and edges per
article as the real pages have), writes its release, then times loading the N-Quads
into each store and a few SPARQL queries (median of several runs)::

    .venv/bin/python benchmarks/rdf_store.py 2000 20000
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

from rdflib import Dataset, Literal, URIRef

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from graph.iris import IriScheme  # noqa: E402
from graph.model import Edge, Evidence, KnowledgeGraph, Mention, Node, node_id  # noqa: E402
from graph.rdf import write_release  # noqa: E402
from graph.rdf.store import EmbeddedStore  # noqa: E402
from loaders.article import Article  # noqa: E402
from ontology.schema import EntityType, Predicate  # noqa: E402
from ontology.vocab import PREFIXES  # noqa: E402

T, P = EntityType, Predicate
QUERIES = {
    "posts of a person (bound name)": (
        """SELECT ?name ?title ?org WHERE {
             ?person rdfs:label ?name ; org:holds ?post . ?post rdfs:label ?title ; org:postIn ?org . }""",
        {"name": Literal("职工7", lang="zh")},
    ),
    "entities per class": (
        "SELECT ?class (COUNT(?e) AS ?n) WHERE { ?e a ?class } GROUP BY ?class",
        {},
    ),
    "events of a union, with the article (bound IRI)": (
        """SELECT ?union ?event ?headline WHERE {
             GRAPH ?g { ?union ukg:organised ?event }
             ?g prov:wasDerivedFrom ?article . ?article schema:headline ?headline . }""",
        {"union": IriScheme().entity(node_id(T.Union, "第3工会"))},
    ),
}


def synthetic_kg(n_articles: int, seed: int = 0) -> KnowledgeGraph:
    """Each article names an event, a union, a person with a post, a venue, a district
    and an enterprise, and states seven relations about them, each with evidence."""
    rng = random.Random(seed)
    kg = KnowledgeGraph()
    pools = {
        T.Union: [f"第{i}工会" for i in range(max(1, n_articles // 4))],
        T.Person: [f"职工{i}" for i in range(max(1, n_articles // 2))],
        T.Enterprise: [f"第{i}公司" for i in range(max(1, n_articles // 8))],
        T.Venue: [f"第{i}书院" for i in range(max(1, n_articles // 20))],
        T.District: [f"第{i}区" for i in range(16)],
        T.Programme: [f"第{i}项目" for i in range(max(1, n_articles // 50))],
    }
    for i in range(n_articles):
        names = {etype: rng.choice(pool) for etype, pool in pools.items()}
        names[T.Event] = f"第{i}次活动"
        body = "".join(f"{name}，" for name in names.values())
        title = f"{names[T.Union]}举办{names[T.Event]}"
        article = Article.from_parts(
            "synthetic.txt",
            i,
            title,
            [(0, title)],
            [(len(title) + 1, body)],
            date=f"2024-{i % 12 + 1:02d}-{i % 28 + 1:02d}",
        )
        kg.articles[article.id] = article
        ids = {}
        for etype, name in names.items():
            ids[etype] = nid = node_id(etype, name)
            node = kg.nodes.setdefault(nid, Node(nid, etype, name))
            start = article.text.index(name, article.body_start)
            node.mentions.append(Mention(article.id, start, start + len(name), name))
        for s, p, o, title_ in [
            (T.Person, P.holdsPost, T.Union, "主席"),
            (T.Person, P.participatedIn, T.Event, None),
            (T.Union, P.organised, T.Event, None),
            (T.Event, P.heldAt, T.Venue, None),
            (T.Union, P.locatedIn, T.District, None),
            (T.Event, P.partOf, T.Programme, None),
            (T.Enterprise, P.participatedIn, T.Event, None),
        ]:
            edge = kg.edges.setdefault(
                (ids[s], p.value, ids[o], title_ or ""), Edge(ids[s], p, ids[o], title=title_)
            )
            start = article.text.index(names[s], article.body_start)
            end = article.text.index(names[o], article.body_start) + len(names[o])
            start, end = min(start, end - len(names[o])), max(end, start + len(names[s]))
            edge.evidence.append(Evidence(article.id, start, end, article.text[start:end]))
    return kg


def median_ms(run, repeats: int = 5) -> float:
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        run()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


def timed(run):
    t0 = time.perf_counter()
    result = run()
    return result, time.perf_counter() - t0


def bench(n_articles: int, workdir: Path) -> None:
    kg, build_s = timed(lambda: synthetic_kg(n_articles))
    _, export_s = timed(lambda: write_release(kg, workdir / "release", issued="2024-01-01"))
    nquads = workdir / "release" / "graph.nq"
    n_quads = sum(1 for _ in nquads.open(encoding="utf-8"))
    print(
        f"\n{n_articles} articles: {len(kg.nodes)} entities, {len(kg.edges)} edges, {n_quads} quads "
        f"({nquads.stat().st_size / 1e6:.0f} MB); synthetic KG {build_s:.1f} s, write_release {export_s:.1f} s"
    )

    def load_rdflib() -> Dataset:
        ds = Dataset(default_union=True)
        ds.parse(nquads, format="nquads")
        return ds

    ds, rdflib_load_s = timed(load_rdflib)
    store, ox_load_s = timed(lambda: EmbeddedStore.create(workdir / "store", nquads))
    store_mb = sum(f.stat().st_size for f in (workdir / "store").rglob("*") if f.is_file()) / 1e6
    print(
        f"  {'load N-Quads':50s} rdflib {rdflib_load_s:8.1f} s     pyoxigraph {ox_load_s:8.1f} s"
        f"  (on disk {store_mb:.0f} MB)"
    )
    _, reopen_s = timed(lambda: EmbeddedStore.open(workdir / "store").close())
    print(f"  {'open an existing store':50s} rdflib {rdflib_load_s:8.1f} s     pyoxigraph {reopen_s:8.3f} s")

    namespaces = {prefix: str(ns) for prefix, ns in PREFIXES.items()}
    for label, (sparql, bindings) in QUERIES.items():
        rdflib_bindings = {
            k: v if isinstance(v, (Literal, URIRef)) else Literal(v) for k, v in bindings.items()
        }
        rdflib_rows = len(ds.query(sparql, initNs=namespaces, initBindings=rdflib_bindings))
        ox_rows = len(store.query(sparql, bindings))
        assert rdflib_rows == ox_rows, (label, rdflib_rows, ox_rows)
        rdflib_ms = median_ms(lambda: list(ds.query(sparql, initNs=namespaces, initBindings=rdflib_bindings)))
        ox_ms = median_ms(lambda: store.query(sparql, bindings))
        print(
            f"  {label + f' [{ox_rows} rows]':50s} rdflib {rdflib_ms:8.1f} ms    pyoxigraph {ox_ms:8.1f} ms"
        )
    store.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("articles", type=int, nargs="*", default=[2000])
    args = parser.parse_args()
    for n in args.articles:
        with tempfile.TemporaryDirectory() as tmp:
            bench(n, Path(tmp))


if __name__ == "__main__":
    main()

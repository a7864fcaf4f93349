"""The open-data RDF release of a :class:`~graph.model.KnowledgeGraph`.

Every fact is traceable to the words that state it: the triple of an edge sits in the
named graph of each article that is its evidence, and a reified statement of the edge
points (``prov:wasDerivedFrom``) at mentions, spans of the article text with their
offsets in the text and in the source file. Edges marked ``inferred`` sit in the graph
``{base}graph/inferred`` instead. Descriptions of entities, articles, mentions and
statements are in the default graph.

IRI scheme (stable across runs and machines; see :class:`IriScheme`)::

    {base}id/{node.id}                   an entity          (…/id/union/北京市总工会)
    {base}article/{article.id}           an article
    {base}mention/{article.id}/{s}-{e}   a span [s, e) of an article's text
    {base}graph/{article.id}             the facts an article states
    {base}graph/inferred                 the facts no article states
    {base}statement/{sha1 of edge key}   the reified edge
    {base}post/{sha1 of org id, title}   the org:Post of a holdsPost with a title

>>> from loaders.article import Article
>>> from graph.model import Node
>>> from ontology.schema import EntityType
>>> kg = KnowledgeGraph()
>>> a = Article.from_parts("p.txt", 0, "标题", [(0, "标题")], [(3, "北京市总工会召开会议")])
>>> kg.articles[a.id] = a
>>> kg.nodes["union/北京市总工会"] = Node("union/北京市总工会", EntityType.Union, "北京市总工会")
>>> ds = to_dataset(kg)
>>> sorted(str(o) for o in ds.objects(IriScheme(DEFAULT_BASE).entity("union/北京市总工会"), SKOS.prefLabel))
['北京市总工会']
>>> validate(ds).conforms
True
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
from collections import Counter
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import lru_cache
from importlib import metadata
from pathlib import Path

import pyoxigraph as ox
import pyshacl
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.util import guess_format

from graph.model import Edge, KnowledgeGraph, Node
from loaders.article import Article
from ontology.schema import EntityType, Predicate
from ontology.vocab import (
    DCAT,
    DCTERMS,
    NIF,
    ONTOLOGY_IRI,
    ORG,
    OWL,
    PREFIXES,
    PROV,
    RDF,
    RDFS,
    SCHEMA,
    SH,
    SKOS,
    SPDX,
    UKG,
    VOID,
    WD,
    XSD,
    class_iri,
    property_iri,
)

DEFAULT_BASE = "https://w3id.org/unionkg/"
ONTOLOGY_PATH = Path(__file__).resolve().parent.parent / "ontology" / "unionkg.ttl"
SHAPES_PATH = ONTOLOGY_PATH.with_name("shapes.ttl")
DATA_LICENCE = URIRef("https://creativecommons.org/licenses/by/4.0/")
WIKIDATA = URIRef("https://www.wikidata.org/")

# dump file → media type; void.ttl describes them and is written last
DUMPS = {
    "graph.ttl": "text/turtle",
    "graph.nt": "application/n-triples",
    "graph.nq": "application/n-quads",
    "graph.trig": "application/trig",
    "graph.jsonld": "application/ld+json",
}
VOID_FILE = "void.ttl"

_QID = re.compile(r"Q[1-9][0-9]*")
# characters that may not appear in an IRI path as they are (RFC 3987), and the ones
# that would end the path (#, ?) or read as an escape (%): percent-encoded
_NOT_IRI_SAFE = re.compile(r'[\x00-\x20\x7f<>"{}|\\^`%#?]')


def _iri_segment(text: str) -> str:
    return _NOT_IRI_SAFE.sub(lambda m: "".join(f"%{b:02X}" for b in m.group().encode()), text)


def _sha1(*parts: str) -> str:
    return hashlib.sha1("\t".join(parts).encode()).hexdigest()


@dataclass(frozen=True)
class IriScheme:
    """The IRIs of a release under ``base``.

    >>> iris = IriScheme("https://example.org/kg/")
    >>> iris.entity("district/朝阳区")
    rdflib.term.URIRef('https://example.org/kg/id/district/朝阳区')
    >>> iris.mention("a0123456789abcde", 3, 9)
    rdflib.term.URIRef('https://example.org/kg/mention/a0123456789abcde/3-9')
    """

    base: str = DEFAULT_BASE

    def __post_init__(self) -> None:
        if not self.base.endswith("/"):
            raise ValueError(f"the base IRI must end with '/': {self.base!r}")

    def entity(self, node_id: str) -> URIRef:
        return URIRef(f"{self.base}id/{_iri_segment(node_id)}")

    def article(self, article_id: str) -> URIRef:
        return URIRef(f"{self.base}article/{_iri_segment(article_id)}")

    def mention(self, article_id: str, start: int, end: int) -> URIRef:
        return URIRef(f"{self.base}mention/{_iri_segment(article_id)}/{start}-{end}")

    def article_graph(self, article_id: str) -> URIRef:
        return URIRef(f"{self.base}graph/{_iri_segment(article_id)}")

    @property
    def inferred_graph(self) -> URIRef:
        return URIRef(f"{self.base}graph/inferred")

    def statement(self, edge: Edge) -> URIRef:
        return URIRef(f"{self.base}statement/{_sha1(*edge.key)}")

    def post(self, org_id: str, title: str) -> URIRef:
        return URIRef(f"{self.base}post/{_sha1(org_id, title)}")

    @property
    def dataset(self) -> URIRef:
        return URIRef(f"{self.base}dataset")

    def dataset_part(self, *path: str) -> URIRef:
        """Resources that describe the release: class partitions, linksets, dumps."""
        return URIRef(f"{self.base}dataset/{'/'.join(_iri_segment(p) for p in path)}")


# ---------------------------------------------------------------- building the dataset


def to_dataset(kg: KnowledgeGraph, base: str = DEFAULT_BASE) -> Dataset:
    """The whole release as an rdflib Dataset (default graph plus one named graph per
    article and ``{base}graph/inferred``). No blank nodes."""
    ds = Dataset()
    for prefix, ns in PREFIXES.items():
        ds.bind(prefix, str(ns))
    builder = _Builder(ds, kg, IriScheme(base))
    for node in kg.nodes.values():
        builder.add_node(node)
    for article in kg.articles.values():
        builder.add_article(article)
    for edge in kg.edges.values():
        builder.add_edge(edge)
    return ds


class _Builder:
    def __init__(self, ds: Dataset, kg: KnowledgeGraph, iris: IriScheme):
        self.ds, self.kg, self.iris = ds, kg, iris
        self.default = ds.default_graph

    def add_node(self, node: Node) -> None:
        g, me = self.default, self.iris.entity(node.id)
        g.add((me, RDF.type, class_iri(node.type)))
        g.add((me, RDFS.label, Literal(node.name, lang="zh")))
        g.add((me, SKOS.prefLabel, Literal(node.name, lang="zh")))
        for alias in sorted(node.aliases - {node.name}):
            g.add((me, SKOS.altLabel, Literal(alias, lang="zh")))
        if node.type is EntityType.Honour:
            g.add((me, SKOS.inScheme, UKG.HonourTitles))
        if node.type in _CLASSIFIED_BY_NAME:
            scheme, prop = _CLASSIFIED_BY_NAME[node.type]
            if (concept := concept_by_name_ending(scheme, node.name)) is not None:
                g.add((me, prop, concept))
        if gb2260 := node.facts.get("gb2260"):
            g.add((me, UKG.gb2260, Literal(gb2260.strip())))
        qid = node.facts.get("wikidata", "").strip()
        if _QID.fullmatch(qid):  # anything else is not a Wikidata item: leave unlinked
            g.add((me, OWL.sameAs, WD[qid]))
        for m in node.mentions:
            mention = self.add_mention(m.article_id, m.start, m.end, text=m.text)
            g.add((mention, UKG.mentionOf, me))

    def add_article(self, article: Article) -> None:
        g, me = self.default, self.iris.article(article.id)
        g.add((me, RDF.type, SCHEMA.NewsArticle))
        g.add((me, SCHEMA.headline, Literal(article.title, lang="zh")))
        g.add((me, UKG.articleKind, Literal(article.kind)))
        g.add((me, UKG.sourceFile, Literal(article.source)))
        g.add((me, UKG.textChecksum, Literal(article.checksum)))
        if article.date:
            g.add((me, SCHEMA.datePublished, _date_literal(article.date)))
        if article.url:
            g.add((me, SCHEMA.url, Literal(article.url, datatype=XSD.anyURI)))
        if article.outlet:
            g.add((me, SCHEMA.publisher, Literal(article.outlet, lang="zh")))
        for name in article.byline.reporters:
            g.add((me, UKG.reporter, Literal(name, lang="zh")))
        for name in article.byline.correspondents:
            g.add((me, UKG.correspondent, Literal(name, lang="zh")))
        g.add((self.iris.article_graph(article.id), PROV.wasDerivedFrom, me))

    def add_mention(self, article_id: str, start: int, end: int, text: str | None = None) -> URIRef:
        """The mention resource of a span (idempotent: the same span is one resource)."""
        g, me = self.default, self.iris.mention(article_id, start, end)
        g.add((me, RDF.type, UKG.Mention))
        g.add((me, UKG.inArticle, self.iris.article(article_id)))
        g.add((me, UKG.textStart, Literal(start)))
        g.add((me, UKG.textEnd, Literal(end)))
        article = self.kg.articles.get(article_id)
        if article is not None:  # the article's own text is the authority for the words
            text = article.text[start:end]
            source_span = article.source_span(start, end)
            if source_span is not None:
                g.add((me, UKG.sourceStart, Literal(source_span[0])))
                g.add((me, UKG.sourceEnd, Literal(source_span[1])))
        if text:
            g.add((me, NIF.anchorOf, Literal(text, lang="zh")))
        return me

    def add_edge(self, edge: Edge) -> None:
        subject, obj = self.iris.entity(edge.subject), self.iris.entity(edge.object)
        prop = property_iri(edge.predicate)
        facts = [(subject, prop, obj)]
        if edge.predicate is Predicate.holdsPost and edge.title:
            post = self.iris.post(edge.object, edge.title)
            facts += [
                (subject, ORG.holds, post),
                (post, RDF.type, ORG.Post),
                (post, ORG.postIn, obj),
                (post, RDFS.label, Literal(edge.title, lang="zh")),
            ]
        if edge.inferred:
            graphs = [self.iris.inferred_graph]
            self.default.add((self.iris.inferred_graph, RDFS.comment, _INFERRED_NOTE))
        else:
            # an asserted edge without evidence lands in the default graph, and
            # validate() reports its statement as underived
            graphs = sorted({self.iris.article_graph(ev.article_id) for ev in edge.evidence}) or [None]
        for graph in graphs:
            target = self.default if graph is None else self.ds.graph(graph)
            for triple in facts:
                target.add(triple)

        g, statement = self.default, self.iris.statement(edge)
        g.add((statement, RDF.type, RDF.Statement))
        g.add((statement, RDF.subject, subject))
        g.add((statement, RDF.predicate, prop))
        g.add((statement, RDF.object, obj))
        g.add((statement, UKG.confidence, Literal(Decimal(repr(round(edge.confidence, 4))))))
        g.add((statement, UKG.inferred, Literal(edge.inferred)))
        if edge.title:
            g.add((statement, UKG.title, Literal(edge.title, lang="zh")))
        for ev in edge.evidence:
            mention = self.add_mention(ev.article_id, ev.start, ev.end)
            g.add((mention, UKG.snippet, Literal(ev.snippet, lang="zh")))
            g.add((statement, PROV.wasDerivedFrom, mention))


_INFERRED_NOTE = Literal(
    "Facts that no article states: added from other articles or from outside knowledge "
    "(see the ukg:inferred statements and their prov:wasDerivedFrom mentions).",
    lang="en",
)


def _date_literal(text: str) -> Literal:
    try:
        return Literal(date.fromisoformat(text).isoformat(), datatype=XSD.date)
    except ValueError:  # a date the loader could not normalise: keep it as printed
        return Literal(text)


# ---------------------------------------------------------------- SKOS classifications

# entity type → (concept scheme, property) of the classification its name's ending gives
_CLASSIFIED_BY_NAME = {
    EntityType.District: (UKG.DistrictLevels, UKG.districtLevel),
    EntityType.Union: (UKG.UnionKinds, UKG.unionKind),
}


@lru_cache(maxsize=1)
def ontology_graph() -> Graph:
    return Graph().parse(ONTOLOGY_PATH, format="turtle")


@lru_cache(maxsize=None)
def _name_endings(scheme: URIRef) -> list[tuple[str, URIRef]]:
    """(Chinese label, concept) of a scheme's concepts, longest label first, so that
    地区 wins over 区 and 经济技术开发区 over 区."""
    onto = ontology_graph()
    endings = [
        (str(label), concept)
        for concept in onto.subjects(SKOS.inScheme, scheme)
        for prop in (SKOS.prefLabel, SKOS.altLabel)
        for label in onto.objects(concept, prop)
        if label.language == "zh"
    ]
    return sorted(endings, key=lambda e: (-len(e[0]), e[0]))


def concept_by_name_ending(scheme: URIRef, name: str) -> URIRef | None:
    """The concept of ``scheme`` whose Chinese label ends ``name``, if any.

    >>> concept_by_name_ending(UKG.DistrictLevels, "南磨房地区") == UKG.Area
    True
    >>> concept_by_name_ending(UKG.UnionKinds, "北京市总工会") == UKG.FederationOfTradeUnions
    True
    >>> concept_by_name_ending(UKG.UnionKinds, "北京公交集团公司工会") is None
    True
    """
    name = name.strip()
    return next((concept for label, concept in _name_endings(scheme) if name.endswith(label)), None)


# ---------------------------------------------------------------- writing the release


def merged_graph(ds: Dataset | Graph) -> Graph:
    """All triples of every graph of ``ds`` in one graph (the view SHACL checks)."""
    merged = Graph()
    for prefix, ns in PREFIXES.items():
        merged.bind(prefix, str(ns))
    if isinstance(ds, Dataset):
        for s, p, o, _ in ds.quads((None, None, None, None)):
            merged.add((s, p, o))
    else:
        merged += ds
    return merged


def to_oxigraph(term: URIRef | Literal) -> ox.NamedNode | ox.Literal:
    """The pyoxigraph term of an rdflib IRI or literal (the release has no blank nodes)."""
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype or XSD.string)))
    raise TypeError(f"not an IRI or a literal: {term!r}")


def _oxigraph_quads(ds: Dataset) -> list[ox.Quad]:
    """The quads of ``ds`` in a fixed order (graph, subject, predicate, object), so that
    every serialisation is the same for the same graph and groups a subject's triples."""
    quads = [
        ox.Quad(
            to_oxigraph(s),
            to_oxigraph(p),
            to_oxigraph(o),
            ox.DefaultGraph() if g == DATASET_DEFAULT_GRAPH_ID else to_oxigraph(g),
        )
        for s, p, o, g in ds.quads((None, None, None, None))
    ]
    return sorted(quads, key=_sort_key)


def _sort_key(statement: ox.Quad | ox.Triple) -> tuple[str, ...]:
    graph = getattr(statement, "graph_name", ox.DefaultGraph())
    graph_key = "" if isinstance(graph, ox.DefaultGraph) else str(graph)
    return (graph_key, str(statement.subject), str(statement.predicate), str(statement.object))


def _sorted_lines(serialised: bytes) -> bytes:
    """Lines sorted and de-duplicated: N-Triples/N-Quads that are byte-identical for the
    same graph. Each line of those formats is one statement, so sorting is lossless."""
    # split on "\n" only: str.splitlines would also cut at U+2028, U+0085 or a vertical
    # tab, which N-Triples allows unescaped inside a literal
    lines = sorted({line for line in serialised.decode().split("\n") if line.strip()})
    return ("\n".join(lines) + "\n").encode()


def umask() -> int:
    """The process's file-creation mask (reading it means setting it: put it back)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _write_atomically(path: Path, data: bytes) -> None:
    """Write to a temporary file beside ``path`` and rename it into place, so an
    interrupted build never leaves a truncated file under the final name."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        os.chmod(fd, 0o666 & ~umask())  # mkstemp makes it private; a release is for reading
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_release(
    kg: KnowledgeGraph, out_dir: Path, base: str = DEFAULT_BASE, *, issued: str | None = None
) -> list[Path]:
    """Write the dumps (``graph.ttl``, ``.nt``, ``.nq``, ``.trig``, ``.jsonld``) and
    ``void.ttl`` into ``out_dir``; return their paths. ``issued`` is the ISO date of the
    release (default today). ``graph.ttl`` and ``graph.nt`` hold every triple of every
    graph, inferred ones included; the quad formats keep the named graphs.

    pyoxigraph serialises: it is fast, and its JSON-LD keeps the default graph a
    default graph (rdflib's writes it as a graph named by a blank node).
    """
    issued_on = date.fromisoformat(issued) if issued else date.today()
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    quads = _oxigraph_quads(to_dataset(kg, base))
    triples = sorted({q.triple for q in quads}, key=_sort_key)
    prefixes = {prefix: str(ns) for prefix, ns in PREFIXES.items()}
    contents = {
        "graph.ttl": ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=prefixes),
        "graph.nt": _sorted_lines(ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)),
        "graph.nq": _sorted_lines(ox.serialize(quads, format=ox.RdfFormat.N_QUADS)),
        "graph.trig": ox.serialize(quads, format=ox.RdfFormat.TRIG, prefixes=prefixes),
        "graph.jsonld": ox.serialize(quads, format=ox.RdfFormat.JSON_LD),
    }
    written = []
    for name, data in contents.items():
        _write_atomically(out_dir / name, data)
        written.append(out_dir / name)
    void = _void(kg, triples, IriScheme(base), issued_on, contents)
    _write_atomically(out_dir / VOID_FILE, void.serialize(format="turtle", encoding="utf-8"))
    return [*written, out_dir / VOID_FILE]


def software_version() -> str:
    try:
        return metadata.version("unionkg")
    except metadata.PackageNotFoundError:  # running from a checkout that is not installed
        return "0.1.0"


def _prefixed(iri: str) -> tuple[str, str] | None:
    """(prefix, local name) of an IRI in one of the vocabularies of :data:`PREFIXES`."""
    for prefix, ns in PREFIXES.items():
        if iri.startswith(str(ns)):
            return prefix, iri[len(str(ns)) :]
    return None


def _void(kg: KnowledgeGraph, triples: list[ox.Triple], iris: IriScheme, issued: date, dumps: dict[str, bytes]) -> Graph:
    """VoID and DCAT description of the release: sizes, class partitions, the Wikidata
    linkset, vocabularies, licence, issue date, software and the checksum of each dump."""
    g = Graph()
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, str(ns))
    dataset = iris.dataset
    version = software_version()
    software = iris.dataset_part("software", "unionkg", version)
    g.add((dataset, RDF.type, VOID.Dataset))
    g.add((dataset, RDF.type, DCAT.Dataset))
    g.add((dataset, DCTERMS.title, Literal("unionkg 北京工会知识图谱", lang="zh")))
    g.add((dataset, DCTERMS.title, Literal("unionkg: a knowledge graph of Beijing trade unions", lang="en")))
    g.add((dataset, DCTERMS.description, Literal(
        "Trade-union organisations of Beijing, their people, honours, programmes and events, "
        "extracted from articles of 劳动午报; every fact is traced to the words of an article.", lang="en")))
    g.add((dataset, DCTERMS.license, DATA_LICENCE))
    g.add((dataset, DCTERMS.issued, Literal(issued.isoformat(), datatype=XSD.date)))
    g.add((dataset, DCTERMS.conformsTo, URIRef(ONTOLOGY_IRI)))
    g.add((dataset, PROV.wasAttributedTo, software))
    g.add((software, RDF.type, PROV.SoftwareAgent))
    g.add((software, RDF.type, SCHEMA.SoftwareApplication))
    g.add((software, SCHEMA.name, Literal("unionkg")))
    g.add((software, SCHEMA.softwareVersion, Literal(version)))
    g.add((dataset, VOID.uriSpace, Literal(f"{iris.base}id/")))
    g.add((dataset, VOID.triples, Literal(len(triples))))
    g.add((dataset, VOID.entities, Literal(len(kg.nodes))))

    rdf_type = str(RDF.type)
    instances = Counter(t.object.value for t in triples if t.predicate.value == rdf_type)
    terms_used = {t.predicate.value for t in triples} | set(instances)
    for prefix in sorted({qname[0] for term in terms_used if (qname := _prefixed(term))}):
        g.add((dataset, VOID.vocabulary, URIRef(str(PREFIXES[prefix]))))
    for cls, count in sorted(instances.items()):
        prefix, local = _prefixed(cls) or ("class", hashlib.sha1(cls.encode()).hexdigest())
        partition = iris.dataset_part("class", f"{prefix}-{local}")
        g.add((dataset, VOID.classPartition, partition))
        g.add((partition, VOID["class"], URIRef(cls)))
        g.add((partition, VOID.entities, Literal(count)))

    same_as = str(OWL.sameAs)
    linkset = iris.dataset_part("links", "wikidata")
    g.add((dataset, VOID.subset, linkset))
    g.add((linkset, RDF.type, VOID.Linkset))
    g.add((linkset, VOID.linkPredicate, OWL.sameAs))
    g.add((linkset, VOID.subjectsTarget, dataset))
    g.add((linkset, VOID.objectsTarget, WIKIDATA))
    g.add((linkset, VOID.triples, Literal(sum(t.predicate.value == same_as for t in triples))))
    g.add((WIKIDATA, RDF.type, VOID.Dataset))
    g.add((WIKIDATA, DCTERMS.title, Literal("Wikidata", lang="en")))
    g.add((WIKIDATA, VOID.uriSpace, Literal(str(WD))))

    for name, data in dumps.items():
        dump = iris.dataset_part("dump", name)
        checksum = iris.dataset_part("dump", name, "sha256")
        g.add((dataset, VOID.dataDump, dump))
        g.add((dataset, DCAT.distribution, dump))
        g.add((dump, RDF.type, DCAT.Distribution))
        g.add((dump, DCAT.downloadURL, dump))
        g.add((dump, DCTERMS.title, Literal(name)))
        g.add((dump, DCAT.mediaType, URIRef(f"https://www.iana.org/assignments/media-types/{DUMPS[name]}")))
        g.add((dump, DCAT.byteSize, Literal(len(data), datatype=XSD.nonNegativeInteger)))
        g.add((dump, DCTERMS.license, DATA_LICENCE))
        g.add((dump, SPDX.checksum, checksum))
        g.add((checksum, RDF.type, SPDX.Checksum))
        g.add((checksum, SPDX.algorithm, SPDX.checksumAlgorithm_sha256))
        g.add((checksum, SPDX.checksumValue, Literal(hashlib.sha256(data).hexdigest(), datatype=XSD.hexBinary)))
    return g


# ---------------------------------------------------------------- validation


@dataclass
class ValidationResult:
    conforms: bool
    report: str  # pyshacl's text report: one block per violation, with its message
    results: Graph  # the SHACL validation report as RDF

    def __str__(self) -> str:
        return self.report


@lru_cache(maxsize=8)
def shapes_graph(base: str = DEFAULT_BASE) -> Graph:
    """The SHACL shapes, with their IRI patterns rewritten from the default base to ``base``."""
    shapes = Graph().parse(SHAPES_PATH, format="turtle")
    if base != DEFAULT_BASE:
        default_prefix, prefix = "^" + re.escape(DEFAULT_BASE), "^" + re.escape(base)
        for shape, pattern in list(shapes.subject_objects(SH.pattern)):
            if str(pattern).startswith(default_prefix):
                shapes.set((shape, SH.pattern, Literal(prefix + str(pattern)[len(default_prefix):])))
    return shapes


def validate(source: Path | str | Dataset | Graph, base: str = DEFAULT_BASE) -> ValidationResult:
    """Check a release against ``ontology/shapes.ttl`` (with the ontology, no inference).

    ``source`` is a release directory (its ``graph.nt`` is read), an RDF file in any
    format rdflib knows by its extension, or a graph or dataset in memory.
    """
    if isinstance(source, (Dataset, Graph)):
        data = merged_graph(source)
    else:
        path = Path(source)
        if path.is_dir():
            path = path / "graph.nt"
        loaded = Dataset()
        loaded.parse(path, format=guess_format(str(path)) or "turtle")
        data = merged_graph(loaded)
    conforms, results, report = pyshacl.validate(
        data,
        shacl_graph=shapes_graph(base),
        ont_graph=ontology_graph(),
        inference="none",  # RDFS would type a wrong object as the range and hide the error
    )
    return ValidationResult(bool(conforms), report, results)

"""The RDF release: every dump parses back to the same graph, the shapes accept it and
reject broken graphs, every fact traces to an article's words, and the embedded store
answers parameterised SPARQL."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pyoxigraph
import pytest
import rdflib
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS, SH, SKOS

from graph import rdf
from graph.iris import DEFAULT_BASE, IriScheme
from graph.model import Edge, Evidence, KnowledgeGraph, Mention, Node, node_id
from graph.rdf import release as rdf_release
from graph.rdf.store import EmbeddedStore
from graph.rdf.validation import SHAPES_PATH
from loaders.article import Article, Byline
from ontology import vocab
from ontology.schema import EntityType, Predicate

T = EntityType
UKG = vocab.UKG
PROV, VOID, SPDX = vocab.PROV, vocab.VOID, vocab.SPDX
IRIS = IriScheme(DEFAULT_BASE)
HOSTILE_NAME = '“书香”诗会\n"x"\\'
RELATIONS = {vocab.property_iri(p) for p in Predicate}


# ---------------------------------------------------------------- a small graph, by hand


def _article(ordinal: int, title: str, body: str, *, verbatim_title: bool = True, **meta) -> Article:
    """An article whose title sits at offset 0 of its page and body right after it."""
    title_pieces = [(0, title)] if verbatim_title else []
    return Article.from_parts("000_test.txt", ordinal, title, title_pieces, [(len(title) + 1, body)], **meta)


def _span(article: Article, words: str) -> tuple[int, int]:
    start = article.text.index(words)
    return start, start + len(words)


class Builder:
    def __init__(self) -> None:
        self.kg = KnowledgeGraph()

    def article(self, *args, **kwargs) -> Article:
        a = _article(*args, **kwargs)
        self.kg.articles[a.id] = a
        return a

    def node(self, etype: EntityType, name: str, *, seen_in: Article | None, aliases=(), **facts) -> str:
        nid = node_id(etype, name)
        node = self.kg.nodes.setdefault(nid, Node(nid, etype, name, set(aliases), facts=facts))
        if seen_in is not None:
            words = name if name in seen_in.text else next(a for a in aliases if a in seen_in.text)
            node.mentions.append(Mention(seen_in.id, *_span(seen_in, words), words))
        return nid

    def edge(self, s: str, p: Predicate, o: str, *, evidence: list[tuple[Article, str]], **kw) -> Edge:
        e = Edge(s, p, o, **kw)
        for article, words in evidence:
            start, end = _span(article, words)
            e.evidence.append(Evidence(article.id, start, end, article.text[max(0, start - 3) : end + 3]))
        self.kg.edges[e.key] = e
        return e


def build_kg() -> KnowledgeGraph:
    b = Builder()
    news = b.article(
        0,
        "经开区启动第二届“亦城工匠”培养认定系列活动",
        f"北京经济技术开发区总工会主席张文涛在盛元书院出席{HOSTILE_NAME}。张文涛是亦城工匠。朝阳区总工会参加。",
        byline=Byline(("孙艳",), ("王亮",)),
        date="2024-03-05",
        outlet="劳动午报",
    )
    photo = b.article(
        1,
        "“书香”诗会在盛元书院举行",
        f"{HOSTILE_NAME}在盛元书院举行，北辰集团职工参加。",
        verbatim_title=False,  # the title was repaired: spans in it have no source offsets
        kind="photo",
        url="http://www.ldwb.com.cn/a?id=1&p=2",
    )
    union = b.node(T.Union, "北京经济技术开发区总工会", seen_in=news, aliases=["经开区总工会"])
    zone = b.node(T.District, "北京经济技术开发区", seen_in=news, aliases=["经开区"])
    chaoyang = b.node(T.District, "朝阳区", seen_in=news, gb2260="110105", wikidata="Q394701")
    # named by no article (only the inferred edge uses it); a gazetteer gave no QID
    beijing = b.node(T.District, "北京市", seen_in=None, gb2260="110000", wikidata="")
    chaoyang_union = b.node(T.Union, "朝阳区总工会", seen_in=news)
    person = b.node(T.Person, "张文涛", seen_in=news)
    venue = b.node(T.Venue, "盛元书院", seen_in=news)
    b.node(T.Venue, "盛元书院", seen_in=photo)
    event = b.node(T.Event, HOSTILE_NAME, seen_in=news)
    honour = b.node(T.Honour, "亦城工匠", seen_in=news)
    programme = b.node(T.Programme, "“亦城工匠”培养认定", seen_in=news)
    enterprise = b.node(T.Enterprise, "北辰集团", seen_in=photo)

    b.edge(person, Predicate.holdsPost, union, title="主席", evidence=[(news, "总工会主席张文涛")])
    b.edge(union, Predicate.unionOf, zone, evidence=[(news, "北京经济技术开发区总工会")], confidence=0.9)
    b.edge(chaoyang_union, Predicate.unionOf, chaoyang, evidence=[(news, "朝阳区总工会")])
    b.edge(person, Predicate.hasHonour, honour, evidence=[(news, "张文涛是亦城工匠")])
    b.edge(person, Predicate.participatedIn, event, evidence=[(news, "张文涛在盛元书院出席")])
    b.edge(event, Predicate.heldAt, venue, evidence=[(news, "在盛元书院出席"), (photo, "在盛元书院举行")])
    b.edge(event, Predicate.partOf, programme, evidence=[(news, "第二届“亦城工匠”培养认定系列活动")])
    b.edge(union, Predicate.organised, event, evidence=[(news, "北京经济技术开发区总工会")])
    b.edge(enterprise, Predicate.participatedIn, event, evidence=[(photo, "北辰集团职工参加")])
    b.edge(chaoyang, Predicate.locatedIn, beijing, evidence=[], inferred=True)
    return b.kg


@pytest.fixture(scope="module")
def kg() -> KnowledgeGraph:
    return build_kg()


@pytest.fixture(scope="module")
def release(kg, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("release")
    rdf.write_release(kg, out, issued="2024-05-01")
    return out


@pytest.fixture(scope="module")
def quads(release) -> Dataset:
    return Dataset(default_union=True).parse(release / "graph.nq", format="nquads")


def _triples(graph_or_dataset) -> set:
    return set(rdf.merged_graph(graph_or_dataset))


def _quads(ds: Dataset) -> set:
    """Quads with the default graph under one name whatever the parser called it."""
    return {(s, p, o, None if g == rdflib.graph.DATASET_DEFAULT_GRAPH_ID else g) for s, p, o, g in ds.quads()}


# ---------------------------------------------------------------- the dumps


def test_write_release_writes_every_file_and_nothing_else(release):
    assert sorted(p.name for p in release.iterdir()) == sorted([*rdf.DUMPS, rdf.LISTINGS_FILE, rdf.VOID_FILE])


def test_every_format_parses_back_to_the_same_graph(release, quads):
    reference = _triples(Graph().parse(release / "graph.nt", format="nt"))
    assert _triples(Graph().parse(release / "graph.ttl", format="turtle")) == reference
    per_format = {
        fmt: Dataset().parse(release / name, format=fmt)
        for name, fmt in [("graph.trig", "trig"), ("graph.jsonld", "json-ld")]
    }
    for fmt, ds in per_format.items():
        assert _quads(ds) == _quads(quads), fmt
        assert _triples(ds) == reference, fmt
    assert _triples(quads) == reference
    # a fact stated by two articles is one triple but two quads
    assert len(_quads(quads)) > len(reference)


def test_names_with_quotes_newlines_and_backslashes_survive(release, quads):
    event = IRIS.entity(node_id(T.Event, HOSTILE_NAME))
    assert set(quads.objects(event, SKOS.prefLabel)) == {Literal(HOSTILE_NAME, lang="zh")}
    turtle = Graph().parse(release / "graph.ttl", format="turtle")
    assert set(turtle.objects(event, RDFS.label)) == {Literal(HOSTILE_NAME, lang="zh")}


def test_the_dumps_are_byte_identical_across_writes(kg, release, tmp_path):
    rdf.write_release(build_kg(), tmp_path, issued="2031-01-01")
    for name in rdf.DUMPS:
        assert (tmp_path / name).read_bytes() == (release / name).read_bytes(), name
    lines = (release / "graph.nt").read_text().splitlines()
    assert lines == sorted(set(lines))


def test_no_blank_nodes_anywhere(release):
    # pyoxigraph's parsers follow the specs strictly: a JSON-LD default graph written as
    # a graph object without @id, for one, comes back as a graph named by a blank node
    for path in release.iterdir():
        for statement in pyoxigraph.parse(path=str(path)):
            terms = [
                statement.subject,
                statement.predicate,
                statement.object,
                getattr(statement, "graph_name", None),
            ]
            assert not [t for t in terms if isinstance(t, (pyoxigraph.BlankNode, BNode))], (
                path.name,
                statement,
            )


def test_an_interrupted_write_leaves_no_file_that_looks_complete(kg, tmp_path, monkeypatch):
    def power_cut(fd):
        raise OSError("power cut")

    monkeypatch.setattr(rdf_release.os, "fsync", power_cut)
    with pytest.raises(OSError):
        rdf.write_release(kg, tmp_path)
    assert list(tmp_path.iterdir()) == []


# ---------------------------------------------------------------- content


def test_entities_have_type_labels_and_aliases(quads):
    union = IRIS.entity("union/北京经济技术开发区总工会")
    assert (union, RDF.type, UKG.Union) in quads
    assert set(quads.objects(union, SKOS.altLabel)) == {Literal("经开区总工会", lang="zh")}
    assert (union, UKG.unionKind, UKG.FederationOfTradeUnions) in quads
    assert (IRIS.entity("district/北京经济技术开发区"), UKG.districtLevel, UKG.FunctionalZone) in quads
    assert (IRIS.entity("honour/亦城工匠"), SKOS.inScheme, UKG.HonourTitles) in quads


def test_same_as_only_for_districts_with_a_qid(quads):
    links = set(quads.subject_objects(OWL.sameAs))
    assert links == {(IRIS.entity("district/朝阳区"), URIRef("http://www.wikidata.org/entity/Q394701"))}
    codes = dict(quads.subject_objects(UKG.gb2260))
    assert codes == {
        IRIS.entity("district/朝阳区"): Literal("110105"),
        IRIS.entity("district/北京市"): Literal("110000"),
    }


def test_articles_carry_headline_date_source_byline_and_kind(kg, quads):
    news, photo = kg.articles.values()
    me = IRIS.article(news.id)
    assert (me, RDF.type, vocab.SCHEMA.NewsArticle) in quads
    assert (me, vocab.SCHEMA.headline, Literal(news.title, lang="zh")) in quads
    assert (me, vocab.SCHEMA.datePublished, Literal("2024-03-05", datatype=vocab.XSD.date)) in quads
    assert (me, UKG.sourceFile, Literal("000_test.txt")) in quads
    assert (me, UKG.reporter, Literal("孙艳", lang="zh")) in quads
    assert (me, UKG.correspondent, Literal("王亮", lang="zh")) in quads
    assert (IRIS.article(photo.id), UKG.articleKind, Literal("photo")) in quads
    assert (IRIS.article(photo.id), vocab.SCHEMA.url, Literal(photo.url, datatype=vocab.XSD.anyURI)) in quads


def test_holds_post_with_a_title_keeps_the_simple_triple_and_a_post(quads):
    person, union = IRIS.entity("person/张文涛"), IRIS.entity("union/北京经济技术开发区总工会")
    assert (person, UKG.holdsPost, union) in quads
    (post,) = quads.objects(person, vocab.ORG.holds)
    assert (post, RDF.type, vocab.ORG.Post) in quads
    assert (post, vocab.ORG.postIn, union) in quads
    assert (post, RDFS.label, Literal("主席", lang="zh")) in quads


def test_every_relation_triple_traces_to_an_article_and_a_mention_with_offsets(kg, quads):
    default = _triples(quads.graph(rdflib.graph.DATASET_DEFAULT_GRAPH_ID))
    relation_quads = [q for q in _quads(quads) if q[1] in RELATIONS]
    assert {q[:3] for q in relation_quads} == {
        (IRIS.entity(e.subject), vocab.property_iri(e.predicate), IRIS.entity(e.object))
        for e in kg.edges.values()
    }
    for s, p, o, g in relation_quads:
        assert g is not None and (s, p, o) not in default, "facts live in named graphs"
        statements = {
            st
            for st in quads.subjects(RDF.subject, s)
            if (st, RDF.predicate, p) in quads and (st, RDF.object, o) in quads
        }
        assert statements
        if g == IRIS.inferred_graph:
            assert all((st, UKG.inferred, Literal(True)) in quads for st in statements)
            continue
        (article,) = quads.objects(g, PROV.wasDerivedFrom)
        text = kg.articles[str(article).rsplit("/", 1)[1]].text
        mentions = {m for st in statements for m in quads.objects(st, PROV.wasDerivedFrom)}
        in_this_article = [m for m in mentions if (m, UKG.inArticle, article) in quads]
        assert in_this_article, (s, p, o, g)
        for m in in_this_article:
            start, end = quads.value(m, UKG.textStart).toPython(), quads.value(m, UKG.textEnd).toPython()
            assert isinstance(start, int) and isinstance(end, int)
            assert quads.value(m, vocab.NIF.anchorOf) == Literal(text[start:end], lang="zh")
            assert quads.value(m, UKG.snippet) is not None


def test_mentions_map_to_source_offsets_where_the_words_were_copied(kg, quads):
    news, photo = kg.articles.values()
    start, end = _span(news, "张文涛是亦城工匠")
    m = IRIS.mention(news.id, start, end)
    assert (
        quads.value(m, UKG.sourceStart).toPython(),
        quads.value(m, UKG.sourceEnd).toPython(),
    ) == news.source_span(start, end)
    start, end = _span(photo, "盛元书院")  # first found in the repaired title
    assert quads.value(IRIS.mention(photo.id, start, end), UKG.sourceStart) is None


# ---------------------------------------------------------------- SHACL


def test_the_release_conforms(release):
    result = rdf.validate(release)
    assert result.conforms, result.report


def test_validation_reads_the_listings_beside_the_dumps(release, tmp_path):
    for name in ("graph.nt", rdf.LISTINGS_FILE):
        (tmp_path / name).write_bytes((release / name).read_bytes())
    with (tmp_path / rdf.LISTINGS_FILE).open("a", encoding="utf-8") as listings:
        listings.write(
            '<https://w3id.org/unionkg/id/x> <https://w3id.org/unionkg/ontology#factPlace> "one" .\n'
        )
    result = rdf.validate(tmp_path)
    assert not result.conforms and "the places of an entity's rows in the build's listings" in result.report


def test_validate_accepts_a_dataset_and_another_base(kg):
    base = "https://example.org/kg/"
    assert rdf.validate(rdf.to_dataset(kg, base), base=base).conforms
    assert not rdf.validate(rdf.to_dataset(kg, base)).conforms  # IRIs outside the default base


def _without_labels(g: Graph, node: URIRef) -> None:
    g.remove((node, RDFS.label, None))
    g.remove((node, SKOS.prefLabel, None))


def _counted(g: Graph) -> URIRef:
    """An entity the statistics count."""
    return next(g.subjects(UKG.articleCount, None))


def _reaching(g: Graph) -> URIRef:
    """A programme the statistics say reached districts."""
    return next(g.subjects(UKG.districtCount, None))


BREAKAGES = {
    "wrong range": (
        lambda g: g.add((IRIS.entity("person/张文涛"), UKG.hasHonour, IRIS.entity("union/朝阳区总工会"))),
        "the object of ukg:hasHonour must be typed Honour",
    ),
    "wrong domain": (
        lambda g: g.add(
            (IRIS.entity("venue/盛元书院"), UKG.partOf, IRIS.entity("programme/亦城工匠培养认定"))
        ),
        "the subject of ukg:partOf must be typed Event",
    ),
    "missing label": (lambda g: _without_labels(g, IRIS.entity("venue/盛元书院")), "exactly one rdfs:label"),
    "two zh labels": (
        lambda g: g.add((IRIS.entity("venue/盛元书院"), RDFS.label, Literal("书院", lang="zh"))),
        "exactly one rdfs:label",
    ),
    "dangling reference": (
        lambda g: g.add((IRIS.entity("union/朝阳区总工会"), UKG.unionOf, IRIS.entity("district/不存在区"))),
        "dangling reference",
    ),
    "malformed entity IRI": (
        lambda g: g.add((URIRef("https://w3id.org/unionkg/id/张文涛"), RDF.type, UKG.Person)),
        "the IRI of a Person",
    ),
    "article without headline": (
        lambda g: g.remove((None, vocab.SCHEMA.headline, None)),
        "exactly one headline",
    ),
    "mention without offsets": (
        lambda g: g.remove((next(g.subjects(RDF.type, UKG.Mention)), UKG.textStart, None)),
        "integer start offset",
    ),
    "an article count above the mention count": (
        lambda g: g.set((_counted(g), UKG.articleCount, Literal(10**6))),
        "at most its ukg:mentionCount",
    ),
    "a count as text": (
        lambda g: g.add((_counted(g), UKG.organisedCount, Literal("many"))),
        "a count of the statistics is a whole number",
    ),
    "a name key of three characters": (
        lambda g: g.add((_counted(g), UKG.nameKey, Literal("北京市"))),
        "a name key is one character or a pair",
    ),
    "a district reached that is no district": (
        lambda g: g.add((_reaching(g), UKG.reachedDistrict, IRIS.entity("union/朝阳区总工会"))),
        "districts reached: each a ukg:District",
    ),
    "a year as plain text": (
        lambda g: g.set((next(g.subjects(RDF.type, UKG.DistrictReach)), UKG.year, Literal("2024"))),
        "say the year, an xsd:gYear",
    ),
    "statement without evidence": (
        lambda g: g.remove((next(g.subjects(UKG.inferred, Literal(False))), PROV.wasDerivedFrom, None)),
        "derived from a mention",
    ),
}


@pytest.mark.parametrize("breakage", BREAKAGES)
def test_the_shapes_reject_a_broken_graph(quads, breakage):
    broken = rdf.merged_graph(quads)
    break_it, message = BREAKAGES[breakage]
    break_it(broken)
    result = rdf.validate(broken)
    assert not result.conforms
    assert message in result.report


# ---------------------------------------------------------------- VoID and DCAT


def test_void_describes_size_links_licence_and_checksums(release, kg):
    void = Graph().parse(release / "void.ttl", format="turtle")
    dataset = IRIS.dataset
    nt_lines = (release / "graph.nt").read_text().splitlines()
    assert void.value(dataset, VOID.triples).toPython() == len(nt_lines)
    assert void.value(dataset, VOID.entities).toPython() == len(kg.nodes)
    assert (dataset, vocab.DCTERMS.license, URIRef("https://creativecommons.org/licenses/by/4.0/")) in void
    assert void.value(dataset, vocab.DCTERMS.issued) == Literal("2024-05-01", datatype=vocab.XSD.date)
    partitions = {
        void.value(p, VOID["class"]): void.value(p, VOID.entities).toPython()
        for p in void.objects(dataset, VOID.classPartition)
    }
    assert partitions[UKG.District] == 3 and partitions[vocab.SCHEMA.NewsArticle] == 2
    (linkset,) = void.subjects(RDF.type, VOID.Linkset)
    assert void.value(linkset, VOID.triples).toPython() == 1
    software = void.value(dataset, PROV.wasAttributedTo)
    assert void.value(software, vocab.SCHEMA.softwareVersion) == Literal(rdf.software_version())
    for name in rdf.DUMPS:
        dump = IRIS.dataset_part("dump", name)
        checksum = void.value(dump, SPDX.checksum)
        expected = hashlib.sha256((release / name).read_bytes()).hexdigest()
        assert str(void.value(checksum, SPDX.checksumValue)) == expected, name


# ---------------------------------------------------------------- the vocabulary


ONTOLOGY = Graph().parse(rdf_release.ONTOLOGY_PATH)
SHAPES = Graph().parse(SHAPES_PATH)
SHAPE = rdflib.Namespace("https://w3id.org/unionkg/shapes#")


def test_the_defined_namespace_rejects_a_typo():
    assert vocab.UKG.holdsPost == URIRef("https://w3id.org/unionkg/ontology#holdsPost")
    with pytest.raises(AttributeError):
        vocab.UKG.holdPost
    with pytest.raises(AttributeError):
        vocab.UKG["Unoin"]


def test_the_namespace_and_the_ontology_define_the_same_terms():
    in_ontology = {s for s in ONTOLOGY.subjects() if isinstance(s, URIRef) and s.startswith(str(UKG))}
    in_namespace = {UKG[name] for name in UKG.__annotations__}
    assert in_ontology == in_namespace


def test_classes_and_properties_are_labelled_in_chinese_and_english():
    terms = [vocab.class_iri(t) for t in EntityType] + [vocab.property_iri(p) for p in Predicate]
    for term in terms:
        assert {label.language for label in ONTOLOGY.objects(term, RDFS.label)} == {"zh", "en"}, term
        assert ONTOLOGY.value(term, RDFS.comment) is not None, term
    for t in EntityType:
        assert (vocab.class_iri(t), RDF.type, OWL.Class) in ONTOLOGY
    assert (UKG.subOrganizationOf, RDFS.subPropertyOf, vocab.ORG.subOrganizationOf) in ONTOLOGY


def _class_names(graph: Graph, cls) -> set[str]:
    """A class expression of the ontology (a class or an owl:unionOf) as type names."""
    members = graph.value(cls, OWL.unionOf)
    classes = Collection(graph, members) if members is not None else [cls]
    return {str(c).rsplit("#", 1)[1] for c in classes}


def _shape_class_names(shape) -> set[str]:
    """The classes a relation shape allows: one sh:class or an sh:or of them."""
    choices = SHAPES.value(shape, SH["or"])
    if choices is None:
        return {str(SHAPES.value(shape, SH["class"])).rsplit("#", 1)[1]}
    return {
        str(SHAPES.value(choice, SH["class"])).rsplit("#", 1)[1] for choice in Collection(SHAPES, choices)
    }


@pytest.mark.parametrize("predicate", list(Predicate))
def test_ontology_and_shapes_follow_the_schema(predicate):
    prop = vocab.property_iri(predicate)
    domain = {t.value for t in predicate.domain}
    range_ = {t.value for t in predicate.range}
    assert _class_names(ONTOLOGY, ONTOLOGY.value(prop, RDFS.domain)) == domain
    assert _class_names(ONTOLOGY, ONTOLOGY.value(prop, RDFS.range)) == range_
    assert _shape_class_names(SHAPE[f"{predicate.value}Domain"]) == domain
    assert _shape_class_names(SHAPE[f"{predicate.value}Range"]) == range_


# ---------------------------------------------------------------- the embedded store


POSTS_OF = """
SELECT ?name ?title ?org WHERE {
  ?person rdfs:label ?name ; org:holds ?post .
  ?post rdfs:label ?title ; org:postIn ?org .
}"""


def test_the_store_answers_sparql_with_a_bound_parameter(release, tmp_path):
    with EmbeddedStore.create(tmp_path / "store", release / "graph.nq") as store:
        rows = store.query(POSTS_OF, {"name": Literal("张文涛", lang="zh")})
        assert rows == [
            {"name": "张文涛", "title": "主席", "org": str(IRIS.entity("union/北京经济技术开发区总工会"))}
        ]
        assert store.count_triples() == len((release / "graph.nt").read_text().splitlines())
        # the default graph is the merge of all graphs: a fact two articles state is
        # there once, and GRAPH finds both articles
        assert len(store.query("SELECT ?e WHERE { ?e ukg:heldAt ?v }")) == 1
        assert len(store.query("SELECT ?g WHERE { GRAPH ?g { ?e ukg:heldAt ?v } }")) == 2


def test_a_hostile_parameter_value_changes_nothing(release, tmp_path):
    store = EmbeddedStore.create(tmp_path / "store", release / "graph.nq")
    before = store.count_triples()
    for hostile in ['"} ; DROP ALL ; {"', '张文涛" } ; DROP ALL ; { "', "<x> } DROP ALL {"]:
        assert store.query(POSTS_OF, {"name": hostile}) == []
    store.close()
    with EmbeddedStore.open(tmp_path / "store") as reopened:
        assert reopened.count_triples() == before


def test_creating_a_store_again_replaces_it_without_leftovers(release, tmp_path):
    EmbeddedStore.create(tmp_path / "store", release / "graph.nq").close()
    with EmbeddedStore.create(tmp_path / "store", release / "graph.nq") as store:
        assert store.count_triples() > 0
    assert [p.name for p in tmp_path.iterdir()] == ["store"]


def test_a_bound_variable_must_be_projected(release, tmp_path):
    with EmbeddedStore.create(tmp_path / "store", release / "graph.nq") as store:
        with pytest.raises(ValueError, match="SELECT clause"):
            store.query("SELECT ?s WHERE { ?s rdfs:label ?name }", {"name": "x"})


def test_every_stated_fact_names_the_rules_that_read_it(sample_build):
    """The rule that found a fact travels with it (as in graph.json's evidence and Neo4j's
    ``rules``), so a researcher can weigh a fact by the rule's measured precision."""
    quads = Dataset(default_union=True).parse(sample_build / "graph.nq", format="nquads")
    stated = set(quads.subjects(UKG.inferred, Literal(False)))
    assert len(stated) > 100
    for statement in stated:
        rules = {str(r) for r in quads.objects(statement, UKG.rule)}
        assert rules and all(r and " " not in r for r in rules), statement
    graph = json.loads((sample_build / "graph.json").read_text(encoding="utf-8"))
    assert all(ev["rule"] for edge in graph["edges"] if not edge["inferred"] for ev in edge["evidence"])

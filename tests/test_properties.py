"""Property-based tests: the page cutter and the normalisers take any text without
crashing, every span they report points inside the article and at the claimed words,
and names with any characters make valid IRIs and labels that survive every RDF format.
"""

from __future__ import annotations

import re

import pyoxigraph as ox
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import Dataset, Graph
from rdflib.namespace import SKOS

from graph import rdf
from graph.iris import IriScheme
from graph.model import KnowledgeGraph, Mention, Node, node_id, normalise_name
from loaders.article import Article
from loaders.pages import cut_page
from loaders.text import rejoin, split_lines, squeeze
from ontology.schema import EntityType
from ontology.vocab import NIF

FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Pieces a page is made of, so that random pages hit headlines, leads, credits,
# banners, columns and sentence ends rather than only noise.
PAGE_PIECES = [
    "本报讯（记者 张三 通讯员 李四）",
    "本报讯 (记者 王五) ",
    "本报记者 赵六 摄影报道",
    "记者 孙七 摄",
    "深入学习贯彻党的二十大精神 奋力开拓首都工会工作新局面",
    ">> 北京经验 <<",
    "① 工会动态",
    "朝阳区总工会举办培训",
    "近日，",
    "职工",
    "参加活动",
    "。",
    "！",
    "”",
    "“",
    "，",
    "、",
    "（",
    "）",
    "\n",
    "\n\n",
    "\r\n",
    " ",
    "   ",
    "\u3000",
    "\u3000\u3000",
    "\t",
    "\u2028",
    "\x0b",
    "a",
    "1",
    "𠀀",
    "😀",
]
pages = st.lists(st.one_of(st.sampled_from(PAGE_PIECES), st.text(max_size=4)), max_size=60).map("".join)


def _check_article(article: Article, source: str) -> None:
    """Every copied character sits at its offset in the source; only the newlines the
    loader inserts are not copied; every span maps onto the words it claims."""
    text = article.text
    covered = [False] * len(text)
    for s in article.segments:
        assert 0 <= s.text_start and s.text_start + s.length <= len(text)
        assert 0 <= s.source_start and s.source_start + s.length <= len(source)
        assert (
            text[s.text_start : s.text_start + s.length] == source[s.source_start : s.source_start + s.length]
        )
        covered[s.text_start : s.text_start + s.length] = [True] * s.length
    assert all(ch == "\n" for ch, copied in zip(text, covered) if not copied)
    assert text.startswith(article.title + "\n") and article.body_start == len(article.title) + 1
    for start in range(0, len(text), 3):
        for end in (start + 1, start + 4, len(text)):
            _check_span(article, source, start, min(end, len(text)))


def _check_span(article: Article, source: str, start: int, end: int) -> None:
    span = article.source_span(start, end)
    if span is None:
        return
    first, last = span
    assert 0 <= first < last <= len(source)
    claimed = article.text[start:end]
    assert source[first] == claimed[0] and source[last - 1] == claimed[-1]
    # between the first and the last character the source may hold what the loader
    # skipped (line breaks, layout spaces, a lead or credit, the other column): the
    # claimed words are there in order
    rest = iter(source[first:last])
    assert all(ch in rest for ch in claimed.replace("\n", "")), (claimed, source[first:last])


@FAST
@given(pages)
def test_the_page_cutter_takes_any_text_and_every_span_points_at_its_words(page):
    articles = cut_page(page, "p.txt")
    for a in articles:
        assert a.body.strip()
        _check_article(a, page)
    assert len({a.id for a in articles}) == len(articles)


@FAST
@given(pages, st.integers(min_value=0, max_value=10_000))
def test_offsets_shift_with_the_base_offset(page, base):
    """A page read from the middle of a file (base_offset) gets the same articles, moved."""
    here, there = cut_page(page, "p.txt"), cut_page(page, "p.txt", base_offset=base)
    assert [a.text for a in here] == [a.text for a in there]
    for a, b in zip(here, there):
        assert [(s.text_start, s.source_start + base, s.length) for s in a.segments] == [
            (s.text_start, s.source_start, s.length) for s in b.segments
        ]


@FAST
@given(pages)
def test_squeeze_keeps_every_piece_at_its_offset_and_drops_only_spaces(page):
    for line in split_lines(page):
        squeezed = squeeze(line)
        assert squeezed.text == "".join(chars for _, chars in squeezed.pieces)
        for offset, chars in squeezed.pieces:
            assert page[offset : offset + len(chars)] == chars
        dropped = re.sub(r"\s", "", line.text)
        assert re.sub(r"\s", "", squeezed.text) == dropped


@FAST
@given(pages)
def test_rejoin_loses_no_character_and_ends_paragraphs_only_at_sentence_ends(page):
    lines = split_lines(page)
    paragraphs = rejoin(lines)
    assert "".join(p.text for p in paragraphs) == "".join(line.text for line in lines)
    assert [piece for p in paragraphs for piece in p.pieces] == [
        piece for line in lines for piece in line.pieces
    ]
    assert all(p.ends_sentence for p in paragraphs[:-1])
    for p in paragraphs:
        assert p.text == "".join(chars for _, chars in p.pieces)


@FAST
@given(st.text())
def test_normalise_name_is_idempotent_and_strips_space_and_quotes(name):
    once = normalise_name(name)
    assert normalise_name(once) == once
    assert not re.search(r"\s", once)
    assert not set(once) & set("“”‘’\"'「」『』《》〈〉·・•")


@FAST
@given(st.sampled_from(list(EntityType)), st.text())
def test_node_ids_are_iri_safe_and_ignore_spacing_and_quotes(etype, name):
    nid = node_id(etype, name)
    assert nid == node_id(etype, f" “{name}” ")
    iri = IriScheme().entity(nid)
    ox.NamedNode(str(iri))  # raises on an invalid IRI
    assert not re.search(r'[\s<>"{}|\\^`#?%]', nid)


# ---------------------------------------------------------------- hostile names, every format

HOSTILE = [
    "引号\"双\"与'单'",
    "尖<括号>",
    "空 格",
    "换\n行\r回车",
    "反\\斜杠\\",
    "表情😀🏭",
    "百分%20号",
    "井#号",
    "问?号",
    "控制\x00\x01\x1f\x7f字符",
    "分隔\u2028\u2029\x85\x0b\x0c符",
    "'''三引号'''",
    '"""',
    "\\u0041",
    "\\",
    "",
    "{花括号}|竖线^`",
    "零宽\u200b\ufeff字符",
    "👩‍🔧 组合",
    "\U000e0001标签",
]
names = st.one_of(
    st.sampled_from(HOSTILE), st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=20)
)


def _hostile_kg(names: list[str]) -> KnowledgeGraph:
    """One article naming every name; one node per name."""
    kg = KnowledgeGraph()
    body = "，".join(names) + "。"
    article = Article.from_parts("hostile.txt", 0, names[0], [], [(-1, body)])
    kg.articles[article.id] = article
    cursor = len(article.title) + 1
    for i, name in enumerate(names):
        nid = f"{node_id(EntityType.Event, name)}{i}"  # distinct nodes even for names that normalise alike
        node = Node(nid, EntityType.Event, name)
        node.mentions.append(Mention(article.id, cursor, cursor + len(name), name))
        kg.nodes[nid] = node
        cursor += len(name) + 1
    return kg


def _labels(dataset_or_graph) -> dict[str, str]:
    return {str(s): str(o) for s, o in dataset_or_graph.subject_objects(SKOS.prefLabel)}


def _check_release(kg: KnowledgeGraph, out) -> None:
    rdf.write_release(kg, out, issued="2024-01-01")
    expected = {str(IriScheme().entity(n.id)): n.name for n in kg.nodes.values()}
    for name in rdf.DUMPS:
        quads = list(ox.parse(path=str(out / name)))  # pyoxigraph: strict IRI and syntax checks
        assert quads, name
        fmt = {
            "graph.ttl": "turtle",
            "graph.nt": "nt",
            "graph.nq": "nquads",
            "graph.trig": "trig",
            "graph.jsonld": "json-ld",
        }[name]
        parsed = (
            Dataset().parse(out / name, format=fmt)
            if fmt in ("nquads", "trig", "json-ld")
            else Graph().parse(out / name, format=fmt)
        )
        assert _labels(parsed) == expected, name
    anchors = {str(o) for o in Graph().parse(out / "graph.nt", format="nt").objects(None, NIF.anchorOf)}
    assert anchors == {n.name for n in kg.nodes.values() if n.name}


def test_hostile_names_make_valid_iris_and_labels_that_survive_every_format(tmp_path):
    _check_release(_hostile_kg(HOSTILE), tmp_path)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(names, min_size=1, max_size=4))
def test_any_names_survive_every_format(tmp_path, names):
    out = tmp_path / "release"
    out.mkdir(exist_ok=True)
    _check_release(_hostile_kg(names), out)


@pytest.mark.parametrize("name", ["工会\ud800", "\udfff"])
def test_a_lone_surrogate_cannot_reach_a_name(name):
    """Lone surrogates cannot be written as UTF-8: the loaders reject them (see
    test_bad_input), so the release never has to; this pins down why."""
    with pytest.raises(UnicodeEncodeError):
        name.encode()

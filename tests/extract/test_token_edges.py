"""Shortcuts that keep extraction fast must answer as the slow way would: jieba's
token edges found block by block against a cut of the whole text, and the gazetteer
regexes against a longest-first list of names."""

from __future__ import annotations

import re

from graph.extract import lexicon as lx
from graph.extract.doc import Doc
from loaders import load

AWKWARD = [
    "",
    "工会",
    "iPhone12手机a1b2工会x",
    "A股B股北京ABC有限公司",
    "中国\r\n人民",
    "abc 中国人民-x.y\r\r\n北京",
    "在中国，与中心和中华全国总工会在一起",
]


def whole_text_edges(text: str) -> set[int]:
    return {edge for _, start, end in lx.tokenizer().tokenize(text, HMM=False) for edge in (start, end)}


def test_token_edges_block_by_block_are_those_of_the_whole_text(pages):
    texts = [a.text for r in load([pages]) for a in r.articles] + AWKWARD
    for text in texts:
        doc, edges = Doc(None, text), whole_text_edges(text)
        wrong = [pos for pos in range(-1, len(text) + 2) if doc.is_token_edge(pos) != (pos in edges)]
        assert not wrong, (text, wrong)


def test_a_word_across_a_position_hides_it_and_latin_runs_are_one_token():
    assert lx.word_across("中华全国总工会", 2)  # 全国 is a word
    assert not lx.word_across("在中国", 1)  # nothing joins 在 and 中国
    assert lx.word_across("a1b2", 2)  # jieba joins single Latin letters and digits


def test_gazetteer_regexes_find_what_a_longest_first_list_finds(pages):
    texts = [a.text for r in load([pages]) for a in r.articles]
    for names in (lx.place_facts(), lx.honour_names(), lx.programme_names()):
        flat = re.compile("|".join(map(re.escape, sorted(filter(None, names), key=len, reverse=True))))
        trie = lx._alternation(names)
        for text in texts:
            assert [m.span() for m in trie.finditer(text)] == [m.span() for m in flat.finditer(text)]

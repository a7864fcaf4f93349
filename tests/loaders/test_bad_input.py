"""Bad input: each broken file is named with its reason, every other file is read, and
the run reports the failure in its summary and exit code. Files in other encodings are
read, not rejected. The corpus is tests/bad_inputs/; what cannot live in git (a broken
link, a named pipe, a file nobody may read, a 20 MB page) is made at run time."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from loaders import read_source
from loaders.decode import decode_bytes
from support import PAGES

BAD = Path(__file__).with_name("bad_inputs")
UNIONKG = str(Path(sys.executable).with_name("unionkg"))

REFERENCE = "page_utf8.txt"
ENCODED = {
    "page_utf8_bom.txt": "utf-8-sig",
    "page_utf16le_bom.txt": "utf-16",
    "page_utf16be_bom.txt": "utf-16",
    "page_gb18030.txt": "gb18030",
    "page_gbk.txt": "gb18030",  # GBK is a subset of GB18030
}
# the file (and line) the run must name → the reason it must give
FAILURES = {
    "bad_binary.txt": "binary file",
    "bad_empty.txt": "empty file",
    "bad_whitespace.txt": "no articles found",
    "bad_banners.txt": "no articles found",
    "bad_undecodable.txt": "undecodable bytes: neither UTF-8 (byte 51) nor GB18030",
    "feed.jsonl:2": "malformed JSON",
    "no_body.html": "HTML page has no article body",
}
# the files that must give articles, and how many; of the reference page in its six
# encodings (one text), the first file gives them and the others are named as copies
GOOD = {"no_headline.txt": 1, "columns.txt": 2, "feed.jsonl": 3}
SAME_PAGE = [REFERENCE, *ENCODED]


def _is_root() -> bool:
    return os.geteuid() == 0


def _corpus_with_unreadable_entries(tmp_path: Path) -> tuple[Path, dict[str, str], dict[str, int]]:
    """A copy of the corpus plus entries git cannot hold: a broken link, a link to
    itself, a named pipe, and a file with no permissions (which root reads anyway, so
    the pipe is the unreadable entry that holds whoever runs the tests)."""
    src = tmp_path / "src"
    shutil.copytree(BAD, src)
    (src / "broken_link.txt").symlink_to(src / "moved_away.txt")
    (src / "loop.txt").symlink_to(src / "loop.txt")
    os.mkfifo(src / "pipe.txt")
    locked = src / "locked.txt"
    shutil.copy(BAD / REFERENCE, locked)
    locked.chmod(0)
    failures = {
        **FAILURES,
        "broken_link.txt": "broken symbolic link",
        "loop.txt": "broken symbolic link",
        "pipe.txt": "not a regular file (a named pipe, socket or device)",
    }
    good = dict(GOOD)
    copies = sorted(SAME_PAGE)
    if _is_root():
        copies = sorted([*copies, "locked.txt"])
    else:
        failures["locked.txt"] = "cannot read: Permission denied"
    good[copies[0]] = 2
    failures.update(
        {name: f"same content as {src / copies[0]}; its articles are read once" for name in copies[1:]}
    )
    return src, failures, good


def _build(*args, code: int) -> subprocess.CompletedProcess:
    proc = subprocess.run([UNIONKG, "build", *map(str, args)], capture_output=True, text=True, timeout=300)
    assert proc.returncode == code, proc.stdout + proc.stderr
    return proc


def _named(where: str, failures: list[str]) -> list[str]:
    """The failure messages about ``where`` (``file`` or ``file:line``)."""
    return [f for f in failures if f.split(": ")[0].endswith(f"/{where}")]


@pytest.fixture(scope="module")
def corpus_build(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("bad")
    src, failures, good = _corpus_with_unreadable_entries(tmp)
    proc = _build(src, "--out", tmp / "out", "--json", code=1)
    return proc, json.loads(proc.stdout), tmp / "out", failures, good


def test_every_bad_file_is_named_with_its_reason_in_the_summary_and_on_stderr(corpus_build):
    proc, summary, _, failures, _ = corpus_build
    for where, reason in failures.items():
        [message] = _named(where, summary["failures"])
        assert reason in message, message
        assert f"error: {message}" in proc.stderr
    assert len(summary["failures"]) == len(failures), summary["failures"]


def test_every_other_file_is_read_and_built(corpus_build):
    _, summary, out, _, good = corpus_build
    lines = (out / "articles.jsonl").read_text(encoding="utf-8").split("\n")  # U+2028 is no line end
    articles = [json.loads(line) for line in lines if line]
    per_file = {}
    for a in articles:
        per_file[a["source"]] = per_file.get(a["source"], 0) + 1
    assert per_file == good
    assert summary["articles"] == sum(good.values())
    assert (out / "graph.nt").stat().st_size > 0 and (out / "store").is_dir()


def test_the_graph_of_a_run_with_failures_still_validates(corpus_build):
    """A headless article (title "") and text read from every encoding make a valid graph."""
    _, _, out, _, _ = corpus_build
    proc = subprocess.run([UNIONKG, "validate", str(out)], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_a_path_given_on_the_command_line_is_named_too(tmp_path):
    os.mkfifo(tmp_path / "pipe.txt")
    proc = _build(
        BAD / REFERENCE,
        tmp_path / "pipe.txt",
        tmp_path / "missing.txt",
        "--out",
        tmp_path / "out",
        "--json",
        code=1,
    )
    summary = json.loads(proc.stdout)
    assert summary["articles"] == 2
    assert sorted(summary["failures"]) == [
        f"{tmp_path / 'missing.txt'}: no such file or directory",
        f"{tmp_path / 'pipe.txt'}: not a regular file (a named pipe, socket or device)",
    ]


# ---------------------------------------------------------------- encodings


def _reference():
    return read_source(BAD / REFERENCE).articles


@pytest.mark.parametrize("name", ENCODED)
def test_other_encodings_are_read_to_the_same_text(name):
    result = read_source(BAD / name)
    assert result.errors == [] and result.encoding == ENCODED[name]
    reference = _reference()
    assert [(a.title, a.text, a.byline, a.kind) for a in result.articles] == [
        (a.title, a.text, a.byline, a.kind) for a in reference
    ]
    assert result.articles[0].title == "西城区总工会举办职工书法展"
    assert result.articles[0].byline.correspondents == ("吴芳",)
    # offsets count characters of the decoded text (a BOM is not a character of it)
    decoded, _ = decode_bytes((BAD / name).read_bytes(), name)
    for a in result.articles:
        for s in a.segments:
            assert (
                decoded[s.source_start : s.source_start + s.length]
                == a.text[s.text_start : s.text_start + s.length]
            )


# ---------------------------------------------------------------- damaged pages


def test_an_article_with_no_headline_is_kept_with_an_empty_title():
    [a] = read_source(BAD / "no_headline.txt").articles
    assert a.title == "" and a.kind == "news" and a.byline.reporters == ("周明",)
    assert a.body == "近日，丰台区总工会为一线职工送去清凉慰问品，惠及职工3000余人。"


def test_side_by_side_columns_read_across_are_read_column_by_column():
    result = read_source(BAD / "columns.txt")
    source = (BAD / "columns.txt").read_text(encoding="utf-8")
    left, right = result.articles
    assert (left.title, left.byline.reporters) == ("顺义区总工会举办职工运动会", ("周明",))
    assert left.body == "近日，顺义区总工会举办第十届职工运动会，800余名职工参赛。"
    assert (right.title, right.byline.reporters) == ("昌平区总工会开展安全培训", ("郑华",))
    assert right.body == "日前，昌平区总工会组织企业安全员开展培训，200余名安全员参加。"
    for a in (left, right):
        for s in a.segments:
            assert (
                source[s.source_start : s.source_start + s.length]
                == a.text[s.text_start : s.text_start + s.length]
            )
    # a span down a column maps to the source from its first to its last character
    start = left.text.index("顺义区总工会")
    first, last = left.source_span(start, start + 6)
    assert source[first : first + 2] == "顺义" and source[last - 4 : last] == "区总工会"


def test_an_article_that_flows_into_the_next_column_has_no_span_across_the_jump(tmp_path):
    page = "工会举办培训     续前文，职工\n\n本报讯（记者 张三）近日，某区总工会举办活动，     踊跃参加。\n"
    (tmp_path / "page.txt").write_text(page, encoding="utf-8")
    [a] = read_source(tmp_path / "page.txt").articles
    assert a.body == "近日，某区总工会举办活动，续前文，职工踊跃参加。"
    jump = a.text.index("活动，续前")
    assert a.source_span(jump, jump + 5) is None  # the right column is above, not after
    assert page[slice(*a.source_span(jump + 3, jump + 5))] == "续前"


# ---------------------------------------------------------------- JSON Lines


def test_json_lines_keep_the_good_lines_escaped_or_not():
    result = read_source(BAD / "feed.jsonl")
    assert [str(e) for e in result.errors] == [
        f"{BAD / 'feed.jsonl'}:2: malformed JSON (Expecting ',' delimiter at column 19)"
    ]
    raw, escaped, separator = result.articles
    assert (raw.title, raw.body) == (
        "怀柔区总工会慰问环卫工人",
        "近日，怀柔区总工会慰问环卫工人。\n工人们表示感谢。",
    )
    source = (BAD / "feed.jsonl").read_text(encoding="utf-8")
    assert source[slice(*raw.source_span(0, len(raw.title)))] == raw.title
    # written with \\uXXXX escapes: the words are read, they just have no source offsets
    assert (escaped.title, escaped.body) == ("密云区总工会举办培训", "近日，密云区总工会举办培训。")
    assert escaped.source_span(0, 2) is None
    # a raw U+2028 inside a string does not end the line
    assert separator.body == "近日，延庆区总工会举办心理健康讲座\u2028。"


def test_json_lines_name_each_kind_of_bad_record_by_line(tmp_path):
    path = tmp_path / "feed.jsonl"
    good = json.dumps(
        {"title": "房山区总工会举办培训", "body": "近日，房山区总工会举办培训。"}, ensure_ascii=False
    )
    path.write_text(
        "\n".join(
            [
                good,
                '["a", "list"]',
                '{"title": "无正文"}',
                '{"title": 7, "body": "数字标题"}',
                '{"title": "\\ud800坏", "body": "孤立的代理项"}',
                "",
                good,
            ]
        )
        + "\n",
        encoding="utf-8",
    )
    result = read_source(path)
    assert len(result.articles) == 2
    assert [(e.line, e.reason) for e in result.errors] == [
        (2, "a JSON object with string 'title' and 'body' is required"),
        (3, "a JSON object with string 'title' and 'body' is required"),
        (4, "a JSON object with string 'title' and 'body' is required"),
        (5, "invalid Unicode: lone surrogate '\\ud800'"),
    ]


# ---------------------------------------------------------------- big pages


def _time_read(path: Path):
    started = time.perf_counter()
    result = read_source(path)
    return result, time.perf_counter() - started


@pytest.mark.slow  # about 10–20 s
def test_a_20_mb_page_of_many_articles_is_cut_in_seconds(tmp_path):
    page = "\n\n".join(p.read_text(encoding="utf-8") for p in sorted(PAGES.glob("*.txt"))) + "\n\n"
    copies = 20_000_000 // len(page.encode()) + 1
    path = tmp_path / "big.txt"
    path.write_text(page * copies, encoding="utf-8")
    assert path.stat().st_size >= 20_000_000
    result, seconds = _time_read(path)
    assert result.errors == []
    per_copy, rest = divmod(len(result.articles), copies)
    assert rest == 0 and per_copy >= 31
    assert [a.title for a in result.articles[:per_copy]] == [a.title for a in result.articles[-per_copy:]]
    assert len({a.id for a in result.articles}) == len(result.articles)
    source = path.read_text(encoding="utf-8")
    last = result.articles[-1]
    assert source[slice(*last.source_span(0, len(last.title)))] == last.title
    assert seconds < 60, f"{seconds:.1f} s"  # about 4 s on one core of the CI machine


def test_a_20_mb_page_of_one_run_on_paragraph_is_read_in_linear_time(tmp_path):
    """Rejoining used to rescan the paragraph for every line: hours, not seconds."""
    line = "某区总工会举办职工技能培训活动并组织职工参加" * 7 + "\n\n"
    path = tmp_path / "runon.txt"
    path.write_text(
        "工会举办培训\n\n本报讯（记者 张三）" + line * (20_000_000 // len(line.encode()) + 1),
        encoding="utf-8",
    )
    result, seconds = _time_read(path)
    [a] = result.articles
    assert len(a.body) == len(line.strip()) * (20_000_000 // len(line.encode()) + 1)
    assert seconds < 60, f"{seconds:.1f} s"  # about 10 s on one core of the CI machine

"""Repeatable builds, and builds that are interrupted.

Two builds of the same sources give the same bytes, whatever the hash seed, the folder
they sit in, the order they are named in or the number of workers (test_pipeline.py
checks the plain rebuild). A build stopped by Ctrl-C or killed leaves the previous
output as it was, and the next build cleans up what the killed one left.
"""

from __future__ import annotations

import hashlib
import json
import os
import select
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from graph import pipeline
from support import PAGES

UNIONKG = str(Path(sys.executable).with_name("unionkg"))
SAME_BYTES = [
    "graph.ttl",
    "graph.nt",
    "graph.nq",
    "graph.trig",
    "graph.jsonld",
    "listings.nq",
    "void.ttl",
    "graph.graphml",
    "summary.json",
]


def _build(sources, out: Path, *options: str, seed: str = "0", code: int = 0) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    proc = subprocess.run(
        [UNIONKG, "build", *map(str, sources), "--out", str(out), *options],
        capture_output=True,
        text=True,
        timeout=600,
        env=env,
    )
    assert proc.returncode == code, proc.stdout + proc.stderr
    return proc


def _article_lines(out: Path) -> list[str]:
    return [line for line in (out / "articles.jsonl").read_text(encoding="utf-8").split("\n") if line]


@pytest.mark.slow  # about 10–20 s
def test_builds_are_identical_across_hash_seeds_folders_argument_order_and_workers(tmp_path):
    first = tmp_path / "first"
    _build([PAGES], first, seed="1")
    elsewhere = tmp_path / "another" / "place"
    shutil.copytree(PAGES, elsewhere)
    second = tmp_path / "second"
    _build(sorted(elsewhere.iterdir(), reverse=True), second, "--workers", "2", seed="4242")
    for name in SAME_BYTES:
        assert (first / name).read_bytes() == (second / name).read_bytes(), name
    # articles are listed in the order their files were named; the same articles, ids included
    assert sorted(_article_lines(first)) == sorted(_article_lines(second))
    ids = [json.loads(line)["id"] for line in _article_lines(first)]
    assert len(set(ids)) == len(ids) == 31
    # the output is as readable as any file the user makes (not private like a temporary file)
    plain = tmp_path / "plain"
    plain.mkdir()
    (plain / "file").write_text("x")

    def mode(path):
        return path.stat().st_mode & 0o777

    assert mode(first) == mode(plain)
    assert {p.name: mode(p) for p in first.iterdir() if p.is_file()} == {
        p.name: mode(plain / "file") for p in first.iterdir() if p.is_file()
    }
    nt = (first / "graph.nt").read_text(encoding="utf-8").split("\n")
    assert nt[-1] == "" and nt[:-1] == sorted(set(nt[:-1]))


# ---------------------------------------------------------------- interrupted builds


@pytest.fixture(scope="module")
def big_corpus(tmp_path_factory) -> Path:
    """Four renamed copies of the sample: about four seconds of writing, enough to be
    caught in the middle."""
    src = tmp_path_factory.mktemp("big")
    for copy in range(4):
        for page in PAGES.glob("*.txt"):
            shutil.copy(page, src / f"{copy}_{page.name}")
    return src


@pytest.fixture(scope="module")
def one_page_build(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("one") / "out"
    _build([sorted(PAGES.glob("*.txt"))[0]], out)
    return out


@pytest.fixture
def previous_output(one_page_build, tmp_path) -> tuple[Path, dict[str, str]]:
    """A finished build of one page, and the digest of every file in it."""
    out = tmp_path / "out"
    shutil.copytree(one_page_build, out)
    return out, _digests(out)


def _digests(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def _leftovers(out: Path) -> list[str]:
    return sorted(p.name for p in out.parent.iterdir() if p.name.startswith(f".{out.name}."))


def _wait_for_progress(proc: subprocess.Popen) -> None:
    """Wait until the build says it is reading (its progress bar's label on stderr):
    past start-up, the first file done, the rest still to extract."""
    seen = ""
    while "reading" not in seen and proc.poll() is None:
        ready, _, _ = select.select([proc.stderr], [], [], 300)
        assert ready, "no progress within 300 s"
        seen += os.read(proc.stderr.fileno(), 4096).decode(errors="replace")


def _interrupt(sources: Path, out: Path, sig: signal.Signals, phase: str) -> int:
    """Start a build and send ``sig`` while it reads the sources or while it writes its
    temporary folder; return its exit status."""
    # Ctrl-C as in a terminal: a test run started in the background (`… &`) ignores
    # SIGINT, and its children would inherit that
    proc = subprocess.Popen(
        [UNIONKG, "build", str(sources), "--out", str(out)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    if phase == "reading":
        _wait_for_progress(proc)
    else:
        deadline = time.monotonic() + 300
        while proc.poll() is None and time.monotonic() < deadline and not _leftovers(out):
            time.sleep(0.005)
    assert proc.poll() is None, f"the build ended before the {phase} phase could be interrupted"
    assert bool(_leftovers(out)) == (phase == "writing"), _leftovers(out)
    proc.send_signal(sig)
    _, stderr = proc.communicate(timeout=120)
    assert "Traceback" not in stderr, stderr
    if sig == signal.SIGINT:
        assert f"interrupted: {out}/ is left as it was" in stderr
    return proc.returncode


@pytest.mark.parametrize("phase", ["reading", "writing"])
def test_ctrl_c_leaves_the_previous_output_intact_and_nothing_behind(big_corpus, previous_output, phase):
    out, before = previous_output
    assert _interrupt(big_corpus, out, signal.SIGINT, phase) == 130
    assert _digests(out) == before
    assert _leftovers(out) == []


@pytest.mark.slow  # about 10–20 s
def test_a_killed_build_leaves_the_previous_output_and_the_next_build_cleans_up(big_corpus, previous_output):
    out, before = previous_output
    assert _interrupt(big_corpus, out, signal.SIGKILL, "writing") == -signal.SIGKILL
    assert _digests(out) == before
    [leftover] = _leftovers(out)  # a kill runs no clean-up: the half-written folder stays…
    assert (out.parent / leftover).is_dir()
    _build([PAGES], out)  # …until the next build, which does not read it and removes it
    assert _leftovers(out) == []
    assert json.loads((out / "summary.json").read_text(encoding="utf-8"))["articles"] == 31


def test_a_build_killed_between_its_two_renames_gets_its_output_back(previous_output):
    """_swap_into_place moves the old output aside, then the new one in: a kill between
    the two leaves only the aside copy, which the next build puts back before it starts."""
    out, before = previous_output
    os.replace(out, out.with_name(f".{out.name}.old"))
    pipeline._clear_leftovers(out)
    assert _leftovers(out) == []
    assert _digests(out) == before

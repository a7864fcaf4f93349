"""Shared fixtures: the bundled sample pages, their gold annotations, the CLI as a user
runs it, and one build of the sample that read-only tests share."""

import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
PAGES = REPO / "examples" / "pages"
GOLD = REPO / "examples" / "gold"


@pytest.fixture(scope="session")
def pages() -> Path:
    return PAGES


@pytest.fixture(scope="session")
def gold() -> Path:
    return GOLD


UNIONKG = str(Path(sys.executable).with_name("unionkg"))


def run_cli(*args, code=0, **kwargs) -> subprocess.CompletedProcess:
    """Run ``unionkg ARGS`` and check its exit code (stdout and stderr in the failure)."""
    proc = subprocess.run([UNIONKG, *map(str, args)], capture_output=True, text=True, timeout=600, **kwargs)
    assert proc.returncode == code, proc.stdout + proc.stderr
    return proc


@pytest.fixture(scope="session")
def sample_build(tmp_path_factory) -> Path:
    """``unionkg build`` of the sample pages; tests that share it must not change it."""
    out = tmp_path_factory.mktemp("sample") / "build"
    run_cli("build", PAGES, "--out", out)
    return out

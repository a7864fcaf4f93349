"""What the tests share besides fixtures (those are in ``tests/conftest.py``): where the
bundled data is, the CLI run as a user runs it, and the Neo4j helpers.

The tests import it as ``support`` (``pythonpath`` in ``pyproject.toml``).
"""

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
PAGES = REPO / "examples" / "pages"
GOLD = REPO / "examples" / "gold"
DATED = REPO / "tests" / "data" / "dated"  # a small dated corpus written for these tests

UNIONKG = str(Path(sys.executable).with_name("unionkg"))


def run_cli(*args, code=0, **kwargs) -> subprocess.CompletedProcess:
    """Run ``unionkg ARGS`` and check its exit code (stdout and stderr in the failure)."""
    proc = subprocess.run([UNIONKG, *map(str, args)], capture_output=True, text=True, timeout=600, **kwargs)
    assert proc.returncode == code, proc.stdout + proc.stderr
    return proc

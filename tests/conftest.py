"""Shared fixtures: the bundled sample pages and their gold annotations."""

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

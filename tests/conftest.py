"""Shared fixtures, defined once."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "examples" / "seeds"
GOLD = ROOT / "tests" / "data" / "seeds.gold.json"


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    """The bundled example corpus (five real scraped pages)."""
    return SEEDS


@pytest.fixture(scope="session")
def seed_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store built once from the five seeds (loads the spaCy model)."""
    from storyline import api

    db = tmp_path_factory.mktemp("seedstore") / "s.db"
    api.build([SEEDS], db)
    return db


@pytest.fixture()
def seeds_copy(tmp_path: Path) -> Path:
    """A writable copy of the seed folder."""
    dst = tmp_path / "seeds"
    shutil.copytree(SEEDS, dst)
    return dst

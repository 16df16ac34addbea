"""Shared test fixtures. Real data is read from ../shared beside the repository, never copied."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import settings

# CI machines are shared and slow at times: a per-example deadline would make property
# tests fail on load, not on bugs. Speed is measured in bench/, not here.
settings.register_profile("newsweave", deadline=None)
settings.load_profile("newsweave")

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SEEDS = SHARED / "seeds"


def seed_path(prefix: str) -> Path:
    """The seed file whose name starts with ``prefix`` ("000" … "004")."""
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return path


@pytest.fixture(scope="session")
def shared() -> Path:
    if not SHARED.is_dir():
        pytest.fail(f"{SHARED} is missing: the tests read real data from ../shared beside the repository")
    return SHARED

"""Shared test fixtures. Real data is read from ../shared beside the repository, never copied."""

from __future__ import annotations

from pathlib import Path

import pytest

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

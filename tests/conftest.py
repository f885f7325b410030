"""Shared fixtures.  ``shared_data`` locates ../shared/data; in CI (CI=true) its absence fails."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED_DATA = Path(os.environ.get("SUMMARIZE_SHARED", REPO.parent / "shared")) / "data"


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """Path of ../shared/data; skipped only outside CI, never silently in CI."""
    if not (SHARED_DATA / "summeval" / "summeval_docs.jsonl.gz").exists():
        if os.environ.get("CI"):
            pytest.fail(f"CI must have the shared data at {SHARED_DATA}")
        pytest.skip(f"no shared data at {SHARED_DATA}")
    return SHARED_DATA

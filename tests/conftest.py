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


def compiled_kernels(module: str):
    """The compiled kernel module ``module`` (native backend); in CI a missing build fails, elsewhere it skips."""
    from eval.backend import BACKEND

    with BACKEND.use("native"):
        kernels = BACKEND.kernels(module)
    if kernels is None:
        if os.environ.get("CI"):
            pytest.fail(f"{module} was not built: pip install needs a C compiler (gcc) in CI")
        pytest.skip(f"{module} not built here (no C compiler at install time)")
    return kernels


@pytest.fixture(params=["native", "python"])
def backend(request: pytest.FixtureRequest):
    """Run the test once with the compiled kernels and once with the numpy / pure-Python code."""
    from eval.backend import BACKEND

    if request.param == "native":
        compiled_kernels("eval.rouge._kernels")
        compiled_kernels("summarize.models._kernels")
    with BACKEND.use(request.param):
        yield request.param

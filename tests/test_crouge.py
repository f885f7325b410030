"""The compiled ROUGE kernels (eval._crouge): built, switchable, and strict about arguments.

Scores of both backends are checked against rouge-score in test_fast_rouge.py.
"""

from __future__ import annotations

import os

import pytest

from eval.rouge import fast as fast_rouge


def _compiled():
    if not fast_rouge.NATIVE:
        if os.environ.get("CI"):
            pytest.fail("eval._crouge was not built: pip install needs a C compiler (gcc) in CI")
        pytest.skip("eval._crouge not built here (no C compiler at install time)")
    from eval import _crouge

    return _crouge


def test_pure_python_switch(monkeypatch):
    # SUMMARIZE_PURE_PYTHON=1 turns the compiled kernels off (checked in a fresh interpreter).
    import subprocess
    import sys

    code = "from eval.rouge import fast as fast_rouge; print(fast_rouge.NATIVE)"
    env = {**os.environ, "SUMMARIZE_PURE_PYTHON": "1"}
    assert subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True,
                          check=True).stdout.strip() == "False"


def test_kernel_rejects_bad_arguments():
    _crouge = _compiled()
    with pytest.raises(ValueError, match="not in 1..9"):
        _crouge.score([["a"]], [["a"]], (10,), False, False)
    with pytest.raises(TypeError, match="sequence of token sequences"):
        _crouge.score(5, [["a"]], (1,), False, False)
    with pytest.raises(TypeError, match="unhashable"):
        _crouge.score([[["a"]]], [["a"]], (1,), False, False)

"""An earlier release of the toolkit, checked out and built beside this one, to measure both in one run.

``baseline_checkout(ref)`` makes (once) a git worktree of ``ref`` in the system's
temporary directory, builds its C extensions in place, and returns its path;
run it with ``PYTHONPATH=<path> python -m summarize ...`` (see :func:`command`).
The default ``ref`` is release 0.2.0 (commit 6944121), the last before the
layered layout.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
#: Release 0.2.0, the last one before the layered layout (issue "One-way architecture").
RELEASE_0_2_0 = "6944121"


def baseline_checkout(ref: str = RELEASE_0_2_0) -> Path:
    """The built checkout of ``ref`` (made on first use; kept for later runs)."""
    path = Path(tempfile.gettempdir()) / f"summarize-baseline-{ref}"
    if not (path / ".built").exists():
        if not path.exists():
            subprocess.run(["git", "-C", str(REPO), "worktree", "add", "--detach", str(path), ref], check=True,
                           capture_output=True)
        subprocess.run([sys.executable, "setup.py", "build_ext", "--inplace", "-q"], cwd=path, check=True,
                       capture_output=True)
        (path / ".built").write_text(ref)
    return path


def environment(checkout: Path) -> dict[str, str]:
    """The environment that makes ``python -m summarize`` run ``checkout``.

    Bytecode caches are allowed (as on users' machines), whatever this process's environment says.
    """
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    return {**env, "PYTHONPATH": str(checkout)}


def command(*args: str) -> list[str]:
    """``python -m summarize ARGS`` (with this interpreter)."""
    return [sys.executable, "-m", "summarize", *args]

"""The optional compiled kernels, or ``None`` when they are not there.

``pip install`` builds ``eval._crouge``, ``summarize._ctext`` and
``summarize._cscore`` wherever a C compiler is found (``setup.py``; all are
optional extensions).  Every caller
keeps the pure-Python code that gives the same results, and the tests run both.
Set ``SUMMARIZE_PURE_PYTHON=1`` to use the pure-Python code everywhere.
"""

from __future__ import annotations

import importlib
import os
from types import ModuleType

__all__ = ["PURE_PYTHON", "load"]

#: True when ``SUMMARIZE_PURE_PYTHON`` asks for the pure-Python code.
PURE_PYTHON: bool = os.environ.get("SUMMARIZE_PURE_PYTHON", "") not in ("", "0")


def load(name: str) -> ModuleType | None:
    """The compiled module ``name`` (e.g. ``"eval._crouge"``), or ``None`` if not built or switched off."""
    if PURE_PYTHON:
        return None
    try:
        return importlib.import_module(name)
    except ImportError:  # not built: no C compiler at install time
        return None

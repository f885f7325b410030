"""Which code runs the numeric hot loops: the compiled kernels or numpy / pure Python.

``pip install`` compiles two optional C extensions wherever a C compiler is
found (``setup.py``): ``eval.rouge._kernels`` (ROUGE counting, and the
white-space word table of :mod:`eval.rouge.word_ids`) and
``summarize.models._kernels`` (TF-IDF similarities, learned scores, greedy
selection).  Both hold only language-independent numeric loops; every text
rule is Python.  :data:`BACKEND` is chosen once, at import: ``"native"``
unless the environment variable ``SUMMARIZE_PURE_PYTHON=1`` asks for
``"python"``.  Callers ask it for a kernel module at call time
(:meth:`Backend.kernels`), so switching it (tests: :meth:`Backend.use`)
switches every caller.

When ``"native"`` is chosen but a kernel was not built, the numpy / Python
code runs and a warning says so once per process, naming the variable that
silences it (``SUMMARIZE_PURE_PYTHON=1``: choose the Python code on purpose).
"""

from __future__ import annotations

import importlib
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from types import ModuleType

__all__ = ["BACKEND", "BACKENDS", "Backend"]

#: Backend names.
BACKENDS = ("native", "python")
_ENV = "SUMMARIZE_PURE_PYTHON"


class Backend:
    """The backend in use and the kernel modules it has loaded.

    Attributes
    ----------
    name : {"native", "python"}
        ``native``: compiled kernels where built; ``python``: never.
    """

    def __init__(self, name: str | None = None) -> None:
        if name is None:
            name = "python" if os.environ.get(_ENV, "") not in ("", "0") else "native"
        self._check(name)
        self.name = name
        self._loaded: dict[str, ModuleType | None] = {}
        self._warned = False

    @staticmethod
    def _check(name: str) -> None:
        if name not in BACKENDS:
            raise ValueError(f"unknown backend {name!r}; choose one of {', '.join(BACKENDS)}")

    def kernels(self, module: str) -> ModuleType | None:
        """The compiled module ``module`` (e.g. ``"eval.rouge._kernels"``), or ``None`` for the Python code.

        ``None`` when the backend is ``python`` or the module was not built
        (then a warning, once per process).
        """
        if self.name == "python":
            return None
        try:
            return self._loaded[module]
        except KeyError:
            pass
        try:
            loaded: ModuleType | None = importlib.import_module(module)
        except ImportError:
            loaded = None
            self._warn_missing(module)
        self._loaded[module] = loaded
        return loaded

    def _warn_missing(self, module: str) -> None:
        if self._warned:
            return
        self._warned = True
        print(f"summarize: warning: the compiled kernels ({module}) were not built (no C compiler when the package "
              f"was installed?): running the numpy / pure-Python code, several times slower; reinstall with a C "
              f"compiler, or set {_ENV}=1 to choose the Python code and silence this warning", file=sys.stderr)

    @contextmanager
    def use(self, name: str) -> Iterator[Backend]:
        """Run the ``with`` block on backend ``name`` (``"native"`` or ``"python"``), then switch back."""
        self._check(name)
        previous, self.name = self.name, name
        try:
            yield self
        finally:
            self.name = previous

    def __repr__(self) -> str:
        return f"Backend({self.name!r})"


#: The process's backend, chosen at import from ``SUMMARIZE_PURE_PYTHON``.
BACKEND = Backend()

"""Optional dependencies (``pip install 'summarize-toolkit[EXTRA]'``) and the error that names them.

The core install is what ``run``, ``eval`` and ``score`` need.  HTML input
(``[html]``), Parquet input (``[parquet]``), the Dask engine (``[dask]``),
tuning (``[tune]``) and the HTML report's plots (``[plots]``) are extras;
``[all]`` installs every one.  Code that needs one imports it through
:func:`require`, so a missing extra is one clear error (the command line
exits 2 with it), never a bare ``ModuleNotFoundError``.
"""

from __future__ import annotations

import importlib
from types import ModuleType

__all__ = ["DISTRIBUTION", "MissingExtraError", "install_line", "require"]

#: The name ``pip install`` knows this toolkit by.
DISTRIBUTION = "summarize-toolkit"


class MissingExtraError(ImportError):
    """An optional dependency is not installed; the message says what to ``pip install``."""


def install_line(extra: str) -> str:
    """``pip install 'summarize-toolkit[EXTRA]'``."""
    return f"pip install '{DISTRIBUTION}[{extra}]'"


def require(module: str, extra: str, feature: str) -> ModuleType:
    """Import ``module``, or raise :class:`MissingExtraError` naming ``extra``.

    Parameters
    ----------
    module : str
        E.g. ``"trafilatura"`` or ``"dask.distributed"``.
    extra : str
        The extra that installs it, e.g. ``"html"``.
    feature : str
        What needs it, for the message, e.g. ``"HTML input"``.

    Examples
    --------
    >>> require("json", "none", "JSON").__name__
    'json'
    """
    try:
        return importlib.import_module(module)
    except ImportError as exc:
        raise MissingExtraError(f"{feature} needs {module.split('.')[0]}, which is not installed: "
                                f"{install_line(extra)}") from exc

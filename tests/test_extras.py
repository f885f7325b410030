"""Optional dependencies: a command that needs a missing extra exits 2 and names the pip install line."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from eval.extras import MissingExtraError, install_line, require

REPO = Path(__file__).resolve().parents[1]


def test_require_names_the_extra():
    assert require("json", "none", "JSON").__name__ == "json"
    with pytest.raises(MissingExtraError, match=r"HTML input needs no_such_module_x, which is not installed: "
                                               r"pip install 'summarize-toolkit\[html\]'"):
        require("no_such_module_x.sub", "html", "HTML input")
    assert install_line("all") == "pip install 'summarize-toolkit[all]'"


def _cli_without(module: str, argv: list[str], tmp_path: Path) -> subprocess.CompletedProcess[str]:
    """``summarize ARGV`` in a fresh interpreter where importing ``module`` fails (as if not installed)."""
    code = (f"import sys; sys.modules[{module!r}] = None\n"
            "from summarize.cli import main\n"
            f"sys.exit(main({argv!r}))\n")
    return subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, timeout=120,
                          env={"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin"})


@pytest.mark.parametrize("module,extra,make_args", [
    ("trafilatura", "html", lambda p: ["run", str(p / "page.html")]),
    ("pyarrow", "parquet", lambda p: ["run", str(p / "data.parquet")]),
    ("dask", "dask", lambda p: ["run", str(p / "a.txt"), "--engine", "dask"]),
    ("matplotlib", "plots", lambda p: ["report", str(p / "a.txt"), "--html", str(p / "r.html")]),
    ("optuna", "tune", lambda p: ["tune", str(p / "a.txt"), "--space", str(p / "space.toml")]),
])
def test_a_missing_extra_exits_2_naming_the_install_line(tmp_path, module, extra, make_args):
    (tmp_path / "page.html").write_text("<html><body><article><p>The dam burst at dawn. Farms were flooded."
                                        "</p></article></body></html>", encoding="utf-8")
    (tmp_path / "data.parquet").write_bytes(b"PAR1")
    (tmp_path / "a.txt").write_text("The dam burst at dawn. Farms were flooded. Roads closed.\n", encoding="utf-8")
    (tmp_path / "space.toml").write_text('method = "tfidf"\n[params]\nredundancy = { low = 0.0, high = 1.0 }\n',
                                         encoding="utf-8")
    done = _cli_without(module, make_args(tmp_path), tmp_path)
    assert done.returncode == 2, done.stderr
    assert f"pip install 'summarize-toolkit[{extra}]'" in done.stderr
    assert "Traceback" not in done.stderr

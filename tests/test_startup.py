"""Start-up stays light: each command imports the heavy libraries it uses, and only those.

(Timings are benchmarks: bench/bench_startup.py.  Here: what gets imported.)
"""

from __future__ import annotations

import pickle
import subprocess
import sys
from pathlib import Path

import pytest
from sklearn.base import BaseEstimator, clone

from eval.backend import BACKEND
from summarize import LeadModel, LeadSummarizer, TfidfModel, TfidfSummarizer

REPO = Path(__file__).resolve().parents[1]
HEAVY = ("sklearn", "scipy", "pandas", "nltk", "trafilatura", "optuna", "dask", "matplotlib", "pyarrow", "rouge_score")


def _imported_by(argv: list[str]) -> set[str]:
    code = ("import sys, io, contextlib\nfrom summarize.cli import main\n"
            f"with contextlib.redirect_stdout(io.StringIO()):\n    code = main({argv!r})\n"
            f"print(code, ','.join(m for m in {HEAVY!r} if m in sys.modules))\n")
    done = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=120,
                          check=True)
    code_, _, heavy = done.stdout.strip().partition(" ")
    assert code_ == "0", done.stderr
    return set(filter(None, heavy.split(",")))


@pytest.mark.parametrize("argv,allowed", [
    (["run", "seeds/000_eee3009524595d1e.txt"], set()),
    (["run", "tests/fixtures/hostile/standfirst.html"], {"trafilatura"}),
    (["eval", "seeds/000_eee3009524595d1e.txt", "--bootstrap", "10"], set()),
])
def test_commands_import_only_what_they_use(argv, allowed):
    if BACKEND.name == "python":
        allowed = allowed | {"scipy"}  # sparse products stand in for the compiled similarity kernel
    assert _imported_by(argv) <= allowed


def test_the_models_are_plain_and_the_estimators_are_scikit_learn_estimators():
    model, estimator = TfidfModel(redundancy=0.5), TfidfSummarizer(redundancy=0.5)
    assert not isinstance(model, BaseEstimator) and isinstance(estimator, BaseEstimator)
    assert isinstance(estimator, TfidfModel) and isinstance(LeadSummarizer(), LeadModel)
    assert model.get_params() == estimator.get_params()
    assert repr(model) == "TfidfModel(redundancy=0.5)" and repr(estimator) == "TfidfSummarizer(redundancy=0.5)"
    assert model.set_params(n_sentences=2).n_sentences == 2
    with pytest.raises(ValueError, match="invalid parameter 'sentences' for TfidfModel; valid: block_ngrams"):
        model.set_params(sentences=2)
    copy = clone(estimator)
    assert copy is not estimator and copy.get_params() == estimator.get_params()
    text = "The dam burst at dawn. Farms were flooded. Roads closed for days. Rain fell all week."
    restored = pickle.loads(pickle.dumps(estimator))  # noqa: S301 - our own object
    assert restored.summarize(text) == estimator.summarize(text) == TfidfModel(redundancy=0.5).summarize(text)


def test_the_public_names_are_the_lazy_exports():
    # summarize.__all__ is written out for linters; it must stay the names __getattr__ loads.
    import summarize

    assert summarize.__all__ == [*sorted(summarize._EXPORTS), "__version__"]
    assert all(getattr(summarize, name) is not None for name in summarize.__all__)

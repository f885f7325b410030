"""The backend object (eval.backend.BACKEND) and the compiled kernels it switches.

The numpy / pure-Python code is the specification.  The compiled kernels must
select the same sentences with scores equal within 1e-12 (summaries) and give
exactly rouge-score's numbers (ROUGE, tested in test_fast_rouge.py).
"""

from __future__ import annotations

import gzip
import json
import os
import random
import subprocess
import sys

import numpy as np
import pytest
from conftest import compiled_kernels

from eval.backend import BACKEND, Backend
from summarize.models.tfidf import TfidfModel as TfidfSummarizer


def test_backend_is_chosen_from_the_environment_and_switched_by_use():
    assert Backend().name == ("python" if os.environ.get("SUMMARIZE_PURE_PYTHON", "") not in ("", "0") else "native")
    backend = Backend("native")
    with backend.use("python"):
        assert backend.name == "python" and backend.kernels("eval.rouge._kernels") is None
    assert backend.name == "native"
    with pytest.raises(ValueError, match="unknown backend 'fast'; choose one of native, python"):
        Backend("fast")
    with pytest.raises(ValueError, match="choose one of native, python"), backend.use("C"):
        pass


def test_a_missing_build_warns_once_and_names_the_variable(capsys):
    backend = Backend("native")
    assert backend.kernels("eval.rouge._not_built") is None
    assert backend.kernels("summarize.models._not_built") is None
    err = capsys.readouterr().err
    assert err.count("summarize: warning:") == 1 and "SUMMARIZE_PURE_PYTHON=1" in err and "eval.rouge._not_built" in err
    assert Backend("python").kernels("eval.rouge._not_built") is None and capsys.readouterr().err == ""


def test_pure_python_variable_turns_the_kernels_off_in_a_fresh_interpreter():
    code = "from eval.backend import BACKEND; print(BACKEND.name, BACKEND.kernels('eval.rouge._kernels'))"
    env = {**os.environ, "SUMMARIZE_PURE_PYTHON": "1"}
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "python None" and done.stderr == ""


def _corpus_texts(shared_data) -> list[str]:
    texts = []
    with gzip.open(shared_data / "summeval" / "summeval_docs.jsonl.gz", "rt", encoding="utf-8") as handle:
        for line in handle:
            doc = json.loads(line)
            texts += [doc["article"], *(s["decoded"] for s in doc["systems"][:2])]
    with gzip.open(shared_data / "cnn_dailymail" / "test_see2017_tokenized_lowercased.jsonl.gz", "rt",
                   encoding="utf-8") as handle:
        for k, line in enumerate(handle):
            if k % 23 == 0:
                texts.append(json.loads(line)["article"])
    return texts


@pytest.mark.shared
@pytest.mark.parametrize("params", [{}, {"scoring": "centrality"}, {"scoring": "centroid", "sublinear_tf": False},
                                    {"n_sentences": None, "max_words": 60, "block_ngrams": 3}])
def test_summaries_agree_with_and_without_the_kernels(shared_data, params):
    compiled_kernels("summarize.models._kernels")
    texts = _corpus_texts(shared_data)
    assert len(texts) > 700
    with BACKEND.use("native"):
        native = [TfidfSummarizer(**params).summarize(t) for t in texts]
    with BACKEND.use("python"):
        python = [TfidfSummarizer(**params).summarize(t) for t in texts]
    for text, a, b in zip(texts, native, python):
        assert a.indices == b.indices, text[:80]
        assert np.allclose(a.scores, b.scores, rtol=0, atol=1e-12), text[:80]


@pytest.mark.parametrize("params", [
    {}, {"redundancy": 0.0}, {"block_ngrams": 0}, {"block_ngrams": 1}, {"block_ngrams": 2, "redundancy": 3.0},
    {"n_sentences": None, "max_words": 40}, {"n_sentences": None, "max_words": 7}, {"n_sentences": None, "ratio": 0.5},
    {"n_sentences": 10, "min_sentence_words": 12, "max_sentence_words": 20}, {"scoring": "centrality"},
    {"scoring": "centroid", "position_weight": 0.5},
])
def test_compiled_selection_equals_greedy_select(params):
    compiled_kernels("summarize.models._kernels")
    rng = random.Random(19)
    vocab = ("the", "cat", "sat", "on", "a", "mat", "dog", "ran", "fast", "home", "rain", "fell", "river", "rose")
    summarizer = TfidfSummarizer(**params)
    for _ in range(300):
        text = " ".join(
            " ".join(rng.choice(vocab) for _ in range(rng.randint(1, 14))).capitalize() + "."
            for _ in range(rng.randint(1, 12)))
        with BACKEND.use("native"):
            native = summarizer.summarize(text)
        with BACKEND.use("python"):
            python = summarizer.summarize(text)
        assert native.indices == python.indices, (params, text)
        assert np.allclose(native.scores, python.scores, rtol=0, atol=1e-12), (params, text)


def test_compiled_selection_rejects_bad_arrays():
    kernels = compiled_kernels("summarize.models._kernels")
    scores = np.zeros(2)
    with pytest.raises(ValueError, match="similarity must be"):
        kernels.mmr(scores, np.zeros(3), np.zeros(2, dtype=np.int64), np.ones(2, dtype=bool), 1, -1, 0.5,
                    np.zeros(0, dtype=np.int64), 3)
    with pytest.raises(ValueError, match="word_ids must hold"):
        kernels.mmr(scores, np.zeros(4), np.ones(2, dtype=np.int64), np.ones(2, dtype=bool), 1, -1, 0.5,
                    np.zeros(5, dtype=np.int64), 3)
    # NaN scores are picked as numpy's argmax picks them (first NaN).
    picked = kernels.mmr(np.array([0.5, np.nan, 0.9]), np.eye(3), np.ones(3, dtype=np.int64),
                         np.ones(3, dtype=bool), 1, -1, 0.0, np.arange(3, dtype=np.int64), 0)
    assert picked == [1]


def test_rouge_kernel_rejects_bad_arguments():
    kernels = compiled_kernels("eval.rouge._kernels")
    with pytest.raises(ValueError, match="not in 1..9"):
        kernels.score([["a"]], [["a"]], (10,), False, False)
    with pytest.raises(TypeError, match="sequence of token sequences"):
        kernels.score(5, [["a"]], (1,), False, False)
    with pytest.raises(TypeError, match="unhashable"):
        kernels.score([[["a"]]], [["a"]], (1,), False, False)

"""The compiled kernels (eval._crouge): built, and Porter stems equal to nltk's.

Scores of both backends are checked against rouge-score in test_fast_rouge.py.
"""

from __future__ import annotations

import gzip
import json
import os
import random
import re

import pytest

from eval import fast_rouge


def _compiled():
    if not fast_rouge.NATIVE:
        if os.environ.get("CI"):
            pytest.fail("eval._crouge was not built: pip install needs a C compiler (gcc) in CI")
        pytest.skip("eval._crouge not built here (no C compiler at install time)")
    from eval import _crouge

    return _crouge


def _summeval(shared_data):
    with gzip.open(shared_data / "summeval" / "summeval_docs.jsonl.gz", "rt", encoding="utf-8") as handle:
        return [json.loads(line) for line in handle]


def test_porter_stem_is_nltk(shared_data):
    # Every word of the shared corpora plus generated words built from Porter's
    # suffixes (so that every rule, and pairs of rules, fire).
    from nltk.stem.porter import PorterStemmer

    _crouge = _compiled()

    words: set[str] = set()
    for doc in _summeval(shared_data):
        for text in [doc["article"], *doc["references"], *(s["decoded"] for s in doc["systems"])]:
            words.update(re.findall(r"[A-Za-z0-9]+", text))
    rng = random.Random(90)
    letters = "aeiouyybcdlmnrstszgpw"
    suffixes = ("ational tional enci anci izer bli alli entli eli ousli ization ation ator alism iveness fulness "
                "ousness aliti iviti biliti fulli logi icate ative alize iciti ical ful ness al ance ence er ic able "
                "ible ant ement ment ent ion sion tion ou ism ate iti ous ive ize ies ied eed ed ing s sses ss y e ll "
                "yy ying ally").split()
    for _ in range(40000):
        stem = "".join(rng.choice(letters) for _ in range(rng.randint(0, 6)))
        words.add(stem + rng.choice(suffixes) + (rng.choice(suffixes) if rng.random() < 0.3 else ""))
    words.update(["sky", "skies", "dying", "tying", "news", "innings", "howe", "succeed", "y" * 300, "a" * 100_000])
    nltk_stemmer = PorterStemmer()
    wrong = [w for w in words if _crouge.porter_stem(w) != nltk_stemmer.stem(w)]
    assert len(words) > 40_000
    assert wrong == []
    with pytest.raises(ValueError, match="ASCII"):
        _crouge.porter_stem("café")
    with pytest.raises(TypeError, match="str"):
        _crouge.porter_stem(b"cats")


def test_pure_python_switch(monkeypatch):
    # SUMMARIZE_PURE_PYTHON=1 turns the compiled kernels off (checked in a fresh interpreter).
    import subprocess
    import sys

    code = "from eval import fast_rouge; print(fast_rouge.NATIVE)"
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

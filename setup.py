"""Build the optional compiled kernels (everything else is in pyproject.toml).

``eval._crouge`` speeds up ROUGE (tokens -> scores, Porter stemming),
``summarize._ctext`` the sentence splitter, the summarizer's per-sentence
analysis and its greedy selection, and ``summarize._cscore`` its TF-IDF
similarities and learned scores.  All are optional: without a C compiler the install still succeeds
and the pure-Python code runs, which gives the same results.
"""

import sys

from setuptools import Extension, setup

# No fused multiply-add: the F expression must round exactly as Python's does.
FLAGS = [] if sys.platform == "win32" else ["-O2", "-ffp-contract=off", "-std=c99"]

setup(ext_modules=[
    Extension("eval._crouge", ["eval/_crouge.c"], optional=True, extra_compile_args=FLAGS),
    Extension("summarize._ctext", ["summarize/_ctext.c"], depends=["summarize/_cbuffer.h"], optional=True,
              extra_compile_args=FLAGS),
    Extension("summarize._cscore", ["summarize/_cscore.c"], depends=["summarize/_cbuffer.h"], optional=True,
              extra_compile_args=FLAGS),
])

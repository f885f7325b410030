"""Build the optional compiled kernels (everything else is in pyproject.toml).

Only language-independent numeric hot loops are compiled: ``eval.rouge._kernels``
(ROUGE n-gram overlap, LCS and summary-level LCS over interned tokens; the
white-space word table and per-segment row sums that ROUGE tokenising and the
summarizer's analyser share, every text rule staying in Python), ``eval.rouge155._kernels``
(ROUGE-1.5.5's LCS and weighted-LCS back-trace marks) and
``summarize.models._kernels`` (TF-IDF similarities, the learned scorer's
features and decision, greedy MMR selection with n-gram blocking).  Both are
optional: without a C compiler the install still succeeds and the numpy /
pure-Python code runs (``eval.backend`` warns once per process).
"""

import sys

from setuptools import Extension, setup

# No fused multiply-add: the F expression must round exactly as Python's does.
FLAGS = [] if sys.platform == "win32" else ["-O2", "-ffp-contract=off", "-std=c99"]

setup(ext_modules=[
    Extension("eval.rouge._kernels", ["eval/rouge/_kernels.c"], optional=True, extra_compile_args=FLAGS),
    Extension("eval.rouge155._kernels", ["eval/rouge155/_kernels.c"], optional=True, extra_compile_args=FLAGS),
    Extension("summarize.models._kernels", ["summarize/models/_kernels.c"], optional=True, extra_compile_args=FLAGS),
])

"""Build the optional compiled kernels (everything else is in pyproject.toml).

``eval._crouge`` speeds up ROUGE (tokens -> scores, Porter stemming).  It is
optional: without a C compiler the install still succeeds and
``eval.fast_rouge`` uses its pure-Python code, which gives the same numbers.
"""

import sys

from setuptools import Extension, setup

# No fused multiply-add: the F expression must round exactly as Python's does.
FLAGS = [] if sys.platform == "win32" else ["-O2", "-ffp-contract=off", "-std=c99"]

setup(ext_modules=[Extension("eval._crouge", ["eval/_crouge.c"], optional=True, extra_compile_args=FLAGS)])

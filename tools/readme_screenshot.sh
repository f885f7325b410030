#!/bin/sh
# Make docs/report.png, the README's picture of the HTML report, with the project's own tools:
# `summarize report` on the project's example articles and the seed, then tools/screenshot.py.
set -e
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
summarize report data/examples/ seeds/ --systems tfidf,lead,random --jobs 1 --no-progress \
    --html "$tmp/report.html" > /dev/null
python tools/screenshot.py "$tmp/report.html" docs/report.png --width 1280 --height 1500

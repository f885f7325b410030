"""`summarize compare` on SummEval: our tfidf and LEAD-3 against published systems' summaries.

Usage: python bench/compare_summeval.py [--systems M0,M17,M23] [--html FILE]

Writes, in a temporary directory, the 100 SummEval articles as JSONL (``article``
and the original reference as ``summary``) and one JSONL file per chosen
published system (``id``, ``summary`` = its ``decoded`` text), then runs
``summarize compare ARTICLES --systems tfidf,lead --summaries Mx=FILE ...
--format markdown`` in this process and prints the table.  Nothing is copied
into the repository.  Note: M0/M1/M2/M5 texts are BARTScore's re-cased copies
and the others lower-cased PTB-tokenised text (see the data README), which
changes Flesch and novel n-gram counts against the raw article.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import SUMMEVAL  # noqa: E402

from summarize.cli import main as summarize_main  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--systems", default="M0,M17,M23", help="SummEval model ids (default: %(default)s)")
    parser.add_argument("--html", help="also write the HTML report here")
    args = parser.parse_args()
    chosen = [s.strip() for s in args.systems.split(",") if s.strip()]
    with gzip.open(SUMMEVAL, "rt", encoding="utf-8") as handle:
        docs = [json.loads(line) for line in handle]
    with tempfile.TemporaryDirectory() as tmp:
        articles = Path(tmp) / "articles.jsonl"
        with articles.open("w", encoding="utf-8") as out:
            for d in docs:
                out.write(json.dumps({"id": d["id"], "article": d["article"], "summary": d["reference"]}) + "\n")
        argv = ["compare", str(articles), "--systems", "tfidf,lead", "--format", "markdown", "--no-progress",
                "--jobs", "1"]
        for model in chosen:
            path = Path(tmp) / f"{model}.jsonl"
            with path.open("w", encoding="utf-8") as out:
                for d in docs:
                    system = next(s for s in d["systems"] if s["model_id"] == model)
                    out.write(json.dumps({"id": d["id"], "summary": system["decoded"]}) + "\n")
            argv += ["--summaries", f"{model}={path}"]
        if args.html:
            argv += ["--html", args.html, "--force"]
        return summarize_main(argv)


if __name__ == "__main__":
    sys.exit(main())

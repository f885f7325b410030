"""Every code block of README.md and docs/**/*.md runs as written and prints what the page shows.

The rules for blocks are in tests/docs_blocks.py; ``python tests/docs_blocks.py --update PAGE`` rewrites
the expected outputs that no longer match (review the diff).
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
from docs_blocks import NOT_RUN, REPO, doc_pages, matches, parse_blocks, run_page  # noqa: E402

PAGES = doc_pages()
# Files that examples once named but that do not exist (issue 15): no page may name them again.
MISSING_FILES = ("articles/", "article.txt", "docs.jsonl.gz", "blog/", "big.jsonl", "bart.jsonl", "new_articles/")


@pytest.mark.parametrize("page", PAGES, ids=[str(p.relative_to(REPO)) for p in PAGES])
def test_every_block_of_the_page_runs_and_prints_what_it_shows(page: Path) -> None:
    blocks, problems = run_page(page)
    assert not problems, "\n\n".join(f"{p.block.where}: {p.message}" for p in problems)
    for block in blocks:
        assert block.kind in ("python", "output", "console", "file", "not-run"), block.where


def test_only_blocks_marked_not_run_are_skipped_and_they_are_few() -> None:
    skipped = [b for page in PAGES for b in parse_blocks(page) if b.kind == "not-run"]
    # Installing packages, the test command itself, and commands on ../shared data or taking hours.
    assert all(b.lines[0].startswith(NOT_RUN) and len(b.lines[0]) > len(NOT_RUN) + 10 for b in skipped)
    ran = [b for page in PAGES for b in parse_blocks(page) if b.kind in ("python", "console")]
    assert len(ran) >= 4 * len(skipped), [b.where for b in skipped]


def test_readme_is_short_and_has_runnable_cli_and_python_examples() -> None:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    assert len(text.splitlines()) <= 210
    kinds = [b.kind for b in parse_blocks(REPO / "README.md")]
    assert kinds.count("python") == 1 and kinds.count("console") >= 3


def test_no_page_names_files_that_do_not_exist() -> None:
    for page in PAGES:
        text = page.read_text(encoding="utf-8")
        for name in MISSING_FILES:
            found = re.search(rf"(?<![\w/.-]){re.escape(name)}(?!\w)", text)
            assert not found, f"{page.relative_to(REPO)} names {name}"


def test_runner_rejects_unmarked_blocks_and_empty_expectations(tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    page.write_text("```sh\nls\n```\n")
    with pytest.raises(ValueError, match="must be python .* or start with '# Not run by the docs tests:"):
        parse_blocks(page)
    page.write_text("```text\nhello\n```\n")
    with pytest.raises(ValueError, match="output of the python block right before it"):
        parse_blocks(page)
    page.write_text(f"```sh\n{NOT_RUN}\npip install .\n```\n")
    with pytest.raises(ValueError, match="needs a reason"):
        parse_blocks(page)
    assert not matches("...", "anything")  # a wildcard alone checks nothing
    assert matches("summarize 0.3.0 ...\nend", "summarize 0.3.0 built today\nend  ")
    assert not matches("a\nb", "a\nc")


def test_runner_reports_a_wrong_output_and_a_failed_command(tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    page.write_text("```python\nprint(1 + 1)\n```\n\n```text\n3\n```\n\n```console\n$ summarize nonsense\n```\n",
                    encoding="utf-8")
    _, problems = run_page(page)
    messages = [p.message for p in problems]
    assert len(messages) == 2
    assert "expected:\n3\ngot:\n2" in messages[0]
    assert "exited 2" in messages[1] and "invalid choice: 'nonsense'" in messages[1]


def test_cli_reference_is_generated_from_the_parser_with_every_option() -> None:
    sys.path.insert(0, str(REPO / "docs"))
    try:
        import hooks
    finally:
        sys.path.remove(str(REPO / "docs"))
    from summarize.cli.main import build_parser

    page = (REPO / "docs" / "cli-reference.md").read_text(encoding="utf-8")
    assert hooks.MARKER in page
    text = hooks.on_page_markdown(page, None, None, None)
    assert hooks.MARKER not in text
    parser = build_parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    for name, command in sub.choices.items():
        assert f"## `summarize {name}`" in text
        for action in command._actions:
            for option in action.option_strings:
                assert re.search(rf"`[^`]*{re.escape(option)}\b", text), (name, option)

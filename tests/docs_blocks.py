"""Run the fenced code blocks of README.md and docs/**/*.md and check what they print.

Every fenced block of a page is one of these kinds (anything else is an error, so nothing is skipped
by accident):

``python``
    Executed in a fresh namespace (each block carries its own imports), in the page's working
    directory.  The next block must be a ``text`` block: what the code prints, compared with stdout.
``text``
    The expected output of the ``python`` block right before it.
``console``
    Lines ``$ COMMAND`` (a trailing ``\\`` continues a command on the next line) run with ``sh -c`` in
    the page's working directory, where ``summarize`` is this repository's code
    (``python -m summarize``); the lines after a command, up to the next ``$``, are what it prints
    (stdout and stderr together, unbuffered, as in a terminal).  A command must exit 0; to show a
    failure, write it as ``$ summarize ... || echo "exit code $?"``.
a block with a file-name title (```` ```toml title="space.toml" ````)
    Its text is written to that file in the working directory, for the commands after it.
a block whose first line is ``# Not run by the docs tests: REASON``
    Skipped (e.g. ``pip install``, commands that need the research data in ../shared, or run for
    hours); the marker is visible to readers.

Each page runs in a fresh temporary directory that holds a symbolic link to every top-level entry of
the repository (``data/``, ``seeds/``, ``bench/`` ...), so relative paths read the repository's files
and the files that examples write go to the temporary directory.

Outputs are compared line by line after removing trailing white space and leading/trailing blank
lines, with doctest's ``...`` wildcard (``ELLIPSIS``) for parts that change between versions or runs
(e.g. ``v:...`` in signatures).  ``python tests/docs_blocks.py --update [PAGE...]`` rewrites the
expected output of every block that does not match with what it printed (version lists in signatures
become ``v:...``); review the diff.
"""

from __future__ import annotations

import contextlib
import doctest
import io
import os
import re
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["REPO", "Block", "Mismatch", "doc_pages", "parse_blocks", "run_page"]

REPO = Path(__file__).resolve().parents[1]
NOT_RUN = "# Not run by the docs tests:"
_FENCE = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})(?P<lang>[\w+-]*)(?P<info>[^`\n]*)$")
_TITLE = re.compile(r'title="(?P<title>[^"]*)"')
_FILE_TITLE = re.compile(r"^[\w./-]+\.\w+$")
_CHECKER = doctest.OutputChecker()
_TIMEOUT = 300  # seconds for one console command


@dataclass
class Block:
    """One fenced block: where it is, its info string and its lines (indentation removed)."""

    path: Path
    start: int  # 0-based line index of the opening fence
    end: int  # 0-based line index of the closing fence
    indent: str
    lang: str
    title: str | None
    lines: list[str]
    kind: str = ""

    @property
    def where(self) -> str:
        return f"{_shown(self.path)}:{self.start + 1}"

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


@dataclass
class Mismatch:
    """A block whose printed output differs from the expected one (or that failed)."""

    block: Block
    message: str
    # For --update: (first line index, end line index) in block.lines and the new lines.
    replacements: list[tuple[int, int, list[str]]] = field(default_factory=list)


def _shown(path: Path) -> str:
    return str(path.relative_to(REPO)) if path.is_relative_to(REPO) else str(path)


def doc_pages() -> list[Path]:
    """README.md and every Markdown page of the docs site."""
    return [REPO / "README.md", *sorted((REPO / "docs").rglob("*.md"))]


def parse_blocks(path: Path) -> list[Block]:
    """The fenced blocks of ``path``, each classified (``kind``); raises ``ValueError`` for bad ones."""
    lines = path.read_text(encoding="utf-8").split("\n")
    blocks: list[Block] = []
    i = 0
    while i < len(lines):
        match = _FENCE.match(lines[i])
        if not match:
            i += 1
            continue
        indent, fence = match.group("indent"), match.group("fence")
        close = re.compile(rf"^{re.escape(indent)}{re.escape(fence[0])}{{{len(fence)},}}\s*$")
        j = i + 1
        while j < len(lines) and not close.match(lines[j]):
            j += 1
        if j == len(lines):
            raise ValueError(f"{_shown(path)}:{i + 1}: fenced block never closed")
        title = _TITLE.search(match.group("info"))
        body = [line[len(indent):] if line.startswith(indent) else line.lstrip() for line in lines[i + 1:j]]
        blocks.append(Block(path, i, j, indent, match.group("lang"), title.group("title") if title else None, body))
        i = j + 1
    previous = ""
    for block in blocks:
        block.kind = _kind(block, previous)
        previous = block.kind
    return blocks


def _kind(block: Block, previous: str) -> str:
    if block.lines and block.lines[0].startswith(NOT_RUN):
        if not block.lines[0].removeprefix(NOT_RUN).strip():
            raise ValueError(f"{block.where}: '{NOT_RUN}' needs a reason")
        return "not-run"
    if block.title and _FILE_TITLE.match(block.title):
        return "file"
    if block.lang == "python":
        return "python"
    if block.lang == "console":
        return "console"
    if block.lang == "text":
        if previous != "python":
            raise ValueError(f"{block.where}: a text block is the output of the python block right before it")
        return "output"
    raise ValueError(
        f"{block.where}: a ```{block.lang} block must be python (followed by its text output), console "
        f"($ commands and their output), a file (title=\"NAME.EXT\"), or start with '{NOT_RUN} REASON'")


def _normalise(text: str) -> str:
    return "\n".join(line.rstrip() for line in text.strip("\n").split("\n")).strip("\n")


def matches(expected: str, got: str) -> bool:
    """``got`` equals ``expected`` (trailing white space ignored), ``...`` matching any text.

    An expectation of nothing but ``...`` checks nothing, so it never matches.
    """
    want, have = _normalise(expected), _normalise(got)
    if not want.replace(".", "").strip() and want:
        return False
    return want == have or _CHECKER.check_output(want + "\n", have + "\n", doctest.ELLIPSIS)


def _for_update(text: str) -> list[str]:
    text = re.sub(r"(\|v:)[^|\n`\"]*", r"\1...", _normalise(text))
    return text.split("\n") if text else []


def _work_dir(work: Path) -> None:
    for entry in REPO.iterdir():
        if entry.name != ".git":
            (work / entry.name).symlink_to(entry)


def _environment(bin_dir: Path) -> dict[str, str]:
    shim = bin_dir / "summarize"
    shim.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m summarize "$@"\n')
    shim.chmod(0o755)
    python = bin_dir / "python"
    python.write_text(f'#!/bin/sh\nexec "{sys.executable}" "$@"\n')
    python.chmod(0o755)
    env = dict(os.environ)
    env["PATH"] = f"{bin_dir}{os.pathsep}{env.get('PATH', '')}"
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")]))
    env["PYTHONUNBUFFERED"] = "1"
    env["COLUMNS"] = "80"  # argparse's help width
    return env


def _commands(block: Block) -> list[tuple[str, int, int]]:
    """``(command, first output line, end of output)`` for each ``$`` command of a console block."""
    found: list[tuple[str, int, int]] = []
    i = 0
    lines = block.lines
    if not lines or not lines[0].startswith("$ "):
        raise ValueError(f"{block.where}: a console block starts with a '$ ' command")
    while i < len(lines):
        command = lines[i][2:]
        while command.endswith("\\") and i + 1 < len(lines):
            i += 1
            command = command[:-1] + "\n" + lines[i]
        j = i + 1
        while j < len(lines) and not lines[j].startswith("$ "):
            j += 1
        found.append((command, i + 1, j))
        i = j
    return found


def _run_console(block: Block, cwd: Path, env: dict[str, str]) -> list[Mismatch]:
    problems = []
    for command, first, end in _commands(block):
        done = subprocess.run(["sh", "-c", command], cwd=cwd, env=env, stdin=subprocess.DEVNULL,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=_TIMEOUT, check=False)
        got = done.stdout.decode("utf-8", errors="replace")
        expected = "\n".join(block.lines[first:end])
        if done.returncode != 0:
            problems.append(Mismatch(block, f"$ {command}\nexited {done.returncode}:\n{got}"))
        elif not matches(expected, got):
            problems.append(Mismatch(block, f"$ {command}\nexpected:\n{expected}\ngot:\n{got}",
                                     [(first, end, _for_update(got))]))
    return problems


def _run_python(block: Block, output: Block | None, cwd: Path) -> list[Mismatch]:
    if output is None:
        return [Mismatch(block, "a python block is followed by a text block with what it prints")]
    stdout = io.StringIO()
    old = Path.cwd()
    try:
        os.chdir(cwd)
        with contextlib.redirect_stdout(stdout):
            exec(compile(block.text, block.where, "exec"), {"__name__": "__docs__"})  # noqa: S102 - our docs
    except Exception as exc:  # noqa: BLE001 - reported as the block's failure
        return [Mismatch(block, f"raised {type(exc).__name__}: {exc}\nprinted:\n{stdout.getvalue()}")]
    finally:
        os.chdir(old)
    got = stdout.getvalue()
    if not matches(output.text, got):
        return [Mismatch(output, f"expected:\n{output.text}\ngot:\n{got}",
                         [(0, len(output.lines), _for_update(got))])]
    return []


def run_page(path: Path) -> tuple[list[Block], list[Mismatch]]:
    """Run every block of ``path`` in order; return the blocks and the mismatches."""
    blocks = parse_blocks(path)
    problems: list[Mismatch] = []
    with tempfile.TemporaryDirectory(prefix="summarize-docs-") as tmp:
        bin_dir = Path(tmp) / ".bin"
        bin_dir.mkdir()
        cwd = Path(tmp) / "work"
        cwd.mkdir()
        _work_dir(cwd)
        env = _environment(bin_dir)
        for index, block in enumerate(blocks):
            if block.kind == "file":
                target = cwd / block.title  # type: ignore[operator]
                if target.exists() or target.is_symlink():
                    problems.append(Mismatch(block, f"{block.title} would replace a file of the repository"))
                    continue
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(block.text + "\n", encoding="utf-8")
            elif block.kind == "console":
                problems += _run_console(block, cwd, env)
            elif block.kind == "python":
                following = blocks[index + 1] if index + 1 < len(blocks) else None
                problems += _run_python(block, following if following and following.kind == "output" else None,
                                        cwd)
    return blocks, problems


def update(path: Path, problems: list[Mismatch]) -> None:
    """Replace the expected outputs of ``problems`` in ``path`` with what the blocks printed."""
    lines = path.read_text(encoding="utf-8").split("\n")
    edits = []
    for problem in problems:
        block = problem.block
        for first, end, new in problem.replacements:
            edits.append((block.start + 1 + first, block.start + 1 + end, [block.indent + x if x else x for x in new]))
    for first, end, new in sorted(edits, reverse=True):
        lines[first:end] = new
    path.write_text("\n".join(lines), encoding="utf-8")


def main() -> int:
    """``python tests/docs_blocks.py [--update] [PAGE...]``: run the pages and report."""
    args = sys.argv[1:]
    do_update = "--update" in args
    pages = [Path(a).resolve() for a in args if a != "--update"] or doc_pages()
    failed = 0
    for page in pages:
        blocks, problems = run_page(page)
        print(f"{_shown(page)}: {len(blocks)} blocks, {len(problems)} mismatches")
        for problem in problems:
            print(f"--- {problem.block.where}\n{problem.message}")
        failed += len(problems)
        if do_update and problems:
            update(page, problems)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

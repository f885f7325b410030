"""No process outlives the command: kill -9, SIGTERM or SIGHUP of the parent ends its workers within 5 s.

SIGTERM and SIGHUP stop a command as Ctrl-C does: the ``.partial`` output is
kept, a note on stderr says how far the run got, and ``--resume`` continues it.
Every test runs the real CLI in a subprocess and watches its process tree in
/proc (Linux).
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
WORDS = "council harbour bridge budget vote minister police court storm river school hospital city club".split()
GRACE = 5.0  # seconds the workers may take to exit after their parent died

pytestmark = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads the process tree in /proc")


def corpus(path: Path, n: int) -> Path:
    """``n`` short JSONL articles (eight sentences and a one-sentence summary each)."""
    with path.open("w", encoding="utf-8") as handle:
        for k in range(n):
            sentences = [" ".join(WORDS[(k + i + j) % len(WORDS)] for j in range(6 + i % 5)).capitalize() + "."
                         for i in range(8)]
            handle.write(json.dumps({"id": f"r{k}", "article": " ".join(sentences), "summary": sentences[0]}) + "\n")
    return path


def _stat(pid: int) -> list[str] | None:
    """Fields of /proc/PID/stat after the command name: state, ppid, ...; None for a process gone."""
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return text[text.rindex(")") + 2:].split()


def descendants(pid: int) -> list[int]:
    """Every living process below ``pid``."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit() and (fields := _stat(int(entry))) is not None:
            children.setdefault(int(fields[1]), []).append(int(entry))
    found, todo = [], [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def running(pids: list[int]) -> list[int]:
    """The processes of ``pids`` that still run (a zombie has exited: only its exit status is left)."""
    return [pid for pid in pids if (fields := _stat(pid)) is not None and fields[0] != "Z"]


def start(argv: list[str], tmp_path: Path) -> tuple[subprocess.Popen[bytes], Path]:
    err = tmp_path / "stderr.txt"
    with err.open("wb") as handle:
        proc = subprocess.Popen([sys.executable, "-m", "summarize", *argv], cwd=REPO, stdout=subprocess.DEVNULL,
                                stderr=handle)
    return proc, err


def wait_for(condition, what: str, proc: subprocess.Popen[bytes], timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert proc.poll() is None, f"the command ended before {what}"
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.05)


def stop_and_check_workers(proc: subprocess.Popen[bytes], signum: int, n_workers: int) -> int:
    """Send ``signum`` to the parent; every worker must have exited ``GRACE`` s after the parent did."""
    workers = descendants(proc.pid)
    assert len(workers) >= n_workers, workers
    proc.send_signal(signum)
    code = proc.wait(timeout=60)
    deadline = time.monotonic() + GRACE
    while running(workers) and time.monotonic() < deadline:
        time.sleep(0.05)
    left = running(workers)
    for pid in left:  # do not leave them behind for the next test
        os.kill(pid, signal.SIGKILL)
    assert not left, f"worker processes {left} still run {GRACE} s after the parent's {signal.Signals(signum).name}"
    return code


def ids(path: Path) -> list[str]:
    return [json.loads(line)["id"] for line in path.read_text(encoding="utf-8").splitlines()]


# (command, engine, signal).  Dask cases start a LocalCluster (a few seconds each): fewer of them.
CASES = [
    ("run", "local", signal.SIGKILL), ("run", "local", signal.SIGTERM), ("run", "local", signal.SIGHUP),
    ("eval", "local", signal.SIGKILL), ("eval", "local", signal.SIGTERM),
    ("compare", "local", signal.SIGKILL), ("compare", "local", signal.SIGTERM),
    ("run", "dask", signal.SIGKILL), ("run", "dask", signal.SIGTERM), ("eval", "dask", signal.SIGHUP),
    ("compare", "dask", signal.SIGTERM),
]


@pytest.mark.parametrize("command,engine,signum", CASES,
                         ids=[f"{c}-{e}-{signal.Signals(s).name}" for c, e, s in CASES])
def test_workers_never_outlive_the_command(command, engine, signum, tmp_path):
    if engine == "dask":
        pytest.importorskip("distributed")
    data = corpus(tmp_path / "c.jsonl", 6000)
    out = tmp_path / "out"
    argv = [command, str(data), "--jobs", "2", "--no-progress"]
    if engine == "dask":
        argv += ["--engine", "dask", "--scheduler", "local"]
    partial = None
    if command == "run":
        argv += ["--format", "jsonl", "-o", str(out / "s.jsonl")]
        partial = out / "s.jsonl.partial"
    elif command == "eval":
        argv += ["--out", str(out), "--bootstrap", "100"]
        partial = out / ".per_article.partial.jsonl"
    else:
        argv += ["--bootstrap", "100", "--permutations", "100"]
    proc, err = start(argv, tmp_path)
    try:
        if partial is not None:  # mid-run: some lines written, most not
            wait_for(lambda: partial.exists() and partial.stat().st_size > 20_000, "output", proc)
        else:  # compare writes at the end: its workers are busy once they exist
            wait_for(lambda: len(descendants(proc.pid)) >= 2, "workers", proc)
            time.sleep(2)
        code = stop_and_check_workers(proc, signum, 2)
    finally:
        if proc.poll() is None:
            proc.kill()
    stderr = err.read_text()
    if signum == signal.SIGKILL:
        assert code == -signal.SIGKILL
        return
    name = signal.Signals(signum).name
    assert code == 128 + signum, stderr
    assert stderr.rstrip().endswith(f"summarize: interrupted ({name})"), stderr
    assert "Traceback" not in stderr, stderr
    if partial is None:
        return
    # The summary line says how far the run got, the partial output is kept, and --resume finishes it.
    what = "records written" if command == "run" else "records evaluated"
    assert what in stderr and "--resume to continue" in stderr, stderr
    assert partial.exists()
    done = subprocess.run([sys.executable, "-m", "summarize", *argv, "--resume"], cwd=REPO, capture_output=True,
                          text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    if command == "run":
        assert ids(out / "s.jsonl") == [f"r{k}" for k in range(6000)]  # none lost, none repeated
    else:
        assert "6000 records: 6000 scored, 0 failed" in done.stderr


def test_a_run_on_stdout_says_how_far_it_got_when_stopped(tmp_path):
    data = corpus(tmp_path / "c.jsonl", 6000)
    out = tmp_path / "stdout.jsonl"
    with out.open("wb") as handle:
        proc = subprocess.Popen([sys.executable, "-m", "summarize", "run", str(data), "--format", "jsonl", "--jobs",
                                 "2", "--no-progress"], cwd=REPO, stdout=handle, stderr=subprocess.PIPE)
        wait_for(lambda: out.stat().st_size > 20_000, "output", proc)
        proc.send_signal(signal.SIGTERM)
        _, stderr = proc.communicate(timeout=60)
    assert proc.returncode == 143
    written = len(out.read_text().splitlines())
    assert f"summarize: {written} records written ({written} summarized, 0 failed) before the interruption" \
        in stderr.decode(), stderr


def test_tune_stops_on_sigterm_and_the_same_command_continues_the_study(tmp_path):
    optuna = pytest.importorskip("optuna")
    data = corpus(tmp_path / "c.jsonl", 300)
    space = tmp_path / "space.toml"
    space.write_text('method = "tfidf"\n[fixed]\nn_sentences = 3\n[params]\nredundancy = { low = 0.0, high = 1.0 }\n')
    storage = f"sqlite:///{tmp_path / 'study.db'}"
    argv = ["tune", str(data), "--space", str(space), "--storage", storage, "--study", "s", "--sampler", "random",
            "--dev-prefixes", "r", "--out", str(tmp_path / "tune"), "--no-progress"]

    def finished() -> int:
        try:
            study = optuna.load_study(study_name="s", storage=storage)
        except KeyError:  # not created yet
            return 0
        return len([t for t in study.trials if t.state == optuna.trial.TrialState.COMPLETE])

    proc, err = start(argv + ["--trials", "100000"], tmp_path)
    try:
        wait_for(lambda: finished() >= 2, "two finished trials", proc)
        code = stop_and_check_workers(proc, signal.SIGTERM, 0)
    finally:
        if proc.poll() is None:
            proc.kill()
    stderr = err.read_text()
    assert code == 143, stderr
    assert "Traceback" not in stderr, stderr
    assert f"the finished trials of study 's' are kept in {storage}: run the same command to continue" in stderr
    assert stderr.rstrip().endswith("summarize: interrupted (SIGTERM)")
    kept = finished()
    done = subprocess.run([sys.executable, "-m", "summarize", *argv, "--trials", str(kept + 2)], cwd=REPO,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert finished() == kept + 2


def test_nohup_keeps_running_through_sighup(tmp_path):
    """An ignored SIGHUP (nohup) stays ignored: the command goes on to the end."""
    data = corpus(tmp_path / "c.jsonl", 6000)
    out = tmp_path / "s.jsonl"
    argv = [sys.executable, "-m", "summarize", "run", str(data), "--format", "jsonl", "-o", str(out), "--jobs", "2",
            "--no-progress"]
    proc = subprocess.Popen(argv, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            preexec_fn=lambda: signal.signal(signal.SIGHUP, signal.SIG_IGN))  # noqa: PLW1509
    partial = tmp_path / "s.jsonl.partial"
    wait_for(lambda: partial.exists() and partial.stat().st_size > 5_000, "output", proc)
    proc.send_signal(signal.SIGHUP)
    _, stderr = proc.communicate(timeout=120)
    assert proc.returncode == 0, stderr
    assert len(ids(out)) == 6000


@pytest.mark.parametrize("command", ["run", "eval", "compare"])
def test_a_killed_worker_is_a_clear_error_and_resume_continues(command, tmp_path):
    data = corpus(tmp_path / "c.jsonl", 6000)
    out = tmp_path / "out"
    argv = [command, str(data), "--jobs", "2", "--no-progress"]
    partial = None
    if command == "run":
        argv += ["--format", "jsonl", "-o", str(out / "s.jsonl")]
        partial = out / "s.jsonl.partial"
    elif command == "eval":
        argv += ["--out", str(out), "--bootstrap", "100"]
        partial = out / ".per_article.partial.jsonl"
    else:
        argv += ["--bootstrap", "100", "--permutations", "100"]
    proc, err = start(argv, tmp_path)
    try:
        if partial is not None:
            wait_for(lambda: partial.exists() and partial.stat().st_size > 20_000, "output", proc)
        else:
            wait_for(lambda: len(descendants(proc.pid)) >= 2, "workers", proc)
            time.sleep(1)
        os.kill(descendants(proc.pid)[0], signal.SIGKILL)
        code = proc.wait(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
    stderr = err.read_text()
    assert code == 1, stderr
    assert "Traceback" not in stderr, stderr
    assert "summarize: error: a worker process died (killed, or out of memory?) with chunk" in stderr, stderr
    assert "were not processed" in stderr
    if partial is None:
        assert "nothing was written (compare keeps no partial results): run it again" in stderr
        return
    assert "run the same command with --resume to continue" in stderr, stderr
    assert partial.exists()
    done = subprocess.run([sys.executable, "-m", "summarize", *argv, "--resume"], cwd=REPO, capture_output=True,
                          text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    if command == "run":
        assert ids(out / "s.jsonl") == [f"r{k}" for k in range(6000)]
    else:
        assert "6000 records: 6000 scored, 0 failed" in done.stderr


@pytest.mark.parametrize("command", ["run", "eval"])
def test_one_writer_per_output(command, tmp_path, capsys):
    """A second run, a --resume or a --force while a run writes the same output: exit 1, nothing touched."""
    from summarize.cli import main

    data = corpus(tmp_path / "c.jsonl", 6000)
    out = tmp_path / "out"
    if command == "run":
        argv = ["run", str(data), "--format", "jsonl", "-o", str(out / "s.jsonl"), "--jobs", "1", "--no-progress"]
        partial, message = out / "s.jsonl.partial", f"--output {out / 's.jsonl'}"
    else:
        argv = ["eval", str(data), "--out", str(out), "--jobs", "1", "--no-progress", "--bootstrap", "100"]
        partial, message = out / ".per_article.partial.jsonl", f"--out {out}"
    proc, err = start(argv, tmp_path)
    try:
        wait_for(lambda: partial.exists() and partial.stat().st_size > 20_000, "output", proc)
        for extra in ([], ["--resume"], ["--force"]):
            assert main(argv + extra) == 1, extra
            stderr = capsys.readouterr().err
            assert f"summarize: error: another summarize run is still writing {message}" in stderr, (extra, stderr)
            assert "wait for it to finish, or stop it and continue it with --resume" in stderr
        assert proc.poll() is None
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=60) == 143
    finally:
        if proc.poll() is None:
            proc.kill()
    # The kernel released the lock with the process: the resume goes on, and no line is repeated.
    assert main(argv + ["--resume"]) == 0
    if command == "run":
        assert ids(out / "s.jsonl") == [f"r{k}" for k in range(6000)]
    else:
        assert "6000 records: 6000 scored, 0 failed" in capsys.readouterr().err

"""Paths that are not plain files: devices, FIFOs, symbolic-link loops, paths under a file, trailing slashes.

Outputs never replace a non-regular file, inputs found in directories that are
not regular files are skipped with a warning (reading a FIFO blocks forever),
and every refusal comes before any work, with a message that says what is wrong.
"""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from summarize.cli import main

REPO = Path(__file__).resolve().parents[1]
OK = "Cats sit on mats all day. Dogs run far in the park. Birds fly high above trees."

posix_only = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs and /dev/null")


@pytest.fixture
def article(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(OK + "\n", encoding="utf-8")
    return path


@posix_only
@pytest.mark.parametrize("argv_of", [
    lambda dev, a, tmp: ["run", str(a), "-o", dev, "--force"],
    lambda dev, a, tmp: ["run", str(a), "--format", "jsonl", "-o", dev, "--force"],
    lambda dev, a, tmp: ["compare", str(a), "--html", dev, "--force"],
])
def test_an_output_never_replaces_a_device(argv_of, article, tmp_path, capsys):
    # A FIFO we own stands in for /dev/full (the rename would replace it just the same).
    device = tmp_path / "fifo.jsonl"
    os.mkfifo(device)
    assert main(argv_of(str(device), article, tmp_path)) == 1
    err = capsys.readouterr().err
    assert f"{device} is a FIFO (named pipe), not a regular file" in err, err
    assert stat.S_ISFIFO(os.stat(device).st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "fifo.jsonl"]  # no .partial, no sidecar


@posix_only
def test_a_character_device_stays_a_device(article, tmp_path, capsys):
    # Our own node for /dev/null's device (1, 3) in tmp_path: the real /dev/null must never be at risk in a test
    # (the code before this fix replaced it with a regular file).
    device = tmp_path / "null"
    try:
        os.mknod(device, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
    except PermissionError:
        pytest.skip("creating a device node needs root")
    before = os.stat(device)
    assert main(["run", str(article), "-o", str(device), "--force"]) == 1
    assert f"--output {device} is a character device, not a regular file" in capsys.readouterr().err
    after = os.stat(device)
    assert stat.S_ISCHR(after.st_mode) and after.st_ino == before.st_ino
    assert not os.path.exists(f"{device}.partial")


@posix_only
def test_report_files_in_out_dir_that_are_fifos_are_never_replaced(article, tmp_path, capsys):
    out = tmp_path / "report"
    out.mkdir()
    os.mkfifo(out / "aggregate.csv")
    assert main(["eval", str(article), "--out", str(out), "--force"]) == 1
    assert "aggregate.csv is a FIFO (named pipe), not a regular file" in capsys.readouterr().err
    assert stat.S_ISFIFO(os.stat(out / "aggregate.csv").st_mode)


def test_library_report_writers_refuse_non_regular_targets(tmp_path):
    from eval.report.html import write_html
    from eval.report.tables import write_report

    if not hasattr(os, "mkfifo"):
        pytest.skip("needs FIFOs")
    os.mkfifo(tmp_path / "r.html")
    with pytest.raises(FileExistsError, match="is not a regular file"):
        write_html(None, tmp_path / "r.html", force=True)  # refused before rendering
    os.mkfifo(tmp_path / "report.md")
    with pytest.raises(FileExistsError, match="holds report.md, not a regular file"):
        write_report(None, tmp_path, force=True)


@pytest.mark.parametrize("make_argv,option", [
    (lambda f, a: ["run", str(a), "-o", f"{f}/out.jsonl"], "--output"),
    (lambda f, a: ["run", str(a), "-o", f"{f}/deeper/out.jsonl"], "--output"),
    (lambda f, a: ["compare", str(a), "--html", f"{f}/r.html"], "--html"),
    (lambda f, a: ["eval", str(a), "--out", f"{f}/report"], "--out"),
])
def test_a_path_under_a_regular_file_is_refused_before_any_work(make_argv, option, article, tmp_path, capsys,
                                                                monkeypatch):
    plain = tmp_path / "notes.txt"
    plain.write_text("not a directory\n")
    # Any summarizing would fail: the refusal must come first.
    monkeypatch.setattr("summarize.models.base.BaseModel.summarize",
                        lambda *a, **k: pytest.fail("worked before refusing"))
    assert main(make_argv(plain, article)) == 1
    err = capsys.readouterr().err
    assert f"summarize: error: {option} {plain}/" in err and f": {plain} is a file, not a directory" in err, err
    assert "Errno" not in err


def test_a_trailing_slash_names_a_directory_not_a_file(article, tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(["run", str(article), "-o", "nodir/"]) == 1
    assert ("--output nodir/ ends with '/', so it names a directory (and there is none): give a file name, "
            "e.g. nodir/out.jsonl") in capsys.readouterr().err
    assert not os.path.lexists("nodir") and not os.path.lexists("nodir.partial")
    assert main(["compare", str(article), "--html", "nohtml/"]) == 1
    assert "--html nohtml/ ends with '/'" in capsys.readouterr().err
    assert not os.path.lexists("nohtml")
    # An existing directory was and is refused as an output file.
    os.mkdir("adir")
    assert main(["run", str(article), "-o", "adir/"]) == 1
    assert "--output adir is a directory; give a file name" in capsys.readouterr().err


@posix_only
def test_fifos_devices_and_sockets_in_an_input_directory_are_skipped_with_a_warning(tmp_path):
    import socket

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(OK + "\n", encoding="utf-8")
    os.mkfifo(folder / "b.txt")  # reading it would block forever: nobody writes to it
    os.mkfifo(folder / "c.jsonl")
    os.symlink("/dev/zero", folder / "d.txt")  # an endless device
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(folder / "e.jsonl"))
    try:
        done = subprocess.run([sys.executable, "-m", "summarize", "run", str(folder), "--format", "jsonl"], cwd=REPO,
                              capture_output=True, text=True, timeout=60)
    finally:
        server.close()
    assert done.returncode == 0, done.stderr
    assert [json.loads(line)["id"] for line in done.stdout.splitlines()] == ["a"]
    for name, kind in (("b.txt", "a FIFO"), ("c.jsonl", "a FIFO"), ("d.txt", "a device"), ("e.jsonl", "a socket")):
        assert f"summarize: warning: {folder / name}: skipped: it is {kind}, not a regular file" in done.stderr
    assert done.stderr.count("skipped") == 4


def test_symlink_loops_and_dangling_links_say_what_they_are(tmp_path, capsys):
    loop = tmp_path / "loop"
    os.symlink(tmp_path / "loop2", loop)
    os.symlink(loop, tmp_path / "loop2")
    dangling = tmp_path / "dangling.txt"
    os.symlink(tmp_path / "gone.txt", dangling)
    assert main(["run", str(loop)]) == 1
    err = capsys.readouterr().err
    assert f"summarize: error: {loop}: a loop of symbolic links" in err and "no such file" not in err, err
    assert main(["run", str(dangling)]) == 1
    assert f"{dangling} is a symbolic link to {tmp_path / 'gone.txt'}, which does not exist" in capsys.readouterr().err
    assert main(["run", str(tmp_path / "missing.txt")]) == 1
    assert f"no such file or directory: {tmp_path / 'missing.txt'}" in capsys.readouterr().err

"""What makes a batch resumable: complete JSONL lines and a digest of the settings.

``run -o FILE`` and ``eval --out DIR`` write one JSONL line per input record,
in input order, flushed as they go.  After a crash or ``kill -9`` the file
holds complete lines and maybe one torn line; :func:`complete_lines` cuts the
torn one off and counts the rest, so ``--resume`` skips exactly that many input
records.  :func:`settings_digest` fingerprints the options and the inputs'
sizes and modification times: a resume with anything else is refused.
:func:`lock_partial` makes each partial file single-writer: a second run, or a
``--resume``, started while the first still writes is refused instead of
interleaving its lines with the first one's.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
from pathlib import Path
from typing import Any

__all__ = ["PartialLock", "check_resumable", "check_same_settings", "complete_lines", "lock_partial",
           "save_settings", "settings_digest"]


# Descriptors of the locks this process holds.  A forked child (a batch worker) would share them, and an flock
# lasts until every copy is closed: the child closes its copies at once, so the lock dies with its owner alone.
_HELD: set[int] = set()


def _drop_in_child() -> None:
    for fd in _HELD:
        try:
            os.close(fd)
        except OSError:
            pass
    _HELD.clear()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_drop_in_child)


class PartialLock:
    """An exclusive ``flock`` on a partial output file, held until :meth:`release` (or the process ends).

    The kernel drops the lock when the process dies, however it dies (``kill -9``
    included), so a stale lock never blocks a ``--resume``.
    """

    def __init__(self, fd: int | None) -> None:
        self._fd = fd
        if fd is not None:
            _HELD.add(fd)

    def release(self) -> None:
        if self._fd is not None:
            _HELD.discard(self._fd)
            os.close(self._fd)
            self._fd = None


def lock_partial(path: Path, what: str) -> PartialLock:
    """Lock ``path`` (created empty if missing, never truncated) for this run alone, without waiting.

    Parameters
    ----------
    path : Path
        The partial file (``FILE.partial``, ``DIR/.per_article.partial.jsonl``).
    what : str
        What the file is the output of, for the message (e.g. ``"--output out.jsonl"``).

    Raises
    ------
    BlockingIOError
        Another process holds the lock: a run writing the same output is still running.
    FileExistsError
        The partial file was renamed (its run completed) while the lock was taken.

    Notes
    -----
    Where ``fcntl`` does not exist (Windows) nothing is locked.
    """
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not POSIX
        return PartialLock(None)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(fd)
        raise BlockingIOError(f"another summarize run is still writing {what} ({path} is locked): wait for it "
                              "to finish, or stop it and continue it with --resume") from None
    try:
        same = os.path.samestat(os.fstat(fd), os.stat(path))
    except FileNotFoundError:
        same = False
    if not same:  # between our open and our lock, the other run completed and renamed the file
        os.close(fd)
        raise FileExistsError(f"another summarize run has just completed {what}; use --force to start over")
    return PartialLock(fd)


def check_resumable(args: argparse.Namespace) -> None:
    """Raise ``ValueError`` when ``--resume`` cannot know the input is unchanged (stdin)."""
    if args.resume and "-" in args.paths:
        raise ValueError("--resume cannot check that stdin is the same input as before: give the input as a file")

# Options that do not change the output ("run" is the command's entry function, set by its parser).
_HARMLESS = {"resume", "force", "no_progress", "jobs", "engine", "scheduler", "fail_fast", "output", "out", "run"}


def settings_digest(args: argparse.Namespace, resolved: Any = None) -> dict[str, Any]:
    """``{"options", "inputs", "digest"}``: every output-changing option, and each input file's size and mtime.

    Directories count by the files in them (an edited file changes the
    digest).  Stdin cannot be fingerprinted: see :func:`check_resumable`.
    ``resolved`` (e.g. the summarizer's ``get_params()``) and the contents of
    ``--config`` and ``--model`` files count too, so editing a config file
    between a kill and its resume is noticed.
    """
    from summarize.io.readers import expand_paths

    options = {k: v for k, v in sorted(vars(args).items()) if k not in _HARMLESS and k != "paths"}
    files = {}
    for name in ("config", "model"):
        value = getattr(args, name, None)
        if value and os.path.isfile(value):
            files[name] = hashlib.sha256(Path(value).read_bytes()).hexdigest()
    inputs = []
    for path in expand_paths([p for p in args.paths if p != "-"]):
        try:
            stat = os.stat(path)
            inputs.append([os.path.abspath(path), stat.st_size, stat.st_mtime_ns])
        except OSError:
            inputs.append([path, None, None])  # vanished: the reader reports it
    digest = hashlib.sha256(json.dumps([options, files, inputs, resolved], default=str, sort_keys=True).encode()
                            ).hexdigest()
    return {"options": options, "files": files, "inputs": inputs, "digest": digest}


def complete_lines(path: Path) -> tuple[int, int]:
    """Cut a torn last line off ``path``; return the numbers of complete JSONL lines kept and of error lines.

    An error line is an object with an ``error`` key (``run``) or a list whose
    fourth item (the skip reason of ``eval``'s rows) is not empty.
    """
    good = failed = size = 0
    with path.open("rb+") as handle:
        for line in handle:  # streamed: resuming a multi-GB run needs one line of memory
            if not line.endswith(b"\n"):
                break  # the torn last line
            try:
                record = json.loads(line)
            except ValueError:
                break  # e.g. cut in the middle of a multi-byte write: the valid part ends here
            good += 1
            size += len(line)
            failed += bool(record.get("error") if isinstance(record, dict)
                           else isinstance(record, list) and len(record) > 3 and record[3])
        handle.truncate(size)
    return good, failed


def claim_partial(partial: Path, what: str, settings_path: Path, settings: dict[str, Any], *, resume: bool,
                  force: bool, label: str, interrupted: str) -> PartialLock | None:
    """Lock the partial output of an earlier run, if there is one (``None`` when there is none).

    With ``resume`` its saved settings must be ``settings`` (:func:`check_same_settings`, naming ``label``);
    without, ``force`` must be given, else ``FileExistsError(interrupted)``.  The lock is released before
    either error; :func:`lock_partial` refuses while another run writes the file.
    """
    if not partial.exists():
        return None
    lock = lock_partial(partial, what)
    try:
        if resume:
            check_same_settings(settings_path, settings, label)
        elif not force:
            raise FileExistsError(interrupted)
    except (ValueError, FileExistsError):
        lock.release()
        raise
    return lock


def save_settings(path: Path, settings: dict[str, Any]) -> None:
    """Write the :func:`settings_digest` of a run that may be resumed."""
    path.write_text(json.dumps(settings, default=str) + "\n", encoding="utf-8")


def check_same_settings(path: Path, settings: dict[str, Any], what: str) -> None:
    """Raise ``ValueError`` unless ``path`` holds the digest of ``settings`` (missing or unreadable: refused)."""
    try:
        saved = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        saved = None
    if not isinstance(saved, dict) or saved.get("digest") != settings["digest"]:
        raise ValueError(f"cannot resume {what}: it was written with other settings or inputs "
                         "(same options and unchanged input files are needed); use --force to start over")

"""``SIGTERM`` and ``SIGHUP`` stop a command the way Ctrl-C (``SIGINT``) does.

Python turns ``SIGINT`` into :class:`KeyboardInterrupt`, so an interrupted
command closes its ``.partial`` file (kept for ``--resume``), stops its worker
processes and prints what it did.  By default ``SIGTERM`` (``kill``, a job
scheduler, a container stop) and ``SIGHUP`` (a closed terminal) end the
process on the spot instead, skipping all of that.  :func:`interrupt_on_signals`
makes them raise :class:`Interrupted`, a :class:`KeyboardInterrupt`, so every
``except KeyboardInterrupt`` handles all three alike.  A second signal of the
same kind ends the process at once (the default action is restored after the
first), for a stop that must not wait.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType
from typing import Any

__all__ = ["Interrupted", "exit_status", "interrupt_on_signals", "signal_name"]

_SIGNALS = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name))


class Interrupted(KeyboardInterrupt):
    """The command was stopped by ``signum`` (``SIGTERM`` or ``SIGHUP``)."""

    def __init__(self, signum: int) -> None:
        super().__init__(signal.Signals(signum).name)
        self.signum = signum


def signal_name(exc: BaseException) -> str:
    """``SIGTERM``/``SIGHUP`` for :class:`Interrupted`, ``SIGINT`` for a plain :class:`KeyboardInterrupt`."""
    return signal.Signals(exc.signum).name if isinstance(exc, Interrupted) else "SIGINT"


def exit_status(exc: BaseException) -> int:
    """The shell's status of a process killed by the signal: ``128 + signal number`` (130 for Ctrl-C)."""
    return 128 + (exc.signum if isinstance(exc, Interrupted) else int(signal.SIGINT))


def _raise(signum: int, frame: FrameType | None) -> None:
    signal.signal(signum, signal.SIG_DFL)  # a second one ends the process at once
    raise Interrupted(signum)


@contextmanager
def interrupt_on_signals() -> Iterator[None]:
    """While active, ``SIGTERM`` and ``SIGHUP`` raise :class:`Interrupted` in the main thread.

    Outside the main thread (where Python cannot install handlers) this does
    nothing; an ignored signal (``nohup`` ignores ``SIGHUP``) stays ignored.
    The previous handlers are restored on exit.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous: dict[int, Any] = {}
    try:
        for signum in _SIGNALS:
            if signal.getsignal(signum) is signal.SIG_IGN:
                continue  # e.g. SIGHUP under nohup: the user asked to keep running
            previous[signum] = signal.signal(signum, _raise)
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler if handler is not None else signal.SIG_DFL)

"""Ordered, streaming parallel map for batches: local processes or a Dask cluster.

Records are cut into chunks; at most ``2 * workers`` chunks are in flight, so
memory stays flat however long the input is, and results come back in input
order whatever order the workers finish in.  Workers are the existing engines:
``concurrent.futures.ProcessPoolExecutor`` on one machine, ``dask.distributed``
across machines.  Every per-record function is deterministic, so the output
does not depend on the engine or the number of workers.

Local workers never outlive their parent: each one watches its parent's pid
(and on Linux asks the kernel for ``SIGKILL`` when the parent dies), so a
``kill -9`` of the command leaves no process blocked on a pipe.  When the
parent stops early (an exception, Ctrl-C, ``SIGTERM``), the workers are
terminated at once instead of finishing the chunks in flight.  A worker that
dies mid-chunk ends the batch with :class:`WorkerDied`, naming the chunk.
"""

from __future__ import annotations

import itertools
import os
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, TypeVar

from eval.extras import require

__all__ = ["ENGINES", "BatchConfig", "WorkerDied", "one_blas_thread", "ordered_map"]

T = TypeVar("T")
R = TypeVar("R")
ENGINES = ("local", "dask")
# How often a local worker checks that its parent is alive: it exits at most this long after a kill -9.
PARENT_POLL_SECONDS = 0.5


class WorkerDied(RuntimeError):
    """A worker process died (killed, out of memory) while chunks of records were in flight.

    Every item before the first of these chunks was yielded; none from it on.
    Which of the chunks in flight the dead worker held cannot be known (the
    engine fails them all), so all of them are named.

    Attributes
    ----------
    chunks : tuple of int
        1-based numbers of the first and last chunk in flight.
    first, last : int
        0-based positions, in the input of :func:`ordered_map`, of the first
        and last item of those chunks.
    reason : str
        The engine's error.
    """

    def __init__(self, chunks: tuple[int, int], first: int, last: int, reason: str) -> None:
        self.chunks, self.first, self.last, self.reason = chunks, first, last, reason
        super().__init__(self.describe())

    def describe(self, offset: int = 0) -> str:
        """The message, with record numbers (1-based) shifted by ``offset`` (records skipped by a resume)."""
        low, high = self.chunks
        which = f"chunk {low}" if low == high else f"chunks {low} to {high}"
        return (f"a worker process died (killed, or out of memory?) with {which} in flight: input records "
                f"{offset + self.first + 1} to {offset + self.last + 1} were not processed ({self.reason})")


@dataclass(frozen=True)
class BatchConfig:
    """How to run a batch.

    Attributes
    ----------
    jobs : int
        Worker processes (``0`` = all cores).  With ``1``, or when the input
        fits in one chunk, records are processed in this process.
    engine : {"local", "dask"}
        ``local``: a process pool on this machine; ``dask``: a Dask cluster.
    scheduler : str or None
        Dask scheduler address (``tcp://host:8786``), or ``local``/``None`` to
        start a ``LocalCluster`` with ``jobs`` workers for this run.
    chunk_size : int
        Records per task.
    """

    jobs: int = 0
    engine: str = "local"
    scheduler: str | None = None
    chunk_size: int = 64

    def __post_init__(self) -> None:
        if self.engine not in ENGINES:
            raise ValueError(f"engine must be one of {', '.join(ENGINES)}; got {self.engine!r}")
        if not isinstance(self.jobs, int) or self.jobs < 0:
            raise ValueError(f"jobs must be an integer >= 0 (0 = all cores), got {self.jobs!r}")
        if not isinstance(self.chunk_size, int) or self.chunk_size < 1:
            raise ValueError(f"chunk_size must be a positive integer, got {self.chunk_size!r}")

    @property
    def workers(self) -> int:
        return self.jobs or os.cpu_count() or 1


@contextmanager
def one_blas_thread() -> Iterator[None]:
    """Single-threaded BLAS while records are processed.

    Per-record matrices are tiny (tens of sentences): a BLAS thread pool only
    adds hand-off overhead (x1.5 slower end to end on 2 cores, measured), and
    with several worker processes it would oversubscribe the cores.  The
    parallelism of a batch comes from its worker processes instead.  The
    previous limits are restored on exit.
    """
    from threadpoolctl import threadpool_limits

    with threadpool_limits(limits=1, user_api="blas"):
        yield


def _apply(func: Callable[[T], R], chunk: list[T]) -> list[R]:
    with one_blas_thread():
        return [func(item) for item in chunk]


def _worker_init(parent: int, death_signal: bool) -> None:
    """Start a local worker: leave signals to the parent, and exit when the parent is gone.

    Forked workers inherit the parent's Python signal handlers; they get the
    defaults back (``SIGINT`` ignored: Ctrl-C reaches the whole process group,
    and the parent stops the workers itself).  A worker blocked on its task
    pipe would never notice that the parent died (it holds the pipe's other
    end itself, inherited by the fork), hence the watchdog thread.
    """
    for name in ("SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if death_signal:
        _kill_me_with_parent()
    threading.Thread(target=_watch_parent, args=(parent,), name="summarize-parent-watch", daemon=True).start()


def _kill_me_with_parent() -> None:
    """Linux: ``prctl(PR_SET_PDEATHSIG, SIGKILL)``, the kernel's own "die with the parent" (best effort)."""
    if not sys.platform.startswith("linux"):
        return
    import ctypes

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, int(signal.SIGKILL), 0, 0, 0)  # 1 = PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass  # the watchdog thread still stops the worker


def _watch_parent(parent: int) -> None:
    # A dead parent's children are adopted (by init or a subreaper): the parent pid changes.
    while os.getppid() == parent:
        time.sleep(PARENT_POLL_SECONDS)
    os._exit(1)


def _stop_now(pool: Any) -> None:
    """Cancel the queued chunks and terminate the workers of a local pool (chunks in flight are dropped)."""
    # _processes: CPython's pid -> Process map of the pool (the executor has no public way to stop its workers).
    processes = list((getattr(pool, "_processes", None) or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        if process.is_alive():
            process.terminate()
    for process in processes:
        process.join(5)


@contextmanager
def _signals_deferred() -> Iterator[None]:
    """Hold ``SIGINT``, ``SIGTERM`` and ``SIGHUP`` back until the block ends, then deliver them.

    For the main thread only (elsewhere Python runs no signal handlers); signals
    the process ignores stay ignored.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    received: list[int] = []
    previous: dict[int, Any] = {}
    try:
        for name in ("SIGINT", "SIGTERM", "SIGHUP"):
            signum = getattr(signal, name, None)
            if signum is not None and signal.getsignal(signum) not in (signal.SIG_IGN, None):
                previous[signum] = signal.signal(signum, lambda number, frame: received.append(number))
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
        for signum in dict.fromkeys(received):
            signal.raise_signal(signum)  # now handled as usual: e.g. KeyboardInterrupt


def _chunks(items: Iterable[T], size: int) -> Iterator[list[T]]:
    iterator = iter(items)
    while chunk := list(itertools.islice(iterator, size)):
        yield chunk


@contextmanager
def _executor(config: BatchConfig) -> Iterator[tuple[Callable[..., Any], Callable[[Any], Any]]]:
    """``(submit, result)`` functions of the engine, shut down on exit."""
    if config.engine == "dask":
        distributed = require("dask.distributed", "dask", "--engine dask")
        Client, LocalCluster = distributed.Client, distributed.LocalCluster

        cluster = client = None
        try:
            if config.scheduler in (None, "local"):
                with _signals_deferred():  # a half-started cluster cannot be closed: finish starting first
                    cluster = LocalCluster(n_workers=config.workers, threads_per_worker=1, processes=True,
                                           dashboard_address=None)
                    client = Client(cluster)
            else:
                client = Client(config.scheduler)
            # pure=False: identical chunks (e.g. repeated records) are still separate tasks.
            yield (lambda fn, *args: client.submit(fn, *args, pure=False)), (lambda future: future.result())
        except BaseException:
            import logging

            # Stopped early (Ctrl-C, SIGTERM, a dead worker): the tasks still running are cancelled, which
            # Dask logs as warnings and errors that say nothing to the user.
            logging.getLogger("distributed").setLevel(logging.CRITICAL)
            raise
        finally:
            if client is not None:
                client.close()
            if cluster is not None:
                cluster.close()
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    # fork: workers inherit the imported libraries instead of importing them again.
    context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else None)
    # The kernel's parent-death signal follows the thread that forked the worker: only the main thread
    # lives as long as the process (the watchdog thread covers every case).
    main = threading.current_thread() is threading.main_thread()
    pool = ProcessPoolExecutor(max_workers=config.workers, mp_context=context, initializer=_worker_init,
                               initargs=(os.getpid(), main))
    try:
        yield pool.submit, (lambda future: future.result())
    except BaseException:
        _stop_now(pool)  # Ctrl-C, SIGTERM, a dead worker, or a consumer that stopped early
        raise
    pool.shutdown(wait=True)


def ordered_map(func: Callable[[T], R], items: Iterable[T], config: BatchConfig = BatchConfig()) -> Iterator[R]:
    """``map(func, items)`` in parallel, streaming, in input order.

    ``func`` must be picklable (a module-level function or a
    ``functools.partial`` of one) and must not raise for bad records: turn
    them into result values, so that no record is lost.
    """
    chunks = _chunks(items, config.chunk_size)
    first = next(chunks, None)
    if first is None:
        return
    second = next(chunks, None)
    if second is None or (config.engine == "local" and config.workers == 1):
        for chunk in itertools.chain([first], [second] if second is not None else [], chunks):
            with one_blas_thread():
                results = [func(item) for item in chunk]
            yield from results  # outside the limit: the consumer's own work is not throttled
        return
    with _executor(config) as (submit, result):
        # (chunk number, position of its first item, its length, future), in input order
        pending: deque[tuple[int, int, int, Any]] = deque()
        position = 0
        for number, chunk in enumerate(itertools.chain([first, second], chunks), start=1):
            try:
                future = submit(_apply, func, chunk)
            except Exception as exc:
                raise _worker_died(exc, [*pending, (number, position, len(chunk), None)]) from None
            pending.append((number, position, len(chunk), future))
            position += len(chunk)
            while len(pending) >= 2 * config.workers:
                yield from _collect(result, pending)
        while pending:
            yield from _collect(result, pending)


def _collect(result: Callable[[Any], Any], pending: deque[tuple[int, int, int, Any]]) -> Any:
    """The results of the oldest chunk in flight (removed from ``pending``)."""
    try:
        values = result(pending[0][3])
    except Exception as exc:
        raise _worker_died(exc, list(pending)) from None
    pending.popleft()
    return values


def _worker_died(exc: Exception, in_flight: list[tuple[int, int, int, Any]]) -> Exception:
    """:class:`WorkerDied` for the chunks ``in_flight`` if ``exc`` says a worker died, else ``exc`` itself."""
    from concurrent.futures.process import BrokenProcessPool

    # dask.distributed's KilledWorker: the task's workers died too often (not imported: dask is optional).
    if not (isinstance(exc, BrokenProcessPool) or type(exc).__name__ == "KilledWorker"):
        return exc
    (low, start, _, _), (high, last_start, size, _) = in_flight[0], in_flight[-1]
    return WorkerDied((low, high), start, last_start + size - 1, str(exc).rstrip(".") or type(exc).__name__)

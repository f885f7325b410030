"""Ordered, streaming parallel map for batches: local processes or a Dask cluster.

Records are cut into chunks; at most ``2 * workers`` chunks are in flight, so
memory stays flat however long the input is, and results come back in input
order whatever order the workers finish in.  Workers are the existing engines:
``concurrent.futures.ProcessPoolExecutor`` on one machine, ``dask.distributed``
across machines.  Every per-record function is deterministic, so the output
does not depend on the engine or the number of workers.
"""

from __future__ import annotations

import itertools
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, TypeVar

from eval.extras import require

__all__ = ["ENGINES", "BatchConfig", "one_blas_thread", "ordered_map"]

T = TypeVar("T")
R = TypeVar("R")
ENGINES = ("local", "dask")


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

        if config.scheduler in (None, "local"):
            cluster = LocalCluster(n_workers=config.workers, threads_per_worker=1, processes=True,
                                   dashboard_address=None)
            client = Client(cluster)
        else:
            cluster, client = None, Client(config.scheduler)
        try:
            # pure=False: identical chunks (e.g. repeated records) are still separate tasks.
            yield (lambda fn, *args: client.submit(fn, *args, pure=False)), (lambda future: future.result())
        finally:
            client.close()
            if cluster is not None:
                cluster.close()
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    # fork: workers inherit the imported libraries instead of importing them again.
    context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else None)
    with ProcessPoolExecutor(max_workers=config.workers, mp_context=context) as pool:
        yield pool.submit, (lambda future: future.result())


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
        pending: deque[Any] = deque()
        for chunk in itertools.chain([first, second], chunks):
            pending.append(submit(_apply, func, chunk))
            while len(pending) >= 2 * config.workers:
                yield from result(pending.popleft())
        while pending:
            yield from result(pending.popleft())

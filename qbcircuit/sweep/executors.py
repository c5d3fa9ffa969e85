"""Where points run: in this process, on a local process pool, or on a Dask cluster.

``open_executor(spec, workers)`` gives an object whose ``run(tasks)`` yields one record
per task as the tasks finish (in any order). Specs:
  ``local``             a process pool with ``workers`` processes (default: all cores);
  ``serial``            one after another in this process (debugging, tiny sweeps);
  ``dask-local``        a ``dask.distributed.LocalCluster`` started for the sweep;
  ``dask://HOST:PORT``  an existing Dask scheduler (``tcp://HOST:PORT`` works too); its
                        workers need qbcircuit installed.
Dask is an optional extra (``pip install qbcircuit[dask]``), imported only when asked for.
Every executor runs units of work (``points.units``): single points, or batches of points
solved together (exact time series with ``solver="jax"`` and ``batch`` > 1: one call
evolves the batch on the device).

Workers end with the sweep: a stopped sweep (Ctrl-C, SIGTERM) terminates its pool workers and
closes the ``dask-local`` cluster; a killed one (SIGKILL) is noticed by each worker, which
then exits (:func:`die_with_parent`).

Each pool process is limited to one BLAS/OpenMP thread: a point is a small dense
problem, and several processes each spinning several BLAS threads on the same cores
slow each other down many times over (measured here: a 4-qubit steady state took 0.8 s
with one thread and 13 s with two on a busy 2-core machine). Dask's nanny sets the
same limits on its workers.
"""

from __future__ import annotations

import contextlib
import os
import socket
from collections.abc import Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from qbcircuit.sweep.points import PointTask, run_unit, units

THREAD_VARIABLES = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")


def _failed(task: PointTask, error: str) -> dict[str, Any]:
    return {"index": task.index, "params": task.params, "status": "failed", "error": error, "seconds": 0.0}


class SerialExecutor:
    name = "serial"
    workers = 1

    def run(self, tasks: Iterable[PointTask]) -> Iterator[dict[str, Any]]:
        for unit in units(list(tasks)):
            yield from run_unit(unit)


class LocalPoolExecutor:
    """A process pool of fresh interpreters ("spawn"), started inside the one-thread
    environment so the limit holds before numpy loads in them.

    Each worker pays for importing qbcircuit (qutip, qiskit: about 3 s of CPU), which
    dominates sweeps of a few cheap points. Forking would avoid it but is not safe here:
    a fork server that preloaded qbcircuit already ran three threads, and its forked
    workers deadlocked on a lock (observed, Python 3.11); forking this process would also
    copy its BLAS threads. For a handful of cheap points use ``serial``."""

    name = "local"

    def __init__(self, workers: int | None = None):
        self.workers = workers or os.cpu_count() or 1

    def run(self, tasks: Iterable[PointTask]) -> Iterator[dict[str, Any]]:
        import multiprocessing

        work = units(list(tasks))  # single points, or batches of points solved together
        if not work:
            return
        pool = ProcessPoolExecutor(max_workers=min(self.workers, len(work)),
                                   mp_context=multiprocessing.get_context("spawn"),
                                   initializer=_start_worker, initargs=(os.getpid(),))

        def submit(unit: list[PointTask]):
            with _single_threaded_children():  # workers are started inside submit, as needed
                return pool.submit(run_unit, unit)

        # Submitting lazily keeps at most a few units queued per worker, so a stopped
        # sweep leaves little work behind in the queue.
        pending: dict[Any, list[PointTask]] = {}
        queue = iter(work)
        finished = False
        try:
            for unit in queue:
                pending[submit(unit)] = unit
                if len(pending) >= 4 * self.workers:
                    break
            while pending:
                done, _ = wait(pending, return_when=FIRST_COMPLETED)
                for future in done:
                    unit = pending.pop(future)
                    try:
                        yield from future.result()
                    except BrokenProcessPool:
                        for task in unit:
                            yield _failed(task, "a worker process died before this point finished (rerun with --resume)")
                    for nxt in queue:
                        try:
                            pending[submit(nxt)] = nxt
                        except BrokenProcessPool:
                            for task in nxt:
                                yield _failed(task, "the worker pool broke before this point started (rerun with --resume)")
                            continue
                        break
            finished = True
        finally:
            if not finished:  # interrupted (Ctrl-C) or abandoned: stop the running points now
                _terminate_workers(pool)
            pool.shutdown(wait=finished, cancel_futures=True)


def _start_worker(parent: int) -> None:
    """A pool worker: leaves Ctrl-C to the parent, which stops it (no traceback per worker),
    and ends when the parent dies, however it dies (SIGKILL included: no clean-up runs there)."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    die_with_parent(parent)


#: Seconds between two looks at the parent by a worker's watchdog thread.
PARENT_POLL_SECONDS = 0.5


def die_with_parent(parent: int) -> None:
    """End this process as soon as process ``parent`` is gone.

    On Linux the kernel is asked to kill it with the parent (``prctl(PR_SET_PDEATHSIG,
    SIGKILL)``); everywhere a daemon thread looks every :data:`PARENT_POLL_SECONDS` whether
    the parent process changed (an orphan is adopted by another process) and then exits at
    once (``os._exit``: the point it was computing is lost; a resumed sweep computes it again).

    Parameters
    ----------
    parent:
        The pid of the process whose death ends this one.
    """
    import signal
    import sys
    import threading
    import time

    if sys.platform.startswith("linux"):
        try:
            import ctypes

            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(1, int(signal.SIGKILL), 0, 0, 0)  # PR_SET_PDEATHSIG = 1
        except (OSError, AttributeError):
            pass
    if os.getppid() != parent:  # the parent died before any of this was set up
        os._exit(1)

    def watch() -> None:
        while True:
            time.sleep(PARENT_POLL_SECONDS)
            if os.getppid() != parent:
                os._exit(1)

    threading.Thread(target=watch, name="qbc-parent-watch", daemon=True).start()


def _terminate_workers(pool: ProcessPoolExecutor) -> None:
    terminate = getattr(pool, "terminate_workers", None)  # Python >= 3.14
    if terminate is not None:
        terminate()
        return
    for process in list((getattr(pool, "_processes", None) or {}).values()):
        process.terminate()


@contextlib.contextmanager
def _single_threaded_children():
    """Set the BLAS/OpenMP thread limits in the environment the children inherit (unless
    the user chose them), and restore the parent's environment afterwards."""
    saved = {k: os.environ.get(k) for k in THREAD_VARIABLES}
    for key in THREAD_VARIABLES:
        os.environ.setdefault(key, "1")
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


class DaskExecutor:
    """Points as independent Dask tasks, gathered as they complete."""

    def __init__(self, address: str | None = None, workers: int | None = None):
        try:
            import distributed  # noqa: F401
        except ImportError:
            raise ValueError(
                "--executor dask needs dask.distributed: pip install 'qbcircuit[dask]'"
            ) from None
        self.address = address
        self.workers = workers
        self.name = f"dask://{address}" if address else "dask-local"

    def run(self, tasks: Iterable[PointTask]) -> Iterator[dict[str, Any]]:
        from distributed import Client, LocalCluster, as_completed

        tasks = list(tasks)
        if not tasks:
            return
        with contextlib.ExitStack() as stack:
            if self.address:
                hostport = self.address.removeprefix("tcp://")
                host, _, port = hostport.rpartition(":")
                try:  # a refused or unknown address fails at once, not after Client's retries
                    socket.create_connection((host.strip("[]"), int(port)), timeout=10).close()
                    client = stack.enter_context(Client(self.address, timeout="30s"))
                except OSError as exc:
                    raise ValueError(f"--executor dask://{hostport}: cannot reach the scheduler ({exc})") from None
            else:
                cluster = stack.enter_context(LocalCluster(
                    n_workers=self.workers or os.cpu_count() or 1, threads_per_worker=1,
                    processes=True, dashboard_address=":0"))  # any free port: 8787 may be taken
                client = stack.enter_context(Client(cluster))
                # the cluster's worker processes are this process's children: they end with it,
                # even when it is killed without clean-up (SIGKILL); SIGTERM and Ctrl-C close it here
                client.run(die_with_parent, os.getpid())
            futures = {client.submit(run_unit, unit, pure=False): unit for unit in units(tasks)}
            try:
                for future in as_completed(futures):
                    unit = futures[future]
                    try:
                        yield from future.result()
                    except Exception as exc:  # noqa: BLE001 - a lost worker, not the point's own error
                        for task in unit:
                            yield _failed(task, f"{type(exc).__name__}: {exc}".splitlines()[0])
                    future.release()
            finally:
                client.cancel(list(futures))


def open_executor(spec: str = "local", workers: int | None = None):
    """The executor a ``--executor`` spec names (see the module docstring)."""
    if workers is not None and workers < 1:
        raise ValueError(f"--workers must be >= 1, got {workers}")
    spec = spec.strip()
    if spec == "local":
        return LocalPoolExecutor(workers)
    if spec == "serial":
        return SerialExecutor()
    if spec == "dask-local":
        return DaskExecutor(None, workers)
    for prefix in ("dask://", "tcp://"):
        if spec.startswith(prefix):
            hostport = spec[len(prefix):]
            host, _, port = hostport.rpartition(":")
            if not host or not port.isdigit():
                raise ValueError(f"--executor {spec}: a Dask scheduler is dask://HOST:PORT")
            return DaskExecutor(f"tcp://{hostport}", workers)
    raise ValueError(f"--executor must be local, serial, dask-local or dask://HOST:PORT, got {spec!r}")

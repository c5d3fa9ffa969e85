"""Atomic writes of strict JSON: a result file is either complete or absent, never half-written,
and always valid JSON.

JSON has no NaN or Infinity. A non-finite number is written as ``null``, and a JSON object
at the top level gets a ``"non_finite"`` entry naming each such place and what it was
(``"power[0]": "nan"``: undefined there, as W(t)/t at t = 0), so that nothing is lost and
every reader (jq, JavaScript, pandas) reads the file.

Files are written under a hidden temporary name (``.NAME.XXXX.tmp``) and renamed over the
target; a process killed in the middle leaves that temporary behind, which
:func:`remove_stale_temporaries` clears (runs and sweeps call it when they take a folder).
The written file gets the user's normal permissions (``0o666`` less the umask).

Folders are taken for the life of a run or sweep with :func:`folder_lock` (one process per
folder; see its docstring), and new default folders are made by :func:`new_folder` (a name
no other process can be given at the same moment).
"""

from __future__ import annotations

import contextlib
import json
import math
import os
import secrets
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np


NON_FINITE_KEY = "non_finite"


def json_safe(obj: Any, non_finite: dict[str, str] | None = None, where: str = "") -> Any:
    """``obj`` with numpy arrays and scalars as lists and numbers, results as their
    ``to_dict()``, and every non-finite float as None; each such place is recorded in
    ``non_finite`` (path -> "nan", "inf" or "-inf") when a dict is given."""
    if isinstance(obj, dict):
        return {str(k): json_safe(v, non_finite, f"{where}.{k}" if where else str(k)) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [json_safe(v, non_finite, f"{where}[{i}]") for i, v in enumerate(obj)]
    if isinstance(obj, np.ndarray):
        return json_safe(obj.tolist(), non_finite, where)
    if isinstance(obj, np.generic):
        return json_safe(obj.item(), non_finite, where)
    if isinstance(obj, float):
        if math.isfinite(obj):
            return obj
        if non_finite is not None:
            non_finite[where] = "nan" if obj != obj else ("inf" if obj > 0 else "-inf")
        return None
    if isinstance(obj, complex):
        return [json_safe(obj.real, non_finite, f"{where}.real"), json_safe(obj.imag, non_finite, f"{where}.imag")]
    if obj is None or isinstance(obj, (str, int, bool)):
        return obj
    if hasattr(obj, "to_dict"):
        return json_safe(obj.to_dict(), non_finite, where)
    if isinstance(obj, os.PathLike):
        return os.fspath(obj)
    raise TypeError(f"cannot write {type(obj).__name__} as JSON")


def dumps(obj: Any, indent: int | None = None) -> str:
    """Strict JSON text of ``obj`` (see the module docstring for non-finite numbers)."""
    non_finite: dict[str, str] = {}
    data = json_safe(obj, non_finite)
    if non_finite and isinstance(data, dict):
        data[NON_FINITE_KEY] = {**data.get(NON_FINITE_KEY, {}), **non_finite}
    return json.dumps(data, indent=indent, allow_nan=False)


def write_atomic(path: str | os.PathLike, data: bytes) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        if hasattr(os, "fchmod"):  # mkstemp makes 0600; a result file gets the user's normal mode
            os.fchmod(fd, 0o666 & ~_umask())
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def write_json(path: str | os.PathLike, obj: Any) -> Path:
    """Write ``obj`` atomically as strict JSON (module docstring) and return the path."""
    return write_atomic(path, dumps(obj, indent=2).encode())


def save_figure(fig, path: str | os.PathLike, dpi: int = 130) -> Path:
    import io

    buffer = io.BytesIO()
    fig.savefig(buffer, format=Path(path).suffix.lstrip(".") or "png", dpi=dpi, bbox_inches="tight")
    return write_atomic(path, buffer.getvalue())


def _umask() -> int:
    """The process's umask: from /proc on Linux, else by setting and restoring it."""
    try:
        with open("/proc/self/status") as handle:
            for line in handle:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    with _LOCKS_GUARD:
        current = os.umask(0o022)
        os.umask(current)
    return current


def read_json(path: str | os.PathLike) -> Any:
    """The JSON in ``path``; a damaged (not valid JSON) file is a :class:`DamagedFile` that names it.

    Parameters
    ----------
    path:
        The file.

    Returns
    -------
    Any
        The parsed JSON.
    """
    path = Path(path)
    text = path.read_bytes()
    try:
        return json.loads(text)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise DamagedFile(path, str(exc)) from None


class DamagedFile(ValueError):
    """A file qbcircuit wrote that is no longer valid (truncated, edited, corrupted): the
    message names the file. ``qbc`` answers it with one line and exit status 1 (a failure at
    run time, not a usage mistake)."""

    def __init__(self, path: str | os.PathLike, reason: str):
        self.path = Path(path)
        super().__init__(f"{self.path}: a damaged JSON file ({reason}); remove it or restore it from a copy")


# ---- debris of interrupted writes ---------------------------------------------------------

def remove_stale_temporaries(folder: str | os.PathLike, recursive: bool = True) -> list[Path]:
    """Remove the hidden temporaries (``.NAME.XXXX.tmp``) that :func:`write_atomic` leaves when
    a process is killed in the middle of a write. Call it only while holding the folder
    (:func:`folder_lock`): another writer's temporary would be removed too.

    Parameters
    ----------
    folder:
        The folder (a missing one is left alone).
    recursive:
        Also in its subfolders.

    Returns
    -------
    list of Path
        The files removed.
    """
    folder = Path(folder)
    if not folder.is_dir():
        return []
    pattern = "**/.*.tmp" if recursive else ".*.tmp"
    removed = []
    for path in folder.glob(pattern):
        if path.is_file():
            path.unlink(missing_ok=True)
            removed.append(path)
    return removed


# ---- one process per folder ---------------------------------------------------------------

LOCK_NAME = ".qbc.lock"


class FolderBusy(RuntimeError):
    """Another live process holds the folder (:func:`folder_lock`); the message names its pid."""

    def __init__(self, folder: Path, pid: int | None):
        self.folder, self.pid = folder, pid
        holder = f"process {pid}" if pid else "another process"
        super().__init__(f"{folder} is in use by {holder} (a run, resume or sweep holds it); "
                         "wait for it to finish, or choose another folder")


_LOCKS_GUARD = threading.RLock()
_HELD: dict[str, list] = {}  # resolved folder -> [file descriptor or None, depth]


def _pid_alive(pid: int) -> bool:
    if pid <= 0:
        return False
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # alive, another user's
        return True
    except OSError:
        return False
    return True


def _read_pid(path: Path) -> int | None:
    try:
        return int(path.read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return None


def _acquire_flock(lock: Path) -> int:
    """POSIX: an exclusive ``flock`` on the lock file, which the kernel drops when the
    holder dies (so a stale file from a killed process is simply taken over)."""
    import fcntl

    while True:
        fd = os.open(lock, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            raise FolderBusy(lock.parent, _read_pid(lock)) from None
        except BaseException:
            os.close(fd)
            raise
        # the file may have been removed by its last holder between open and flock: retry
        try:
            same = os.path.samestat(os.fstat(fd), os.stat(lock))
        except FileNotFoundError:
            same = False
        if same:
            os.ftruncate(fd, 0)
            os.write(fd, f"{os.getpid()}\n".encode())
            return fd
        os.close(fd)


def _acquire_exclusive_file(lock: Path) -> None:
    """Elsewhere: the lock file created with O_EXCL; a file whose pid is dead is stale and
    taken over."""
    for _ in range(100):
        try:
            fd = os.open(lock, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
        except FileExistsError:
            pid = _read_pid(lock)
            if pid is None:  # being written this instant, or garbage: look again shortly
                time.sleep(0.01)
                pid = _read_pid(lock)
            if pid is not None and _pid_alive(pid):
                raise FolderBusy(lock.parent, pid) from None
            with contextlib.suppress(FileNotFoundError):
                lock.unlink()  # stale: its process is gone
            continue
        with os.fdopen(fd, "w") as handle:
            handle.write(f"{os.getpid()}\n")
        return
    raise FolderBusy(lock.parent, _read_pid(lock))


def _use_flock() -> bool:
    try:
        import fcntl  # noqa: F401
    except ImportError:
        return False
    return True


@contextlib.contextmanager
def folder_lock(folder: str | os.PathLike, *, create: bool = True) -> Iterator[Path]:
    """Hold ``folder`` for this process while the block runs: a second process that asks
    for it gets :class:`FolderBusy` at once, naming the holder's pid.

    The lock is the file ``FOLDER/.qbc.lock`` holding the pid. On POSIX it is an OS lock
    (``flock``) that the kernel releases when the holder exits or is killed, so a lock left
    by a dead process is taken over without a word; elsewhere the file is created
    exclusively (``O_EXCL``) and a file whose pid is no longer alive is stale and replaced.
    Re-entrant within a process (a run inside a sweep point, a resume inside a run). The
    file is removed on release; a folder this call created and that is still empty then is
    removed too.

    Parameters
    ----------
    folder:
        The run or sweep folder.
    create:
        Create the folder (and its parents) if it is missing; else a missing folder is a
        ValueError.

    Returns
    -------
    context manager
        Yields the folder's path.
    """
    folder = Path(folder)
    if folder.exists() and not folder.is_dir():
        raise ValueError(f"{folder} is a file, not a folder: choose another folder")
    created = False
    if not folder.is_dir():
        if not create:
            raise ValueError(f"{folder}: no such folder")
        for parent in folder.parents:
            if parent.exists() and not parent.is_dir():
                raise ValueError(f"{folder}: {parent} is a file, not a folder: choose another folder")
        folder.mkdir(parents=True, exist_ok=True)
        created = True
    key = str(folder.resolve())
    with _LOCKS_GUARD:
        held = _HELD.get(key)
        if held is not None:
            held[1] += 1
        else:
            lock = folder / LOCK_NAME
            fd = _acquire_flock(lock) if _use_flock() else _acquire_exclusive_file(lock)
            _HELD[key] = [fd, 1]
    try:
        yield folder
    finally:
        with _LOCKS_GUARD:
            held = _HELD[key]
            held[1] -= 1
            if held[1] == 0:
                del _HELD[key]
                lock = folder / LOCK_NAME
                with contextlib.suppress(OSError):
                    lock.unlink()  # before the OS lock is dropped: a waiter then retries on a new file
                if held[0] is not None:
                    os.close(held[0])
                if created:
                    with contextlib.suppress(OSError):
                        folder.rmdir()  # only if still empty


def holds_lock(folder: str | os.PathLike) -> bool:
    """Whether this process holds ``folder`` (:func:`folder_lock`)."""
    return str(Path(folder).resolve()) in _HELD


def new_folder(parent: str | os.PathLike, stem: str) -> Path:
    """Create and return a new folder ``PARENT/STEM-YYYYmmdd-HHMMSS-XXXX`` (XXXX: four random
    hex digits), created with ``exist_ok=False`` so that two processes starting in the same
    second never share one (on the rare collision another suffix is drawn).

    Parameters
    ----------
    parent:
        Where (created if missing).
    stem:
        The name's start (e.g. ``spin-charger-aer-ideal``).

    Returns
    -------
    Path
    """
    parent = Path(parent)
    parent.mkdir(parents=True, exist_ok=True)
    for _ in range(1000):
        path = parent / f"{stem}-{time.strftime('%Y%m%d-%H%M%S')}-{secrets.token_hex(2)}"
        try:
            path.mkdir(exist_ok=False)
        except FileExistsError:
            continue
        return path
    raise RuntimeError(f"cannot create a new folder in {parent}")

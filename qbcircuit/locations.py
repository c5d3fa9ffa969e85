"""Where qbcircuit finds its data files: backend profiles and calibration snapshots.

Three kinds of folder are searched, in this order, and the first file of a name wins (so a
user's file overrides a shipped one of the same name):

1. the folders named in the environment variable ``QBCIRCUIT_PATH`` (separated by
   ``os.pathsep``: ``:`` on Linux and macOS, ``;`` on Windows);
2. the user's folder: ``QBCIRCUIT_CONFIG_DIR`` if set, else the platform's configuration
   folder (``$XDG_CONFIG_HOME/qbcircuit`` or ``~/.config/qbcircuit`` on Linux,
   ``~/Library/Application Support/qbcircuit`` on macOS, ``%APPDATA%\\qbcircuit`` on Windows);
3. the files shipped inside the package (``qbcircuit/data/``, read with ``importlib.resources``).

Each folder holds ``backends/*.toml`` (backend profiles), ``calibration/*.json`` (device
snapshots) and ``calibration/pulse/*.json`` (pulse-level extras of a snapshot). What qbcircuit
writes (``qbc calibrate``'s new snapshot) goes to the user's folder, never into the package.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

#: The kinds of data file and their suffix.
KINDS = {"backends": ".toml", "calibration": ".json"}
PATH_VARIABLE = "QBCIRCUIT_PATH"
CONFIG_VARIABLE = "QBCIRCUIT_CONFIG_DIR"


@dataclass(frozen=True)
class Found:
    """A data file: its name (the file's stem), path, and where it comes from
    (``QBCIRCUIT_PATH``, ``user`` or ``shipped``)."""

    name: str
    path: Path
    source: str


def user_dir() -> Path:
    """The user's qbcircuit folder (module docstring); it need not exist yet."""
    if os.environ.get(CONFIG_VARIABLE):
        return Path(os.environ[CONFIG_VARIABLE]).expanduser()
    if sys.platform == "win32":
        base = Path(os.environ.get("APPDATA") or Path.home() / "AppData" / "Roaming")
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Application Support"
    else:
        base = Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config")
    return base / "qbcircuit"


def shipped_dir(kind: str) -> Path:
    """The folder of ``kind`` shipped inside the installed package."""
    _check_kind(kind)
    return Path(str(resources.files("qbcircuit.data").joinpath(kind)))


def search_dirs(kind: str) -> list[tuple[Path, str]]:
    """The folders searched for ``kind``, first first, with their source label."""
    _check_kind(kind)
    extra = [Path(p).expanduser() / kind for p in os.environ.get(PATH_VARIABLE, "").split(os.pathsep) if p.strip()]
    return [(p, PATH_VARIABLE) for p in extra] + [(user_dir() / kind, "user"), (shipped_dir(kind), "shipped")]


def available(kind: str) -> dict[str, Found]:
    """Every file of ``kind`` by name; where a name is in several folders, the first wins.

    Parameters
    ----------
    kind:
        ``"backends"`` or ``"calibration"``.

    Returns
    -------
    dict
        name -> :class:`Found`, sorted by name.
    """
    found: dict[str, Found] = {}
    for folder, source in search_dirs(kind):
        if folder.is_dir():
            for path in sorted(folder.glob(f"*{KINDS[kind]}")):
                found.setdefault(path.stem, Found(path.stem, path, source))
    return dict(sorted(found.items()))


def find(kind: str, name: str) -> Found | None:
    """The file of ``kind`` called ``name`` (without suffix), or None."""
    return available(kind).get(name)


def find_in(kind: str, relative: str) -> Path | None:
    """The first existing ``<folder>/<relative>`` over the folders of ``kind`` (e.g. a
    snapshot's pulse extras, ``calibration/pulse/<name>.json``), or None."""
    for folder, _ in search_dirs(kind):
        if (folder / relative).is_file():
            return folder / relative
    return None


def writable_dir(kind: str) -> Path:
    """Where qbcircuit writes a new file of ``kind``: the user's folder."""
    _check_kind(kind)
    return user_dir() / kind


def _check_kind(kind: str) -> None:
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {', '.join(KINDS)}, got {kind!r}")

"""A sweep on disk: resumable, one file per point, the table rebuilt from the points.

    DIR/sweep.json          what the sweep is: model, plan, point kind, options, units
    DIR/points/000042.json  one finished point (status ok with its figures, or failed
                            with its error), written atomically as soon as it is done
    DIR/table.csv, .json    one row a point (index, parameters, status, figures, error),
                            rebuilt from the point files while the sweep runs and at the end

The point files are the truth: the tables are derived from them, so a sweep killed at
any moment loses at most the points that were running, and ``--resume DIR`` computes
exactly the points without an ``ok`` file (failed points are tried again).
"""

from __future__ import annotations

import csv
import io
import json
import math
import time
from pathlib import Path
from typing import Any

from qbcircuit.io import LOCK_NAME, DamagedFile, write_atomic, write_json
from qbcircuit.sweep.spec import SweepPlan

FORMAT = "qbcircuit-sweep/1"
MANIFEST = "sweep.json"


def _clean(value: Any) -> Any:
    """NaN and infinities as null: the table is standard JSON."""
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {k: _clean(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_clean(v) for v in value]
    return value


class SweepStore:
    def __init__(self, directory: str | Path, manifest: dict[str, Any]):
        self.directory = Path(directory)
        self.manifest = manifest
        self.plan = SweepPlan.from_dict(manifest["plan"])
        self.width = max(6, len(str(len(self.plan) - 1)))
        self._table_written = 0.0

    # --- creating and opening ---------------------------------------------------------

    @classmethod
    def create(cls, directory: str | Path, plan: SweepPlan, kind: str, options: dict[str, Any],
               units: dict[str, str], plots: list[str] | None = None) -> "SweepStore":
        directory = Path(directory)
        if (directory / MANIFEST).exists():
            raise ValueError(f"{directory} already holds a sweep: continue it with --resume {directory}, or choose another --out")
        if directory.exists() and any(p.name != LOCK_NAME for p in directory.iterdir()):
            raise ValueError(f"--out {directory} exists and is not empty: choose another --out")
        manifest = {
            "format": FORMAT,
            "model": plan.model,
            "kind": kind,
            "options": options,
            "units": units,
            "plots": plots or [],
            "plan": plan.to_dict(),
            "points": len(plan),
            "created": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        }
        write_json(directory / MANIFEST, manifest)
        (directory / "points").mkdir(exist_ok=True)
        return cls(directory, manifest)

    @classmethod
    def open(cls, directory: str | Path) -> "SweepStore":
        directory = Path(directory)
        path = directory / MANIFEST
        if not path.is_file():
            raise ValueError(f"--resume {directory}: no sweep there (no {MANIFEST})")
        try:
            manifest = json.loads(path.read_text())
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            raise DamagedFile(path, str(exc)) from None
        if manifest.get("format") != FORMAT:
            raise ValueError(f"--resume {directory}: {MANIFEST} is not a {FORMAT} sweep")
        (directory / "points").mkdir(exist_ok=True)
        # temporaries a kill left behind are removed by run_store, which holds the folder
        return cls(directory, manifest)

    def save_manifest(self) -> None:
        write_json(self.directory / MANIFEST, self.manifest)

    # --- points -----------------------------------------------------------------------

    def point_path(self, index: int) -> Path:
        return self.directory / "points" / f"{index:0{self.width}d}.json"

    def write_point(self, record: dict[str, Any]) -> None:
        write_json(self.point_path(record["index"]), _clean(record))

    def records(self) -> dict[int, dict[str, Any]]:
        """Every readable point file, by index (an unreadable file counts as missing)."""
        out = {}
        for path in (self.directory / "points").glob("*.json"):
            if path.name.startswith("."):
                continue
            try:
                record = json.loads(path.read_text())
                index = int(record["index"])
            except (ValueError, KeyError, TypeError):
                continue
            if 0 <= index < len(self.plan):
                out[index] = record
        return out

    def missing(self) -> list[int]:
        """Points still to compute: no file, or a failed one."""
        done = {i for i, r in self.records().items() if r.get("status") == "ok"}
        return [i for i in range(len(self.plan)) if i not in done]

    # --- the table --------------------------------------------------------------------

    def table(self, records: dict[int, dict[str, Any]] | None = None) -> tuple[list[str], list[dict[str, Any]]]:
        """Columns and rows (sorted by index) of the finished points."""
        records = self.records() if records is None else records
        swept = list(self.plan.swept)
        fixed = [k for k in self.plan.fixed if k not in swept]
        figures: list[str] = []
        for index in sorted(records):
            for key in records[index].get("figures", {}):
                if key not in figures:
                    figures.append(key)
        columns = ["index", *swept, *fixed, "status", *figures, "error"]
        rows = []
        for index in sorted(records):
            record = records[index]
            row = {"index": index, **{k: record["params"].get(k) for k in swept + fixed}, "status": record["status"]}
            row.update({k: record.get("figures", {}).get(k) for k in figures})
            row["error"] = record.get("error", "")
            rows.append(row)
        return columns, rows

    def write_table(self, records: dict[int, dict[str, Any]] | None = None) -> Path:
        columns, rows = self.table(records)
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow({k: "" if v is None else v for k, v in row.items()})
        write_atomic(self.directory / "table.csv", buffer.getvalue().encode())
        write_json(self.directory / "table.json", {
            "model": self.plan.model,
            "kind": self.manifest["kind"],
            "units": self.manifest["units"],
            "swept": swept_description(self.plan),
            "points": len(self.plan),
            "columns": columns,
            "rows": _clean(rows),
        })
        self._table_written = time.monotonic()
        return self.directory / "table.csv"

    def maybe_write_table(self, records: dict[int, dict[str, Any]], every: float = 2.0) -> None:
        """Rewrite the tables at most every ``every`` seconds while the sweep fills."""
        if time.monotonic() - self._table_written >= every:
            self.write_table(records)


def swept_description(plan: SweepPlan) -> list[list[str]]:
    return [[axis.name for axis in group] for group in plan.groups]


def read_table(directory: str | Path) -> list[dict[str, Any]]:
    """The rows of a sweep's table.json (parameters, status, figures; null for NaN)."""
    return json.loads((Path(directory) / "table.json").read_text())["rows"]

"""``qbc compare RUN_DIR``: a finished run beside the exact reference (report.json, report.txt, compare.png)."""

from __future__ import annotations

import argparse

from qbcircuit.io import dumps


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("compare", help="compare a finished run with the exact reference; write the report and plot")
    parser.add_argument("run_dir", help="a run folder written by `qbc run`")
    parser.add_argument("--json", action="store_true", help="print the report as one JSON object")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from qbcircuit.compare import compare_run, comparison_from_run

    report = compare_run(args.run_dir)
    if args.json:
        print(dumps(report))
    else:
        print(comparison_from_run(args.run_dir).text())
        print(f"report: {args.run_dir}/report.json, {args.run_dir}/report.txt; plot: {args.run_dir}/compare.png")
    return 0

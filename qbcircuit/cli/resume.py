"""``qbc resume RUN_DIR``: finish an interrupted run (stored batches are kept, stored job ids fetched)."""

from __future__ import annotations

import argparse

from qbcircuit.cli.common import with_job_hint
from qbcircuit.cli.progress import Progress
from qbcircuit.io import dumps


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("resume", help="finish an interrupted run without repeating its finished batches")
    parser.add_argument("run_dir", help="a run folder written by `qbc run`")
    parser.add_argument("--json", action="store_true",
                        help="print one JSON object: the report of a `qbc run` folder, else the circuits run and kept")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """The subcommand; a failed job or lost connection: one line on stderr, exit status 1."""
    return with_job_hint(_run, args)


def _run(args: argparse.Namespace) -> int:
    from qbcircuit import pipeline
    from qbcircuit.pipeline.execute import is_pipeline_run
    from qbcircuit.run import load_run, resume_run

    stored = len(load_run(args.run_dir).counts)
    progress = Progress(f"resuming {args.run_dir}")
    result = None
    if is_pipeline_run(args.run_dir):  # a `qbc run`: finish, analyse and compare
        result = pipeline.resume(args.run_dir, progress=progress)
    else:  # circuits run by qbcircuit.run alone: finish them
        resume_run(args.run_dir, progress=progress)
    total = len(load_run(args.run_dir).counts)
    if args.json:
        summary = {"run_dir": str(args.run_dir), "circuits_run_now": total - stored, "circuits_kept": stored}
        print(dumps({**(result.to_dict() if result is not None else {}), "resume": summary}))
        return 0
    print(f"{args.run_dir}: {total - stored} circuits run now, {stored} kept from before; run complete")
    if is_pipeline_run(args.run_dir):
        print(f"analysed and compared: {args.run_dir}/report.txt, {args.run_dir}/compare.png")
    return 0

"""``qbc resume RUN_DIR``: finish an interrupted run (stored batches are kept, stored job ids fetched)."""

from __future__ import annotations

import argparse

from qbcircuit.cli.progress import Progress


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("resume", help="finish an interrupted run without repeating its finished batches")
    parser.add_argument("run_dir", help="a run folder written by `qbc run`")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from qbcircuit.run import load_run, resume_run

    before = load_run(args.run_dir)
    stored = len(before.counts)
    result = resume_run(args.run_dir, progress=Progress(f"resuming {args.run_dir}"))
    print(f"{args.run_dir}: {len(result.counts) - stored} circuits run now, {stored} kept from before; run complete")
    finish = result.manifest.get("inputs", {}).get("finish")
    if finish == "qbc-run":
        from qbcircuit.cli.run import finish_run

        finish_run(args.run_dir)
        print(f"analysed and compared: {args.run_dir}/report.txt, {args.run_dir}/compare.png")
    return 0

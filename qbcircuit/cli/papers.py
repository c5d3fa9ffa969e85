"""``qbc papers``: the registry of the papers' numbers (qbcircuit.papers), listed or checked.

Without ``--check`` the table lists every entry with the value the project recorded for it
(nothing is computed). With ``--check`` every entry is recomputed through the exact
reference; the exit status is 1 when a reproduced entry no longer agrees with the paper,
when any entry drifted from its recorded value, or when a documented disagreement silently
went away (the registry's status must then be updated).
"""

from __future__ import annotations

import argparse
import sys

from qbcircuit.io import dumps


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("papers", help="the papers' numbers: what each prints, what the project computes, the status")
    parser.add_argument("--paper", metavar="ID", help="one paper: its seed number (000..004, or 0..4)")
    parser.add_argument("--check", action="store_true",
                        help="recompute every entry; exit 1 if a reproduced entry drifts or disagrees")
    parser.add_argument("--fast", action="store_true", help="leave out the slow entries (minutes each)")
    parser.add_argument("--id", action="append", metavar="ENTRY", help="only this entry (repeatable)")
    parser.add_argument("--json", action="store_true", help="print one JSON list of the entries (and the checks)")
    parser.add_argument("--markdown", action="store_true", help="print the table as Markdown (the documentation's)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from qbcircuit.cli.common import UsageError
    from qbcircuit.cli.progress import Progress
    from qbcircuit.papers import PAPERS, check, entries, select, table

    try:
        chosen = select(entries(), args.paper, fast_only=args.fast)
    except ValueError as exc:
        raise UsageError(f"--paper: {exc}") from None
    if args.id:
        unknown = sorted(set(args.id) - {e.id for e in chosen})
        if unknown:
            raise UsageError(f"--id: no entry {', '.join(unknown)} (among the entries selected)")
        chosen = [e for e in chosen if e.id in args.id]
    checks = {}
    if args.check:
        progress = Progress("checking the papers' numbers", delay=2.0)
        for k, entry in enumerate(chosen):
            checks[entry.id] = check(entry)
            progress(k + 1, len(chosen))
    if args.json:
        print(dumps([checks[e.id].to_dict() if e.id in checks else e.summary() for e in chosen]))
    else:
        if not args.markdown:
            for key in sorted({e.paper for e in chosen}):
                print(f"seed {key}: {PAPERS[key]}")
            print()
        print(table(chosen, checks or None, markdown=args.markdown))
        if not args.markdown:
            reproduced = sum(e.status == "reproduced" for e in chosen)
            print(f"\n{len(chosen)} entries: {reproduced} reproduced, {len(chosen) - reproduced} not reproducible "
                  "(reading and evidence: qbc papers --json)")
    failed = [c for c in checks.values() if not c.ok]
    if failed:
        for c in failed:
            print(f"qbc: papers: {c.entry.id}: {c.problem}", file=sys.stderr)
        return 1
    return 0

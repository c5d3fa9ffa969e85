"""The registry of the papers' numbers (qbcircuit.papers): every entry recomputed against the
paper's printed value and against the value the project recorded (fast entries here, all of
them in `make test-slow`), the registry's own rules, and `qbc papers`."""

import json
import math
from pathlib import Path

import pytest

from qbcircuit.cli.main import main
from qbcircuit.papers import NOT_REPRODUCIBLE, PAPERS, REPRODUCED, Entry, check, entries, printed_tolerance, select, table

ENTRIES = entries()
DOCS = Path(__file__).resolve().parents[2] / "docs" / "papers.md"


@pytest.mark.parametrize("entry", [pytest.param(e, id=e.id, marks=[pytest.mark.slow] if e.slow else []) for e in ENTRIES])
def test_entry(entry):
    result = check(entry)
    assert result.ok, f"{entry.id}: {result.problem} (computed {result.computed!r}, printed {entry.printed})"


def test_at_least_80_entries_across_the_five_papers():
    assert len(ENTRIES) >= 80
    per_paper = {key: len(select(ENTRIES, key)) for key in PAPERS}
    assert all(count >= 5 for count in per_paper.values()), per_paper


def test_every_entry_is_complete():
    ids = [e.id for e in ENTRIES]
    assert len(set(ids)) == len(ids)
    for e in ENTRIES:
        assert e.id.startswith(e.paper + "-") and e.where and e.quantity and e.printed and e.method, e.id
        if e.status == NOT_REPRODUCIBLE:
            assert e.reading and e.evidence, e.id
        # a printed decimal number compared as printed: the tolerance is its digits', or a reading says why not
        try:
            digits = printed_tolerance(e.printed)
        except ValueError:
            digits = None
        if e.comparison == "abs" and digits is not None and math.isclose(e.target, float(e.printed)):
            assert math.isclose(e.tolerance, digits) or e.tolerance < digits or e.reading, e.id


def test_every_documented_disagreement_of_the_issue_is_in_the_registry():
    ids = {e.id for e in ENTRIES if e.status == NOT_REPRODUCIBLE}
    for required in ("002-eq4-094", "001-eq17-printed", "003-intro-dark-collective", "001-fig5-beta-M1000",
                     "001-fig3a-emax-gamma1", "001-fig9d-tc-pmax", "001-fig2-coincide-power",
                     "000-fig2-coherent-energy", "000-fig5-ergotropy", "000-fig3-weak-energy",
                     "004-sec3c1-uniform-total"):
        assert required in ids, required


def test_the_statuses_are_checked_both_ways():
    entry = next(e for e in ENTRIES if e.id == "001-eq12-pmax-cell")
    with pytest.raises(ValueError, match="does not fit the status"):
        Entry(**{**entry.__dict__, "status": NOT_REPRODUCIBLE, "reading": "r", "evidence": "e"})
    with pytest.raises(ValueError, match="needs its reading and its evidence"):
        Entry(**{**entry.__dict__, "status": NOT_REPRODUCIBLE})
    assert printed_tolerance("0.23") == pytest.approx(0.005) and printed_tolerance("1.002") == pytest.approx(0.0005)


def test_a_drift_fails_the_check_and_the_command(monkeypatch, capsys):
    entry = next(e for e in ENTRIES if e.id == "001-eq12-pmax-cell")
    moved = Entry(**{**entry.__dict__, "compute": lambda: entry.value + 0.003})  # still rounds to 0.72
    result = check(moved)
    assert not result.ok and "drifted" in result.problem
    wrong = Entry(**{**entry.__dict__, "compute": lambda: 0.8})
    assert "no longer agrees" in check(wrong).problem
    documented = next(e for e in ENTRIES if e.id == "002-eq4-094")
    fixed = Entry(**{**documented.__dict__, "compute": lambda: 0.94})
    assert "update the status" in check(fixed).problem
    import qbcircuit.papers as papers

    monkeypatch.setattr(papers, "entries", lambda: [wrong])
    assert main(["papers", "--check", "--id", "001-eq12-pmax-cell"]) == 1
    assert "no longer agrees" in capsys.readouterr().err


def test_cli_lists_without_computing_and_checks(capsys):
    assert main(["papers", "--paper", "3"]) == 0
    out = capsys.readouterr().out
    assert "003-fig2-zero" in out and "001-" not in out and "reproduced" in out
    assert main(["papers", "--paper", "002", "--id", "002-fig5-max", "--check", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert len(data) == 1 and data[0]["ok"] and data[0]["computed"] == pytest.approx(0.2268, abs=1e-4)
    assert main(["papers", "--paper", "9"]) == 2


def test_documentation_shows_the_current_table():
    assert DOCS.exists(), "docs/papers.md: write it with `qbc papers --markdown`"
    text = DOCS.read_text()
    assert table(ENTRIES, markdown=True) in text, "docs/papers.md is out of date: regenerate it with `qbc papers --markdown`"

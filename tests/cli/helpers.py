"""What the CLI tests share: one in-process `qbc` call, and the one-line error it must print."""

from qbcircuit.cli.main import main


def run(capsys, *argv):
    """``qbc ARGV`` in this process: (exit status, stdout, stderr)."""
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def one_line_error(err: str) -> str:
    """The single ``qbc: error:`` line of ``err`` (fails if there is not exactly one)."""
    lines = [line for line in err.splitlines() if line.startswith("qbc: error:")]
    assert len(lines) == 1, err
    return lines[0]

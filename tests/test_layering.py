"""The package's layers, read off its imports (every import, module level or inside a
function: a lazy import is still an arrow).

    operators, metrics, superoperators, io, results, calibration   (the floor)
      ^
    models                      describes batteries; never runs a solver
      ^
    compile, reference, pulse   siblings: none imports another
      ^
    run                         knows no physics: the floor's io, results, calibration only
      ^
    compare                     compares what it is given (reads run folders)
      ^
    pipeline                    plan -> execute -> solve exactly -> estimate -> compare -> store
      ^
    sweep, cli, api, papers     thin layers (papers: the registry of the papers' numbers)
"""

import ast
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "qbcircuit"

FLOOR = {"operators", "metrics", "superoperators", "io", "results", "calibration", "locations", "data"}
BELOW = {
    "models": FLOOR,
    "compile": FLOOR | {"models"},
    "reference": FLOOR | {"models"},
    "pulse": FLOOR | {"models"},
    "run": {"io", "results", "calibration", "locations"},
    "compare": FLOOR | {"run"},
}
BELOW["pipeline"] = FLOOR | {"models", "compile", "reference", "pulse", "run", "compare"}
BELOW["sweep"] = BELOW["pipeline"] | {"pipeline"}
# The registry of the papers' numbers sits with sweep and the command line: it calls the reference.
BELOW["papers"] = BELOW["pipeline"] | {"pipeline"}
# The top: the command line and the Python API may call any stage.
TOP = {"cli", "api", "__init__", "__main__"}  # __main__: `python -m qbcircuit` runs the command line


def _unit(module: str) -> str:
    """The layer unit of a dotted module name: its first component below qbcircuit."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def _imports():
    """(importing unit, importing file, imported module, imported names) for every
    qbcircuit import in the package."""
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE.parent).with_suffix("")
        module = ".".join(rel.parts)
        package = module if path.name == "__init__.py" else module.rpartition(".")[0]
        if module.endswith(".__init__"):
            module = module[: -len(".__init__")]
            package = module
        tree = ast.parse(path.read_text(), filename=str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                for alias in node.names:
                    if alias.name.startswith("qbcircuit"):
                        yield module, path, alias.name, []
            elif isinstance(node, ast.ImportFrom):
                if node.level:
                    base = package.split(".")
                    base = base[: len(base) - node.level + 1]
                    target = ".".join(base + ([node.module] if node.module else []))
                else:
                    target = node.module or ""
                if target.startswith("qbcircuit"):
                    yield module, path, target, [a.name for a in node.names]


def _floor_unit(unit: str) -> bool:
    return unit in FLOOR


def test_every_arrow_points_down():
    wrong = []
    for module, path, target, names in _imports():
        src, dst = _unit(module), _unit(target)
        if dst == "__init__" and names:  # `from qbcircuit import x`: the unit is x
            dst = names[0] if names[0] in FLOOR | set(BELOW) | TOP else dst
        if src == dst or src in TOP:
            continue
        if _floor_unit(src):
            allowed = FLOOR
        else:
            allowed = BELOW.get(src)
            assert allowed is not None, f"{path}: the package {src!r} has no place in the layers; add it to this test"
        if dst not in allowed:
            wrong.append(f"{path.relative_to(PACKAGE.parent)}: {src} imports {target} ({dst})")
    assert not wrong, "imports against the layering:\n" + "\n".join(wrong)


def test_no_package_imports_another_packages_private_names():
    # A name with a leading underscore is private to its package (metrics' own helpers
    # share them); another package uses only public functions.
    private = [f"{path.relative_to(PACKAGE.parent)}: {name} from {target}"
               for module, path, target, names in _imports()
               for name in names if name.startswith("_") and not name.startswith("__") and _unit(target) != _unit(module)]
    assert not private, "private names imported across modules:\n" + "\n".join(private)


def test_the_checker_sees_a_wrong_arrow():
    # The test above must be able to fail: a models module importing the reference.
    bad = PACKAGE / "models" / "_layering_probe.py"
    bad.write_text("from qbcircuit.reference import time_series\n")
    try:
        with pytest.raises(AssertionError, match="models imports qbcircuit.reference"):
            test_every_arrow_points_down()
    finally:
        bad.unlink()


@pytest.mark.parametrize("heavy", ["qutip", "qiskit_aer", "qiskit_ibm_runtime", "matplotlib", "jax", "dynamiqs"])
def test_import_qbcircuit_loads_no_solver_or_simulator(heavy):
    code = f"import qbcircuit, sys; print({heavy!r} in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"


def test_building_a_model_runs_no_solver():
    # Building every model with its defaults (and a large Dicke battery) loads no solver.
    code = ("import sys, qbcircuit as qbc\n"
            "for name in qbc.list_models(): qbc.build_model(name)\n"
            "qbc.build_model('dicke', N=200)\n"
            "print('qutip' in sys.modules, any(m.startswith('qbcircuit.reference') for m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False False"

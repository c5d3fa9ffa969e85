"""One pipeline: plan -> execute -> solve exactly -> estimate -> compare -> store.

    import qbcircuit.pipeline as pipeline
    res = pipeline.run(model, "aer-noisy", np.linspace(0, 1, 5), shots=4000, seed=1)
    res.save("runs/first"); pipeline.resume("runs/first")

Modules, in the order a run goes through them:

* :mod:`~qbcircuit.pipeline.options`: the checks of a run's options (one place, one-line
  errors naming the parameter and its range).
* :mod:`~qbcircuit.pipeline.plan`: compile the protocol and the measurement circuits,
  write down the analysis recipe; the relaxation time of a steady state.
* :mod:`~qbcircuit.pipeline.execute`: run the circuits through :mod:`qbcircuit.run`, solve
  exactly through :mod:`qbcircuit.reference`, estimate, compare through
  :mod:`qbcircuit.compare`, store the run folder.
* :mod:`~qbcircuit.pipeline.estimate`: every estimator (counts or quasi-distributions in,
  estimates with standard errors out).
* :mod:`~qbcircuit.pipeline.result`: :class:`RunResult`.
* :mod:`~qbcircuit.pipeline.chain`: :func:`run` and :func:`resume`.
* :mod:`~qbcircuit.pipeline.pulse`: the pulse-level chains beside the exact model.

QuTiP, Qiskit Aer and the compiler are imported when first used.
"""

from qbcircuit.pipeline.chain import make_plan, resume, run
from qbcircuit.pipeline.estimate import Estimate
from qbcircuit.pipeline.execute import analyse_run, execute, finish_run, solve_exactly
from qbcircuit.pipeline.options import OptionError, check_options
from qbcircuit.pipeline.plan import Plan, plan_steady_state, plan_time_series, relaxation_time
from qbcircuit.pipeline.result import RunResult

__all__ = [
    "Estimate",
    "OptionError",
    "Plan",
    "RunResult",
    "analyse_run",
    "check_options",
    "execute",
    "finish_run",
    "make_plan",
    "plan_steady_state",
    "plan_time_series",
    "relaxation_time",
    "resume",
    "run",
    "solve_exactly",
]

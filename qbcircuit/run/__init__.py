"""Running circuits: backend profiles, noise models, the execution adapter, run folders,
resume, readout-error mitigation and zero-noise extrapolation. Knows nothing of physics."""

from qbcircuit.run.distribution import Distribution, z_diagonal
from qbcircuit.run.executor import Executor, shared_batch
from qbcircuit.run.profiles import PROFILE_DIR, BackendProfile, available_profiles, load_profile
from qbcircuit.run.runner import (
    EstimatorRun,
    Run,
    RunPlan,
    execute_pending,
    load_run,
    resume_run,
    start_estimator_run,
    start_run,
)

__all__ = [
    "PROFILE_DIR",
    "BackendProfile",
    "Distribution",
    "EstimatorRun",
    "Executor",
    "Run",
    "RunPlan",
    "available_profiles",
    "execute_pending",
    "load_profile",
    "load_run",
    "resume_run",
    "shared_batch",
    "start_estimator_run",
    "start_run",
    "z_diagonal",
]

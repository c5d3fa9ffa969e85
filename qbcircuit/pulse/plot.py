"""A schedule drawn as one row per frame: the envelope's in-phase and quadrature parts
against time (ns), phase shifts marked, saved as PNG."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from qbcircuit.io import save_figure
from qbcircuit.pulse.schedule import Schedule, SetFrequency, SetPhase, ShiftFrequency, ShiftPhase


def plot_schedule(schedule: Schedule, path: str | Path) -> Path:
    """Draw ``schedule`` (one row per frame) and save it as a PNG at ``path``; a bare
    matplotlib ``Figure``, so the user's backend and pyplot state are left alone.

    Parameters
    ----------
    schedule:
        The pulse schedule.
    path:
        The PNG to write (atomically).

    Returns
    -------
    pathlib.Path
    """
    from matplotlib.figure import Figure

    names = list(schedule.frames) or ["(empty)"]
    fig = Figure(figsize=(8, 1.6 * len(names) + 0.6))
    axes = fig.subplots(len(names), 1, sharex=True, squeeze=False)
    t = np.arange(schedule.duration + 1) * schedule.dt_ns
    for ax, name in zip(axes[:, 0], names):
        if name in schedule.frames and schedule.duration:
            env = schedule.timeline(name).envelope
            ax.step(t, np.append(env.real, env.real[-1]), where="post", label="in phase", lw=1.2)
            ax.step(t, np.append(env.imag, env.imag[-1]), where="post", label="quadrature", lw=1.0)
            for item in schedule.instructions(name):
                if isinstance(item.instruction, (ShiftPhase, SetPhase, SetFrequency, ShiftFrequency)):
                    ax.axvline(item.time * schedule.dt_ns, color="grey", ls=":", lw=0.8)
        ax.set_ylabel(name, rotation=0, ha="right", fontsize=8)
        ax.set_ylim(-1.05, 1.05)
    axes[0, 0].legend(loc="upper right", fontsize=7)
    axes[-1, 0].set_xlabel("time [ns]")
    fig.suptitle(f"{schedule.name}: {schedule.duration} samples of {schedule.dt_ns:.4g} ns")
    fig.tight_layout()
    return save_figure(fig, path)

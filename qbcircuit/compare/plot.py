"""The comparison as a picture: measured curves with error bars over the exact ones."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from qbcircuit.compare.comparison import Comparison, values_array
from qbcircuit.io import save_figure

STYLES = {"raw": ("o", "tab:red"), "readout": ("s", "tab:orange"), "zne": ("^", "tab:purple"), "readout+zne": ("D", "tab:green")}


def comparison_figure(comparison: Comparison, *, pyplot: bool = False):
    """The comparison as a matplotlib figure: one panel per figure of merit.

    Parameters
    ----------
    comparison:
        The comparison to draw.
    pyplot:
        Create the figure through ``matplotlib.pyplot`` (shown by notebooks and
        ``plt.show()``, with the user's backend); otherwise a bare ``Figure`` that touches
        no global state (for files).

    Returns
    -------
    matplotlib.figure.Figure
    """
    keys = comparison.keys
    size = (4.2 * len(keys), 3.4)
    if pyplot:
        import matplotlib.pyplot as plt

        fig = plt.figure(figsize=size, layout="constrained")
    else:
        from matplotlib.figure import Figure

        fig = Figure(figsize=size, layout="constrained")
    axes = fig.subplots(1, len(keys), squeeze=False)
    for ax, key in zip(axes[0], keys):
        unit = comparison.units.get(key, "")
        if comparison.times is not None:
            t = comparison.times
            curve = comparison.exact_curve
            if curve is not None and key in curve:  # dense: the exact physics between the measured times
                ax.plot(values_array(curve["times"]), values_array(curve[key]), "k-", lw=1.6, label="exact")
            else:
                ax.plot(t, values_array(comparison.exact[key]), "k-", lw=1.6, label="exact")
            if comparison.ideal is not None:
                # the noiseless circuit exists at the measured times only: markers, no line
                ax.plot(t, values_array(comparison.ideal[key]), "o", mfc="none", mec="tab:blue", ms=6, mew=1.1,
                        label="ideal circuit")
            for variant in comparison.variants:
                marker, colour = STYLES.get(variant, ("x", None))
                data = comparison.measured[variant]
                ax.errorbar(t, values_array(data[key]), yerr=values_array(data.get(f"{key}_stderr", np.full(len(t), np.nan))),
                            fmt=marker, ms=3.5, color=colour, capsize=2, lw=0.8, label=variant)
            ax.set_xlabel(f"t [{comparison.units.get('time', '')}]")
        else:
            labels = ["exact"] + (["ideal circuit"] if comparison.ideal is not None else []) + comparison.variants
            values = [values_array(comparison.exact[key])[0]]
            errors = [0.0]
            if comparison.ideal is not None:
                values.append(values_array(comparison.ideal[key])[0])
                errors.append(0.0)
            for variant in comparison.variants:
                data = comparison.measured[variant]
                values.append(values_array(data[key])[0])
                errors.append(values_array(data.get(f"{key}_stderr", [np.nan]))[0])
            ax.bar(range(len(values)), values, yerr=np.nan_to_num(errors), capsize=3,
                   color=["k", "tab:blue"][: 1 + (comparison.ideal is not None)] + [STYLES.get(v, ("", "tab:gray"))[1] for v in comparison.variants])
            ax.set_xticks(range(len(values)), labels, rotation=30, ha="right")
        ax.set_ylabel(f"{key} [{unit}]" if unit else key)
        ax.set_title(key)
    if comparison.times is not None:  # bars carry their labels on the axis
        axes[0][0].legend(fontsize=7)
    fig.suptitle(f"{comparison.model} on {comparison.backend}", fontsize=10)
    return fig


def plot_comparison(comparison: Comparison, path: str | Path) -> Path:
    """Draw the comparison into a PNG file.

    Parameters
    ----------
    comparison:
        The comparison to draw.
    path:
        The file to write (atomically).

    Returns
    -------
    pathlib.Path
        ``path``.
    """
    return save_figure(comparison_figure(comparison), path)

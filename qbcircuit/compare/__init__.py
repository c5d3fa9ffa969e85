"""Circuit results beside the exact physics: deviations split into Trotter error and noise,
a PNG plot, and a JSON and text report. Compares what it is given: no solver, no compiler."""

from qbcircuit.compare.comparison import Comparison, deviation
from qbcircuit.compare.plot import comparison_figure, plot_comparison
from qbcircuit.compare.run_folder import compare_run, comparison_from_run, write_report

__all__ = ["Comparison", "compare_run", "comparison_figure", "comparison_from_run", "deviation", "plot_comparison",
           "write_report"]

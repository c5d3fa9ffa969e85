import math

import pytest


def same_table(a, b, rel=1e-12):
    """Row by row: the same parameters, status and words; floats equal to ``rel``."""
    assert len(a) == len(b)
    for x, y in zip(a, b):
        assert x.keys() == y.keys()
        for key in x:
            u, v = x[key], y[key]
            if isinstance(u, float) and isinstance(v, float):
                assert math.isclose(u, v, rel_tol=rel, abs_tol=1e-14), (key, x["index"], u, v)
            else:
                assert u == v, (key, x["index"], u, v)
    return True


@pytest.fixture
def table_equal():
    return same_table


@pytest.fixture(scope="session")
def pool_sweep(tmp_path_factory):
    """One sweep on the local process pool (two workers), shared by the tests that compare with it."""
    from qbcircuit.sweep import start_sweep
    from tests.sweep.helpers import LOCAL_N2

    out = tmp_path_factory.mktemp("pool") / "sweep"
    return start_sweep("star-network", LOCAL_N2, out, executor="local", workers=2, progress=False)

"""A sweep on a real dask.distributed LocalCluster with two workers gives the local pool's table.

The cluster runs its two workers as threads of this process (processes=False): starting
two worker processes costs more than the whole sweep on the shared 2-core test machine,
and threads still go through the real scheduler over TCP, addressed exactly as a remote
cluster is (``dask://HOST:PORT``), with every task serialised. ``dask-local`` (worker
processes) is exercised by the slow test below.
"""

import pytest

from qbcircuit.sweep import read_table, start_sweep
from tests.sweep.helpers import LOCAL_N2, local_n2_ratio

distributed = pytest.importorskip("distributed")


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=False, protocol="tcp",
                                  dashboard_address=":0") as cluster:
        yield cluster


def test_dask_cluster_gives_the_local_pool_table(cluster, pool_sweep, tmp_path, table_equal):
    with distributed.Client(cluster) as client:
        assert len(client.scheduler_info()["workers"]) == 2
    address = cluster.scheduler_address
    assert address.startswith("tcp://")
    result = start_sweep("star-network", LOCAL_N2, tmp_path / "dask", executor="dask://" + address.removeprefix("tcp://"),
                         progress=False)
    assert result.complete and result.computed == 20
    rows = read_table(result.directory)
    assert table_equal(rows, read_table(pool_sweep.directory))
    for row in rows:
        assert row["ergotropy_ratio"] == pytest.approx(local_n2_ratio(row["J"], row["mu"], row["delta_mu"], row["T"]), abs=1e-9)


def test_unreachable_scheduler_is_a_one_line_error(tmp_path):
    with pytest.raises(ValueError, match="cannot reach the scheduler"):
        start_sweep("star-network", {"mu": "0,1"}, tmp_path / "s", executor="dask://127.0.0.1:9", progress=False)


@pytest.mark.slow
def test_dask_local_worker_processes(tmp_path, table_equal):
    specs = {"N": 2, "bath": "local", "T": 0.7, "J": 2.0, "mu": "-1:3:5", "delta_mu": "0,3"}
    result = start_sweep("star-network", specs, tmp_path / "dl", executor="dask-local", workers=2, progress=False)
    serial = start_sweep("star-network", specs, tmp_path / "serial", executor="serial", progress=False)
    assert result.complete and table_equal(result.rows, serial.rows)

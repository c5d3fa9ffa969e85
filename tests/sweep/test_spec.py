"""Parameter specs, products and zips: which points a sweep visits, in which order."""

import numpy as np
import pytest

from qbcircuit.sweep.spec import SweepPlan, make_plan, parse_values


def test_range_includes_both_ends():
    assert parse_values("mu", "0:10:21") == tuple(np.linspace(0, 10, 21))
    assert parse_values("mu", "0:10:21")[1] == 0.5
    assert parse_values("mu", "-1:1:3") == (-1.0, 0.0, 1.0)


def test_log_range_is_geometric():
    values = parse_values("T", "0.1:1000:5:log")
    np.testing.assert_allclose(values, [0.1, 1, 10, 100, 1000], rtol=1e-12)


def test_lists_and_single_values():
    assert parse_values("bath", "local, collective") == ("local", "collective")
    assert parse_values("mu", "3") == ("3",)
    assert parse_values("mu", [1, 2]) == (1, 2)
    assert parse_values("mu", np.array([1.5])) == (1.5,)
    assert parse_values("mu", 2.0) == (2.0,)


@pytest.mark.parametrize("spec, message", [
    ("0:1", "a range is start:stop:count"),
    ("0:1:2:lin", "a range is start:stop:count"),
    ("0:1:2.5", "count must be an integer >= 1"),
    ("0:1:0", "count must be an integer >= 1"),
    ("a:1:3", "start must be a number"),
    ("0:inf:3", "stop must be finite"),
    ("0:1:3:log", "a log range needs start > 0"),
    (",", "the list of values is empty"),
    ("", "no value given"),
])
def test_bad_specs_name_the_parameter(spec, message):
    with pytest.raises(ValueError, match="parameter 'mu'") as info:
        parse_values("mu", spec)
    assert message in str(info.value) and "\n" not in str(info.value)


def test_product_first_parameter_slowest():
    plan = make_plan("star-network", {"mu": "0,1", "delta_mu": "0:2:3", "T": "0.5"})
    assert plan.shape == (2, 3) and len(plan) == 6 and plan.swept == ("mu", "delta_mu")
    visited = [(p["mu"], p["delta_mu"]) for _, p in plan.points()]
    assert visited == [(0, 0), (0, 1), (0, 2), (1, 0), (1, 1), (1, 2)]
    # fixed: the one given value and every default, all converted by the registry
    point = plan.point(4)
    assert point["T"] == 0.5 and point["N"] == 3 and point["bath"] == "local"
    assert plan.position(4) == (1, 1)


def test_zip_steps_together_in_place_of_its_first_member():
    plan = make_plan("star-network", {"T": "1,2", "mu": "0:2:3", "delta_mu": "5,6,7"}, zips=[("mu", "delta_mu")])
    assert plan.shape == (2, 3) and len(plan.groups) == 2
    assert [a.name for a in plan.groups[1]] == ["mu", "delta_mu"]
    visited = [(p["T"], p["mu"], p["delta_mu"]) for _, p in plan.points()]
    assert visited[:3] == [(1.0, 0.0, 5.0), (1.0, 1.0, 6.0), (1.0, 2.0, 7.0)]
    assert visited[3] == (2.0, 0.0, 5.0)


def test_plan_round_trips_through_json_types():
    import json

    plan = make_plan("star-network", {"N": "2,3", "bath": "local,collective", "mu": "0:1:2"})
    again = SweepPlan.from_dict(json.loads(json.dumps(plan.to_dict())))
    assert [again.point(i) for i in range(len(again))] == [plan.point(i) for i in range(len(plan))]
    assert isinstance(again.point(0)["N"], int)


@pytest.mark.parametrize("specs, zips, message", [
    ({"N": "1:4:3"}, (), "'N' must be an integer in [1, 10], got 2.5"),
    ({"T": "0:1:3"}, (), "'T' must be a number in (0, 1e+06], got 0.0"),
    ({"bath": "local,bosonic"}, (), "'bath' must be one of collective, local"),
    ({"Q": "1,2"}, (), "no parameter 'Q'"),
    ({"mu": "0,1", "T": "1,2,3"}, [("mu", "T")], "must have the same number of values: mu (2 values), T (3 values)"),
    ({"mu": "0,1"}, [("mu", "T")], "zipped parameter 'T' is not swept"),
    ({"mu": "0,1"}, [("mu",)], "a zip needs two or more parameters"),
])
def test_bad_plans_are_one_line_errors_before_any_work(specs, zips, message):
    with pytest.raises(ValueError) as info:
        make_plan("star-network", specs, zips)
    assert message in str(info.value) and "\n" not in str(info.value)

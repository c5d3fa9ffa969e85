"""Backend profiles: the shipped ones load; a bad one fails in one line naming the field."""

import pytest

from qbcircuit.run import available_profiles, load_profile


def test_shipped_profiles_cover_the_backends_the_issue_names():
    names = available_profiles()
    for wanted in ("aer-ideal", "aer-density", "aer-noisy", "fake-manila", "fake-torino", "ibm-torino", "ibm-local-manila"):
        assert wanted in names
    profiles = {n: load_profile(n) for n in names}
    assert profiles["aer-ideal"].method == "statevector" and profiles["aer-ideal"].noise == "none"
    assert profiles["aer-density"].method == "density_matrix"
    assert profiles["aer-noisy"].noise == "calibration" and profiles["aer-noisy"].calibration == "transmon-4q-example"
    assert profiles["fake-torino"].noise == "device" and profiles["fake-torino"].device == "fake_torino"
    assert profiles["ibm-torino"].kind == "ibm" and not profiles["ibm-torino"].local_testing
    assert profiles["ibm-local-manila"].local_testing


@pytest.mark.parametrize(
    "text, message",
    [
        ("shots = 0", "shots must be an integer >= 1"),
        ("method = 'magic'", "method must be one of"),
        ("noise = 'calibration'", "needs calibration ="),
        ("colour = 'red'", "unknown field(s) colour"),
        ("optimization_level = 7", "optimization_level must be 0, 1, 2 or 3"),
        ("[mitigation]\nzne_factors = [1, 2]", "zne_factors must be odd integers"),
        ("shots = ", "not valid TOML"),
    ],
)
def test_bad_profile_is_one_line(tmp_path, text, message):
    path = tmp_path / "mine.toml"
    path.write_text(text + "\n")
    with pytest.raises(ValueError) as info:
        load_profile(path)
    assert message in str(info.value)
    assert "\n" not in str(info.value).strip() or "TOML" in str(info.value)


def test_unknown_profile_lists_the_available_ones():
    with pytest.raises(ValueError, match="unknown backend profile 'nope'; available: .*aer-ideal"):
        load_profile("nope")


def test_user_profile_by_path_and_mitigation_table(tmp_path):
    path = tmp_path / "my-aer.toml"
    path.write_text("kind = 'aer'\nmethod = 'density_matrix'\nshots = 10\n[mitigation]\nreadout = true\nzne_factors = [1, 3]\n")
    p = load_profile(path)
    assert p.name == "my-aer" and p.shots == 10 and p.readout_mitigation and p.zne_factors == (1.0, 3.0)


@pytest.mark.parametrize("changes, message", [
    ({"fractional_gates": True, "zne_amplifier": "pea"}, "fractional_gates cannot go with zne_amplifier = 'pea'"),
    ({"fractional_gates": True, "pec_mitigation": True}, "fractional_gates cannot go with pec_mitigation"),
    ({"pec_mitigation": True, "zne_mitigation": True}, "pec_mitigation and zne_mitigation cannot be combined"),
    ({"resilience_level": 3}, "resilience_level must be 0, 1 or 2, got 3"),
    ({"dynamical_decoupling": "XYZ"}, "dynamical_decoupling must be one of none, XX, XpXm, XY4; got 'XYZ'"),
    ({"zne_extrapolator": ("cubic",)}, "zne_extrapolator must be one of"),
    ({"twirl_randomizations": 0}, "twirl_randomizations must be 'auto' or an integer >= 1"),
    ({"learning_randomizations": 0}, "learning_randomizations must be 'auto' or an integer >= 1"),
    ({"zne_extrapolator": ("linear",), "zne_noise_factors": (1.0, 3.0)},
     "zne_extrapolator 'linear' needs at least 3 zne_noise_factors"),
    ({"zne_extrapolator": ("double_exponential",), "zne_noise_factors": (1.0, 3.0, 5.0, 7.0)},
     "zne_extrapolator 'double_exponential' needs at least 5 zne_noise_factors"),
    ({"learning_depths": (4,)}, "learning_depths must be 'auto' or at least two distinct integers >= 0"),
])
def test_mitigation_options_the_runtime_refuses_fail_in_one_line_naming_the_option(changes, message):
    with pytest.raises(ValueError) as info:
        load_profile("ibm-local-torino").replace(**changes)
    assert message in str(info.value) and "\n" not in str(info.value)


def test_fractional_gates_turn_gate_twirling_into_measurement_twirling():
    from qbcircuit.run.profiles import sampler_twirling

    profile = load_profile("ibm-local-torino").replace(zne_factors=(1.0, 3.0))
    assert sampler_twirling(profile) == (True, True)  # ZNE: gates and measurements twirled
    assert sampler_twirling(profile.replace(fractional_gates=True)) == (False, True)
    assert sampler_twirling(load_profile("ibm-local-torino")) == (False, False)  # no ZNE: raw counts

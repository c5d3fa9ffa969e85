"""IBM messages at the extremes (issue 19, item 9), offline: the runtime's service constructor
is replaced at the boundary, so nothing here touches the network."""

import socket

import pytest
import qiskit_ibm_runtime
import requests

from qbcircuit.cli.main import main
from qbcircuit.run import load_profile
from qbcircuit.run import ibm
from qbcircuit.run.ibm import ServiceUnreachable, check_account, service_for

RUN = ["run", "spin-charger", "-p", "M=1", "-p", "N=1", "--t-final", "1"]


class NoService:
    """Stands in for QiskitRuntimeService: constructing it means a connection was attempted."""

    constructed = 0

    def __init__(self, *args, **kwargs):
        type(self).constructed += 1
        raise AssertionError("the service must not be constructed")

    saved_accounts = staticmethod(qiskit_ibm_runtime.QiskitRuntimeService.saved_accounts)


def _offline(*args, **kwargs):
    """What the runtime raises without a network: its token message, caused by a DNS failure."""
    from qiskit_ibm_runtime.accounts.exceptions import InvalidAccountError

    try:
        try:
            raise socket.gaierror(-2, "Name or service not known")
        except OSError as exc:
            raise requests.exceptions.ConnectionError("HTTPSConnectionPool(host='iam.cloud.ibm.com', port=443): "
                                                      "Max retries exceeded") from exc
    except requests.exceptions.ConnectionError as exc:
        raise InvalidAccountError("Unable to retrieve instances. Please check that you are using a valid API token.") \
            from exc


@pytest.fixture
def token(monkeypatch):
    monkeypatch.setenv("QISKIT_IBM_TOKEN", "not-a-real-key")
    monkeypatch.delenv("QISKIT_IBM_INSTANCE", raising=False)
    ibm._service.cache_clear()
    yield
    ibm._service.cache_clear()


def test_a_fake_crn_instance_is_one_line_naming_it_and_the_expected_shape(token, monkeypatch):
    monkeypatch.setattr(qiskit_ibm_runtime, "QiskitRuntimeService", NoService)
    profile = load_profile("ibm-torino").replace(instance="crn:fake")
    with pytest.raises(ValueError) as info:
        check_account(profile)
    message = str(info.value)
    assert "'crn:fake'" in message and "crn:v1:bluemix:public:quantum-computing:" in message
    assert "\n" not in message and "NoneType" not in message
    monkeypatch.setenv("QISKIT_IBM_INSTANCE", "crn:fake")
    with pytest.raises(ValueError, match="QISKIT_IBM_INSTANCE: instance 'crn:fake' is not an IBM Cloud CRN"):
        check_account(load_profile("ibm-torino"))
    assert NoService.constructed == 0


def test_a_saved_account_with_a_fake_crn_is_refused_before_connecting(tmp_path, monkeypatch):
    monkeypatch.delenv("QISKIT_IBM_TOKEN", raising=False)
    accounts = str(tmp_path / "accounts.json")
    qiskit_ibm_runtime.QiskitRuntimeService.save_account(token="not-a-real-key", instance="crn:fake",
                                                         channel="ibm_quantum_platform", filename=accounts,
                                                         set_as_default=True)
    monkeypatch.setattr(qiskit_ibm_runtime, "QiskitRuntimeService", NoService)
    ibm._service.cache_clear()
    with pytest.raises(ValueError, match="saved IBM Quantum account .*instance 'crn:fake' is not an IBM Cloud CRN"):
        service_for(load_profile("ibm-torino"), filename=accounts)
    assert NoService.constructed == 0


def test_without_network_the_message_says_the_service_was_not_reached(token, monkeypatch, capsys):
    monkeypatch.setattr(qiskit_ibm_runtime, "QiskitRuntimeService", _offline)
    with pytest.raises(ServiceUnreachable) as info:
        service_for(load_profile("ibm-torino"))
    message = str(info.value)
    assert "could not be reached" in message and "Name or service not known" in message
    assert "token" not in message.lower()
    ibm._service.cache_clear()
    assert main([*RUN, "--backend", "ibm-torino"]) == 1
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "could not be reached" in err and "token" not in err.lower()


def test_a_refused_account_keeps_the_services_own_reason(token, monkeypatch):
    def refused(*args, **kwargs):
        raise qiskit_ibm_runtime.accounts.exceptions.InvalidAccountError("Unable to retrieve instances. "
                                                                          "Please check that you are using a valid API token.")

    monkeypatch.setattr(qiskit_ibm_runtime, "QiskitRuntimeService", refused)
    with pytest.raises(ValueError, match="cannot connect to IBM Quantum for profile 'ibm-torino': .*valid API token"):
        service_for(load_profile("ibm-torino"))

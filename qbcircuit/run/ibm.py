"""IBM Quantum access: credentials from the places qiskit-ibm-runtime reads, or local testing mode.

Credentials come from qiskit-ibm-runtime's saved account (``~/.qiskit/qiskit-ibm.json``,
written by ``QiskitRuntimeService.save_account``) or its environment variables
(``QISKIT_IBM_TOKEN``, ``QISKIT_IBM_INSTANCE``, ``QISKIT_IBM_CHANNEL``). The account is
looked up through the runtime's public API (``QiskitRuntimeService.saved_accounts``) before
any connection, so a missing account fails at once, offline, in one line.
In local testing mode the "device" is a fake backend and nothing leaves the machine.
"""

from __future__ import annotations

import re
from functools import lru_cache

from qbcircuit.run.profiles import BackendProfile

SAVE_ACCOUNT_HINT = (
    'save one with: python -c "from qiskit_ibm_runtime import QiskitRuntimeService; '
    "QiskitRuntimeService.save_account(token='<API key>', instance='<CRN>', set_as_default=True)\""
    " (or set QISKIT_IBM_TOKEN and QISKIT_IBM_INSTANCE)"
)


def check_account(profile: BackendProfile, filename: str | None = None) -> None:
    """Raise a one-line ValueError if qiskit-ibm-runtime has no account for ``profile`` (no network).

    Parameters
    ----------
    profile:
        An ``ibm`` profile (its ``account`` and ``channel`` select the saved account).
    filename:
        The accounts file (default: qiskit-ibm-runtime's, ``~/.qiskit/qiskit-ibm.json``).

    Returns
    -------
    None
        Through the runtime's public API: the ``QISKIT_IBM_TOKEN`` environment variable
        (what the service reads first when no account is named), else
        ``QiskitRuntimeService.saved_accounts``; the profile's instance (or
        ``QISKIT_IBM_INSTANCE``) must be shaped like an IBM Cloud CRN when it starts with
        ``crn:`` (:func:`check_instance`; a saved account's instance is checked by
        :func:`service_for`, before it connects).
    """
    _check_saved_account(profile, filename)
    instance, where = _instance_in_use(profile, filename, saved=False)
    check_instance(instance, where)


def _check_saved_account(profile: BackendProfile, filename: str | None) -> None:
    import os

    from qiskit_ibm_runtime import QiskitRuntimeService

    if not profile.account and os.environ.get("QISKIT_IBM_TOKEN"):
        return
    try:
        saved = QiskitRuntimeService.saved_accounts(filename=filename, name=profile.account, channel=profile.channel)
    except Exception as exc:  # an unreadable or invalid accounts file
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise ValueError(f"backend profile {profile.name!r}: cannot read the saved IBM Quantum accounts ({first}); "
                         f"{SAVE_ACCOUNT_HINT}") from None
    if not saved:
        which = f"no saved account named {profile.account!r}" if profile.account else "no saved account"
        raise ValueError(f"backend profile {profile.name!r} needs an IBM Quantum account ({which}); {SAVE_ACCOUNT_HINT}")


#: An IBM Cloud instance CRN: crn:v1:<cloud>:<type>:quantum-computing:<region>:a/<account>:<instance>::
CRN_SHAPE = re.compile(r"crn:v1:[^:]+:[^:]+:[^:]+:[^:]+:[^:]*:[^:]+:[^:]*:[^:]*")
CRN_EXAMPLE = "crn:v1:bluemix:public:quantum-computing:us-east:a/<account id>:<instance id>::"


class ServiceUnreachable(RuntimeError):
    """IBM Quantum could not be reached (no network, DNS, proxy or firewall): a failure at
    run time, not a problem of the account."""


def check_instance(instance: str | None, where: str) -> None:
    """A one-line ValueError if ``instance`` starts like a CRN but is not shaped like one (the
    runtime would fail on it with ``'NoneType' object has no attribute 'group'``).

    Parameters
    ----------
    instance:
        The instance: an IBM Cloud CRN, or an instance's name (not checked), or None.
    where:
        Where it comes from, for the message.

    Returns
    -------
    None
    """
    if isinstance(instance, str) and instance.startswith("crn:") and not CRN_SHAPE.fullmatch(instance):
        raise ValueError(f"{where}: instance {instance!r} is not an IBM Cloud CRN; expected the shape {CRN_EXAMPLE} "
                         "(copy it from the instance's page on quantum.cloud.ibm.com), or the instance's name")


def _instance_in_use(profile: BackendProfile, filename: str | None, saved: bool = True) -> tuple[str | None, str]:
    """The instance the service will be given, and where it comes from (``saved``: a saved
    account's too)."""
    import os

    from qiskit_ibm_runtime import QiskitRuntimeService

    if profile.instance:
        return profile.instance, f"backend profile {profile.name!r}"
    if not profile.account and os.environ.get("QISKIT_IBM_TOKEN"):
        return os.environ.get("QISKIT_IBM_INSTANCE"), "QISKIT_IBM_INSTANCE"
    if not saved:
        return None, ""
    try:
        saved = QiskitRuntimeService.saved_accounts(filename=filename, name=profile.account, channel=profile.channel)
    except Exception:
        return None, ""
    for name, account in (saved or {}).items():
        if profile.account in (None, name) and isinstance(account, dict) and account.get("instance"):
            return account["instance"], f"the saved IBM Quantum account {name!r}"
    return None, ""


def _unreachable(exc: BaseException) -> BaseException | None:
    """The network error behind ``exc`` (its cause or context chain), if there is one."""
    seen = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        name = type(exc).__name__
        if isinstance(exc, (OSError, TimeoutError)) or name in ("ConnectionError", "NameResolutionError",
                                                                 "NewConnectionError", "MaxRetryError",
                                                                 "ConnectTimeout", "ReadTimeout"):
            inner = exc
            while inner.__cause__ is not None or inner.__context__ is not None:
                inner = inner.__cause__ or inner.__context__
            return inner
        exc = exc.__cause__ or exc.__context__
    return None


@lru_cache(maxsize=None)
def _service(account: str | None, channel: str | None, instance: str | None):
    from qiskit_ibm_runtime import QiskitRuntimeService

    kwargs = {k: v for k, v in {"name": account, "channel": channel, "instance": instance}.items() if v}
    return QiskitRuntimeService(**kwargs)


def service_for(profile: BackendProfile, filename: str | None = None):
    """The runtime service for an ``ibm`` profile: the account checked offline first, the
    instance's shape checked; a service that cannot be reached is a :class:`ServiceUnreachable`
    (one line: the network, not the token), a refused account a one-line ValueError."""
    check_account(profile, filename)
    instance, where = _instance_in_use(profile, filename)
    check_instance(instance, where)
    try:
        return _service(profile.account, profile.channel, profile.instance)
    except Exception as exc:  # network or authentication failure: one line, not a traceback
        network = _unreachable(exc)
        if network is not None:
            raise ServiceUnreachable(
                f"cannot reach IBM Quantum for profile {profile.name!r}: the service could not be reached (no "
                f"network, or a proxy or firewall in the way): {_first(network)}") from None
        raise ValueError(f"cannot connect to IBM Quantum for profile {profile.name!r}: {_first(exc)}") from None


def _first(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def ibm_backend(profile: BackendProfile, filename: str | None = None):
    """The backend object a profile runs on: a fake device in local testing mode, else the real one."""
    if profile.local_testing:
        from qbcircuit.run.noise import fake_device

        return fake_device(profile.device)
    service = service_for(profile, filename)
    try:
        # fractional RZZ/RX in the device's target (Heron); without them, the CZ basis
        return service.backend(profile.device, use_fractional_gates=profile.fractional_gates)
    except Exception as exc:
        raise ValueError(f"IBM Quantum has no device {profile.device!r} for this account: {str(exc).splitlines()[0]}") from None

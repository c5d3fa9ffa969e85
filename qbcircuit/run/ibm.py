"""IBM Quantum access: credentials from the places qiskit-ibm-runtime reads, or local testing mode.

Credentials come from qiskit-ibm-runtime's saved account (``~/.qiskit/qiskit-ibm.json``,
written by ``QiskitRuntimeService.save_account``) or its environment variables
(``QISKIT_IBM_TOKEN``, ``QISKIT_IBM_INSTANCE``, ``QISKIT_IBM_CHANNEL``). The account is
looked up through the runtime's public API (``QiskitRuntimeService.saved_accounts``) before
any connection, so a missing account fails at once, offline, in one line.
In local testing mode the "device" is a fake backend and nothing leaves the machine.
"""

from __future__ import annotations

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
        ``QiskitRuntimeService.saved_accounts``.
    """
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


@lru_cache(maxsize=None)
def _service(account: str | None, channel: str | None, instance: str | None):
    from qiskit_ibm_runtime import QiskitRuntimeService

    kwargs = {k: v for k, v in {"name": account, "channel": channel, "instance": instance}.items() if v}
    return QiskitRuntimeService(**kwargs)


def service_for(profile: BackendProfile, filename: str | None = None):
    check_account(profile, filename)
    try:
        return _service(profile.account, profile.channel, profile.instance)
    except Exception as exc:  # network or authentication failure: one line, not a traceback
        raise ValueError(f"cannot connect to IBM Quantum for profile {profile.name!r}: {str(exc).splitlines()[0] if str(exc) else type(exc).__name__}") from None


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

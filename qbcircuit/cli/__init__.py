"""The ``qbc`` command."""

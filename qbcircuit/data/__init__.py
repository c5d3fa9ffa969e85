"""Data files shipped with the package: backend profiles (``backends/*.toml``) and device
calibration snapshots (``calibration/*.json``). Read them through :mod:`qbcircuit.locations`,
which also finds a user's own files (they override these by name)."""

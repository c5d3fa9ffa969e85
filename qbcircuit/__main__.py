"""``python -m qbcircuit``: the ``qbc`` command."""

import sys

from qbcircuit.cli.main import main

sys.exit(main())

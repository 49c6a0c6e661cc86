"""`python -m kpi_logic`: the admin command line (see kpi_logic/cli.py)."""

import sys

from kpi_logic.cli import main

sys.exit(main())

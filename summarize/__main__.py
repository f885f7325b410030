"""``python -m summarize`` runs the command-line interface."""

import sys

from summarize.cli.main import main

sys.exit(main())

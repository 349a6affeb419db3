"""``python -m careerdesk``: same as the ``careerdesk`` command."""

from __future__ import annotations

import sys

from careerdesk.cli import main

if __name__ == "__main__":
    sys.exit(main())

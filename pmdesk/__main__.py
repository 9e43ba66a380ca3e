"""Allow ``python -m pmdesk``."""

import sys

from pmdesk.cli import main

sys.exit(main())

"""Allow ``python -m pmdesk.bench``."""

import sys

from pmdesk.bench.run import main

sys.exit(main())

"""Allow ``python -m pmdesk``."""

from pmdesk.cli import entry

entry()

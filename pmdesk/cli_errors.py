"""The command line's error for a mistake to report as one line, shared by every command module.

It lives here, not in ``pmdesk.cli``, so the command modules (``cli_library``) raise it without
importing ``pmdesk.cli``, which imports them: the imports point one way.
"""

from __future__ import annotations


class UsageError(Exception):
    """A command line mistake or a failure to report as one line."""

"""Fresh ids for new items."""

import os


def new_id(prefix: str) -> str:
    """A new id such as ``c3f9a1b2e`` that no other item will have (40 random bits)."""
    # os.urandom, not uuid4: the uuid module costs a few ms at start-up for what is a hex string.
    return prefix + os.urandom(5).hex()

"""Fresh ids for new items."""

import uuid


def new_id(prefix: str) -> str:
    """A new id such as ``c3f9a1b2e`` that no other item will have."""
    return prefix + uuid.uuid4().hex[:10]

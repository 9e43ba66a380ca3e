"""The .pmdesk file: schema, opening and checking, writing each edit, JSON import and export."""

from pmdesk.store.errors import BoardFileError, ReadOnlyError

__all__ = ["BoardFileError", "ReadOnlyError"]

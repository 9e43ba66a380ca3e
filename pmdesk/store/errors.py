"""The one error type that the window and the command line show to the user."""


class BoardFileError(Exception):
    """A board file that cannot be opened or written; the message is for the user."""


class ReadOnlyError(BoardFileError):
    """An edit on a board that was opened read-only."""

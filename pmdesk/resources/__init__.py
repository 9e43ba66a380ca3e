"""The files pmdesk ships inside its package: fonts and their licences, icons, section templates,
blameless phrases, the launcher and MIME type, and the board format's description.

Where this package is a folder on disk (a source checkout, an editable or a wheel install, the
PyInstaller bundle, which keeps ``pmdesk/resources`` in its folder) they are read from there;
otherwise (a zipped install) they are found with importlib.resources, which is not imported
unless needed: importing it took a noticeable part of the window's start-up.
"""

from __future__ import annotations

import atexit
from contextlib import ExitStack
from pathlib import Path

_FOLDER = Path(__file__).parent
_extracted = ExitStack()  # files copied out of a zipped install, removed at exit
atexit.register(_extracted.close)


def resource_path(*parts: str) -> Path:
    """The file-system path of ``pmdesk/resources/<parts>`` (a file or a folder)."""
    direct = _FOLDER.joinpath(*parts)
    if direct.exists():
        return direct
    from importlib.resources import as_file, files

    found = files(__name__).joinpath(*parts)
    if isinstance(found, Path):
        return found
    return _extracted.enter_context(as_file(found))  # only if pmdesk was imported from a zip


def resource_text(*parts: str) -> str:
    """The UTF-8 text of ``pmdesk/resources/<parts>``."""
    direct = _FOLDER.joinpath(*parts)
    if direct.is_file():
        return direct.read_text(encoding="utf-8")
    from importlib.resources import files

    return files(__name__).joinpath(*parts).read_text(encoding="utf-8")

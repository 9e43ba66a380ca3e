"""The files pmdesk ships inside its package: fonts and their licences, icons, section templates,
blameless phrases, the launcher and MIME type, and the board format's description.

They are found with importlib.resources, so they are there however pmdesk was installed: from
a source checkout, an editable or a wheel install, or the PyInstaller bundle (whose loader
serves ``pmdesk/resources`` from the bundle's folder).
"""

from __future__ import annotations

import atexit
from contextlib import ExitStack
from importlib.resources import as_file, files
from pathlib import Path

_extracted = ExitStack()  # files copied out of a zipped install, removed at exit
atexit.register(_extracted.close)


def resource_path(*parts: str) -> Path:
    """The file-system path of ``pmdesk/resources/<parts>`` (a file or a folder)."""
    found = files(__name__).joinpath(*parts)
    if isinstance(found, Path):
        return found
    return _extracted.enter_context(as_file(found))  # only if pmdesk was imported from a zip


def resource_text(*parts: str) -> str:
    """The UTF-8 text of ``pmdesk/resources/<parts>``."""
    return files(__name__).joinpath(*parts).read_text(encoding="utf-8")

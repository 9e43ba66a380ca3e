"""reportlab in pmdesk: fixes to its bugs that reach the report, and one build at a time.

reportlab keeps process-wide state that it changes while it works: the registered fonts, each
font's subsets and shaping tables (its glyph map grows while Arabic is shaped), its caches. None
of it is locked, so every use of reportlab in pmdesk holds :data:`REPORTLAB`: the fonts are
registered and the fixes installed exactly once, and two exports (two windows, or a PDF and an
email draft) build their documents one after the other, never at the same time.
"""

from __future__ import annotations

import contextlib
import functools
import threading
from collections.abc import Callable, Iterator

REPORTLAB = threading.RLock()  # held while pmdesk touches reportlab's state
WAIT_SECONDS = 0.1  # how often a build waiting for its turn calls ``waiting`` (for Cancel)


@contextlib.contextmanager
def reportlab_turn(waiting: Callable[[], None] | None = None) -> Iterator[None]:
    """Hold reportlab for one document; ``waiting()`` runs now and then meanwhile (it may raise)."""
    while not REPORTLAB.acquire(timeout=WAIT_SECONDS):
        if waiting is not None:
            waiting()
    try:
        yield
    finally:
        REPORTLAB.release()


def once(function: Callable[[], None]) -> Callable[[], None]:
    """``function`` run once per process under :data:`REPORTLAB`; a call from another thread waits for it."""
    done: list[bool] = []

    @functools.wraps(function)
    def run_once() -> None:
        if done:
            return
        with REPORTLAB:
            if not done:
                function()
                done.append(True)

    return run_once


def install_fixes() -> None:
    """Every fix below."""
    install_cmap_fix()
    install_rise_fix()


@once
def install_cmap_fix() -> None:
    """Make reportlab's ToUnicode maps write characters beyond the BMP as UTF-16.

    reportlab 4–5 writes U+1F525 as ``<1F525>``, which PDF readers reject, so emoji
    could not be copied or searched in the report. This writes ``<D83DDD25>``.
    """
    from reportlab.pdfbase import ttfonts

    original = ttfonts.makeToUnicodeCMap

    def utf16_cmap(fontname: str, subset: list[int]) -> str:
        text = original(fontname, subset)
        for value in subset:
            if value > 0xFFFF:
                utf16 = chr(value).encode("utf-16-be").hex().upper()
                text = text.replace(f"> <{value:04X}>\n", f"> <{utf16}>\n", 1)
        return text

    ttfonts.makeToUnicodeCMap = utf16_cmap


@once
def install_rise_fix() -> None:
    """Let a text line start with a raised glyph.

    Shaped Arabic places a vowel mark by raising it; when such a mark comes first in a text
    object's code (a line after a line break, say), reportlab 5 reads the code's last entry
    and raises IndexError, so the whole export failed.
    """
    from reportlab.pdfgen.textobject import PDFTextObject

    original = PDFTextObject.setRise

    def set_rise(self: PDFTextObject, rise: float) -> None:
        if not self._code:
            self._code.append("")  # gives setRise a last entry to look at; writes nothing
        original(self, rise)

    PDFTextObject.setRise = set_rise

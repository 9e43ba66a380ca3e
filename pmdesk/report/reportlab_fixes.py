"""Fixes to reportlab bugs that reach pmdesk's report, installed once per process."""

from __future__ import annotations

from functools import cache


def install_fixes() -> None:
    """Every fix below."""
    install_cmap_fix()
    install_rise_fix()


@cache
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


@cache
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

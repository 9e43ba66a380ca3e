"""PDF navigation: headings that add outline bookmarks, and a canvas that numbers "page N of M"."""

from __future__ import annotations

from typing import Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph

from pmdesk.report.fonts import SANS


class Heading(Paragraph):
    """A paragraph that, where it is drawn, adds an entry to the PDF outline."""

    def __init__(
        self,
        text: str | None,
        style: ParagraphStyle,
        *args: Any,
        outline: str = "",
        level: int | None = None,
        **kwargs: Any,
    ) -> None:
        """``text`` is trusted, escaped markup; ``outline`` the bookmark's plain title at ``level``.

        The other arguments are Paragraph's own: a heading too long for one page is split like
        a paragraph, and reportlab makes the parts through this constructor.
        """
        super().__init__(text, style, *args, **kwargs)
        self.outline_title = outline
        self.outline_level = level

    def split(self, availWidth: float, availHeight: float) -> list[Any]:
        """Split as a paragraph; only the first part carries the bookmark."""
        parts = super().split(availWidth, availHeight)
        for index, part in enumerate(parts):
            part.outline_title = self.outline_title
            part.outline_level = self.outline_level if index == 0 else None
        return parts

    def draw(self) -> None:
        """Draw the heading and register its bookmark, which opens the page at the heading."""
        if self.outline_level is not None:
            canvas = self.canv
            # A running number, not id(self): split parts are freed while the story is laid
            # out, so an id comes back and a later bookmark would take over an earlier one's key.
            count = getattr(canvas, "pmdesk_bookmarks", 0) + 1
            canvas.pmdesk_bookmarks = count
            key = f"h{count}"
            _, top = canvas.absolutePosition(0, self.height)
            canvas.bookmarkPage(key, fit="XYZ", left=0, top=top + 6)
            canvas.addOutlineEntry(self.outline_title, key, level=self.outline_level, closed=True)
        super().draw()


class NumberedCanvas(Canvas):
    """A canvas that holds pages back until the end, to print "page N of M" on each.

    Bookmarks are held back with their page: reportlab ties a bookmark to the page it is
    writing, and until the end that is always the first one.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        """As Canvas, with the bundled font as the initial font (no unembedded Helvetica)."""
        kwargs["initialFontName"] = SANS
        super().__init__(*args, **kwargs)
        self._pages: list[dict[str, Any]] = []
        self._held_bookmarks: list[tuple[str, tuple[Any, ...], dict[str, Any]]] = []

    def bookmarkPage(self, *args: Any, **kwargs: Any) -> None:
        """Hold the bookmark back until its page is written."""
        self._held_bookmarks.append(("bookmarkPage", args, kwargs))

    def addOutlineEntry(self, *args: Any, **kwargs: Any) -> None:
        """Hold the outline entry back until its page is written."""
        self._held_bookmarks.append(("addOutlineEntry", args, kwargs))

    def showPage(self) -> None:
        """Keep the page's state (and its bookmarks) for later instead of emitting it now."""
        self._pages.append(dict(self.__dict__))
        self._held_bookmarks = []
        self._startPage()

    def save(self) -> None:
        """Write every page with its bookmarks and number, then the file."""
        total = len(self._pages)
        for state in self._pages:
            self.__dict__.update(state)
            for name, args, kwargs in state["_held_bookmarks"]:
                getattr(Canvas, name)(self, *args, **kwargs)
            if self._pageNumber > 1:  # the cover has no footer
                self.setFont(SANS, 7.5)
                self.setFillColorRGB(0.38, 0.43, 0.49)
                self.drawRightString(190 * mm, 10 * mm, f"page {self._pageNumber} of {total}")
            super().showPage()
        super().save()

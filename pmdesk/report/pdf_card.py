"""A card in the PDF: its text as one paragraph, with the bullet and the author drawn around it.

reportlab lays out a paragraph of one font and one style several times faster than one that
mixes styles. A card's author is small and muted, so putting it inside the paragraph would
make every card a mixed one; :class:`CardText` instead draws the author after the end of the
paragraph's last line (or on a line of its own when it does not fit there), and the bullet
in the indent.
"""

from __future__ import annotations

from typing import Any

from reportlab.lib.colors import Color
from reportlab.lib.enums import TA_RIGHT
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Paragraph
from reportlab.rl_config import paraFontSizeHeightOffset

from pmdesk.report.fonts import SANS

TAIL_SIZE = 8.0


class CardText(Flowable):
    """A card's paragraph with an optional bullet before it and a tail of (font, text) runs after it.

    The runs are drawn as they are (never parsed), in order, so they must read left to right.
    A right-aligned (right-to-left) paragraph has its bullet on the right and its tail left of
    its last line.
    """

    def __init__(
        self,
        paragraph: Paragraph,
        bullet: tuple[str, Color] | None,
        tail: list[tuple[str, str]],
        tail_color: Color,
    ) -> None:
        super().__init__()
        self.paragraph = paragraph
        self.bullet = bullet
        self.tail = tail
        self.tail_color = tail_color
        self._tail_width = self.tail_width(tail)
        self._extra = 0.0  # height added below the paragraph for a tail that needs its own line
        self._tail_at = (0.0, 0.0)

    @staticmethod
    def tail_width(tail: list[tuple[str, str]]) -> float:
        """How wide a tail of (font, text) runs is drawn."""
        return sum(stringWidth(text, font, TAIL_SIZE) for font, text in tail)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        """The paragraph's size, plus a line when the tail does not fit after its last line."""
        width, height = self.paragraph.wrap(availWidth, availHeight)
        style = self.paragraph.style
        room = availWidth - style.leftIndent - style.rightIndent
        lines = self.paragraph.blPara.lines
        if not lines:  # no text at all: the bullet and the tail get a line of their own
            self._extra = style.leading
            self._tail_at = (style.leftIndent, style.leading - self._first_ascent())
            self.width, self.height = width, height + self._extra
            return self.width, self.height
        last_baseline = height - self._first_ascent() - (len(lines) - 1) * style.leading
        free = _extra_space(lines[-1])
        if self.tail and self._tail_width > free:  # the tail goes on a line of its own
            self._extra = style.leading
            start = availWidth - style.rightIndent - self._tail_width if self.rtl else style.leftIndent
        else:
            self._extra = 0.0
            start = style.leftIndent + (free - self._tail_width if self.rtl else room - free)
        self._tail_at = (start, last_baseline)
        self.width, self.height = width, height + self._extra
        return self.width, self.height

    @property
    def rtl(self) -> bool:
        """True for a right-aligned (right-to-left) paragraph."""
        return bool(self.paragraph.style.alignment == TA_RIGHT)

    def _first_ascent(self) -> float:
        """How far below the top the first baseline is, as reportlab's drawPara puts it."""
        bl_para = self.paragraph.blPara
        first = bl_para if bl_para.kind == 0 else (bl_para.lines[0] if bl_para.lines else None)
        size = float(getattr(first, "fontSize", self.paragraph.style.fontSize))
        return size if paraFontSizeHeightOffset else float(getattr(first, "ascent", size))

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        """The paragraph's split, with the bullet on the first part and the tail on the last."""
        parts = self.paragraph.split(availWidth, availHeight - self.paragraph.style.leading)
        if len(parts) < 2:
            return []
        first = CardText(parts[0], self.bullet, [], self.tail_color)
        last = CardText(parts[-1], None, self.tail, self.tail_color)
        return [first, *parts[1:-1], last]

    def draw(self) -> None:
        """The paragraph, then the bullet and the tail in one text object on top of it."""
        canvas = self.canv
        if self._extra:
            self.paragraph.drawOn(canvas, 0, self._extra)
        else:  # already in place: skip drawOn's extra save, translate and restore
            self.paragraph.canv = canvas
            self.paragraph.draw()
            del self.paragraph.canv
        style = self.paragraph.style
        text = canvas.beginText()
        if self.bullet is not None:
            bullet, color = self.bullet
            font = style.bulletFontName or SANS
            x = style.bulletIndent
            if self.rtl:
                x = self.width - style.bulletIndent - stringWidth(bullet, font, style.bulletFontSize)
            text.setTextOrigin(x, self.height - self._first_ascent())
            text.setFont(font, style.bulletFontSize)
            text.setFillColor(color)
            text.textOut(bullet)
        if self.tail:
            text.setTextOrigin(*self._tail_at)
            text.setFillColor(self.tail_color)
            for font, run in self.tail:
                text.setFont(font, TAIL_SIZE)
                text.textOut(run)
        canvas.drawText(text)

    def getSpaceBefore(self) -> float:
        """The paragraph's space before."""
        return float(self.paragraph.getSpaceBefore())

    def getSpaceAfter(self) -> float:
        """The paragraph's space after."""
        return float(self.paragraph.getSpaceAfter())


def _extra_space(line: Any) -> float:
    """The unused width at the end of a laid-out line (a tuple for plain paragraphs)."""
    return float(line[0] if isinstance(line, tuple) else line.extraSpace)

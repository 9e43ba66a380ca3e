"""Headings that never end a page: each is bound to the start of what follows it.

reportlab's ``keepWithNext`` moves a heading and the whole next flowable to a new page when the
two do not fit, which leaves half a page empty before a long table. :class:`WithNext` instead
lets the next flowable split: the heading stays on the page with the first part (at least two
lines of a paragraph, two rows of a table) or moves on with it.
"""

from __future__ import annotations

from reportlab.platypus import Flowable, Paragraph
from reportlab.platypus.doctemplate import ActionFlowable, FrameBreak
from reportlab.platypus.flowables import CondPageBreak, PageBreak, Spacer

from pmdesk.report.pdf_styles import BODY_HEIGHT

HEADING_STYLES = ("h1", "h2", "h3", "prompt")


class WithNext(Flowable):
    """A heading drawn above the flowable that follows it; split, the heading goes with the first part."""

    def __init__(self, heading: Flowable, body: Flowable) -> None:
        super().__init__()
        self.heading = heading
        self.body = body
        self._heading_height = 0.0

    def _gap(self) -> float:
        return float(self.heading.getSpaceAfter()) + float(self.body.getSpaceBefore())

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        """The heading's height, the gap, and the body's height below."""
        _, self._heading_height = self.heading.wrapOn(self.canv, availWidth, availHeight)
        below = availHeight - self._heading_height - self._gap()
        _, body_height = self.body.wrapOn(self.canv, availWidth, below)
        self.width = availWidth
        self.height = self._heading_height + self._gap() + body_height
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        """The heading and the body's split; nothing (move on together) when no part of the body fits.

        A heading too tall to keep with anything (a third of a page or more) splits on its own, and
        at the top of a page the two go on separately rather than not at all.
        """
        _, heading_height = self.heading.wrapOn(self.canv, availWidth, availHeight)
        if heading_height >= BODY_HEIGHT / 3:
            parts = self.heading.splitOn(self.canv, availWidth, availHeight)
            return [*parts, self.body] if parts else []
        at_top = availHeight >= BODY_HEIGHT - 1
        room = availHeight - heading_height - self._gap()
        parts = self.body.splitOn(self.canv, availWidth, room) if room > 0 else []
        if parts and isinstance(parts[0], ActionFlowable):  # the body asks for a new page (KeepTogether)
            parts = [] if isinstance(parts[0], FrameBreak) else parts[1:]
        if parts:
            return [self.heading, *parts]
        return [self.heading, self.body] if at_top else []

    def draw(self) -> None:
        """The heading at the top, the body below it."""
        self.heading.drawOn(self.canv, 0, self.height - self._heading_height)
        self.body.drawOn(self.canv, 0, 0)

    def getSpaceBefore(self) -> float:
        """The heading's space before."""
        return float(self.heading.getSpaceBefore())

    def getSpaceAfter(self) -> float:
        """The body's space after."""
        return float(self.body.getSpaceAfter())


def is_heading(flowable: Flowable) -> bool:
    """True for a heading paragraph (or a section's prompt, which belongs to its heading)."""
    return isinstance(flowable, Paragraph) and flowable.style.name.split("_")[0] in HEADING_STYLES


def keep_headings(story: list[Flowable]) -> list[Flowable]:
    """The story with every heading bound to the flowable after it (from the end, so chains bind)."""
    out: list[Flowable] = []
    for flowable in reversed(story):
        if out and is_heading(flowable) and not _movable(out[0]):
            out[0] = WithNext(flowable, out[0])
        else:
            out.insert(0, flowable)
    return out


def _movable(flowable: Flowable) -> bool:
    """Page breaks, spacers and actions: not content a heading could be kept with."""
    return isinstance(flowable, ActionFlowable | CondPageBreak | PageBreak | Spacer)

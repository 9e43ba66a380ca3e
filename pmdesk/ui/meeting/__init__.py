"""The meeting's pages, header and presentation mode."""

from pmdesk.ui.page_contract import PageKey

# The meeting's tabs, reserved before the window first shows (the pages come a moment later).
PAGE_TITLES = {PageKey.TONE: "Set the tone", PageKey.FOCUS: "Focus", PageKey.ROOM: "Room view"}

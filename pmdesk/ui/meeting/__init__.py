"""meeting pages of the window."""

# The meeting's tabs, reserved before the window first shows (the pages come a moment later).
PAGE_TITLES = {"tone": "Set the tone", "focus": "Focus", "room": "Room view"}

"""pmdesk: run a blameless incident post-mortem in a meeting room, offline, on a projector."""

__version__ = "0.1.0"

"""The room: participants join from their own devices over the room's network (Qt-free).

``gateway`` is the one path from the room's server to the document; ``server`` serves the
participants' page and its small JSON protocol (docs/room.md).
"""

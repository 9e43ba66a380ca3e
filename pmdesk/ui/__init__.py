"""The Qt window over the document: widgets, item models, undo."""

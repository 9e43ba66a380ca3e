"""facts pages of the window."""

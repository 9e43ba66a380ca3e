"""board pages of the window."""

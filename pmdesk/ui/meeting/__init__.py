"""meeting pages of the window."""

"""Scripts run in a child process on offscreen screens of a chosen size (see tests/ui/screens.py)."""

"""The board's domain model: plain Python, no Qt, no SQL."""

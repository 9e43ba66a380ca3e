"""Exports of a board: PDF report, Markdown, actions CSV, iCalendar, email draft."""

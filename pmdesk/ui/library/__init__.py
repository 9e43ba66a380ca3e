"""File ▸ Library…: search every board in the library's folders, and follow their open actions."""

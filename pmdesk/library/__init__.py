"""The incident library: an index over folders of boards, to search them and follow their actions.

The index is a separate SQLite database (FTS5) in the user's cache folder, never beside the
boards. Boards are read strictly read-only through the store's checks and never written; the
index is updated by each board's path, size and modification time. Qt-free.
"""

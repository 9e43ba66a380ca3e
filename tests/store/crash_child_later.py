"""Child for the crash tests: as crash_child.py, but each card is written on the writer thread.

Each card is applied with ``Document.apply_later`` and its id printed once its Future is done
(durably committed), as the window's room answers a phone. The next card waits for that: the
writer joins cards queued together into one transaction, and the test needs the same writes in
every run to kill the child at each of them.
"""

import sys
from pathlib import Path

from pmdesk.model.card_ops import add_card
from pmdesk.store.document import Document

document = Document.open(Path(sys.argv[1]))
for n in range(int(sys.argv[2])):
    card_id = f"crash-{n}"
    _, durable = document.apply_later(
        add_card(document.board, "lessons", f"card {n} " + "x" * 20_000, card_id=card_id)
    )
    durable.add_done_callback(lambda done, card_id=card_id: done.exception() or print(card_id, flush=True))
    durable.result()
document.close()

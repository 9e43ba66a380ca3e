"""Child for the crash tests: as crash_child.py, but each card is written on the writer thread.

Each card is applied with ``Document.apply_later`` and its id printed once its Future is done
(durably committed), as the window's room answers a phone. The next card is queued from that
moment, on the writer thread, before it looks for more work: every card is its own transaction,
written by one and the same thread. The test kills the child at writes it counted in an earlier
run, and strace counts a thread's writes on their own (a new writer thread would start again at
one, two cards queued at once could share a transaction): the child makes the same writes, on
the same thread, in every run.
"""

import sys
import threading
from concurrent.futures import Future
from pathlib import Path

from pmdesk.model.card_ops import add_card
from pmdesk.store.document import Document

document = Document.open(Path(sys.argv[1]))
count = int(sys.argv[2])
finished = threading.Event()


def add(n: int) -> None:
    """Queue card ``n``; once it is durable, acknowledge it and queue the next one."""
    card_id = f"crash-{n}"
    _, durable = document.apply_later(
        add_card(document.board, "lessons", f"card {n} " + "x" * 20_000, card_id=card_id)
    )
    durable.add_done_callback(lambda done: acknowledged(done, n, card_id))


def acknowledged(done: Future[None], n: int, card_id: str) -> None:
    """Print the card's id (it is durable), then queue the next card from this same thread."""
    if done.exception() is not None:
        finished.set()
        return
    print(card_id, flush=True)
    if n + 1 < count:
        add(n + 1)
    else:
        finished.set()


add(0)
finished.wait()
document.close()

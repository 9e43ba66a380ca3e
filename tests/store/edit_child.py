"""Child process for the SIGKILL test: add cards forever, printing each id once it is committed."""

import sys
from pathlib import Path

from pmdesk.model.card_ops import add_card
from pmdesk.store.document import Document

document = Document.open(Path(sys.argv[1]))
prefix = sys.argv[2]
for n in range(1_000_000):
    card_id = f"{prefix}-{n}"
    document.apply(add_card(document.board, "lessons", f"card {n}", card_id=card_id))
    print(card_id, flush=True)

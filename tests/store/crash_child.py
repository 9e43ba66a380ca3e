"""Child for the crash tests: add COUNT cards of several pages each, printing each id once committed."""

import sys
from pathlib import Path

from pmdesk.model.card_ops import add_card
from pmdesk.store.document import Document

document = Document.open(Path(sys.argv[1]))
for n in range(int(sys.argv[2])):
    card_id = f"crash-{n}"
    # 20,000 characters: the transaction grows the file by several pages after page 1.
    document.apply(add_card(document.board, "lessons", f"card {n} " + "x" * 20_000, card_id=card_id))
    print(card_id, flush=True)
document.close()

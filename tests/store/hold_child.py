"""Child process that keeps a board open until its stdin closes."""

import sys
from pathlib import Path

from pmdesk.store.document import Document

document = Document.open(Path(sys.argv[1]))
print("open", flush=True)
sys.stdin.read()
document.close()

"""``pmdesk export --format pdf --library FOLDER``: the report's "Related incidents", read back."""

from __future__ import annotations

from pathlib import Path

from pypdf import PdfReader

from pmdesk.model.demo import demo_board
from tests.library.boards import earlier_incidents, pmdesk, write

HOSTILE = "<b>Pool</b> & <img src=x> exhausted"


def pdf_text(path: Path) -> str:
    return " ".join(" ".join(page.extract_text().split()) for page in PdfReader(path).pages)


def test_pdf_lists_related_incidents_and_their_open_actions(tmp_path: Path, env: dict[str, str]) -> None:
    library = tmp_path / "library"
    earlier_incidents(library / "2026", HOSTILE, "Closed already")
    (library / "junk.pmdesk").write_bytes(b"not a board")
    current = write(tmp_path / "now.pmdesk", demo_board())
    before = (library / "2026" / "failover.pmdesk").read_bytes()

    done = pmdesk(
        "export", current, "--format", "pdf", "--library", library, "-o", tmp_path / "r.pdf", env=env
    )
    assert done.returncode == 0, done.stderr
    assert "skipped" in done.stderr and "junk.pmdesk" in done.stderr
    text = pdf_text(tmp_path / "r.pdf")
    related = text[text.index("Related incidents", text.index("Wrap-up")) :]
    assert "Checkout database failover" in related and "Wed 04 Mar 2026" in related
    assert "same services: checkout-api" in related
    assert HOSTILE in related and "overdue" in related  # plain text, and past its due date
    assert "Closed already" not in related and "CDN certificate" not in related
    assert (library / "2026" / "failover.pmdesk").read_bytes() == before  # boards only read
    assert not list(library.glob("*-journal")) and not list(library.glob("*.sqlite3"))

    plain = pmdesk("export", current, "--format", "pdf", "-o", tmp_path / "p.pdf", env=env)
    assert plain.returncode == 0 and "Related incidents" not in pdf_text(tmp_path / "p.pdf")


def test_library_is_for_the_pdf_only_and_a_missing_folder_is_one_line(
    tmp_path: Path, env: dict[str, str]
) -> None:
    current = write(tmp_path / "now.pmdesk", demo_board())
    wrong = pmdesk(
        "export", current, "--format", "md", "--library", tmp_path, "-o", tmp_path / "r.md", env=env
    )
    assert wrong.returncode == 2 and "--format pdf" in wrong.stderr and not (tmp_path / "r.md").exists()
    missing = pmdesk(
        "export",
        current,
        "--format",
        "pdf",
        "--library",
        tmp_path / "nope",
        "-o",
        tmp_path / "r.pdf",
        env=env,
    )
    assert missing.returncode == 2 and "no such folder" in missing.stderr
    assert len(missing.stderr.strip().splitlines()) == 1 and not (tmp_path / "r.pdf").exists()
    helped = pmdesk("export", "--help", env=env)
    assert "--library FOLDER" in helped.stdout and "Related incidents" in helped.stdout

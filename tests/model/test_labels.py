"""Names of values and files."""

from __future__ import annotations

from pmdesk.model.labels import label, safe_attachment_name, safe_file_stem


def test_enum_values_read_as_words() -> None:
    assert label("customer-impact") == "Customer impact"
    assert label("in-progress") == "In progress"
    assert label("detection") == "Detection"


def test_file_stems_keep_letters_and_drop_path_characters() -> None:
    assert safe_file_stem("Checkout / API: down") == "Checkout - API- down"
    assert safe_file_stem("../../etc") == "etc"
    assert safe_file_stem("???") == "post-mortem"
    assert safe_file_stem("", fallback="board") == "board"
    assert len(safe_file_stem("x" * 300)) == 80


def test_attachment_names_are_plain_ascii() -> None:
    assert safe_attachment_name("post-mortem-INC 7/é.pdf") == "post-mortem-INC-7--.pdf"

"""The participants' page: plain HTML, CSS and JavaScript shipped in pmdesk/resources/room/."""

from __future__ import annotations

import os
import re

from pmdesk.resources import resource_text

STATIC = {
    "room.js": "text/javascript; charset=utf-8",
    "room.css": "text/css; charset=utf-8",
    "icon.svg": "image/svg+xml",
}
LANG = re.compile(r"[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8}){0,3}\Z")
# Languages written right to left (the page's ``dir`` follows the room's language).
RTL_LANGUAGES = {"ar", "arc", "ckb", "dv", "fa", "he", "iw", "ks", "ps", "sd", "ug", "ur", "yi"}


def direction_of(lang: str) -> str:
    """``rtl`` for a language written right to left, else ``ltr``."""
    return "rtl" if lang.split("-")[0].split("_")[0].lower() in RTL_LANGUAGES else "ltr"


def room_language(environ: dict[str, str] | None = None) -> str:
    """The room's language from the locale (``LC_ALL``, ``LC_MESSAGES``, ``LANG``), as a BCP 47 tag."""
    env = os.environ if environ is None else environ
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(name, "")
        tag = value.split(".")[0].split("@")[0].replace("_", "-")
        if tag and tag not in ("C", "POSIX") and LANG.match(tag):
            return tag
    return "en"


def page_html(base: str, lang: str, direction: str) -> bytes:
    """The page for the join URL ``base`` (``/j/TOKEN``), in the room's language and direction."""
    if not LANG.match(lang):
        lang = "en"
    if direction not in ("ltr", "rtl"):
        direction = "ltr"
    text = resource_text("room", "index.html")
    for name, value in (("BASE", base), ("LANG", lang), ("DIR", direction)):
        text = text.replace("{{" + name + "}}", value)
    return text.encode("utf-8")


def assets() -> dict[str, bytes]:
    """The page's script and style sheet, by the name the page asks for."""
    found = {name: resource_text("room", name).encode("utf-8") for name in STATIC if name != "icon.svg"}
    found["icon.svg"] = resource_text("icons", "pmdesk.svg").encode("utf-8")
    return found

"""What the visitor reads of a chat line: who said it, the words in the visitor's language, and under them what was
said when it differs (or, for a clerk's line with no translation into the visitor's language, a note saying so, in
their language: never bare Korean). A corrected clerk's line is marked ✎; one the recogniser heard again says so by
the name, since its words changed.
"""

from __future__ import annotations

from base.events import Role, TranscriptEntry
from ui.chat_view import Languages
from ui.strings import tr


def speaker(role: Role, language: str | None) -> str:
    """Who said a line, as the visitor reads it: "you" or "clerk"."""
    return tr("you" if role is Role.VISITOR else "clerk", language)


def entry_texts(entry: TranscriptEntry, language: str | None) -> tuple[str, str, str, Languages]:
    """``entry`` for a visitor reading ``language``: who, the line, the original under it, and their languages."""
    own = entry.correction if entry.role is Role.CLERK and entry.correction else entry.text
    text = own if entry.language == language else entry.translations.get(language or "", own)
    line = text + (" ✎" if entry.correction and entry.role is Role.CLERK else "")
    original = "" if entry.language == language else own
    said = (language if text is not own else entry.language, entry.language)
    if entry.role is Role.CLERK and entry.language != language and text is own:
        original, said = tr("not_translated", language), (entry.language, language)
    who = speaker(entry.role, language)
    who += f" · {tr('heard_again', language)}" if entry.first_reading else ""  # its words changed: say why
    return who, line, original, said

"""Translating one line of the conversation into the other party's language."""

from __future__ import annotations

import logging
from collections.abc import Callable

from base.errors import InputError, KioskError, TranslationUnavailable
from base.events import Notice, SessionEvent
from translations.mt import Translator
from translations.phrasebook import Phrasebook

log = logging.getLogger(__name__)


class LineTranslator:
    """The kiosk's translator for conversation lines; None: lines are shown untranslated."""

    def __init__(self, translator: Translator | None, emit: Callable[[SessionEvent], None]) -> None:
        self._translator = translator
        self._emit = emit

    @property
    def translator(self) -> Translator | None:
        """The translator in use (read only: swap it with :meth:`use_translator`)."""
        return self._translator

    def use_translator(self, translator: Translator | None) -> None:
        """Translate with ``translator`` from the next line on (e.g. after a pack was installed)."""
        self._translator = translator

    def translate(self, text: str, source: str, target: str, provenance: str) -> tuple[dict[str, str], str]:
        """The line in ``target`` and its provenance; ``({}, provenance)`` when not possible.

        No phrase and no pack: the line is shown untranslated. A damaged pack: untranslated, and the clerk
        is told (``translation_failed``).
        """
        translator = self._translator
        if translator is None or target == source:
            return {}, provenance
        try:
            result = translator.translate(text, source, target)
        except TranslationUnavailable as exc:
            log.info("line not translated: %s", exc.message_en)
            return {}, provenance
        except KioskError as exc:
            log.warning("translation failed: %s", exc.message_en)
            self._emit(Notice("translation_failed", exc.message_ko, exc.message_en, "warning"))
            return {}, provenance
        log.debug("translated %s->%s by %s in %.0f ms", source, target, result.provenance, result.seconds * 1000)
        return {target: result.text}, result.provenance


def phrase_line(phrasebook: Phrasebook, phrase_id: str, own: str, other: str) -> tuple[str, str, dict[str, str]]:
    """A curated phrase as a line: its text and language for the speaker, and its reviewed translations.

    The speaker's own language when the phrase has it, else Korean; translations into both parties' languages.
    """
    try:
        phrase = phrasebook.get(phrase_id)
    except KeyError:
        raise InputError("없는 문구입니다", f"unknown phrase {phrase_id!r}") from None
    text = phrase.text(own) or phrase.texts["ko"]
    translations = {lang: t for lang in {own, other} if (t := phrase.text(lang)) and t != text}
    return text, own if phrase.text(own) else "ko", translations

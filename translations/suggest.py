"""The nearest reviewed phrases for a line that is neither a phrase nor a template: one tap to send.

Phrases and templates are ranked by similarity to the line in the speaker's language, on the same
skeleton that template matching uses (:meth:`~translations.templates.Templates.skeleton`): values
become one marker per kind, fillers (네, 음, 좀, um, 嗯, dạ, えっと ...) and polite-ending variants
(주시겠어요 / 주실래요 -> 주세요, 합니다 -> 해요 ...) are taken out, spacing and punctuation do not count.
Korean is compared letter by letter (jamo), so a recognition slip such as 꼽아/꽂아 costs one letter,
not one syllable. Scores are RapidFuzz's normalised Indel similarity, 0..100.

A template is offered only when the line's values fill exactly its slots, and it is offered filled
with them; when the line has a number (money, window, time, date ...), only such templates are
offered, so a tap never loses a number. A suggestion at or above :data:`SEND_THRESHOLD` is close enough
to be pre-selected; below it the screen may still show it, and without a tap the raw line goes
untranslated and marked as today.

Engine API for the UI (through kiosk/): ``Suggester(phrasebook, templates)`` (or
:func:`build_suggester`), ``.suggest(text, source, target, limit=3) -> list[Suggestion]``.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from translations.glossary import Glossary
from translations.phrasebook import Phrase, Phrasebook
from translations.templates import Template, Templates, load_templates
from translations.values import NUMERIC, Value

SEND_THRESHOLD = 80.0  # measured on tests/data/counter_lines.tsv (self-written): see tests/test_suggest.py
SHORTLIST = 24  # candidates scored before the slot check


@dataclass(frozen=True)
class Suggestion:
    """A reviewed phrase or filled template offered for a line."""

    id: str  # phrase id or template id
    text: str  # in the speaker's language
    translation: str  # in the target language
    score: float  # 0..100, higher is closer
    slots: dict[str, int | str] = field(default_factory=dict)  # a template's values (empty for a phrase)

    @property
    def sendable(self) -> bool:
        """Close enough to pre-select for one-tap sending."""
        return self.score >= SEND_THRESHOLD


def letters(key: str, lang: str) -> str:
    """Korean syllables split into jamo (NFD) so that one wrong consonant costs little."""
    return unicodedata.normalize("NFD", key) if lang == "ko" else key


class Suggester:
    """Ranks phrases and templates for a line; candidate keys are built once per language."""

    def __init__(self, phrasebook: Phrasebook, templates: Templates, threshold: float = SEND_THRESHOLD) -> None:
        self.phrasebook, self.templates, self.threshold = phrasebook, templates, threshold
        self._candidates: dict[str, tuple[list[str], list[Phrase | Template]]] = {}

    def _index(self, lang: str) -> tuple[list[str], list[Phrase | Template]]:
        if lang not in self._candidates:
            keys: list[str] = []
            items: list[Phrase | Template] = []
            for phrase in self.phrasebook:
                if phrase.text(lang):
                    keys.append(letters(self.templates.skeleton(phrase.texts[lang], lang)[0], lang))
                    items.append(phrase)
            if lang in self.templates.languages:
                for key, template in self.templates.candidates(lang):
                    keys.append(letters(key, lang))
                    items.append(template)
            self._candidates[lang] = (keys, items)
        return self._candidates[lang]

    def suggest(self, text: str, source: str, target: str, limit: int = 3) -> list[Suggestion]:
        """Up to ``limit`` reviewed phrases or filled templates nearest to ``text``, best first."""
        key, values = self.templates.skeleton(text, source)
        keys, items = self._index(source)
        if (not key and not values) or not keys:
            return []
        has_number = any(v.kind in NUMERIC for v in values)
        ranked = process.extract(letters(key, source), keys, scorer=fuzz.ratio, limit=SHORTLIST)
        best: dict[str, Suggestion] = {}
        for _, score, index in ranked:
            suggestion = self._offer(items[index], values, has_number, source, target, round(score, 1))
            if suggestion and (suggestion.id not in best or best[suggestion.id].score < suggestion.score):
                best[suggestion.id] = suggestion
        return sorted(best.values(), key=lambda s: -s.score)[:limit]

    def _offer(
        self, item: Phrase | Template, values: list[Value], has_number: bool, source: str, target: str, score: float
    ) -> Suggestion | None:
        if isinstance(item, Phrase):
            translation = item.text(target)
            if has_number or translation is None:
                return None
            return Suggestion(item.phrase_id, item.texts[source], translation, score)
        if not self.templates.can_render(item, target):
            return None
        slots = self.templates.slots_for(item, values, source)
        if slots is None:
            return None
        return Suggestion(
            item.template_id,
            self.templates.render(item, slots, source),
            self.templates.render(item, slots, target),
            score,
            slots,
        )


def build_suggester(phrasebook: Phrasebook, glossary: Glossary, templates: Templates | None = None) -> Suggester:
    """The kiosk's suggester over the reviewed phrasebook and the templates (loaded with ``glossary``)."""
    return Suggester(phrasebook, templates or load_templates(glossary=glossary))

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
to be pre-selected; below it the screen may still show it (nothing under :data:`OFFER_THRESHOLD`
is offered), and without a tap the raw line goes
untranslated and marked as today.

Engine API for the UI (through kiosk/): ``Suggester(phrasebook, templates)`` (or
:func:`build_suggester`), ``.prepare(languages)`` at start-up, then
``.suggest(text, source, target, limit=3, role=None) -> list[Suggestion]``; a chosen suggestion is sent
as its ``translation`` (provenance "phrasebook" or "template", ``id`` as the phrase id) and the raw
line stays in the transcript as what was said.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from translations.glossary import Glossary
from translations.phrasebook import Phrase, Phrasebook, said_by
from translations.templates import Template, Templates, load_templates
from translations.values import NUMERIC, Value

SEND_THRESHOLD = 90.0  # chosen on tests/data/counter_lines.tsv (self-written): wrong sendable <= 5 %
OFFER_THRESHOLD = 50.0  # below this a candidate is noise ("음" alone offers nothing)
SHORTLIST = 16  # best candidates of each kind kept before the slot check


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


def item_id(item: Phrase | Template) -> str:
    """The id a suggestion carries: a phrase id or a template id."""
    return item.phrase_id if isinstance(item, Phrase) else item.template_id


class Suggester:
    """Ranks phrases and templates for a line; candidate keys are built once per language."""

    def __init__(self, phrasebook: Phrasebook, templates: Templates, threshold: float = SEND_THRESHOLD) -> None:
        self.phrasebook, self.templates, self.threshold = phrasebook, templates, threshold
        self._candidates: dict[str, tuple[tuple[list[str], list[Phrase]], tuple[list[str], list[Template]]]] = {}

    def prepare(self, languages: tuple[str, ...] | list[str]) -> None:
        """Build the candidate keys for ``languages`` now (about 20 ms each) instead of on the first line."""
        for lang in languages:
            self._index(lang)

    def _index(self, lang: str) -> tuple[tuple[list[str], list[Phrase]], tuple[list[str], list[Template]]]:
        """(phrase keys, phrases) with document names as words, (template keys, templates) with markers."""
        if lang not in self._candidates:
            said = [(t, p) for p in self.phrasebook if p.text(lang) for t in (p.texts[lang], *p.also.get(lang, ()))]
            phrases = [p for _, p in said]
            phrase_keys = [letters(self.templates.skeleton(text, lang, NUMERIC)[0], lang) for text, _ in said]
            rows = self.templates.candidates(lang) if lang in self.templates.languages else []
            self._candidates[lang] = (phrase_keys, phrases), ([letters(k, lang) for k, _ in rows], [t for _, t in rows])
        return self._candidates[lang]

    def suggest(self, text: str, source: str, target: str, limit: int = 3, role: str | None = None) -> list[Suggestion]:
        """Up to ``limit`` reviewed phrases or filled templates nearest to ``text``, best first.

        ``role`` ("clerk" or "visitor") keeps to what that person says; None offers both."""
        key, values = self.templates.skeleton(text, source)
        if not key and not values:
            return []
        worded = letters(self.templates.skeleton(text, source, NUMERIC)[0], source)  # document names kept
        has_number = any(v.kind in NUMERIC for v in values)
        (phrase_keys, phrases), (template_keys, templates) = self._index(source)
        ranked: list[tuple[float, Phrase | Template]] = []
        if not has_number:  # a phrase would lose the number
            found = process.extract(worded, phrase_keys, scorer=fuzz.ratio, limit=SHORTLIST)
            ranked += [(score, phrases[i]) for _, score, i in found]
        found = process.extract(letters(key, source), template_keys, scorer=fuzz.ratio, limit=SHORTLIST)
        ranked += [(score, templates[i]) for _, score, i in found]
        best: dict[str, Suggestion] = {}
        for score, item in sorted(ranked, key=lambda pair: -pair[0]):
            if score < OFFER_THRESHOLD:
                break
            if item_id(item) in best or not said_by(item.role, role):
                continue
            suggestion = self._offer(item, values, source, target, round(score, 1))
            if suggestion and all(s.text != suggestion.text for s in best.values()):
                best[suggestion.id] = suggestion
                if len(best) == limit:
                    break
        return list(best.values())

    def _offer(
        self, item: Phrase | Template, values: list[Value], source: str, target: str, score: float
    ) -> Suggestion | None:
        if isinstance(item, Phrase):
            translation = item.text(target)
            if translation is None:
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

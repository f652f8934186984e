"""Reviewed sentence templates with slots: "수수료는 {fee}입니다." in ko/en/zh/vi/ja, one value per slot.

A template is translated by people like a phrase; only its slot values (money, window numbers, times,
dates, documents ... see :mod:`translations.values`) change. ``translations/data/templates.json`` holds
the templates, the counter words per language ("units"), Babel time patterns ("render") and the
spoken forms that do not change a line's meaning ("spoken": fillers, polite endings).

Matching works on a *skeleton*: the line's values are found and replaced by one marker per kind, the
rest is normalised (no case, spaces or punctuation; Korean particles after a value unified, so
을/를 and 이/가 do not matter). A template's skeleton is made the same way from the template rendered
with sample values, so the two always agree; a value written in a template's own words (e.g. 1通)
must then be the same in the line. Engine API:

- ``load_templates(path, glossary) -> Templates``
- ``Templates.match(text, lang) -> TemplateMatch | None``: ``.template.template_id``, ``.slots`` {name: value}
- ``Templates.render(template, slots, lang) -> str``: the reviewed text with the values written for ``lang``
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from base.languages import language
from translations.glossary import Glossary, load_glossary
from translations.phrasebook import ROLES, said_by
from translations.values import KINDS, Value, ValueReader

DEFAULT_FILE = Path(__file__).resolve().parent / "data" / "templates.json"
SLOT = re.compile(r"\{(\w+)\}")
MARK = {kind: chr(0xE000 + i) for i, kind in enumerate(KINDS)}  # one private-use character per kind
SAMPLES: dict[str, int | str] = {"money": 4300, "number": 7, "copies": 3, "people": 4, "minutes": 15, "hours": 3}
SAMPLES |= {"days": 5, "time": "15:40", "date": "11-27", "weekday": 3}
# Korean particles after a value: (after a consonant, after a vowel); templates are written with the first
PARTICLES = (("이에요", "예요"), ("으로", "로"), ("을", "를"), ("이", "가"), ("은", "는"), ("과", "와"))
_UNIFY = re.compile(rf"([{''.join(MARK.values())}])(예요|로|를|가|는|와)")
_CANONICAL = {vowel: consonant for consonant, vowel in PARTICLES}
DIGIT_FINALS = {"0": 21, "1": 8, "3": 16, "6": 1, "7": 8, "8": 8}  # 영 일 삼 육 칠 팔: final ㅇ ㄹ ㅁ ㄱ ㄹ ㄹ


@dataclass(frozen=True)
class Template:
    """One reviewed template: slots {name: kind} and a text per language with ``{name}`` in it."""

    template_id: str
    role: str
    category: str
    slots: dict[str, str]
    texts: dict[str, str]
    also: dict[str, tuple[str, ...]] = field(default_factory=dict)  # more ways to say it (matching only)


@dataclass(frozen=True)
class TemplateMatch:
    """A line that is a template: which one, and its slot values (language-neutral)."""

    template: Template
    slots: dict[str, int | str]


def normalise(text: str) -> str:
    """The phrasebook match key: NFKC, case-folded, no punctuation or spaces (letters and digits only)."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    return "".join(ch for ch in folded if unicodedata.category(ch)[0] in "LN")


def korean_particles(text: str, value_end: int) -> str:
    """Pick 을/를, 이/가 ... right after a rendered value ending at ``value_end`` by its last sound."""
    last = text[value_end - 1] if value_end else ""
    if "가" <= last <= "힣":
        final = (ord(last) - 0xAC00) % 28
    elif last.isdigit():
        final = DIGIT_FINALS.get(last, 0)
    else:
        final = 1
    rest = text[value_end:]
    for consonant, vowel in PARTICLES:
        if rest.startswith(consonant) or rest.startswith(vowel):
            length = len(consonant) if rest.startswith(consonant) else len(vowel)
            rieul = consonant == "으로" and final == 8  # a final ㄹ takes 로
            chosen = consonant if final and not rieul else vowel
            return text[:value_end] + chosen + rest[length:]
    return text


class Templates:
    """The loaded templates, matched by skeleton and rendered per language."""

    def __init__(self, templates: list[Template], reader: ValueReader, spoken: dict, languages: tuple[str, ...]):
        self.templates, self.reader, self.spoken, self.languages = templates, reader, spoken, languages
        self._by_key: dict[tuple[str, str], list[tuple[Template, list[str | None], list[Value]]]] = {}
        for template in templates:
            for lang in filter(lambda code: self.can_render(template, code), languages):
                for text in (template.texts[lang], *template.also.get(lang, ())):
                    key, names, fixed = self._template_skeleton(template, text, lang)
                    self._by_key.setdefault((lang, key), []).append((template, names, fixed))

    def __len__(self) -> int:
        return len(self.templates)

    def skeleton(self, text: str, lang: str, marked: frozenset[str] = frozenset(KINDS)) -> tuple[str, list[Value]]:
        """The line's values and its key: normalised text with one marker per value of a ``marked`` kind
        (other values stay words), spoken forms removed."""
        values = self.reader.find(text, lang)
        key = self._joined(text, lang, [v for v in values if v.kind in marked], fillers=True)
        if not key:  # "네" alone is an answer, not a filler
            key = self._joined(text, lang, [v for v in values if v.kind in marked], fillers=False)
        for pattern, replacement in self.spoken.get(lang, {}).get("endings", []):
            key = re.sub(pattern, replacement, key)
        return key, values

    def _joined(self, text: str, lang: str, values: list[Value], fillers: bool) -> str:
        parts, position = [], 0
        for value in values:
            part = text[position : value.start]
            parts += [normalise(self._without_fillers(part, lang) if fillers else part), MARK[value.kind]]
            position = value.end
        rest = text[position:]
        parts.append(normalise(self._without_fillers(rest, lang) if fillers else rest))
        return _UNIFY.sub(lambda m: m.group(1) + _CANONICAL[m.group(2)], "".join(parts))

    def _without_fillers(self, text: str, lang: str) -> str:
        fillers = self.spoken.get(lang, {}).get("fillers", [])
        if not fillers:
            return text
        words = "|".join(re.escape(f) for f in sorted(fillers, key=len, reverse=True))
        edge = r"(?<!\w)({})(?!\w)" if language(lang).spaced else "({})"
        return re.sub(edge.format(words), " ", text, flags=re.IGNORECASE)

    def _template_skeleton(self, template: Template, text: str, lang: str) -> tuple[str, list[str | None], list[Value]]:
        """Key of ``text`` rendered with sample values; which slot each found value fills (None: fixed)."""
        rendered, spans = self._fill(template, text, {n: SAMPLES.get(k, "") for n, k in template.slots.items()}, lang)
        key, values = self.skeleton(rendered, lang)
        names = [next((n for n, (s, e) in spans.items() if v.start < e and s < v.end), None) for v in values]
        if sorted(n for n in names if n) != sorted(template.slots) or len(set(filter(None, names))) < len(spans):
            raise ValueError(f"template {template.template_id} ({lang}): slots do not read back from {rendered!r}")
        return key, names, [v for v, n in zip(values, names, strict=True) if n is None]

    def _fill(self, template: Template, text: str, slots: dict, lang: str) -> tuple[str, dict[str, tuple[int, int]]]:
        out, spans, position = "", {}, 0
        for match in SLOT.finditer(text):
            name = match.group(1)
            kind = template.slots[name]
            value = slots[name] or self._sample_document()
            out += text[position : match.start()]
            rendered = self.reader.render(kind, value, lang)
            spans[name] = (len(out), len(out) + len(rendered))
            out += rendered
            position = match.end()
        out += text[position:]
        if lang == "ko":
            for _, end in sorted(spans.values(), reverse=True):
                out = korean_particles(out, end)
        return out, spans

    def can_render(self, template: Template, lang: str) -> bool:
        """False when ``template`` names a document and the glossary has no terms in ``lang``."""
        return lang in template.texts and ("document" not in template.slots.values() or self.reader.has_terms(lang))

    def _sample_document(self) -> str:
        return next(iter(self.reader._terms("ko").values()), "")

    def match(self, text: str, lang: str, role: str | None = None) -> TemplateMatch | None:
        """The template this line says, with its values; None when no template fits exactly.

        With ``role`` only templates said by that role (or by both) count: "신분증 주세요" from the clerk asks
        for the visitor's ID, from a visitor it would ask for a document."""
        key, values = self.skeleton(text, lang)
        if not values:
            return None
        for template, names, fixed in self._by_key.get((lang, key), []):
            if not said_by(template.role, role):
                continue
            free = [v for v, n in zip(values, names, strict=False) if n is None]
            if [(v.kind, v.value) for v in free] == [(v.kind, v.value) for v in fixed]:
                slots = {n: v.value for v, n in zip(values, names, strict=False) if n}
                return TemplateMatch(template, slots)
        return None

    def candidates(self, lang: str) -> list[tuple[str, Template]]:
        """(skeleton key, template) for every way a template is said in ``lang`` (for suggestions)."""
        return [(key, t) for (code, key), rows in self._by_key.items() if code == lang for t, _, _ in rows]

    def slots_for(self, template: Template, values: list[Value], lang: str) -> dict[str, int | str] | None:
        """Values of a line put into ``template``'s slots in the order the template says them; None if they differ."""
        text = template.texts[lang]
        order = [template.slots[n] for n in SLOT.findall(text)]
        if sorted(order) != sorted(v.kind for v in values):
            return None
        remaining = list(values)
        slots: dict[str, int | str] = {}
        for name in SLOT.findall(text):
            value = next(v for v in remaining if v.kind == template.slots[name])
            remaining.remove(value)
            slots[name] = value.value
        return slots

    def render(self, template: Template, slots: dict[str, int | str], lang: str) -> str:
        """``template`` in ``lang`` with ``slots`` written in that language's own form."""
        return self._fill(template, template.texts[lang], slots, lang)[0]


def load_templates(path: Path = DEFAULT_FILE, glossary: Glossary | None = None) -> Templates:
    """Read and check the templates file: ids, roles, known kinds, every language, slots that read back."""
    data = json.loads(path.read_text(encoding="utf-8"))
    languages = tuple(data["languages"])
    templates = []
    for item in data["templates"]:
        slots = item.get("slots", {})
        texts = {code: item.get(code, "").strip() for code in languages}
        ok = item.get("id") and item.get("role") in ROLES and slots and set(slots.values()) <= set(KINDS)
        if not ok or not all(sorted(SLOT.findall(texts[c])) == sorted(slots) for c in languages):
            raise ValueError(
                f"templates {path}: {item.get('id')!r} needs an id, a role, known slot kinds and "
                f"every slot once in each of {', '.join(languages)}"
            )
        also = {code: tuple(texts) for code, texts in item.get("also", {}).items()}
        templates.append(Template(item["id"], item["role"], item.get("category", "general"), slots, texts, also))
    reader = ValueReader(data["units"], data["render"], glossary if glossary is not None else load_glossary())
    return Templates(templates, reader, data.get("spoken", {}), languages)

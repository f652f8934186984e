"""Text translation, composed from small translators (argos-translate's ITranslation idea).

Every translator answers ``supports(source, target)`` and ``translate(text, source, target)``, which
returns a :class:`~base.events.Translation` (text, provenance, seconds) or raises
:class:`~base.errors.TranslationUnavailable`. The kiosk's chain (:func:`build_translator`) is::

    Chain( Phrasebook,  Template,  Cached( Glossary( PackRouter ) ) )

so a curated phrase wins, then a reviewed template with its values (:mod:`translations.templates`),
then a direct pack, then two packs through English; the provenance (``phrasebook``, ``template``,
``machine``, ``pivot``) travels with the result to the clerk's screen. A phrase or template answer is
a :class:`ReviewedTranslation`: a ``Translation`` that also carries ``phrase_id`` and ``slots``
(``kiosk translate --json`` prints them as "phrase_id" and "slots"). For a line nobody translated,
:mod:`translations.suggest` offers the nearest reviewed phrases (after this chain, before the original).
"""

from __future__ import annotations

import logging
import re
import threading
import time
from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Protocol

from base.errors import PackError, TranslationUnavailable
from base.events import Translation
from translations.glossary import Glossary, restore, speaker_role
from translations.languages import route
from translations.packs import InstalledPack
from translations.phrasebook import Phrasebook
from translations.sentences import joiner, split_sentences
from translations.templates import Templates, load_templates, normalise

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class MtOptions:
    """How packs are run."""

    beam_size: int = 2  # Argos uses 4; 2 keeps counter lines under ~0.2 s on 2 cores
    cpu_threads: int = 2  # CTranslate2 intra_threads
    max_decoding_length: int = 256  # tokens per sentence: a bound on time for a runaway input
    cache_entries: int = 512


@dataclass(frozen=True)
class ReviewedTranslation(Translation):
    """A phrasebook or template answer: which reviewed text it was, and the template's slot values."""

    phrase_id: str = ""
    slots: dict[str, int | str] = field(default_factory=dict)


class Translator(Protocol):
    """Anything that translates text between two language codes."""

    def supports(self, source: str, target: str) -> bool: ...

    def translate(self, text: str, source: str, target: str) -> Translation: ...


def unavailable(source: str, target: str) -> TranslationUnavailable:
    """The error for a pair nobody can translate."""
    return TranslationUnavailable(
        f"{source}→{target} 번역을 할 수 없습니다(문구집에 없는 문장이고 언어 팩도 없습니다)",
        f"cannot translate {source}->{target}: not a phrasebook phrase and no language pack installed",
        hint="kiosk packs install /media/usb",
    )


class IdentityTranslator:
    """Returns the text unchanged (tests and same-language pairs)."""

    def supports(self, source: str, target: str) -> bool:
        return True

    def translate(self, text: str, source: str, target: str) -> Translation:
        return Translation(text, source, target, "identity", 0.0)


class PhrasebookTranslator:
    """Exact, human translations of the curated phrases; works with no model at all."""

    def __init__(self, phrasebook: Phrasebook) -> None:
        self.phrasebook = phrasebook
        self._index: dict[tuple[str, str], str] = {}
        for phrase in phrasebook:
            for language, text in phrase.texts.items():
                self._index.setdefault((language, normalise(text)), phrase.phrase_id)
            for language, texts in phrase.also.items():
                for text in texts:
                    self._index.setdefault((language, normalise(text)), phrase.phrase_id)

    def supports(self, source: str, target: str) -> bool:
        return {source, target} <= set(self.phrasebook.languages)

    def translate(self, text: str, source: str, target: str) -> Translation:
        started = time.perf_counter()
        phrase_id = self._index.get((source, normalise(text)))
        found = self.phrasebook.get(phrase_id).text(target) if phrase_id else None
        if not found or phrase_id is None:
            raise unavailable(source, target)
        return ReviewedTranslation(found, source, target, "phrasebook", time.perf_counter() - started, phrase_id)


class TemplateTranslator:
    """Reviewed templates with their values written for the target language (no model needed)."""

    def __init__(self, templates: Templates) -> None:
        self.templates = templates

    def supports(self, source: str, target: str) -> bool:
        return {source, target} <= set(self.templates.languages)

    def translate(self, text: str, source: str, target: str) -> Translation:
        started = time.perf_counter()
        match = self.templates.match(text, source, role=speaker_role(source))
        if match is None or not self.templates.can_render(match.template, target):
            raise unavailable(source, target)
        rendered = self.templates.render(match.template, match.slots, target)
        seconds = time.perf_counter() - started
        return ReviewedTranslation(
            rendered, source, target, "template", seconds, match.template.template_id, dict(match.slots)
        )


def import_engine() -> tuple:
    """Import CTranslate2 and SentencePiece (the modules), once per process.

    Their first import loads native libraries while holding the interpreter (~70 ms here): done while
    the screens run, say on the worker that installs the first pack, it freezes them. The kiosk therefore
    imports them at start-up (:func:`kiosk.translation.kiosk_translator`), even with no pack installed.
    """
    import ctranslate2
    import sentencepiece

    return ctranslate2, sentencepiece


class ArgosPackTranslator:
    """One installed Argos pack run with CTranslate2 and SentencePiece directly (no stanza, no torch)."""

    def __init__(self, pack: InstalledPack, options: MtOptions | None = None) -> None:
        self.pack = pack
        self.options = options or MtOptions()
        self._lock = threading.Lock()
        self._loaded: tuple | None = None

    def supports(self, source: str, target: str) -> bool:
        return (source, target) == self.pack.pair

    def load(self) -> tuple:
        """The CTranslate2 translator and the SentencePiece processor, loaded once (thread-safe)."""
        with self._lock:
            if self._loaded is None:
                ctranslate2, sentencepiece = import_engine()

                try:
                    translator = ctranslate2.Translator(
                        str(self.pack.model_dir), device="cpu", intra_threads=self.options.cpu_threads
                    )
                    tokenizer = sentencepiece.SentencePieceProcessor(model_file=str(self.pack.sentencepiece))
                except (
                    RuntimeError,
                    OSError,
                    ValueError,
                    IndexError,
                    KeyError,
                ) as exc:  # what CT2/SP raise on bad files
                    raise PackError(
                        f"언어 팩 {self.pack.code}이(가) 손상되었습니다. 다시 설치하세요",
                        f"language pack {self.pack.code} is damaged ({exc}); install it again",
                        hint="kiosk packs verify",
                    ) from exc
                self._loaded = (translator, tokenizer)
                log.info("loaded translation pack %s", self.pack.code)
            return self._loaded

    def translate(self, text: str, source: str, target: str) -> Translation:
        if not self.supports(source, target):
            raise unavailable(source, target)
        started = time.perf_counter()
        translator, tokenizer = self.load()
        sentences = split_sentences(text)
        if not sentences:
            return Translation("", source, target, "machine", 0.0)
        batch = [tokenizer.encode(sentence, out_type=str) for sentence in sentences]
        prefix = [[self.pack.target_prefix]] * len(batch) if self.pack.target_prefix else None
        results = translator.translate_batch(
            batch,
            target_prefix=prefix,
            beam_size=self.options.beam_size,
            replace_unknowns=True,
            max_decoding_length=self.options.max_decoding_length,
        )
        out = [self._decode(tokenizer, result.hypotheses[0]) for result in results]
        return Translation(
            joiner(target).join(s for s in out if s), source, target, "machine", time.perf_counter() - started
        )

    def _decode(self, tokenizer, tokens: list[str]) -> str:
        if self.pack.target_prefix and tokens[:1] == [self.pack.target_prefix]:
            tokens = tokens[1:]
        return re.sub(r"\s+", " ", tokenizer.decode_pieces(tokens).replace("▁", " ")).strip()


class PivotTranslator:
    """Two translators composed through a middle language (English)."""

    def __init__(self, first: Translator, second: Translator, middle: str = "en") -> None:
        self.first, self.second, self.middle = first, second, middle

    def supports(self, source: str, target: str) -> bool:
        return self.first.supports(source, self.middle) and self.second.supports(self.middle, target)

    def translate(self, text: str, source: str, target: str) -> Translation:
        half = self.first.translate(text, source, self.middle)
        done = self.second.translate(half.text, self.middle, target)
        return Translation(done.text, source, target, "pivot", half.seconds + done.seconds)


class PackRouter:
    """Installed packs: a direct pack when there is one, else two packs through English."""

    def __init__(self, packs: Iterable[InstalledPack], options: MtOptions | None = None) -> None:
        self._by_pair = {pack.pair: ArgosPackTranslator(pack, options) for pack in packs}

    @property
    def pairs(self) -> list[tuple[str, str]]:
        return sorted(self._by_pair)

    def supports(self, source: str, target: str) -> bool:
        return route(source, target, self._by_pair) is not None

    def translate(self, text: str, source: str, target: str) -> Translation:
        steps = route(source, target, self._by_pair)
        if steps is None:
            raise unavailable(source, target)
        if len(steps) == 1:
            return self._by_pair[steps[0]].translate(text, source, target)
        first, second = (self._by_pair[step] for step in steps)
        return PivotTranslator(first, second, middle=steps[0][1]).translate(text, source, target)


class GlossaryTranslator:
    """Protects curated civil-service terms through ``inner`` and puts the target terms in."""

    def __init__(self, inner: Translator, glossary: Glossary) -> None:
        self.inner, self.glossary = inner, glossary

    def supports(self, source: str, target: str) -> bool:
        return self.inner.supports(source, target)

    def translate(self, text: str, source: str, target: str) -> Translation:
        protected = self.glossary.protect(text, source, target)
        if not protected.terms:
            return self.inner.translate(text, source, target)
        result = self.inner.translate(protected.text, source, target)
        restored = restore(result.text, protected, target)
        if restored is None:  # the model dropped a placeholder: an unprotected translation loses nothing
            log.debug("glossary placeholder lost for %s->%s; translating without protection", source, target)
            retry = self.inner.translate(text, source, target)
            return Translation(retry.text, source, target, retry.provenance, result.seconds + retry.seconds)
        return Translation(restored, source, target, result.provenance, result.seconds)


class CachedTranslator:
    """Remembers the last ``size`` results (a visitor repeats, a clerk re-reads)."""

    def __init__(self, inner: Translator, size: int = 512) -> None:
        self.inner, self.size = inner, size
        self._cache: OrderedDict[tuple[str, str, str], Translation] = OrderedDict()
        self._lock = threading.Lock()

    def supports(self, source: str, target: str) -> bool:
        return self.inner.supports(source, target)

    def translate(self, text: str, source: str, target: str) -> Translation:
        key = (text, source, target)
        with self._lock:
            if key in self._cache:
                self._cache.move_to_end(key)
                return self._cache[key]
        result = self.inner.translate(text, source, target)
        with self._lock:
            self._cache[key] = result
            while len(self._cache) > self.size:
                self._cache.popitem(last=False)
        return result


class ChainTranslator:
    """Tries each translator in order; the first that can translate wins."""

    def __init__(self, translators: Iterable[Translator]) -> None:
        self.translators = list(translators)

    def supports(self, source: str, target: str) -> bool:
        return any(t.supports(source, target) for t in self.translators)

    def translate(self, text: str, source: str, target: str) -> Translation:
        if source == target:
            return Translation(text, source, target, "original", 0.0)
        for translator in self.translators:
            if translator.supports(source, target):
                try:
                    return translator.translate(text, source, target)
                except TranslationUnavailable:
                    continue
        raise unavailable(source, target)


def build_translator(
    phrasebook: Phrasebook,
    packs: Iterable[InstalledPack],
    glossary: Glossary,
    options: MtOptions | None = None,
    templates: Templates | None = None,
) -> ChainTranslator:
    """The kiosk's chain: phrasebook, templates (default: the shipped file), packs with the glossary, cached."""
    options = options or MtOptions()
    machine = CachedTranslator(GlossaryTranslator(PackRouter(packs, options), glossary), options.cache_entries)
    reviewed = TemplateTranslator(templates or load_templates(glossary=glossary))
    return ChainTranslator([PhrasebookTranslator(phrasebook), reviewed, machine])

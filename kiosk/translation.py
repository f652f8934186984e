"""The kiosk's translator and what each language can do, from the config and what is installed."""

from __future__ import annotations

import logging

from base.events import Notice
from kiosk.config import KioskConfig
from translations.glossary import load_glossary
from translations.languages import Support, support
from translations.mt import ChainTranslator, MtOptions, build_translator, import_engine
from translations.packs import InstalledPack, installed_packs, pack_folder
from translations.phrasebook import Phrasebook, load_phrasebook
from translations.suggest import Suggester, build_suggester
from translations.tts import VoiceChain

log = logging.getLogger(__name__)


def installed(config: KioskConfig) -> tuple[list[InstalledPack], list[Notice]]:
    """The valid packs in the pack folder, and a notice for each broken one."""
    packs, errors = installed_packs(pack_folder(config.models.packs_dir))
    notices = [Notice("pack_broken", e.message_ko, e.message_en, "warning") for e in errors]
    for error in errors:
        log.warning("%s", error.message_en)
    return packs, notices


def kiosk_translator(config: KioskConfig, phrasebook: Phrasebook | None = None) -> tuple[ChainTranslator, list[Notice]]:
    """Phrasebook, then installed packs (direct or through English) with the glossary.

    The translation engine is imported here, at start-up, even with no pack: a pack installed later then
    loads on the admin worker without freezing the screens (see :func:`~translations.mt.import_engine`).
    """
    import_engine()
    packs, notices = installed(config)
    options = MtOptions(beam_size=config.translation.beam_size, cpu_threads=config.translation.cpu_threads)
    translator = build_translator(
        phrasebook or load_phrasebook(), packs, load_glossary(config.translation.glossary_dir), options
    )
    log.info("translation: phrasebook + %d pack(s): %s", len(packs), ", ".join(p.code for p in packs) or "none")
    return translator, notices


def kiosk_suggester(config: KioskConfig, phrasebook: Phrasebook | None = None) -> Suggester:
    """The nearest reviewed phrases and templates, indexed once for every enabled language (at start-up)."""
    suggester = build_suggester(phrasebook or load_phrasebook(), load_glossary(config.translation.glossary_dir))
    suggester.prepare(list(config.kiosk.languages))
    return suggester


def language_support(config: KioskConfig, phrasebook: Phrasebook | None = None) -> dict[str, Support]:
    """For each enabled language: what works and what is missing (admin screen, doctor, start screen)."""
    packs, _ = installed(config)
    phrasebook = phrasebook or load_phrasebook()
    voices = VoiceChain()
    speech_ready = config.speech.enabled and (config.models.whisper_dir / "model.bin").is_file()
    return {
        code: support(
            code,
            phrasebook_languages=phrasebook.languages,
            installed_pairs=[p.pair for p in packs],
            speech_ready=speech_ready,
            voice_available=lambda row: voices.supports(row.code),
        )
        for code in config.kiosk.languages
    }

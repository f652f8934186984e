"""Chinese captions in the script the visitor reads.

The kiosk's Chinese is 中文 (简体) (:mod:`base.languages`: script ``Hans``), yet whisper writes some Mandarin in
traditional characters (offline ``transcribe()`` read a clip "廣州市放 房地产中进行"; the kiosk's own decodings
do so too: its Chinese prompt, ``translations.asr.CONTEXT_PROMPTS``, is no script instruction). A simplified-Chinese
reader should never get traditional captions, and the translation and the transcript should not mix scripts: every
decoding in a ``Hans`` language is converted to simplified characters (OpenCC's ``t2s`` tables, the pure-Python
``opencc-purepy`` wheel, its dictionaries inside the wheel, nothing downloaded).
Measured on the clean and reverb sets, docs/bench.md.
"""

from __future__ import annotations

import logging
from functools import cache

from base.languages import lookup

log = logging.getLogger(__name__)


def in_script(text: str, language: str) -> str:
    """``text`` in ``language``'s script: traditional characters made simplified in a simplified-Chinese language;
    any other language's text unchanged."""
    converter = _converter(lookup(language).script)
    return converter.convert(text) if converter is not None and text else text


@cache
def _converter(script: str) -> object | None:
    if script != "Hans":
        return None
    try:
        from opencc_purepy import OpenCC
    except ImportError:
        log.warning("opencc-purepy is not installed: Chinese captions keep whisper's script")
        return None
    return OpenCC("t2s")

"""Text that people type or say, checked before it enters the conversation."""

from __future__ import annotations

from base.errors import InputError

MAX_TEXT_CHARS = 2000


def clean_text(text: str) -> str:
    """Strip control characters and outer space; refuse empty or oversized text."""
    if not isinstance(text, str):
        raise InputError("글자만 입력할 수 있습니다", f"text expected, got {type(text).__name__}")
    clean = "".join(ch for ch in text if ch in "\n\t" or ch.isprintable()).strip()
    if not clean:
        raise InputError("내용이 비어 있습니다", "the text is empty")
    if len(clean) > MAX_TEXT_CHARS:
        raise InputError(
            f"글이 너무 깁니다 (최대 {MAX_TEXT_CHARS}자)", f"the text is too long (at most {MAX_TEXT_CHARS} characters)"
        )
    return clean

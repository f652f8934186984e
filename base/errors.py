"""One family of errors with messages a clerk can act on, in Korean and English.

Every error the kiosk raises on purpose is a :class:`KioskError`. Each carries a Korean and an English
message (the kiosk is used by Korean clerks and by city IT who may read either) and optionally a hint
that says what to do next. ``str(error)`` gives both languages on one line.
"""

from __future__ import annotations


class KioskError(Exception):
    """Base of every error the kiosk raises on purpose."""

    def __init__(self, message_ko: str, message_en: str, *, hint: str = "") -> None:
        self.message_ko = message_ko
        self.message_en = message_en
        self.hint = hint
        super().__init__(self.__str__())

    def __str__(self) -> str:
        text = f"{self.message_ko} / {self.message_en}"
        return f"{text} ({self.hint})" if self.hint else text


class ConfigError(KioskError):
    """The configuration file is unreadable, malformed or has a wrong value."""


class StoreError(KioskError):
    """The transcript store cannot be opened or written."""


class CorruptDatabaseError(StoreError):
    """The transcript database file is damaged; it was moved aside, never overwritten."""


class StoreWriteError(StoreError):
    """An entry could not be saved (disk full, read-only database ...)."""


class DeviceError(KioskError):
    """A camera, microphone or speaker is missing, busy or failed."""


class MediaFormatError(KioskError):
    """An audio, video, landmark or scenario file has the wrong format, shape or size."""


class ModelMissingError(KioskError):
    """A model file or folder is missing or damaged."""


class SessionStateError(KioskError):
    """An action that the session's current state does not allow."""


class InputError(KioskError):
    """Text or a command from a person that cannot be used (empty, too long, unknown phrase ...)."""


class TranslationUnavailable(KioskError):
    """No phrase, pack or pivot can translate this text between these languages."""


class PackError(KioskError):
    """A translation pack file is invalid, unsafe or damaged; nothing installed was changed."""

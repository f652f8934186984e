"""Typed kiosk configuration, loaded explicitly from one TOML file.

Where the file comes from, first match wins: the ``KIOSK_CONFIG`` environment variable, then
``./kiosk.toml`` in the working directory, then (in the PyInstaller bundle) ``kiosk.toml`` beside the
executable, then built-in defaults. A file that exists but is broken is an
error that names the key and line; defaults are never used silently in place of a broken file.

Relative paths are resolved when loading: read-only assets (models, demo media) against the bundle root,
writable files (database, exports, packs) against the data root (see :mod:`kiosk.paths`), so the same
file works in a source tree and frozen by PyInstaller. ``kiosk.example.toml`` documents every key.
"""

from __future__ import annotations

import dataclasses
import os
import tomllib
import typing
from dataclasses import dataclass, field
from pathlib import Path

from base.errors import ConfigError
from kiosk.paths import bundle_root, data_root, frozen, resolve
from kiosk.toml_values import coerce, key_error
from translations.asr import AsrOptions

CONFIG_ENV = "KIOSK_CONFIG"
DEFAULT_FILE = "kiosk.toml"


@dataclass(frozen=True)
class KioskOptions:
    """The counter itself."""

    name: str = "민원창구"  # shown on the clerk screen and the printed transcript
    languages: tuple[str, ...] = ("ko", "en", "zh", "vi", "ja")  # offered to visitors, ISO 639-1
    clerk_language: str = "ko"
    idle_timeout_s: float = 120.0  # no activity this long ends the visit
    idle_warning_s: float = 30.0  # warn this long before; at least 20 s (KWCAG / kiosk guideline)
    closing_s: float = 15.0  # the end screen shows this long, then the kiosk clears itself


@dataclass(frozen=True)
class StoreOptions:
    """The transcript database; transcripts are personal data (PIPA)."""

    path: Path = Path("data/transcripts.sqlite3")
    retention: str = "end_of_day"  # "end_of_day", or hours to keep as a number string, e.g. "24"
    export_dir: Path = Path("data/exports")
    audit_log: Path = Path("data/audit.log")  # admin unlocks, wrong PINs, lockouts (no transcript text)


@dataclass(frozen=True)
class ModelOptions:
    """Model files and language packs (never downloaded at run time)."""

    whisper_dir: Path = Path("models/whisper-base")
    packs_dir: Path = Path("data/packs")
    sign_dir: Path = Path("models/sign")
    recordings_dir: Path = Path("data/recordings")  # fingerspelling letters recorded on site (training data)
    enrolled_dir: Path = Path("data/signs")  # signs taught on site (few-shot examples, used at once)


@dataclass(frozen=True)
class DeviceOptions:
    """Devices: "auto" picks the first real device and falls back to demo media; "demo" forces it;
    "none" disables; a number selects a device index; anything else is a device name (microphone,
    speaker) or a file to replay (camera: a video; microphone: a WAV)."""

    camera: str = "auto"
    microphone: str = "auto"  # the clerk's microphone (or the one shared microphone)
    visitor_microphone: str = "none"  # a second microphone for the visitor (the louder decides); "none": shared
    speaker: str = "auto"
    demo_video: Path = Path("assets/demo/counter.avi")
    demo_audio: Path = Path("assets/demo/visitor_en.wav")  # one WAV the benches and the soak test replay
    demo_conversation: Path = Path("assets/demo/conversation.toml")  # played as two microphones without one


def _recognizer_default(name: str) -> typing.Any:
    """The default of ``translations.asr.AsrOptions.<name>``: the recogniser's settings are decided there once."""
    return next(f.default for f in dataclasses.fields(AsrOptions) if f.name == name)


@dataclass(frozen=True)
class SpeechOptions:
    """Live captions from speech (faster-whisper). The recogniser's settings default to, and are explained in,
    ``translations.asr.AsrOptions``; the TOML overrides them."""

    enabled: bool = True
    mode: str = "auto"  # "auto": speech is captioned whenever it is heard; "push_to_talk": only while held
    cpu_threads: int = _recognizer_default("cpu_threads")
    beam_size: int = _recognizer_default("beam_size")
    end_silence_s: float = _recognizer_default("end_silence_s")
    unended_silence_s: float = _recognizer_default("unended_silence_s")
    vad_gain_db: float = _recognizer_default("vad_gain_db")
    max_utterance_s: float = _recognizer_default("max_utterance_s")
    partial_interval_s: float = _recognizer_default("partial_interval_s")
    terms_file: Path = Path("translations/data/civil_terms_ko.txt")  # civil-service terms (hotwords)
    # Off: as a Korean prompt the terms cost 1.4 CER points on the shared real Korean clips (0.100 vs 0.086,
    # tests/test_speech.py) and leak into unrelated speech ("... 이대요 수수료룡", issue 16).
    terms_prompt: bool = False


@dataclass(frozen=True)
class TranslationOptions:
    """Machine translation with language packs. See ``translations.mt.MtOptions``."""

    beam_size: int = 2  # 2 keeps a counter line under ~0.2 s on 2 cores; Argos' default is 4
    cpu_threads: int = 2
    glossary_dir: Path = Path("translations/data/glossary")  # reviewed civil-service terms, one file per language


@dataclass(frozen=True)
class VoiceOptions:
    """Speech output on the visitor side (translations of what the clerk says or taps)."""

    enabled: bool = True
    volume: float = 0.8  # 0.0 .. 1.0; the visitor can change it during the visit
    rate: float = 1.0  # 0.5 .. 2.0 (speech rate)


@dataclass(frozen=True)
class UiOptions:
    """Screens."""

    fullscreen: bool = False  # kiosk mode: full screen, no way out without the admin PIN
    admin_pin: str = ""  # "pbkdf2$salt$hash" from `kiosk admin hash-pin`; empty: no unlocking from the screen
    text_scale: float = 1.0  # 1.0 .. 2.0
    high_contrast: bool = False
    display_width_mm: float = 476.0  # the visitor display's visible width (21.5" 16:9); touch targets >= 9 mm


@dataclass(frozen=True)
class DisplayOptions:
    """Which screen each window goes on: a screen's name as the system gives it (Qt's ``QScreen.name()``, the
    names ``xrandr`` lists, e.g. "HDMI-1", "DP-1") or its index ("0", "1"); "" is the default (visitor on the
    primary screen, clerk on the second, side by side on one screen). A named screen that is missing falls back
    to the default, with a notice on the clerk's screen."""

    visitor: str = ""
    clerk: str = ""


@dataclass(frozen=True)
class KioskConfig:
    """Everything configurable, one frozen section per table of the TOML file."""

    kiosk: KioskOptions = field(default_factory=KioskOptions)
    store: StoreOptions = field(default_factory=StoreOptions)
    models: ModelOptions = field(default_factory=ModelOptions)
    devices: DeviceOptions = field(default_factory=DeviceOptions)
    speech: SpeechOptions = field(default_factory=SpeechOptions)
    translation: TranslationOptions = field(default_factory=TranslationOptions)
    voice: VoiceOptions = field(default_factory=VoiceOptions)
    ui: UiOptions = field(default_factory=UiOptions)
    display: DisplayOptions = field(default_factory=DisplayOptions)
    source: Path | None = None  # the file it came from, None for defaults


_READ_ONLY_PATHS = {
    ("models", "whisper_dir"),
    ("models", "sign_dir"),
    ("devices", "demo_video"),
    ("devices", "demo_audio"),
    ("devices", "demo_conversation"),
    ("speech", "terms_file"),
    ("translation", "glossary_dir"),
}


def config_path(cwd: Path | None = None) -> Path | None:
    """The file that :func:`load_config` would read, or None for defaults."""
    env = os.environ.get(CONFIG_ENV)
    if env:
        path = Path(env).expanduser()
        if not path.is_file():
            raise ConfigError(
                f"{CONFIG_ENV}에 지정된 설정 파일이 없습니다: {path}",
                f"the config file named by {CONFIG_ENV} does not exist: {path}",
            )
        return path
    candidates = [(cwd or Path.cwd()) / DEFAULT_FILE]
    if frozen():  # the installed kiosk also reads kiosk.toml beside its executable, whatever the cwd
        candidates.append(data_root() / DEFAULT_FILE)
    return next((path for path in candidates if path.is_file()), None)


def load_config(path: Path | None = None, *, cwd: Path | None = None) -> KioskConfig:
    """Load ``path``, or the file chosen by :func:`config_path`, or defaults; resolve all paths."""
    source = path if path is not None else config_path(cwd)
    if source is None:
        return _resolve_paths(KioskConfig())
    try:
        text = Path(source).read_bytes().decode("utf-8")
        data = tomllib.loads(text)
    except UnicodeDecodeError as exc:
        raise ConfigError("설정 파일이 UTF-8이 아닙니다", f"config file {source} is not UTF-8: {exc}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError("설정 파일 형식이 잘못되었습니다", f"config file {source} is not valid TOML: {exc}") from exc
    except OSError as exc:
        raise ConfigError("설정 파일을 읽을 수 없습니다", f"cannot read config file {source}: {exc}") from exc
    sections = {}
    for name, value in data.items():
        section_type = _section_types().get(name)
        if section_type is None:
            raise key_error(source, text, name, None, "unknown section")
        if not isinstance(value, dict):
            raise key_error(source, text, name, None, "must be a [table]")
        sections[name] = _build_section(section_type, value, source, text, name)
    config = dataclasses.replace(KioskConfig(**sections), source=Path(source))
    _check(config, source, text)
    return _resolve_paths(config)


def _section_types() -> dict[str, type]:
    hints = typing.get_type_hints(KioskConfig)
    return {f.name: hints[f.name] for f in dataclasses.fields(KioskConfig) if f.name != "source"}


def _build_section(section_type: type, values: dict, source: Path, text: str, section: str) -> object:
    hints = typing.get_type_hints(section_type)
    kwargs = {}
    for key, value in values.items():
        if key not in hints:
            raise key_error(source, text, section, key, "unknown key")
        try:
            kwargs[key] = coerce(value, hints[key])
        except (TypeError, ValueError) as exc:
            raise key_error(source, text, section, key, str(exc)) from exc
    return section_type(**kwargs)


def _check(config: KioskConfig, source: Path, text: str) -> None:
    """Value rules the types cannot express."""
    k, s = config.kiosk, config.speech
    rules = [
        ("kiosk", "idle_warning_s", k.idle_warning_s >= 20, "must be at least 20 seconds"),
        ("kiosk", "idle_timeout_s", k.idle_timeout_s > k.idle_warning_s, "must be longer than idle_warning_s"),
        ("kiosk", "closing_s", k.closing_s > 0, "must be positive"),
        ("kiosk", "languages", len(k.languages) > 0, "must name at least one language"),
        ("ui", "text_scale", 1.0 <= config.ui.text_scale <= 2.0, "must be between 1.0 and 2.0"),
        ("speech", "mode", s.mode in ("auto", "push_to_talk"), 'must be "auto" or "push_to_talk"'),
        ("speech", "cpu_threads", 0 <= s.cpu_threads <= 16, "must be between 0 (half the cores) and 16"),
        ("speech", "beam_size", 1 <= s.beam_size <= 5, "must be between 1 and 5"),
        ("translation", "beam_size", 1 <= config.translation.beam_size <= 8, "must be between 1 and 8"),
        ("translation", "cpu_threads", 1 <= config.translation.cpu_threads <= 16, "must be between 1 and 16"),
        ("voice", "volume", 0.0 <= config.voice.volume <= 1.0, "must be between 0.0 and 1.0"),
        ("voice", "rate", 0.5 <= config.voice.rate <= 2.0, "must be between 0.5 and 2.0"),
        ("speech", "end_silence_s", 0.2 <= s.end_silence_s <= 3, "must be between 0.2 and 3 seconds"),
        (
            "speech",
            "unended_silence_s",
            s.unended_silence_s == 0 or 0.2 <= s.unended_silence_s <= 3,
            "must be 0 (off) or between 0.2 and 3 seconds",
        ),
        ("speech", "vad_gain_db", 0 <= s.vad_gain_db <= 30, "must be between 0 (off) and 30 dB"),
        ("speech", "max_utterance_s", 3 <= s.max_utterance_s <= 30, "must be between 3 and 30 seconds"),
        ("speech", "partial_interval_s", 0.3 <= s.partial_interval_s <= 1.0, "must be between 0.3 and 1.0 seconds"),
        ("store", "retention", _retention_ok(config.store.retention), 'must be "end_of_day" or hours, e.g. "24"'),
        *(("display", key, _screen_ok(getattr(config.display, key)), SCREEN_RULE) for key in ("visitor", "clerk")),
    ]
    for section, key, ok, why in rules:
        if not ok:
            raise key_error(source, text, section, key, why)


SCREEN_RULE = 'must be a screen name such as "HDMI-1", or a screen index 0, 1 …'


def _screen_ok(value: str) -> bool:
    """A screen name (no spaces around it), an index >= 0, or "" (the default)."""
    if value.lstrip("-").isdigit():
        return int(value) >= 0
    return value == value.strip()


def _retention_ok(value: str) -> bool:
    if value == "end_of_day":
        return True
    try:
        return float(value) >= 0
    except ValueError:
        return False


def _resolve_paths(config: KioskConfig) -> KioskConfig:
    sections = {}
    for name in _section_types():
        section = getattr(config, name)
        changes = {}
        for f in dataclasses.fields(section):
            value = getattr(section, f.name)
            if isinstance(value, Path):
                root = bundle_root() if (name, f.name) in _READ_ONLY_PATHS else data_root()
                changes[f.name] = resolve(value, root)
        sections[name] = dataclasses.replace(section, **changes)
    return dataclasses.replace(config, **sections)

"""Config precedence, validation with key and line, path resolution."""

from __future__ import annotations

from pathlib import Path

import pytest

from base.errors import ConfigError
from kiosk.config import load_config
from kiosk.paths import bundle_root


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_defaults_when_no_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("KIOSK_CONFIG", raising=False)
    config = load_config(cwd=tmp_path)
    assert config.source is None
    assert config.kiosk.idle_warning_s >= 20
    assert config.store.retention == "end_of_day"
    assert config.models.whisper_dir == bundle_root() / "models" / "whisper-base"


def test_env_beats_local_file_beats_defaults(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path / "kiosk.toml", '[kiosk]\nname = "local"\n')
    env_file = write(tmp_path / "env.toml", '[kiosk]\nname = "from env"\n')
    monkeypatch.delenv("KIOSK_CONFIG", raising=False)
    assert load_config(cwd=tmp_path).kiosk.name == "local"
    monkeypatch.setenv("KIOSK_CONFIG", str(env_file))
    config = load_config(cwd=tmp_path)
    assert config.kiosk.name == "from env"
    assert config.source == env_file
    monkeypatch.delenv("KIOSK_CONFIG")
    assert load_config(cwd=tmp_path / "elsewhere").kiosk.name == "민원창구"


def test_missing_env_file_is_an_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KIOSK_CONFIG", str(tmp_path / "nope.toml"))
    with pytest.raises(ConfigError, match="does not exist"):
        load_config(cwd=tmp_path)


def test_relative_paths_resolve_absolute_stay(tmp_path: Path) -> None:
    config = load_config(write(tmp_path / "k.toml", f'[store]\npath = "{tmp_path}/x.db"\n[models]\npacks_dir = "p"\n'))
    assert config.store.path == tmp_path / "x.db"
    assert config.models.packs_dir == bundle_root() / "p"


@pytest.mark.parametrize(
    ("text", "needle"),
    [
        ('[kiosk]\nname = "a"\nidle_timeout = 5\n', "kiosk.idle_timeout in .*line 3"),
        ("[kiosk]\n\n[screen]\nx = 1\n", r"\[screen\] in .*line 3"),
        ('[ui]\nfullscreen = "yes"\n', "ui.fullscreen in .*line 2.*true or false"),
        ("[kiosk]\nidle_warning_s = 10\n", "idle_warning_s in .*line 2.*at least 20"),
        ('[kiosk]\nlanguages = "en"\n', "kiosk.languages.*list of strings"),
        ('[store]\nretention = "forever"\n', "store.retention.*end_of_day"),
        ("[ui]\ntext_scale = 3\n", "ui.text_scale.*between 1.0 and 2.0"),
        ("[speech]\nunended_silence_s = 0.1\n", "speech.unended_silence_s.*0 \\(off\\) or between 0.2 and 3"),
        ("[speech]\nvad_gain_db = -6\n", "speech.vad_gain_db.*between 0 \\(off\\) and 30"),
        ("[speech]\ncpu_threads = -1\n", "speech.cpu_threads.*between 0 \\(half the cores\\) and 16"),
        ("[kiosk\nname = 1\n", "not valid TOML.*line 1"),
    ],
)
def test_broken_file_names_key_and_line(tmp_path: Path, text: str, needle: str) -> None:
    with pytest.raises(ConfigError, match=needle):
        load_config(write(tmp_path / "k.toml", text))


def test_non_utf8_file(tmp_path: Path) -> None:
    path = tmp_path / "k.toml"
    path.write_bytes(b'[kiosk]\nname = "\xff\xfe"\n')
    with pytest.raises(ConfigError, match="not UTF-8"):
        load_config(path)


def test_example_config_is_valid() -> None:
    config = load_config(bundle_root() / "kiosk.example.toml")
    assert config.kiosk.languages == ("ko", "en", "zh", "vi", "ja")


def test_speech_defaults_are_the_recognisers(tmp_path: Path) -> None:
    """One fact in one place: without a [speech] table the kiosk runs the recogniser's own defaults
    (translations.asr.AsrOptions), and a key in the file overrides only itself."""
    from kiosk.channels.speech import asr_options
    from translations.asr import AsrOptions

    config = load_config(write(tmp_path / "kiosk.toml", '[kiosk]\nname = "x"\n'))
    assert asr_options(config) == AsrOptions(model_dir=config.models.whisper_dir)
    config = load_config(write(tmp_path / "kiosk.toml", "[speech]\nbeam_size = 3\n"))
    changed = asr_options(config)
    assert changed.beam_size == 3 and changed.end_silence_s == AsrOptions(model_dir=Path()).end_silence_s
    config = load_config(write(tmp_path / "kiosk.toml", "[speech]\nunended_silence_s = 0\n"))
    assert asr_options(config).unended_silence_s == 0  # the wait for a second breath, off
    config = load_config(write(tmp_path / "kiosk.toml", "[speech]\nvad_gain_db = 24\n"))
    assert asr_options(config).vad_gain_db == 24  # a far microphone: the VAD hears a soft voice raised


def test_whisper_threads_are_half_the_cores_the_kiosk_may_use_unless_set(monkeypatch: pytest.MonkeyPatch) -> None:
    """0 (the default): two of the counter PC's four cores, one of two (where two threads painted captions later:
    docs/bench.md), one of one; a number in the file is used as it is."""
    import os

    from translations.asr import AsrOptions, whisper_threads

    assert AsrOptions(model_dir=Path()).cpu_threads == 0
    for cores, threads in ((4, 2), (2, 1), (1, 1), (8, 4)):
        monkeypatch.setattr(os, "sched_getaffinity", lambda _pid, n=cores: set(range(n)))
        assert whisper_threads(0) == threads
        assert whisper_threads(3) == 3

"""``kiosk replay``: scenario files drive the real Session; the transcript comes out as JSON."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from base.errors import MediaFormatError
from bench.replay import load_scenario, replay
from kiosk.config import KioskConfig
from kiosk.store import TranscriptStore

ROOT = Path(__file__).resolve().parents[1]
SCENARIOS = ROOT / "tests" / "data" / "scenarios"


def test_cli_replay_prints_transcript_json(tmp_path: Path) -> None:
    db = tmp_path / "replay.db"
    done = subprocess.run(
        [sys.executable, "-m", "cli", "replay", str(SCENARIOS / "certificate_en.json"), "--db", str(db)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT)},
    )
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["end_reason"] == "scenario" and result["language"] == "en"
    rows = [(e["at"], e["role"], e["modality"], e["language"], e["text"]) for e in result["entries"]]
    assert rows == [
        (0.0, "clerk", "phrase", "ko", "안녕하세요. 무엇을 도와드릴까요?"),
        (3.0, "visitor", "text", "en", "Hello, I need a certificate of alien registration."),
        (6.5, "clerk", "phrase", "ko", "신분증을 보여 주시겠어요?"),
        (9.0, "visitor", "phrase", "en", "Thank you."),
        (12.0, "clerk", "text", "ko", "발급해 드릴게요. 잠시만 기다려 주세요."),
    ]
    assert result["entries"][0]["translations"] == {"en": "Hello. How can I help you?"}
    assert result["entries"][3]["translations"] == {"ko": "감사합니다."}
    assert "Hello, I need" not in done.stderr  # transcript text never reaches the log
    assert len(TranscriptStore(db).entries()) == 5


def test_idle_timeout_ends_an_abandoned_visit(config: KioskConfig) -> None:
    result = replay(load_scenario(SCENARIOS / "abandoned_zh.json"), config)
    assert result["end_reason"] == "timeout"
    assert [e["text"] for e in result["entries"]] == ["我想开一份证明。"]


def test_replay_is_reproducible(config: KioskConfig) -> None:
    scenario = load_scenario(SCENARIOS / "certificate_en.json")
    first, second = replay(scenario, config), replay(scenario, config)
    assert first["entries"] == second["entries"]


@pytest.mark.parametrize(
    ("content", "needle"),
    [
        ('{"version": 1, "visitor": {"language": "en"}, "events": [], "extra": 1}', r"unknown field\(s\) \['extra'\]"),
        ('{"version": 1, "visitor": {"language": "en"}, "events": [{"at": 1, "type": "dance"}]}', "events\\[0\\].type"),
        (
            '{"version": 1, "visitor": {"language": "en"}, "events": [{"at": 1, "type": "end", "x": 2}]}',
            "events\\[0\\]",
        ),
        ('{"version": 1, "visitor": {"language": "en"}, "events": [{"at": -1, "type": "end"}]}', "at must be"),
        (
            '{"version": 1, "visitor": {"language": "en"}, "events": [{"at": 1, "type": "visitor_text"}]}',
            "text must be",
        ),
        ('{"version": 1, "visitor": {"language": "en", "mode": "dance"}, "events": []}', "visitor.mode"),
        ('{"version": 2, "visitor": {"language": "en"}, "events": []}', "version must be 1"),
        (
            '{"version": 1, "visitor": {"language": "en"}, '
            '"events": [{"at": 5, "type": "end"}, {"at": 1, "type": "end"}]}',
            "time order",
        ),
        ("[1, 2]", "top level"),
        ("{not json", "not UTF-8 JSON"),
    ],
)
def test_bad_scenarios_are_refused_clearly(tmp_path: Path, content: str, needle: str) -> None:
    path = tmp_path / "s.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(MediaFormatError, match=needle):
        load_scenario(path)


def test_huge_and_binary_scenarios(tmp_path: Path) -> None:
    huge = tmp_path / "huge.json"
    with open(huge, "wb") as handle:
        handle.truncate(6_000_000)
    with pytest.raises(MediaFormatError, match="at most"):
        load_scenario(huge)
    binary = tmp_path / "bin.json"
    binary.write_bytes(b"\xff\xfe\x00garbage")
    with pytest.raises(MediaFormatError, match="UTF-8"):
        load_scenario(binary)
    with pytest.raises(MediaFormatError, match="cannot read"):
        load_scenario(tmp_path / "missing.json")


def test_cli_reports_bad_scenario_with_exit_2(tmp_path: Path) -> None:
    path = tmp_path / "s.json"
    path.write_text('{"version": 1}', encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "cli", "replay", str(path)], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 2
    assert "시나리오 파일이 잘못되었습니다" in done.stderr and "Traceback" not in done.stderr

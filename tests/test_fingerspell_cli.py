"""``kiosk fingerspell classify`` and ``kiosk fingerspell compose``, including bad input (exit code 2)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from cli.main import main
from sign_models.fingerspell_spec import load_spec
from sign_models.hand_model import SamplerOptions, sample

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(autouse=True)
def _no_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("KIOSK_CONFIG", raising=False)
    monkeypatch.chdir(tmp_path)


def hands_file(tmp_path: Path, letters: str) -> Path:
    rng = np.random.default_rng(21)
    options = SamplerOptions(aspects=(4 / 3,))
    hands = [sample(load_spec().letters[letter], 1, rng, options=options)[0][0].tolist() for letter in letters]
    path = tmp_path / "hands.json"
    path.write_text(json.dumps(hands), encoding="utf-8")
    return path


def test_compose_prints_hangul(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["fingerspell", "compose", "ㅎㅏㄴㄱㅡㄹ"]) == 0
    assert capsys.readouterr().out == "한글\n"


def test_classify_prints_one_letter_per_hand(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = hands_file(tmp_path, "ㄱㅏㅅ")
    assert main(["fingerspell", "classify", str(path)]) == 0
    assert capsys.readouterr().out.split() == ["ㄱ", "ㅏ", "ㅅ"]


def test_classify_json_and_unknown_hands(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = hands_file(tmp_path, "ㅂ")
    noise = np.random.default_rng(4).uniform(0.3, 0.7, (21, 3)).tolist()  # no hand shape at all
    path.write_text(json.dumps([*json.loads(path.read_text(encoding="utf-8")), noise]), encoding="utf-8")
    assert main(["fingerspell", "classify", str(path), "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert [r["jamo"] for r in result] == ["ㅂ", "?"]
    assert all(0 <= r["p"] <= 1 for r in result) and result[0]["p"] >= 0.6


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", "not valid JSON"),
        ('{"hand": 1}', "JSON list"),
        ("[[[0, 0, 0]]]", "sample 1"),
        ("[" + json.dumps([[0.1, 0.2, 0.3]] * 21) + ", [[1, 2]]]", "sample 2"),
        ("[" + json.dumps([[0.1, 0.2, 0.3]] * 20 + [["NaN", 1, 1]]) + "]", "sample 1"),
        ("[" + json.dumps([[0.5, 0.5, 0.0]] * 21) + "]", "degenerate"),
    ],
)
def test_bad_files_exit_2_with_a_clear_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str, message: str
) -> None:
    path = tmp_path / "bad.json"
    path.write_text(content, encoding="utf-8")
    assert main(["fingerspell", "classify", str(path)]) == 2
    err = capsys.readouterr().err
    assert message in err and "오류 / error" in err and "Traceback" not in err


def test_missing_file_and_empty_letters_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["fingerspell", "classify", str(tmp_path / "none.json")]) == 2
    assert "cannot read" in capsys.readouterr().err
    assert main(["fingerspell", "compose", " "]) == 2
    assert "no letters" in capsys.readouterr().err


def test_the_kiosk_command_runs_from_any_folder(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "KIOSK_CONFIG"} | {"PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-m", "cli", "fingerspell", "compose", "ㄷㅏㄹㄱㅇㅣ"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "닭이"

"""``kiosk translate --json``: which reviewed phrase or template answered, and suggestions when none did."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cli.main import main


@pytest.fixture
def translate(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture):
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(tmp_path / "packs"))  # no packs
    monkeypatch.delenv("KIOSK_CONFIG", raising=False)
    monkeypatch.chdir(tmp_path)

    def run(*lines: str, source: str = "ko", target: str = "en") -> tuple[int, list[dict]]:
        code = main(["translate", "--from", source, "--to", target, "--json", *lines])
        return code, [json.loads(line) for line in capsys.readouterr().out.splitlines()]

    return run


def test_a_template_answer_names_its_id_and_slots(translate) -> None:
    code, (found,) = translate("수수료는 1,200원입니다")
    assert code == 0
    assert found["text"] == "The fee is 1,200 won." and found["provenance"] == "template" and found["ms"] >= 0
    assert found["phrase_id"] == "fee_is" and found["slots"] == {"fee": 1200}
    assert "suggestions" not in found


def test_a_phrase_answer_names_its_id(translate) -> None:
    code, (found,) = translate("안녕하세요")
    assert code == 0 and found["phrase_id"] == "hello" and found["slots"] == {} and found["provenance"] == "phrasebook"


def test_an_untranslated_line_comes_back_with_three_suggestions(translate) -> None:
    code, (found,) = translate("카드 꽂아 주세요")
    assert code == 1  # still not translated
    assert found["text"] == "카드 꽂아 주세요" and found["provenance"] == "original" and "phrase_id" not in found
    assert len(found["suggestions"]) == 3
    best = found["suggestions"][0]
    assert set(best) == {"id", "text", "translation", "score"}
    assert best["id"] == "insert_card" and best["translation"] == "Please insert your card into the card reader."
    assert best["text"] == "카드를 단말기에 꽂아 주세요." and 50 <= best["score"] <= 100


def test_suggestions_are_in_the_speakers_and_the_target_language(translate) -> None:
    _, (found,) = translate("where's the toilet", source="en", target="ja")
    best = found["suggestions"][0]
    assert (
        best["id"] == "restroom" and best["text"] == "Where is the restroom?" and best["translation"].endswith("か。")
    )

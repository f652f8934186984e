"""Chinese captions in the simplified script the kiosk's Chinese visitor reads (translations/script_form.py)."""

from __future__ import annotations

from translations.script_form import in_script


def test_traditional_characters_become_simplified_in_the_kiosks_chinese() -> None:
    assert in_script("廣州市放 房地产中进行", "zh") == "广州市放 房地产中进行"  # offline whisper's reading of a clip
    assert in_script("請問在哪裡交費？", "zh") == "请问在哪里交费？"
    assert in_script("广州市房地产中介协会", "zh") == "广州市房地产中介协会", "simplified stays as it is"


def test_other_languages_keep_their_characters() -> None:
    assert in_script("本人確認書類", "ja") == "本人確認書類"  # Japanese kanji are not Chinese simplified
    assert in_script("주민등록등본", "ko") == "주민등록등본"
    assert in_script("Stuff it into you", "en") == "Stuff it into you"
    assert in_script("", "zh") == ""

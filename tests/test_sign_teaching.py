"""Teaching a sign in a minute: the KSL dictionary, feedback on each example, deleting a bad one, the composer."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import numpy as np
import pytest

from base.clock import ManualClock
from kiosk.config import KioskConfig
from kiosk.session import Session
from kiosk.store import TranscriptStore
from sign_models.composer import compose
from sign_models.dictionary import CREDIT, DICTIONARY_PATH, load_dictionary, lookup, search
from sign_models.synthetic_signs import render_signs


def test_the_dictionary_is_shipped_with_its_credit_line() -> None:
    assert len(load_dictionary()) == 3622
    readme = (DICTIONARY_PATH.parent / "README.md").read_text(encoding="utf-8")
    assert CREDIT in readme
    assert [e.word for e in search("스님")][:1] == ["승려"], "found by alias"
    assert search("승려")[0].description.startswith("오른 주먹")
    assert lookup("차다") is not None and lookup("없는낱말") is None


def test_dictionary_words_extend_the_composer() -> None:
    assert compose(["그만하다"]) == "그만해요.", "a -하다 word is a predicate in 해요체"
    assert compose(["승려", "어디"]) == "승려가 어디예요?"
    assert compose(["(사람을)차다"]).startswith("차다"), "without the bracketed context"


@pytest.fixture
def teaching(config: KioskConfig, tmp_path: Path):
    from kiosk.admin.actions import AdminActions
    from kiosk.admin.pin import AdminGate
    from kiosk.admin.recorder import FrameRecorder

    config = dataclasses.replace(config, models=dataclasses.replace(config.models, enrolled_dir=tmp_path / "signs"))
    store = TranscriptStore(config.store.path)
    session = Session(config, store, clock=ManualClock())
    actions = AdminActions(session, AdminGate("", config.store.audit_log), FrameRecorder(), None)
    yield actions
    store.close()


def record(actions, monkeypatch, gloss: str, seed: int) -> str:
    """Teach one synthetic recording through the admin back end (the camera part replaced by landmarks)."""
    import kiosk.admin.actions as module

    frames = render_signs([gloss], np.random.default_rng(seed)).frames
    monkeypatch.setattr(module, "landmarks_of", lambda _images: frames)
    return actions.finish_sign(gloss, "interp-01")


def test_each_example_gets_feedback_and_a_bad_one_can_be_deleted(teaching, monkeypatch) -> None:
    assert "첫 예시" in record(teaching, monkeypatch, "서류", 1)
    assert "인식됩니다" in record(teaching, monkeypatch, "서류", 2)
    assert "첫 예시" in record(teaching, monkeypatch, "네", 3)
    # a "bad example": 서류 signed while the gloss says 도장 -> too close to 서류
    import kiosk.admin.actions as module

    frames = render_signs(["서류"], np.random.default_rng(4)).frames
    monkeypatch.setattr(module, "landmarks_of", lambda _images: frames)
    assert "너무 비슷합니다" in teaching.finish_sign("도장", "interp-01") and "'서류'" in teaching.finish_sign(
        "도장", "interp-02"
    )
    examples = teaching.sign_examples()
    bad = [file for file, label in examples if label.startswith("도장")]
    assert len(examples) == 5 and len(bad) == 2
    for file in bad:
        teaching.delete_sign_example(file)
    assert [label.split(" · ")[0] for _, label in teaching.sign_examples()] == ["서류", "서류", "네"]
    from base.errors import InputError

    with pytest.raises(InputError):
        teaching.delete_sign_example(bad[0])


def test_the_teaching_tab_finds_the_word_and_shows_how_to_sign_it(qtbot, teaching, monkeypatch) -> None:
    from PyQt6.QtWidgets import QLabel, QLineEdit, QListWidget

    from ui.admin_window import AdminWindow

    record(teaching, monkeypatch, "서류", 1)
    window = AdminWindow(teaching)
    qtbot.addWidget(window)
    window.findChild(QLineEdit, "admin_sign_search").setText("스님")
    found = window.findChild(QListWidget, "admin_sign_found")
    assert found.item(0).text() == "승려 (스님)"
    found.setCurrentRow(0)
    assert window.findChild(QLineEdit, "admin_gloss").text() == "승려"
    how = window.findChild(QLabel, "admin_sign_how").text()
    assert how.startswith("오른 주먹") and CREDIT in how
    examples = window.findChild(QListWidget, "admin_sign_examples")
    assert examples.count() == 1
    examples.setCurrentRow(0)
    from PyQt6.QtWidgets import QPushButton

    window.findChild(QPushButton, "admin_delete_example").click()
    assert examples.count() == 0 and teaching.sign_examples() == []

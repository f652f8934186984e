"""The admin screen (Korean, for city staff): languages, devices, stored transcripts, translation packs.

Opened from the clerk's screen with the admin PIN. The sign teaching tab finds the word in the official KSL
dictionary (with its credit line), records examples and lets a bad one be deleted.

Saving a recording (MediaPipe over seconds of frames), installing or removing a pack (the translator is
loaded again) run on the screen's own :class:`~kiosk.serial_worker.SerialWorker`; the result is posted back
(:class:`~ui.bridge.MainThread`), so the kiosk's screens stay live. A failure is shown in Korean and English
and changes nothing saved before (examples are written whole, packs installed atomically).
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future
from pathlib import Path

from PyQt6.QtCore import Qt, QTimer
from PyQt6.QtGui import QCloseEvent
from PyQt6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from base.errors import KioskError
from kiosk.admin.actions import AdminActions, LanguageRow
from kiosk.serial_worker import SerialWorker
from ui.bridge import MainThread

YES, NO = "예", "—"
COUNTDOWN_S = 3
RECORD_S = 2.0  # a fingerspelling letter is held still
SIGN_S = 4.0  # a sign, from hands down to hands down
SIGN_HINT = "손을 내린 자세에서 시작해 수어를 한 번 하고 손을 내려 주세요. 3초 뒤 4초 동안 녹화합니다."
TABS = ("언어", "장치·모델", "기록 보관", "언어 팩", "수어 등록", "지문자 녹화")
LANGUAGES_TAB, PACKS_TAB = TABS.index("언어"), TABS.index("언어 팩")
SAVING = "저장하는 중입니다… / Saving…"
KEPT = "앞서 저장한 것은 그대로 있습니다. / Nothing saved before was lost."


def failure(exc: BaseException) -> str:
    """What went wrong, in Korean and English, and that nothing saved before was lost."""
    if isinstance(exc, KioskError):
        return f"{exc.message_ko}\n{exc.message_en}\n{KEPT}"
    return f"처리하지 못했습니다 / Could not be done: {type(exc).__name__}\n{KEPT}"


def _table(headers: list[str], rows: list[list[str]], name: str) -> QTableWidget:
    table = QTableWidget(len(rows), len(headers))
    table.setObjectName(name)
    table.setHorizontalHeaderLabels(headers)
    table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    table.verticalHeader().hide()
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            table.setItem(r, c, QTableWidgetItem(text))
    table.resizeColumnsToContents()
    return table


class AdminWindow(QWidget):
    """Tabs: :data:`TABS`."""

    def __init__(self, actions: AdminActions, pick_folder: Callable[[QWidget], Path | None] | None = None) -> None:
        super().__init__()
        self.actions = actions
        self.pick_folder = pick_folder or _pick_folder
        self.worker = SerialWorker("admin")
        self.main = MainThread(self)
        self.setWindowTitle("관리자 화면 / Admin")
        self.setObjectName("admin_window")
        self.tabs = QTabWidget()
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        self.refresh()

    def refresh(self) -> None:
        """Read everything again (when the admin asks, or after a purge)."""
        self._rebuild(*range(len(TABS)))

    def _rebuild(self, *indices: int) -> None:
        """Build these tabs again from what is saved now; the others stay as they are."""
        builders = (self._languages, self._devices, self._records, self._packs, self._sign_teaching, self._recording)
        for index in indices:
            self._replace(index, builders[index]())

    def _replace(self, index: int, page: QWidget) -> None:
        current = max(0, self.tabs.currentIndex())
        old = self.tabs.widget(index)
        if old is not None:
            self.tabs.removeTab(index)
            old.setParent(None)  # gone from the widget tree at once (lookups and tests see only the new page)
            old.deleteLater()
        self.tabs.insertTab(index, page, TABS[index])
        self.tabs.setCurrentIndex(current)

    def _languages(self, found: list[LanguageRow] | None = None) -> QWidget:
        """The languages table (``found``: read on the worker after a pack change)."""
        rows = [
            [
                f"{row.name} ({row.code})",
                YES if row.support.offered else "표시 안 함",
                YES if row.support.phrasebook else NO,
                YES if row.support.translation else NO,
                YES if row.support.speech else NO,
                YES if row.support.voice else NO,
                "; ".join(row.support.missing),
            ]
            for row in (self.actions.languages() if found is None else found)
        ]
        headers = ["언어", "방문자 화면", "문구집", "기계 번역", "음성 인식", "음성 안내", "빠진 것 (영문)"]
        return _page(_table(headers, rows, "admin_languages"))

    def _devices(self) -> QWidget:
        rows = [
            [c.name, "정상" if c.ok else ("없음" if c.required else "없음 (선택)"), c.detail, "" if c.ok else c.fix]
            for c in self.actions.checks()
        ]
        again = QPushButton("다시 확인")
        again.setObjectName("admin_recheck")
        again.clicked.connect(self.refresh)
        return _page(_table(["항목", "상태", "내용", "조치"], rows, "admin_checks"), again)

    def _records(self) -> QWidget:
        visits, lines = self.actions.stored()
        retention = self.actions.config.store.retention
        period = "오늘 하루 (자정에 삭제)" if retention == "end_of_day" else f"{retention}시간"
        info = QLabel(f"보관 기간: {period}\n저장된 상담: {visits}건, {lines}줄")
        info.setObjectName("admin_records")
        purge = QPushButton("보관 기간이 지난 기록 지금 삭제")
        purge.setObjectName("admin_purge")
        purge.clicked.connect(lambda: (self.actions.purge(), self.refresh()))
        return _page(info, purge)

    def _packs(self, state: tuple[list, list[str]] | None = None) -> QWidget:
        """The packs tab (``state``: read on the worker after a pack change)."""
        packs, broken = self.actions.packs() if state is None else state
        listing = QListWidget()
        listing.setObjectName("admin_packs")
        listing.addItems([f"{p.code}  {p.version}  ({p.path.name})" for p in packs] + [f"손상됨: {b}" for b in broken])
        if not packs and not broken:
            listing.addItem("설치된 언어 팩 없음: 문구집만 사용합니다")
        self.pack_progress = QProgressBar()
        self.pack_result = QLabel()
        self.pack_result.setObjectName("admin_pack_result")
        self.pack_result.setWordWrap(True)
        install = QPushButton("USB(폴더)에서 언어 팩 설치")
        install.setObjectName("admin_install_packs")
        install.clicked.connect(self._install)
        remove = QPushButton("선택한 언어 팩 삭제")
        remove.setObjectName("admin_remove_pack")
        remove.clicked.connect(lambda: self._remove(listing))
        return _page(listing, self.pack_progress, install, remove, self.pack_result)

    def _install(self) -> None:
        folder = self.pick_folder(self)
        if folder is None:
            return
        self.pack_result.setText("설치하는 중입니다… / Installing…")
        self.findChild(QPushButton, "admin_install_packs").setEnabled(False)
        self._later(lambda: self._after(self.actions.install_packs(folder, self._pack_progress)), self._packs_changed)

    def _pack_progress(self, done: int, total: int) -> None:
        """Worker thread: the bar moves on the main thread (the page may have been built again meanwhile)."""
        value = int(100 * done / total) if total else 100
        self.main.post(lambda: self.pack_progress.setValue(value))

    def _remove(self, listing: QListWidget) -> None:
        item = listing.currentItem()
        if item is None or item.text().startswith(("손상됨", "설치된")):
            return
        code = item.text().split()[0]
        self._later(lambda: self.actions.remove_pack(code) or self._after([]), self._packs_changed)

    def _after(self, lines: list[str]) -> tuple:
        """Worker thread: what the languages and packs tabs show now, read there (tens of ms)."""
        return lines, self.actions.languages(), self.actions.packs()

    def _packs_changed(self, future: Future) -> None:
        """The languages and packs tabs only (the device checks take tens of ms: they wait for 다시 확인)."""
        error = future.exception()
        if error:
            self._rebuild(LANGUAGES_TAB, PACKS_TAB)
        else:
            lines, found, state = future.result()
            self._replace(LANGUAGES_TAB, self._languages(found))
            self._replace(PACKS_TAB, self._packs(state))
        self.tabs.setCurrentIndex(PACKS_TAB)
        self.pack_result.setText(failure(error) if error else "\n".join(lines))

    def _later(self, call: Callable[[], object], done: Callable[[Future], None]) -> None:
        """Run ``call`` on the admin worker; ``done(future)`` on this screen's thread."""
        self.main.when_done(self.worker.submit(call), done)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.worker.close(wait=False)  # a save still running finishes; its result is dropped with the window
        super().closeEvent(event)

    def _sign_teaching(self) -> QWidget:
        """Teach a sign: find the word in the KSL dictionary (its 수형 설명 shows how to sign the standard form),
        the signer's id, then 3-2-1 and 4 s of signing; 2-3 examples; a bad example can be deleted."""
        self.sign_search, self.gloss, self.signer = QLineEdit(), QLineEdit(), QLineEdit()
        self.sign_search.setObjectName("admin_sign_search")
        self.sign_search.setPlaceholderText("수어 사전에서 찾기 (한국어 낱말, 예: 여행)")
        self.sign_found = QListWidget()
        self.sign_found.setObjectName("admin_sign_found")
        self.sign_how = QLabel(self.actions.dictionary_credit)
        self.sign_how.setObjectName("admin_sign_how")
        self.sign_how.setWordWrap(True)
        self.sign_search.textChanged.connect(self._search_signs)
        self.sign_found.currentRowChanged.connect(self._pick_sign)
        self.gloss.setObjectName("admin_gloss")
        self.gloss.setPlaceholderText("수어 이름 (사전에서 고르거나 직접 입력, 예: 복지카드)")
        self.signer.setObjectName("admin_signer")
        self.signer.setPlaceholderText("수어 사용자 ID (이름 말고 번호, 예: interp-01)")
        self.sign_status = QLabel(
            "손을 내린 자세에서 시작해 수어를 한 번 해 주세요. 3초 뒤 4초 동안 녹화합니다 (2~3번)."
        )
        self.sign_status.setObjectName("admin_sign_status")
        self.sign_status.setWordWrap(True)
        record = QPushButton("수어 녹화")
        record.setObjectName("admin_record_sign")
        record.clicked.connect(lambda: self._count(COUNTDOWN_S, self.sign_status, SIGN_S, self._sign_recorded))
        self.sign_examples = QListWidget()
        self.sign_examples.setObjectName("admin_sign_examples")
        delete = QPushButton("선택한 예시 지우기")
        delete.setObjectName("admin_delete_example")
        delete.clicked.connect(self._delete_example)
        self._list_examples()
        widgets = (self.sign_search, self.sign_found, self.sign_how, self.gloss, self.signer, record)
        return _page(*widgets, self.sign_status, QLabel("등록한 예시:"), self.sign_examples, delete)

    def _search_signs(self, text: str) -> None:
        self._found = self.actions.find_signs(text)
        self.sign_found.clear()
        self.sign_found.addItems([label for label, _ in self._found])

    def _pick_sign(self, row: int) -> None:
        if 0 <= row < len(getattr(self, "_found", [])):
            label, how = self._found[row]
            self.gloss.setText(label.split(" (")[0])
            self.sign_how.setText(f"{how}\n{self.actions.dictionary_credit}")

    def _list_examples(self, examples: list[tuple[str, str]] | None = None) -> None:
        self.sign_examples.clear()
        for file, label in self.actions.sign_examples() if examples is None else examples:
            item = QListWidgetItem(label)
            item.setData(Qt.ItemDataRole.UserRole, file)
            self.sign_examples.addItem(item)

    def _delete_example(self) -> None:
        item = self.sign_examples.currentItem()
        if item is None:
            return
        try:
            self.actions.delete_sign_example(item.data(Qt.ItemDataRole.UserRole))
            self.sign_status.setText(f"지웠습니다: {item.text()}")
        except KioskError as exc:
            self.sign_status.setText(exc.message_ko)
        self._list_examples()

    def _sign_recorded(self) -> None:
        gloss, signer = self.gloss.text(), self.signer.text()
        self.sign_status.setText(SAVING)
        save = self.actions.finish_sign
        self._later(lambda: (save(gloss, signer), self.actions.sign_examples()), self._sign_saved)

    def _sign_saved(self, future: Future) -> None:
        """The feedback and the examples list (read on the worker); a failure leaves the list as it was."""
        error = future.exception()
        if error:
            self.sign_status.setText(failure(error))
            return
        message, examples = future.result()
        self.sign_status.setText(message)
        self._list_examples(examples)

    def _recording(self) -> QWidget:
        """Record a fingerspelling letter from the camera: choose it, count down, hold it for 2 s."""
        self.letter = QComboBox()
        self.letter.setObjectName("admin_letter")
        self.letter.addItems(self.actions.letters())
        self.countdown = QLabel("글자를 고르고 '녹화'를 누르세요. 3초 뒤 2초 동안 녹화합니다 (손의 좌표만 저장).")
        self.countdown.setObjectName("admin_countdown")
        self.countdown.setWordWrap(True)
        record = QPushButton("녹화")
        record.setObjectName("admin_record")
        record.clicked.connect(lambda: self._count(COUNTDOWN_S, self.countdown, RECORD_S, self._recorded))
        return _page(self.letter, record, self.countdown)

    def _count(self, left: int, status: QLabel, seconds: float, done: Callable[[], None]) -> None:
        """3, 2, 1 on ``status``, then record ``seconds`` from the camera and call ``done``."""
        if left > 0:
            status.setText(f"{left}…")
            QTimer.singleShot(1000, lambda: self._count(left - 1, status, seconds, done))
            return
        try:
            self.actions.start_recording(seconds)
        except KioskError as exc:
            status.setText(exc.message_ko)
            return
        status.setText("녹화 중…")
        QTimer.singleShot(int(seconds * 1000) + 100, done)

    def _recorded(self) -> None:
        letter = self.letter.currentText()
        self.countdown.setText(SAVING)
        self._later(lambda: self.actions.finish_fingerspelling(letter), self._letter_saved)

    def _letter_saved(self, future: Future) -> None:
        error = future.exception()
        self.countdown.setText(failure(error) if error else future.result())


def _page(*widgets: QWidget) -> QWidget:
    page = QWidget()
    layout = QVBoxLayout(page)
    for widget in widgets:
        layout.addWidget(widget)
    layout.addStretch(1)
    return page


def _pick_folder(parent: QWidget) -> Path | None:
    folder = QFileDialog.getExistingDirectory(
        parent, "언어 팩(.argosmodel)이 있는 폴더 / folder with .argosmodel files"
    )
    return Path(folder) if folder else None

"""Wiring of a live kiosk: config -> store -> session -> devices, and the media thread.

The UI sees a :class:`KioskRuntime` only as :class:`kiosk.contract.ScreenRuntime` and talks to its
``session``; frames and microphone levels reach it only through callbacks (called on the media worker
thread; the UI's bridge moves them to the Qt thread). Device choice follows ``[devices]`` in the config:
"auto" takes the first real device and falls back to the demo media (and says so on screen), "demo" forces
the demo media, "none" disables.
"""

from __future__ import annotations

import dataclasses
import logging
import threading
from collections.abc import Callable
from pathlib import Path

import numpy as np

from base.clock import Clock, SystemClock
from base.errors import CorruptDatabaseError, KioskError
from base.events import Notice
from base.languages import LANGUAGES
from hardware.demo_conversation import DemoConversation
from hardware.devices import AudioChunk, Camera, Microphone
from hardware.microphone_pair import MicrophonePair
from hardware.null_speaker import NullSpeaker
from kiosk import device_choice
from kiosk.admin.recorder import FrameRecorder
from kiosk.channels.fingerspelling import SpellingChannel
from kiosk.channels.signing import SignChannel
from kiosk.channels.speech import SpeechChannel, asr_options
from kiosk.channels.two_microphones import TwoMicrophoneSpeech
from kiosk.channels.voice_output import VoiceOutput
from kiosk.config import KioskConfig
from kiosk.device_status import DeviceStatus, DeviceWatch
from kiosk.line_worker import LineWorker
from kiosk.session import Session
from kiosk.store import TranscriptStore
from kiosk.translation import kiosk_suggester, kiosk_translator, language_support
from translations.asr import SpeechRecognizer
from translations.phrasebook import load_phrasebook

log = logging.getLogger(__name__)

RETRY_S = 2.0  # how often a lost camera or microphone is reopened
MAX_READ_S = 5.0  # read everything a live microphone buffered while the last caption was decoded
FrameListener = Callable[[np.ndarray], None]
LevelListener = Callable[[float], None]
Feeder = SpeechChannel | TwoMicrophoneSpeech


def offered_languages(config: KioskConfig, session: Session) -> tuple[list[str], list[Notice]]:
    """The enabled languages a visitor can be served in, and a notice for each one that cannot."""
    offered, notices = [], []
    for code, found in language_support(config, session.phrasebook).items():
        if found.offered:
            offered.append(code)
        else:
            notices.append(
                Notice(
                    "language_unavailable",
                    f"{LANGUAGES[code].korean}는 번역 팩이 없어 방문자 화면에 표시하지 않습니다",
                    f"{LANGUAGES[code].english} is not offered to visitors: missing {'; '.join(found.missing)}",
                    "warning",
                )
            )
    return offered, notices


def open_store(path: Path) -> tuple[TranscriptStore, Notice | None]:
    """Open the transcript store; a damaged file is moved aside and a fresh one started, with a notice."""
    try:
        return TranscriptStore(path), None
    except CorruptDatabaseError as exc:
        log.error("%s", exc.message_en)
        return TranscriptStore(path), Notice("store_recovered", exc.message_ko, exc.message_en, "warning")


class KioskRuntime:
    """The live kiosk: config, session, devices and the media worker."""

    def __init__(
        self,
        config: KioskConfig,
        session: Session,
        devices: dict[str, object],
        status: DeviceStatus,
        startup_notices: list[Notice] | None = None,
    ) -> None:
        self.config = config
        self.session = session
        self.status = status
        self.startup_notices = list(startup_notices or [])  # for screens that subscribe after build()
        self._devices = devices
        self._frame_listeners: list[FrameListener] = []
        self._level_listeners: list[LevelListener] = []
        self._stop = threading.Event()
        self._threads: list[threading.Thread] = []
        self._recognizer: SpeechRecognizer | None = None
        self._recognizer_lock = threading.Lock()
        self.voice = VoiceOutput(devices.get("speaker") or NullSpeaker(), config.voice, notify=session.notify)
        self.spelling = SpellingChannel(session)
        self.signing = SignChannel(session)
        self.lines = LineWorker(session)  # the screens' lines are translated off the Qt thread
        self.recorder = FrameRecorder()
        self._frame_listeners += [self.spelling.on_frame, self.signing.on_frame, self.recorder.on_frame]
        self.startup_notices += self.signing.startup_notices
        self.offered_languages, unavailable = offered_languages(config, session)
        self.startup_notices += unavailable
        session.subscribe(self.voice.on_event)

    @classmethod
    def build(cls, config: KioskConfig, *, clock: Clock | None = None, start_devices: bool = True) -> KioskRuntime:
        """Open the store and session, choose devices (falling back to demo media) and report degradations."""
        store, notice = open_store(config.store.path)
        phrasebook = load_phrasebook()
        translator, notices = kiosk_translator(config, phrasebook)
        suggester = kiosk_suggester(config, phrasebook)
        clock = clock or SystemClock()
        session = Session(config, store, clock=clock, phrasebook=phrasebook, translator=translator, suggester=suggester)
        devices: dict[str, object] = {}
        kinds: dict[str, str] = {}
        notices += [notice] if notice else []
        for kind in ("camera", "microphone", "speaker", "visitor_microphone"):
            device, what, problem = device_choice.choose(kind, config.devices, probe=start_devices, clock=clock)
            devices[kind], kinds[kind] = device, what
            if problem:
                notices.append(problem)
        conversation = devices["microphone"]
        if isinstance(conversation, DemoConversation):  # the demo is two microphones, the clerk's and the visitor's
            devices["microphone"] = conversation.clerk
            devices["visitor_microphone"] = devices["visitor_microphone"] or conversation.visitor
            session.subscribe(lambda event: device_choice.play_demo(session, conversation, event))
        status = DeviceStatus(kinds["camera"], kinds["microphone"], kinds["speaker"])
        return cls(config, session, devices, status, notices)

    def subscribe_frames(self, listener: FrameListener) -> None:
        """Call ``listener(rgb_image)`` for each camera frame (on the media thread)."""
        self._frame_listeners.append(listener)

    def subscribe_level(self, listener: LevelListener) -> None:
        """Call ``listener(level)`` with the microphone level 0..1 (on the media thread)."""
        self._level_listeners.append(listener)

    def start_media(self) -> None:
        """Start one worker thread per input device (idempotent)."""
        if self._threads:
            return
        microphone, visitor = self._devices.get("microphone"), self._devices.get("visitor_microphone")
        pair = None
        if microphone is not None and visitor is not None:
            watch = DeviceWatch(self.session, "visitor_microphone", ("방문자 마이크", "visitor microphone"))
            pair = MicrophonePair(microphone, visitor, opened=watch.opened, lost=watch.lost)
        loops = [
            ("camera", self._camera_loop, self._devices.get("camera")),
            ("microphone", self._microphone_loop, microphone if visitor is None else None),
            ("microphones", self._pair_loop, pair),
        ]
        for kind, loop, device in loops:
            if device is not None:
                thread = threading.Thread(target=loop, args=(device,), name=f"kiosk-{kind}", daemon=True)
                thread.start()
                self._threads.append(thread)

    def close(self) -> None:
        """Stop the media threads, close devices and the store."""
        self._stop.set()
        self.lines.close()
        self.voice.close()
        self.spelling.close()
        self.signing.close()
        for thread in self._threads:
            thread.join(timeout=3)
        for device in self._devices.values():
            for method in ("close", "stop"):
                if hasattr(device, method):
                    try:
                        getattr(device, method)()
                    except Exception:
                        log.exception("closing a device failed")
        self.session.store.close()

    def _camera_loop(self, camera: Camera) -> None:
        """Frames to the listeners; a camera that goes away is reopened every few seconds until it is back."""
        watch = DeviceWatch(self.session, "camera", ("카메라", "camera"))
        while not self._stop.is_set():
            if not watch.opened(camera.open):
                self._stop.wait(RETRY_S)
                continue
            while not self._stop.is_set():
                try:
                    frame = camera.read()
                except KioskError as exc:
                    watch.lost(exc)
                    _quietly(camera.close)
                    break
                if frame is None:
                    self._stop.wait(0.05)
                    continue
                for listener in self._frame_listeners:
                    listener(frame.image)

    def _microphone_loop(self, microphone: Microphone) -> None:
        """One shared microphone: its audio to a speech channel that tells clerk and visitor by language."""
        self._listen(microphone, "shared_microphone", lambda recognizer: SpeechChannel(self.session, recognizer))

    def _pair_loop(self, pair: MicrophonePair) -> None:
        """The clerk's and the visitor's microphones: the louder one decides who spoke (the visitor's missing:
        the clerk's is the shared one)."""
        self._listen(pair, "microphones", lambda recognizer: TwoMicrophoneSpeech(self.session, recognizer))

    def _listen(
        self, source: Microphone | MicrophonePair, code: str, make: Callable[[SpeechRecognizer], Feeder]
    ) -> None:
        """Read all the audio the device(s) have, show its level, and feed live captions (when available).

        An unplugged microphone is restarted every few seconds; captions resume when it is back.
        """
        watch = DeviceWatch(self.session, code, ("마이크", "microphone"))
        channel = None
        while not self._stop.is_set():
            if not watch.opened(source.start):
                self._stop.wait(RETRY_S)
                continue
            recognizer = self._speech_recognizer()
            channel = channel or (make(recognizer) if recognizer else None)
            while not self._stop.is_set():
                try:
                    audio = _channels(source.read(MAX_READ_S))
                except KioskError as exc:
                    watch.lost(exc)
                    _quietly(source.stop)
                    break
                if not audio or audio[0].size == 0:
                    self._stop.wait(0.05)
                    continue
                self._hear(audio, channel)

    def _hear(self, audio: tuple[np.ndarray | None, ...], channel: Feeder | None) -> None:
        rms = max(np.sqrt(np.mean(np.square(samples))) for samples in audio if samples is not None)
        level = float(min(1.0, rms * 4.0))
        for listener in self._level_listeners:
            listener(level)
        if channel is not None:
            try:
                channel.feed(*audio)
            except Exception:
                log.exception("speech decoding failed; live captions go on with the next audio")

    def _speech_recognizer(self) -> SpeechRecognizer | None:
        """The one recogniser, or None with a notice when speech is off or its model is missing."""
        if not self.config.speech.enabled:
            return None
        with self._recognizer_lock:
            if self._recognizer is None:
                try:
                    self._recognizer = SpeechRecognizer(asr_options(self.config))
                except KioskError as exc:
                    log.warning("speech unavailable: %s", exc.message_en)
                    self.session.notify(Notice("speech_unavailable", exc.message_ko, exc.message_en, "warning"))
                    self.config = dataclasses.replace(
                        self.config, speech=dataclasses.replace(self.config.speech, enabled=False)
                    )
                    return None
        return self._recognizer


def _channels(read: AudioChunk | tuple[np.ndarray, np.ndarray | None] | None) -> tuple[np.ndarray | None, ...]:
    """One microphone's chunk or a pair's two arrays, as a tuple of arrays (empty: nothing yet)."""
    if read is None:
        return ()
    return (read.samples,) if isinstance(read, AudioChunk) else read


def _quietly(action: Callable[[], None]) -> None:
    try:
        action()
    except Exception:
        log.debug("closing a failed device failed too", exc_info=True)

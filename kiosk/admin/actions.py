"""What the admin screen can see and do, for the UI (which talks only to ``kiosk``): each action audited.

Languages and what is missing, device and model checks, stored visits and a purge, translation packs
(install from a folder such as a USB stick, remove). Every change goes to the audit log.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from base.errors import DeviceError, PackError
from base.languages import LANGUAGES
from kiosk.admin.doctor import Check, run_checks
from kiosk.admin.pin import AdminGate
from kiosk.admin.recorder import FrameRecorder, landmarks_of, save_fingerspelling
from kiosk.channels.signing import SignChannel
from kiosk.session import Session
from kiosk.translation import installed, kiosk_translator, language_support
from sign_models.dictionary import CREDIT, search
from sign_models.enrollment import delete_example, enroll_frames
from sign_models.fewshot import EnrolledSigns
from sign_models.fingerspell_spec import load_spec
from translations.languages import Support
from translations.packs import InstalledPack, install, pack_files, pack_folder, remove


@dataclass(frozen=True)
class LanguageRow:
    code: str
    name: str  # in Korean, for the admin
    support: Support


class AdminActions:
    """The admin screen's back end for one running kiosk."""

    def __init__(
        self,
        session: Session,
        gate: AdminGate,
        recorder: FrameRecorder | None = None,
        signing: SignChannel | None = None,
    ) -> None:
        self.session, self.gate, self.recorder, self.signing = session, gate, recorder, signing
        self.config = session.config

    def letters(self) -> list[str]:
        """The fingerspelling letters an interpreter can record."""
        spec = load_spec()
        return [*spec.letters, *spec.doubles]

    def start_recording(self, seconds: float) -> None:
        if self.recorder is None:
            raise DeviceError("카메라가 없어 녹화할 수 없습니다", "no camera: nothing to record from")
        self.recorder.start(seconds)

    def find_signs(self, query: str) -> list[tuple[str, str]]:
        """Daily-life KSL dictionary entries for a Korean word or alias: (word (aliases), 수형 설명)."""
        rows = []
        for entry in search(query):
            label = entry.word + (f" ({', '.join(entry.aliases)})" if entry.aliases else "")
            rows.append((label, entry.description or "(수형 설명 없음)"))
        return rows

    dictionary_credit = CREDIT

    def finish_sign(self, gloss: str, signer: str) -> str:
        """Store the recording as one example of ``gloss`` (recognised from the next sign on) and say
        whether the other examples recognise it and whether it is too close to another taught sign.

        Runs MediaPipe over the seconds recorded: the admin screen calls it on a worker thread."""
        frames = self.recorder.stop() if self.recorder else []
        path = enroll_frames(landmarks_of(frames), gloss, self.config.models.enrolled_dir, signer or "unknown")
        if self.signing is not None:
            self.signing.reload_enrolled()
        self.gate.audit("sign_enrolled", gloss=gloss, signer=signer or "unknown")
        signs = EnrolledSigns.load(self.config.models.enrolled_dir)
        recognised, close = signs.check(path.name)
        count = sum(e.gloss == gloss.strip() for e in signs.examples)
        message = f"'{gloss}' 예시 {count}개째를 저장했습니다."
        if recognised is None:
            message += " 첫 예시입니다: 한두 번 더 녹화해 주세요."
        else:
            message += (
                " 앞의 예시와 같은 수어로 인식됩니다."
                if recognised
                else " 앞의 예시와 다르게 보입니다: 다시 녹화하거나 지워 주세요."
            )
        if close is not None:
            message += f" 주의: 이미 등록한 '{close[0]}'와(과) 너무 비슷합니다."
        return message

    def sign_examples(self) -> list[tuple[str, str]]:
        """Every taught example as (file, "gloss · signer · file") for the list with the delete button."""
        signs = EnrolledSigns.load(self.config.models.enrolled_dir)
        return [(e.file, f"{e.gloss} · {e.signer} · {e.file}") for e in signs.examples]

    def delete_sign_example(self, file: str) -> None:
        """Delete a bad example; recognised without it from the next sign on."""
        delete_example(self.config.models.enrolled_dir, file)
        if self.signing is not None:
            self.signing.reload_enrolled()
        self.gate.audit("sign_example_deleted", file=file)

    def enrolled(self) -> list[str]:
        """The signs taught on site, with their number of examples."""
        signs = EnrolledSigns.load(self.config.models.enrolled_dir)
        counts: dict[str, int] = {}
        for example in signs.examples:
            counts[example.gloss] = counts.get(example.gloss, 0) + 1
        return [f"{gloss} ({n})" for gloss, n in sorted(counts.items())]

    def finish_fingerspelling(self, letter: str) -> str:
        """Save the recording as training examples of ``letter``; a message for the admin (Korean)."""
        frames = self.recorder.stop() if self.recorder else []
        path = save_fingerspelling(landmarks_of(frames), letter, self.config.models.recordings_dir / "fingerspelling")
        self.gate.audit("fingerspelling_recorded", letter=letter, frames=len(frames))
        return f"저장했습니다: {path.name} (다시 학습: python -m sign_models.fingerspell_training train --recordings …)"

    def languages(self) -> list[LanguageRow]:
        supports = language_support(self.config, self.session.phrasebook)
        return [LanguageRow(code, LANGUAGES[code].korean, found) for code, found in supports.items()]

    def checks(self) -> list[Check]:
        return run_checks(self.config)

    def stored(self) -> tuple[int, int]:
        return self.session.store.visit_count()

    def purge(self) -> int:
        """Delete visits past the retention period now."""
        count = self.session.purge_expired()
        self.gate.audit("purge", visits=count)
        return count

    def packs(self) -> tuple[list[InstalledPack], list[str]]:
        packs, notices = installed(self.config)
        return packs, [n.message_ko for n in notices]

    def install_packs(self, folder: Path, progress: Callable[[int, int], None] | None = None) -> list[str]:
        """Install every pack in ``folder``; one line per file saying what happened (a refusal in Korean and
        English). Slow (seconds a pack, then the translator is loaded again): the admin screen calls it on a
        worker thread, and ``progress`` is called on that thread."""
        results = []
        for path in pack_files([folder]):
            try:
                pack = install(path, pack_folder(self.config.models.packs_dir), progress)
            except PackError as exc:
                results.append(f"✗ {path.name}: {exc.message_ko} / {exc.message_en}")
                self.gate.audit("pack_refused", file=path.name)
                continue
            results.append(f"✓ {pack.code} {pack.version}")
            self.gate.audit("pack_installed", pack=pack.code, version=pack.version)
        self._reload_translator()
        return results

    def remove_pack(self, code: str) -> None:
        remove(code, pack_folder(self.config.models.packs_dir))
        self.gate.audit("pack_removed", pack=code)
        self._reload_translator()

    def _reload_translator(self) -> None:
        """The live kiosk uses the packs as they are now, from the next line on."""
        self.session.use_translator(kiosk_translator(self.config, self.session.phrasebook)[0])

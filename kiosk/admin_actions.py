"""What the admin screen can see and do, for the UI (which talks only to ``kiosk``): each action audited.

Languages and what is missing, device and model checks, stored visits and a purge, translation packs
(install from a folder such as a USB stick, remove). Every change goes to the audit log.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from kiosk.admin import AdminGate
from kiosk.doctor import Check, run_checks
from kiosk.errors import PackError
from kiosk.session import Session
from kiosk.translation import installed, kiosk_translator, language_support
from translations.languages import LANGUAGES, Support
from translations.packs import InstalledPack, install, pack_files, pack_folder, remove


@dataclass(frozen=True)
class LanguageRow:
    code: str
    name: str  # in Korean, for the admin
    support: Support


class AdminActions:
    """The admin screen's back end for one running kiosk."""

    def __init__(self, session: Session, gate: AdminGate) -> None:
        self.session, self.gate = session, gate
        self.config = session.config

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
        """Install every pack in ``folder``; one line per file saying what happened (Korean)."""
        results = []
        for path in pack_files([folder]):
            try:
                pack = install(path, pack_folder(self.config.models.packs_dir), progress)
            except PackError as exc:
                results.append(f"✗ {path.name}: {exc.message_ko}")
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
        self.session.translator, _ = kiosk_translator(self.config, self.session.phrasebook)

"""One line of ``kiosk doctor``'s report (:mod:`kiosk.admin.doctor`, :mod:`kiosk.admin.microphone_check`)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Check:
    """One line of the doctor's report: ``failure`` names what is wrong when not ``ok`` (a part missing, or one
    present that does not work)."""

    name: str
    ok: bool
    required: bool
    detail: str
    fix: str = ""
    failure: str = "MISSING"

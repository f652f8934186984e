"""``kiosk --help`` and every command's help stay as users know them (golden file from before the cli/ split)."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from cli.main import build_parser

GOLDEN = Path(__file__).parent / "data" / "kiosk_help.txt"


def all_help(parser: argparse.ArgumentParser, name: str = "kiosk") -> str:
    """The help of ``parser`` and, depth first, of every sub-command under it."""
    text = f"=== {name}\n{parser.format_help()}"
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for command, sub in action.choices.items():
                text += all_help(sub, f"{name} {command}")
    return text


def test_every_help_text_is_unchanged(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    assert all_help(build_parser()) == GOLDEN.read_text(encoding="utf-8")


def test_each_command_family_has_its_module() -> None:
    families = {"run": "run", "doctor": "run", "transcribe": "translation", "bench": "measure", "replay": "run"}
    families |= {"soak": "measure", "translate": "translation", "say": "translation", "packs": "translation"}
    families |= {"admin": "admin", "sign": "sign", "fingerspell": "sign"}
    commands = next(a for a in build_parser()._actions if isinstance(a, argparse._SubParsersAction)).choices
    assert list(commands) == list(families)
    for name, sub in commands.items():
        handlers = [sub.get_default("handler")] + [
            leaf.get_default("handler")
            for action in sub._actions
            if isinstance(action, argparse._SubParsersAction)
            for leaf in action.choices.values()
        ]
        assert {h.__module__ for h in handlers if h} == {f"cli.{families[name]}"}, name

"""Language packs: tiny real Argos packs installed and run through the product path; hostile packs refused."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import stat
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from base.errors import PackError
from cli.main import main
from translations.packs import install, installed_packs, pack_files, pack_folder, read_pack, remove


def tree_digest(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture
def installed(tmp_path: Path, pack_files: dict[str, Path]) -> Path:
    folder = tmp_path / "packs"
    install(pack_files["ko-en"], folder)
    return folder


def hostile_pack(tmp_path: Path, good: Path, extra: dict[str, bytes], *, symlink: str | None = None) -> Path:
    """A copy of a good pack with extra entries (names are written as given)."""
    path = tmp_path / "hostile.argosmodel"
    shutil.copy(good, path)
    with zipfile.ZipFile(path, "a") as zf:
        for name, data in extra.items():
            zf.writestr(name, data, compress_type=zipfile.ZIP_DEFLATED)
        if symlink:
            info = zipfile.ZipInfo(symlink)
            info.external_attr = (stat.S_IFLNK | 0o777) << 16
            zf.writestr(info, "/etc/passwd")
    return path


def test_a_pack_installs_from_a_folder_and_translates_through_the_cli(
    tmp_path: Path, pack_files: dict[str, Path], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    usb = tmp_path / "usb"
    usb.mkdir()
    shutil.copy(pack_files["ko-en"], usb)
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(tmp_path / "packs"))
    monkeypatch.chdir(tmp_path)
    assert main(["packs", "install", str(usb)]) == 0
    assert "100%" in capsys.readouterr().err
    assert main(["translate", "--from", "ko", "--to", "en", "--json", "안녕하세요 여기 주세요"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["text"] == "hello here please"
    assert result["provenance"] == "machine"
    assert result["ms"] >= 0
    assert main(["packs", "list"]) == 0
    assert "ko-en" in capsys.readouterr().out
    assert main(["packs", "verify"]) == 0
    assert "OK     ko-en" in capsys.readouterr().out


def test_the_pack_folder_comes_from_the_environment_as_in_argos(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.delenv("ARGOS_PACKAGES_DIR", raising=False)
    assert pack_folder(tmp_path / "configured") == tmp_path / "configured"
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(tmp_path / "env"))
    assert pack_folder(tmp_path / "configured") == tmp_path / "env"


def test_reinstalling_replaces_the_pack_for_the_same_pair(installed: Path, pack_files: dict[str, Path]) -> None:
    install(pack_files["ko-en"], installed)
    packs, errors = installed_packs(installed)
    assert [p.code for p in packs] == ["ko-en"] and not errors
    assert not [p for p in installed.iterdir() if p.name.startswith(".")], "no staging folder is left behind"


@pytest.mark.parametrize(
    "extra, symlink, why",
    [
        ({"../evil.txt": b"x"}, None, "unsafe path"),
        ({"translate-en_ja-0_1/../../evil.txt": b"x"}, None, "unsafe path"),
        ({"/tmp/evil.txt": b"x"}, None, "unsafe path"),
        ({"C:/evil.txt": b"x"}, None, "unsafe path"),
        ({}, "translate-en_ja-0_1/link", "symbolic link"),
        ({"translate-en_ja-0_1/metadata.json": b"{}"}, None, "duplicate entry"),
        ({"translate-en_ja-0_1/bomb.bin": b"\0" * (20 * 1024 * 1024)}, None, "compression ratio"),
    ],
    ids=["dot-dot", "nested-dot-dot", "absolute", "drive-letter", "symlink", "duplicate", "zip-bomb"],
)
@pytest.mark.filterwarnings("ignore:Duplicate name")  # the duplicate entry is the attack under test
def test_hostile_packs_are_refused_and_installed_packs_are_intact(
    tmp_path: Path, installed: Path, pack_files: dict[str, Path], extra: dict, symlink: str | None, why: str
) -> None:
    before = tree_digest(installed)
    bad = hostile_pack(tmp_path, pack_files["en-ja"], extra, symlink=symlink)
    with pytest.raises(PackError, match=why):
        install(bad, installed)
    assert tree_digest(installed) == before
    assert not (tmp_path / "evil.txt").exists() and not Path("/tmp/evil.txt").exists()
    assert [p.code for p in installed_packs(installed)[0]] == ["ko-en"]


def test_a_zip_bomb_is_refused_before_any_entry_is_decompressed(
    tmp_path: Path, pack_files: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    bomb = hostile_pack(tmp_path, pack_files["en-ja"], {"translate-en_ja-0_1/bomb.bin": b"\0" * (20 * 1024 * 1024)})
    opened = []
    open_entry = zipfile.ZipFile.open
    monkeypatch.setattr(zipfile.ZipFile, "open", lambda zf, *a, **kw: opened.append(a[0]) or open_entry(zf, *a, **kw))
    with pytest.raises(PackError, match="compression ratio"):
        install(bomb, tmp_path / "packs")
    assert opened == []  # the sizes in the central directory refused it; testzip() never inflated it


def test_truncated_and_non_zip_files_are_refused(tmp_path: Path, installed: Path, pack_files: dict[str, Path]) -> None:
    before = tree_digest(installed)
    data = pack_files["en-ja"].read_bytes()
    truncated = tmp_path / "truncated.argosmodel"
    truncated.write_bytes(data[: len(data) // 2])
    text = tmp_path / "notes.argosmodel"
    text.write_text("not a pack", encoding="utf-8")
    for path in (truncated, text):
        with pytest.raises(PackError, match=r"zip|damaged"):
            install(path, installed)
    assert tree_digest(installed) == before


def test_a_corrupted_entry_is_caught_by_its_checksum(tmp_path: Path, installed: Path, pack_files: dict) -> None:
    data = bytearray(pack_files["en-ja"].read_bytes())
    with zipfile.ZipFile(pack_files["en-ja"]) as zf:
        info = zf.getinfo("translate-en_ja-0_1/model/model.bin")
    middle = info.header_offset + 100 + info.compress_size // 2
    data[middle] ^= 0xFF
    bad = tmp_path / "flipped.argosmodel"
    bad.write_bytes(bytes(data))
    with pytest.raises(PackError, match="bad CRC"):
        install(bad, installed)


@pytest.mark.parametrize(
    "mutate, why",
    [
        (lambda root: (root / "metadata.json").unlink(), "metadata.json is missing"),
        (lambda root: (root / "metadata.json").write_text("{", encoding="utf-8"), "not valid JSON"),
        (lambda root: (root / "metadata.json").write_text('{"from_code": "ko"}', encoding="utf-8"), "to_code"),
        (lambda root: (root / "sentencepiece.model").unlink(), "sentencepiece.model"),
        (lambda root: (root / "model" / "model.bin").unlink(), "model/model.bin"),
    ],
    ids=["no-metadata", "bad-json", "no-to-code", "no-tokenizer", "no-model"],
)
def test_packs_missing_required_parts_are_refused(
    tmp_path: Path, installed: Path, pack_files: dict[str, Path], mutate, why: str
) -> None:
    folder = tmp_path / "unpacked"
    with zipfile.ZipFile(pack_files["en-ja"]) as zf:
        zf.extractall(folder)
    root = folder / "translate-en_ja-0_1"
    mutate(root)
    repacked = tmp_path / "repacked.argosmodel"
    with zipfile.ZipFile(repacked, "w") as zf:  # stored: the tiny model's zeros would look like a zip bomb
        for file in sorted(folder.rglob("*")):
            zf.write(file, file.relative_to(folder))
    before = tree_digest(installed)
    with pytest.raises(PackError, match=why):
        install(repacked, installed)
    assert tree_digest(installed) == before


def test_remove_and_verify_report_what_they_did(
    tmp_path: Path, installed: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(installed))
    (installed / "translate-ko_en" / "model" / "model.bin").write_bytes(b"garbage")
    assert main(["packs", "verify"]) == 1
    assert "BROKEN ko-en" in capsys.readouterr().out
    with pytest.raises(PackError, match="no installed pack en-fr"):
        remove("en-fr", installed)
    assert [p.name for p in remove("ko-en", installed)] == ["translate-ko_en"]
    assert installed_packs(installed) == ([], [])


def test_a_broken_installed_pack_is_reported_and_the_others_still_load(installed: Path, pack_files: dict) -> None:
    install(pack_files["en-ja"], installed)
    (installed / "translate-en_ja" / "metadata.json").unlink()
    packs, errors = installed_packs(installed)
    assert [p.code for p in packs] == ["ko-en"]
    assert len(errors) == 1 and "metadata.json is missing" in errors[0].message_en


def test_pack_files_finds_packs_on_a_stick_and_complains_when_there_are_none(tmp_path: Path) -> None:
    stick, empty = tmp_path / "stick", tmp_path / "empty"
    stick.mkdir()
    empty.mkdir()
    (stick / "a.argosmodel").write_bytes(b"x")
    (stick / "readme.txt").write_text("x", encoding="utf-8")
    assert pack_files([stick]) == [stick / "a.argosmodel"]
    with pytest.raises(PackError, match=r"no \.argosmodel"):
        pack_files([empty])
    with pytest.raises(PackError, match="no such file"):
        pack_files([tmp_path / "missing"])


def test_argostranslate_reads_a_pack_we_installed(installed: Path, tmp_path: Path) -> None:
    """Our installer keeps Argos' own layout, so argostranslate itself accepts the installed folder."""
    pack = read_pack(installed / "translate-ko_en")
    code = "import sys, argostranslate.package as p; k = p.Package(sys.argv[1]); print(k.from_code, k.to_code)"
    env = {**os.environ, "ARGOS_PACKAGES_DIR": str(tmp_path / "argos"), "HOME": str(tmp_path)}
    done = subprocess.run([sys.executable, "-c", code, str(pack.path)], capture_output=True, text=True, env=env)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["ko", "en"]


def test_translate_works_with_networking_disabled(installed: Path, tmp_path: Path) -> None:
    if not shutil.which("unshare") or subprocess.run(["unshare", "-n", "true"], capture_output=True).returncode:
        pytest.skip("unshare -n is not permitted here")
    env = {**os.environ, "ARGOS_PACKAGES_DIR": str(installed)}
    command = [sys.executable, "-m", "cli.main", "translate", "--from", "ko", "--to", "en", "안녕하세요 여기"]
    done = subprocess.run(["unshare", "-n", *command], capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("hello here\t[machine,")

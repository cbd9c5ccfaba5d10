"""Key files: made private, refused when others can read them, never overwritten."""

import os
import stat
from pathlib import Path

import pytest

from parley.ledger.keys import KeyFileError, new_key, read_key, signature_valid, write_key


def test_a_key_file_is_private_and_reads_back(tmp_path: Path) -> None:
    key = new_key("UA")
    path = tmp_path / "ua.key"
    write_key(key, path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    again = read_key(path)
    assert again.signer == "UA" and again.public_key == key.public_key
    digest = "ab" * 32
    assert signature_valid(key.public_key, again.sign(digest), digest)
    assert not signature_valid(key.public_key, again.sign(digest), "cd" * 32)


def test_a_key_others_can_read_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "ua.key"
    write_key(new_key("UA"), path)
    os.chmod(path, 0o644)
    with pytest.raises(KeyFileError, match="chmod 600"):
        read_key(path)


def test_a_key_file_is_never_overwritten(tmp_path: Path) -> None:
    path = tmp_path / "ua.key"
    write_key(new_key("UA"), path)
    with pytest.raises(KeyFileError, match="never overwritten"):
        write_key(new_key("UA"), path)


def test_what_is_not_a_key_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "x.key"
    path.write_text("{}", encoding="utf-8")
    os.chmod(path, 0o600)
    with pytest.raises(KeyFileError, match="not a Parley key file"):
        read_key(path)

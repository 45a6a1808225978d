"""The Makefile on a fresh Debian: what it installs, and what it says without root."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
MAKEFILE = (ROOT / "Makefile").read_text(encoding="utf-8")


def _make(
    *args: str, user: list[str] | None = None, cwd: Path = Path("/")
) -> subprocess.CompletedProcess[str]:
    # the Makefile comes on stdin, so an unprivileged user needs no access to the checkout
    return subprocess.run(
        [*(user or []), "make", "-s", "-f", "-", *args],
        input=MAKEFILE,
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_qt_and_receipt_preview_libraries_are_in_the_apt_list() -> None:
    result = _make("--eval", "show: ; @echo $(APT_PACKAGES)", "show")
    packages = result.stdout.split()
    assert "libglib2.0-0" in packages and "fontconfig" in packages, result.stderr


def test_the_virtualenv_gets_the_till_the_server_and_the_tools() -> None:
    result = _make("-n", "-B", ".venv/.installed", cwd=ROOT)  # -n: printed, not run
    assert "pip install -q -e '.[till,central,dev]'" in result.stdout, result.stdout


def test_without_root_or_sudo_it_names_what_root_must_install() -> None:
    if os.geteuid() == 0:
        user = ["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups"]
    elif shutil.which("sudo") is None:
        user = []
    else:
        pytest.skip("this user has sudo: make would ask it for the packages")
    # PYTHON=false: a python that cannot make a virtualenv, as without python3-venv
    result = _make("system-deps", "PYTHON=false", "APT_PACKAGES=yc-no-such-package", user=user)
    assert result.returncode != 0
    assert "installing them needs root (and there is no sudo)" in result.stderr
    assert (
        "    apt-get update && apt-get install -y --no-install-recommends "
        "python3-venv yc-no-such-package\n" in result.stderr
    )
    assert "not found" not in result.stdout + result.stderr

"""bin/find-uv, which the Makefile asks for the command that runs uv: a `uv` that does not answer
(a pyenv shim of another Python) is skipped for `python -m uv`; a working `uv` is used as is."""

import os
import stat
import subprocess
from pathlib import Path

SCRIPT = Path(__file__).resolve().parent.parent / "bin" / "find-uv"


def executable(folder, name, text):
    path = folder / name
    path.write_text("#!/bin/sh\n" + text)
    path.chmod(path.stat().st_mode | stat.S_IXUSR)
    return path


def find_uv(folder, **env):
    result = subprocess.run(
        [str(SCRIPT)],
        env={"PATH": f"{folder}:/usr/bin:/bin", "HOME": str(folder), **env},
        capture_output=True,
        text=True,
        check=False,
    )
    return result.returncode, result.stdout.strip()


def test_a_uv_shim_of_another_python_is_skipped_for_python_m_uv(tmp_path):
    executable(tmp_path, "uv", 'echo "pyenv: uv: command not found" >&2; exit 127\n')
    executable(tmp_path, "python3", '[ "$1 $2 $3" = "-m uv --version" ] && echo "uv 0.9"\n')

    assert find_uv(tmp_path) == (0, "python3 -m uv")


def test_a_working_uv_is_used(tmp_path):
    executable(tmp_path, "uv", 'echo "uv 0.9"\n')

    assert find_uv(tmp_path) == (0, "uv")


def test_uv_is_installed_for_the_projects_python_when_missing(tmp_path):
    executable(tmp_path, "uv", 'echo "pyenv: uv: command not found" >&2; exit 127\n')
    log = tmp_path / "pip.log"
    # A python without uv until pip installs it: `-m pip install ... uv` leaves a marker.
    executable(
        tmp_path,
        "python3",
        f'if [ "$1 $2" = "-m pip" ]; then echo "$*" >> {log}; touch {tmp_path}/installed; fi\n'
        f'[ "$1 $2" = "-m pip" ] && exit 0\n'
        f'if [ "$1 $2" = "-m uv" ] && [ -e {tmp_path}/installed ]; then echo "uv 0.9"; exit 0; fi\n'
        "exit 1\n",
    )

    assert find_uv(tmp_path) == (0, "python3 -m uv")
    assert log.read_text().split() == [
        "-m",
        "pip",
        "install",
        "--quiet",
        "--disable-pip-version-check",
        "uv",
    ]
    assert os.path.exists(tmp_path / "installed")

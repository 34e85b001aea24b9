"""The translation catalogues compiled (locale/*/LC_MESSAGES/*.po to .mo).

GNU gettext's msgfmt when the machine has it (it also checks the placeholders of every
translation); otherwise polib, in pure Python, so that `make run` and `make test` work on a
fresh machine without gettext. Each .mo is written aside, then moved into place, because
parallel test workers may compile at the same time."""

import os
import shutil
import subprocess
from pathlib import Path

import polib

LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"


def compile_catalogues(locale_dir: Path = LOCALE_DIR, *, only_changed: bool = False) -> list[Path]:
    """Compile every catalogue under `locale_dir` (with `only_changed`, those whose .mo is older
    than the .po); return the .mo files written."""
    msgfmt = shutil.which("msgfmt")
    written = []
    for po in sorted(locale_dir.glob("*/LC_MESSAGES/*.po")):
        mo = po.with_suffix(".mo")
        if only_changed and mo.exists() and mo.stat().st_mtime >= po.stat().st_mtime:
            continue
        partial = mo.with_suffix(f".mo.{os.getpid()}")
        if msgfmt:
            subprocess.run([msgfmt, "--check-format", "-o", str(partial), str(po)], check=True)  # noqa: S603 (our own files)
        else:
            polib.pofile(str(po)).save_as_mofile(str(partial))
        partial.replace(mo)
        written.append(mo)
    return written

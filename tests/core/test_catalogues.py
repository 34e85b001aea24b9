"""The catalogues compile with GNU gettext's msgfmt or, on a machine without it, with polib; both
give a catalogue Django reads the same translations from."""

import gettext
import shutil

import pytest

from taiex.core import catalogues
from taiex.core.catalogues import LOCALE_DIR, compile_catalogues


def copy_locale(tmp_path):
    target = tmp_path / "locale"
    shutil.copytree(LOCALE_DIR, target, ignore=shutil.ignore_patterns("*.mo"))
    return target


def french(locale_dir):
    return gettext.translation("django", localedir=locale_dir, languages=["fr"])


@pytest.mark.parametrize("with_msgfmt", [True, False])
def test_the_french_catalogue_compiles_with_or_without_gettext(tmp_path, monkeypatch, with_msgfmt):
    if with_msgfmt and shutil.which("msgfmt") is None:
        pytest.skip("GNU gettext is not installed here")
    if not with_msgfmt:
        monkeypatch.setattr(catalogues.shutil, "which", lambda name: None)
    locale_dir = copy_locale(tmp_path)

    written = compile_catalogues(locale_dir)

    assert written == [locale_dir / "fr" / "LC_MESSAGES" / "django.mo"]
    assert french(locale_dir).gettext("Peer review") == "Évaluation par les pairs"
    assert french(locale_dir).pgettext("funding window", "Window") == "Volet"


def test_only_changed_catalogues_are_compiled_again(tmp_path):
    locale_dir = copy_locale(tmp_path)
    compile_catalogues(locale_dir)

    assert compile_catalogues(locale_dir, only_changed=True) == []

"""The dev-only commands that write the committed reference files reproduce them exactly, so a
file edited by hand or a changed rule is seen."""

from io import StringIO

import pytest
from django.core.management import call_command

from taiex.reference.loading import DATA_DIR
from taiex.reference.management.commands import write_partner_countries, write_public_holidays


@pytest.mark.parametrize(
    ("module", "files"),
    [
        (write_partner_countries, ["partner_countries.csv"]),
        (write_public_holidays, ["commission_holidays.csv", "country_holidays.csv"]),
    ],
)
def test_the_writer_reproduces_the_committed_files(module, files, tmp_path, monkeypatch):
    monkeypatch.setattr(module, "DATA_DIR", tmp_path)

    call_command(module.__name__.rsplit(".", 1)[-1], stdout=StringIO())

    for name in files:
        assert (tmp_path / name).read_bytes() == (DATA_DIR / name).read_bytes(), name

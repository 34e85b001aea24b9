"""bin/run, which `make run` calls: it says what it is doing before each slow step (the
translations, the migrations, the demo) and only then starts the server. Run here with a fake
uv and a fake Python that record the commands instead of running them."""

import os
import stat
import subprocess
from pathlib import Path

SCRIPT = Path(__file__).resolve().parent.parent / "bin" / "run"


def executable(path, text):
    path.write_text("#!/bin/sh\n" + text)
    path.chmod(path.stat().st_mode | stat.S_IXUSR)
    return path


def test_make_run_says_each_step_before_doing_it_then_serves(tmp_path):
    log = tmp_path / "commands.log"
    python = executable(tmp_path / "python", f'echo "$*" >> {log}\necho "ran $2"\n')
    uv = executable(tmp_path / "uv", f'echo "{python}"\n')

    result = subprocess.run(
        [str(SCRIPT)],
        env={
            "PATH": os.environ["PATH"],
            "UV": str(uv),
            "TAIEX_TASKS_BACKEND": "immediate",
            "TAIEX_RUN_ADDRESS": "127.0.0.1:8765",
        },
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )

    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    steps = [
        "taiex: compiling the translations (manage.py compile_translations)...",
        "taiex: bringing the database up to date (manage.py migrate)...",
        "ran migrate",
        "taiex: loading the demo into an empty database (the first time only; about a minute)...",
        "ran load_demo",
    ]
    assert lines[: len(steps)] == steps
    # the helpers in the background (the periodic commands) may print between these
    served = lines.index(
        "taiex: http://127.0.0.1:8765/  (the demo logins are in README.md; Ctrl-C stops everything)"
    )
    assert served > len(steps) - 1
    assert lines.index("ran runserver") > served
    commands = log.read_text().splitlines()
    assert commands[:3] == [
        "manage.py compile_translations",
        "manage.py migrate --no-input",
        "manage.py load_demo --if-empty",
    ]
    assert "manage.py runserver 127.0.0.1:8765" in commands[3:]

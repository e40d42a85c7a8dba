"""Every command the README shows runs, as written, and exits 0.

The README's `sh` and `python` blocks are read here, not copied: a new command in the README
is a new test. The example file names it uses stand for real-layout fixtures (`EXAMPLE_FILES`);
a command that cannot run on one machine must be listed in `NOT_RUN` with the reason.
"""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import build_map

ROOT = Path(__file__).resolve().parents[1]
REAL = ROOT / "tests" / "data" / "real"
# the README's example names -> fixtures in the same layout (tests/data/real/SOURCES.md)
EXAMPLE_FILES = {
    "acled_export.csv": REAL / "acled_2024_export.csv",  # the examples ask for 2020 onwards
    "acled.csv": REAL / "acled_2024_export.csv",
    "ged.csv": REAL / "ucdp_ged231.csv",
}
NOT_RUN = {
    "make map": "the top-level command: CI's check-install builds the map from a clean install",
    "make test": "the top-level command: CI runs it, and it runs this file",
    "pip install": "installs packages; CI's install step does this",
    "--scheduler tcp://": "needs someone's dask cluster; the LocalCluster command above runs the same path",
}


def _blocks(language: str) -> list[str]:
    text = (ROOT / "README.md").read_text("utf-8")
    return re.findall(rf"^```{language}\n(.*?)^```", text, flags=re.S | re.M)


def _commands() -> list[str]:
    commands = []
    for block in _blocks("sh"):
        for line in block.replace("\\\n", " ").splitlines():
            command = re.sub(r"(^|\s+)#.*$", "", line).strip()  # comments, and lines of output
            if command:
                commands.append(" ".join(command.split()))
    return commands


def _not_run(command: str) -> str | None:
    return next((why for key, why in NOT_RUN.items() if key in command), None)


@pytest.fixture(scope="module")
def workdir(tmp_path_factory) -> Path:
    """One folder for every command, as a reader's: a file read by one command is the same
    file, unchanged, for the next (and the build reuses its load)."""
    return _workdir(tmp_path_factory.mktemp("readme"))


def _workdir(tmp_path: Path) -> Path:
    for name, fixture in EXAMPLE_FILES.items():
        shutil.copy(fixture, tmp_path / name)
    parts = tmp_path / "parts"  # `--events parts/`: a directory of partition files
    parts.mkdir()
    lines = (REAL / "ucdp_ged231.csv").read_text("utf-8").splitlines(keepends=True)
    half = 1 + (len(lines) - 1) // 2
    (parts / "part-0.csv").write_text("".join(lines[:half]), "utf-8")
    (parts / "part-1.csv").write_text("".join(lines[:1] + lines[half:]), "utf-8")
    return tmp_path


@pytest.mark.ci
@pytest.mark.parametrize("command", _commands())
def test_readme_command_runs(command, workdir, monkeypatch, capsys):
    why = _not_run(command)
    if why:
        pytest.skip(why)
    argv = shlex.split(command)
    assert argv[:2] == ["python", "build_map.py"], f"teach this test to run: {command}"
    argv = [str(ROOT / a) if a.startswith(("data/", "tests/data/")) else a for a in argv]  # the shipped files, fixtures
    monkeypatch.chdir(workdir)
    if "--engine" in argv:  # dask workers are processes: run it as a user would
        done = subprocess.run([sys.executable, str(ROOT / "build_map.py"), *argv[2:], "--quiet"],
                              capture_output=True, text=True, timeout=600)
        assert done.returncode == 0, done.stderr
        return
    try:
        code = build_map.main([*argv[2:], "--quiet"] if "--help" not in argv else argv[2:])
    except SystemExit as exit_:  # --help
        code = exit_.code
    assert code == 0, capsys.readouterr().err
    out = capsys.readouterr().out
    if "--help" in argv:
        assert "examples:" in out and "{'option_strings'" not in out
    if "--list-actors" in argv:
        assert "Actor groups (data/actors.toml" in out


@pytest.mark.ci
def test_readme_python_blocks_run(workdir, monkeypatch):
    monkeypatch.chdir(workdir)
    for block in _blocks("python"):
        exec(compile(block, "README.md", "exec"), {})  # noqa: S102 - our own README
    assert (workdir / "acled.html").stat().st_size > 100_000


def test_every_command_is_run_or_has_a_reason():
    commands = _commands()
    assert len(commands) >= 10
    for command in commands:
        assert _not_run(command) or command.startswith("python build_map.py"), command


@pytest.mark.parametrize("script", ["bench/synth.py", "bench/run.py", "bench/relayout.py", "scripts/build_data.py"])
def test_scripts_help_reads_as_help(script):
    done = subprocess.run([sys.executable, str(ROOT / script), "--help"], capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "usage:" in done.stdout and "{'option_strings'" not in done.stdout

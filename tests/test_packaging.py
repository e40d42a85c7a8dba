"""What the wheel carries: every file the code reads from data/ is in its package data.

A file added under data/ without a pattern in pyproject.toml works in the checkout and fails
after `pip install` (it happened to data/themes/); CI's check-install would find it, this
finds it in seconds."""

import fnmatch
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# make data's inputs and its report of the border fit: read by scripts, not by the package
NOT_SHIPPED = ("sources/*", "layers/borders.json")


def _glob_match(path: str, pattern: str) -> bool:
    """setuptools' glob: `*` stays within one folder ("*.toml" is not "themes/default.toml")."""
    if pattern.endswith("/*"):
        return path.startswith(pattern[:-1])
    return path.count("/") == pattern.count("/") and fnmatch.fnmatch(path, pattern)


def test_every_data_file_the_package_reads_is_in_the_wheel():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["tool"]["setuptools"]
    patterns = config["package-data"]["sahel_map_data"]
    data = ROOT / config["package-dir"]["sahel_map_data"]
    files = sorted(str(p.relative_to(data)) for p in data.rglob("*") if p.is_file())
    assert "themes/default.toml" in files
    missing = [f for f in files if not any(_glob_match(f, p) for p in (*patterns, *NOT_SHIPPED))]
    assert missing == [], f"add a pattern to [tool.setuptools.package-data] for: {missing}"

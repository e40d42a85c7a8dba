"""The house has floors: geo/ (data and geometry) < layers/ (the map) < figures/ (print) <
outputs.py < build_map.py. A module imports only from its own floor or below, so geometry never
knows the map, and the map never knows the figures or the CLI."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FLOORS = {"geo": 0, "layers": 1, "figures": 2, "outputs": 3, "build_map": 4}


def _modules():
    for floor in FLOORS:
        package = ROOT / floor
        yield from (sorted(package.rglob("*.py")) if package.is_dir() else [ROOT / f"{floor}.py"])


def _imported_floors(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module.split(".")[0])
    return found & set(FLOORS)


@pytest.mark.parametrize("path", list(_modules()), ids=lambda p: str(p.relative_to(ROOT)))
def test_no_module_imports_from_a_floor_above_its_own(path):
    own = path.relative_to(ROOT).parts[0].removesuffix(".py")
    above = sorted(f for f in _imported_floors(path) if FLOORS[f] > FLOORS[own])
    assert not above, f"{path.relative_to(ROOT)} imports {above}: move the piece down, or the caller up"


def test_geo_has_no_folium_or_matplotlib():
    for path in (ROOT / "geo").rglob("*.py"):
        text = path.read_text("utf-8")
        assert "import folium" not in text and "matplotlib" not in text, path

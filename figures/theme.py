"""House style of the print figures (`--theme FILE`): fonts, sizes, the event-type palette, the
zone colours and the background, from a TOML file (data/themes/default.toml, greyscale.toml).

The figures read the theme in force (`current()`); `using(theme)` sets it, with its fonts, for
drawing and saving. Colours are checked for contrast against the background (WCAG 2.1: 3:1 for
the graphics a reader needs): an event colour below that gets a dark outline.
"""

from __future__ import annotations

import contextvars
import tomllib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import matplotlib
from matplotlib.colors import to_hex, to_rgb

from geo.errors import ConfigError
from geo.paths import DATA_DIR
from geo.schema import EVENT_TYPES

__all__ = ["THEMES_DIR", "Theme", "load_theme", "default_theme", "current", "using", "contrast_ratio",
           "GRAPHIC_CONTRAST"]

THEMES_DIR = DATA_DIR / "themes"
GRAPHIC_CONTRAST = 3.0  # WCAG 2.1 SC 1.4.11: graphical objects against adjacent colours
_ZONES = ("north", "central", "spillover")
_SIZES = {"body_pt": 8.0, "title_pt": 8.0, "source_pt": 6.0}  # the smallest that read in print


def _luminance(colour: str) -> float:
    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (channel(c) for c in to_rgb(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(a: str, b: str) -> float:
    """WCAG 2.1 contrast ratio of two colours, 1 to 21."""
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


@dataclass(frozen=True)
class Theme:
    name: str
    fonts: tuple[str, ...]
    body_pt: float
    title_pt: float
    source_pt: float
    background: str
    land: str
    text: str
    event_types: dict[str, str]
    zones: dict[str, str]  # north, central, spillover

    @property
    def zone_colors(self) -> dict[str, str]:
        """The conflict zones' colours (north, central), as layers/zones.ZONE_COLORS."""
        return {z: self.zones[z] for z in ("north", "central")}

    @property
    def spillover(self) -> str:
        return self.zones["spillover"]

    def surface_contrast(self, colour: str) -> float:
        """The lower contrast of `colour` against the background and the land it is drawn on."""
        return min(contrast_ratio(colour, self.background), contrast_ratio(colour, self.land))

    def event_edge(self, colour: str) -> str:
        """A circle's outline: the background's colour, or dark grey where the fill alone
        would not stand out from the map (below 3:1)."""
        return self.background if self.surface_contrast(colour) >= GRAPHIC_CONTRAST else "#333333"

    def rc(self) -> dict:
        # DejaVu Sans last: matplotlib's own font, so a stack of uninstalled fonts still draws
        return {"font.family": "sans-serif", "font.sans-serif": list(dict.fromkeys([*self.fonts, "DejaVu Sans"]))}


def load_theme(path: str | Path) -> Theme:
    """Read and check a theme file; every problem is listed in one ConfigError."""
    path = Path(path)
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"--theme {path}: no such file; see data/themes/ for examples") from None
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"--theme {path}: cannot read it as TOML: {exc}") from None
    problems = []

    def colour(where: str, value) -> str:
        try:
            return to_hex(str(value))
        except ValueError:
            problems.append(f"{where} {value!r} is not a colour (use #rrggbb)")
            return "#000000"

    sizes = {}
    for key, low in _SIZES.items():
        value = raw.get(key)
        if not isinstance(value, int | float) or value < low:
            problems.append(f"{key} {value!r} is not a size in pt of at least {low:g}")
        sizes[key] = float(value) if isinstance(value, int | float) else low
    fonts = raw.get("fonts", [])
    if not fonts or not all(isinstance(f, str) and f for f in fonts):
        problems.append("fonts must be a list of font family names, e.g. [\"DejaVu Sans\", \"Arial\"]")
    events = raw.get("event_types", {})
    missing, unknown = set(EVENT_TYPES) - set(events), set(events) - set(EVENT_TYPES)
    if missing or unknown:
        problems.append(f"[event_types] needs exactly the ACLED types: missing {sorted(missing)}, "
                        f"unknown {sorted(unknown)}")
    zones = raw.get("zones", {})
    if set(zones) != set(_ZONES):
        problems.append(f"[zones] needs {', '.join(_ZONES)}; it has {', '.join(zones) or 'none'}")
    theme = Theme(
        name=str(raw.get("name", path.stem)), fonts=tuple(fonts), **sizes,
        background=colour("background", raw.get("background", "#ffffff")),
        land=colour("land", raw.get("land", "#f5f5f3")), text=colour("text", raw.get("text", "#111111")),
        event_types={k: colour(f"event_types.{k}", events.get(k, "#000000")) for k in EVENT_TYPES},
        zones={z: colour(f"zones.{z}", zones.get(z, "#000000")) for z in _ZONES})
    if problems:
        raise ConfigError(f"--theme {path}: " + "; ".join(problems))
    return theme


@cache
def default_theme() -> Theme:
    return load_theme(THEMES_DIR / "default.toml")


_CURRENT: contextvars.ContextVar[Theme | None] = contextvars.ContextVar("figure_theme", default=None)


def current() -> Theme:
    """The theme in force: the one `using` set, else data/themes/default.toml."""
    return _CURRENT.get() or default_theme()


@contextmanager
def using(theme: Theme | None) -> Iterator[Theme]:
    """Draw (and save) figures in `theme` (None: the default), its fonts included."""
    theme = theme or default_theme()
    token = _CURRENT.set(theme)
    try:
        with matplotlib.rc_context(theme.rc()):
            yield theme
    finally:
        _CURRENT.reset(token)

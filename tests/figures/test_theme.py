"""House style (figures/theme.py, data/themes/): every shipped theme loads and passes the
contrast check, and a theme reaches the figures (palette, sizes, font stack)."""

import pytest
from matplotlib.colors import to_hex

from figures._mpl import figure_bytes
from figures.theme import GRAPHIC_CONTRAST, THEMES_DIR, contrast_ratio, current, load_theme, using
from figures.zone_chart import draw_chart
from geo.errors import ConfigError
from geo.schema import EVENT_TYPES

THEMES = sorted(THEMES_DIR.glob("*.toml"))


def test_the_default_and_a_greyscale_theme_are_shipped():
    assert {p.stem for p in THEMES} >= {"default", "greyscale"}
    grey = load_theme(THEMES_DIR / "greyscale.toml")
    for colour in [*grey.event_types.values(), *grey.zones.values()]:
        assert colour[1:3] == colour[3:5] == colour[5:7], colour  # r = g = b


@pytest.mark.parametrize("path", THEMES, ids=lambda p: p.stem)
def test_contrast_of_each_palette(path):
    theme = load_theme(path)
    assert contrast_ratio(theme.text, theme.background) >= 4.5  # WCAG AA for text
    for zone, colour in theme.zones.items():  # outlines on the background and the land
        assert theme.surface_contrast(colour) >= GRAPHIC_CONTRAST, zone
    for kind in EVENT_TYPES:  # a circle stands out by its fill, or else by its dark outline
        fill = theme.event_types[kind]
        seen = max(theme.surface_contrast(fill), theme.surface_contrast(theme.event_edge(fill)))
        assert seen >= GRAPHIC_CONTRAST, kind


def test_a_dark_outline_only_where_the_fill_is_too_light():
    default = load_theme(THEMES_DIR / "default.toml")
    assert default.event_edge(default.event_types["Strategic developments"]) == "#333333"  # sky blue: 2.1:1
    assert default.event_edge(default.event_types["Protests"]) == default.background      # blue: 4.8:1


def test_a_bad_theme_lists_every_problem(tmp_path):
    path = tmp_path / "bad.toml"
    path.write_text('fonts = []\nbody_pt = 6\ntitle_pt = 11\nsource_pt = 6.5\nbackground = "paper"\n'
                    '[event_types]\nBattles = "#000000"\n[zones]\nnorth = "#000000"\n', "utf-8")
    with pytest.raises(ConfigError) as error:
        load_theme(path)
    message = str(error.value)
    for part in ("body_pt 6 is not a size in pt of at least 8", "fonts must be a list",
                 "background 'paper' is not a colour", "missing ['Explosions/Remote violence'",
                 "[zones] needs north, central, spillover"):
        assert part in message, part


def test_a_theme_reaches_the_figure(default_prepared, tmp_path):
    text = (THEMES_DIR / "greyscale.toml").read_text("utf-8")
    path = tmp_path / "house.toml"
    path.write_text(text.replace('fonts = ["DejaVu Sans",', 'fonts = ["Source Sans 3", "DejaVu Sans",'), "utf-8")
    theme = load_theme(path)
    with using(theme):
        assert current() is theme
        fig = draw_chart(default_prepared.summary["by_zone_period"])
        svg = figure_bytes(fig, "svg").decode()
    assert current() is not theme  # only inside `using`
    title = fig.texts[0]
    assert title.get_fontsize() == theme.title_pt == 12
    bars = {to_hex(c.get_facecolor()[0]) for c in fig.axes[0].collections}
    assert theme.zones["north"] in bars and theme.zones["central"] in bars
    assert "font-family: 'Source Sans 3', 'DejaVu Sans', 'Arial', 'Helvetica', sans-serif" in svg

"""The page's Content-Security-Policy: every inline script and style by hash, nothing else."""

from __future__ import annotations

import base64
import hashlib
import re

import pytest

import build_map
from layers._csp import content_security_policy
from layers._render import render_html


@pytest.fixture(scope="module")
def page() -> str:
    return render_html(build_map.build(layers="regions,events,places,context"))


def _policy(page: str) -> dict[str, list[str]]:
    content = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">', page).group(1)
    return {part.split()[0]: part.split()[1:] for part in content.split("; ")}


def test_every_inline_script_and_style_is_allowed_by_its_hash_and_nothing_else(page):
    policy = _policy(page)
    scripts = re.findall(r"<script>(.*?)</script>", page, re.S)
    styles = re.findall(r"<style>(.*?)</style>", page, re.S)
    assert len(scripts) >= 5 and len(styles) >= 3

    def digest(text: str) -> str:
        return f"'sha256-{base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()}'"

    assert sorted(policy["script-src"]) == sorted({digest(s) for s in scripts})
    assert sorted(policy["style-src"]) == sorted({digest(s) for s in styles})
    assert policy["default-src"] == ["'none'"] and policy["object-src"] == ["'none'"]
    assert "'unsafe-inline'" not in page.split("</head>")[0]
    assert "'unsafe-eval'" not in page.split("</head>")[0]


def test_images_come_from_the_page_data_uris_and_the_tile_servers(page):
    from urllib.parse import urlsplit

    from geo.sources import tile_sources

    servers = sorted({"https://" + urlsplit(s.tile_url()).netloc.replace("{s}", "*")
                      for s in tile_sources().values()})
    assert _policy(page)["img-src"] == ["'self'", "data:", *servers]
    assert {"https://*.basemaps.cartocdn.com", "https://server.arcgisonline.com",
            "https://tile.openstreetmap.org"} <= set(servers)  # the default providers


def test_policy_comes_before_any_script_and_after_the_charset(page):
    head = page.split("</head>")[0]
    assert head.index("charset=UTF-8") < head.index("Content-Security-Policy") < head.index("<script>")
    assert head.index("Content-Security-Policy") < head.index("<style>")


def test_no_external_script_and_no_inline_handler_in_the_page(page):
    assert not re.search(r"<script\s[^>]*src=", page)
    outside = re.sub(r"<(script|style)>.*?</\1>", "", page, flags=re.S)
    assert not re.search(r"\son[a-z]+\s*=", outside)


def test_a_page_that_would_need_more_is_refused():
    with pytest.raises(ValueError, match="inline event handler"):
        content_security_policy('<head></head><body><img src=x onerror="alert(1)"></body>')
    with pytest.raises(ValueError, match="external script"):
        content_security_policy('<head><script src="https://cdn.example/x.js"></script></head>')


def test_hostile_title_leaves_the_policy_intact(tmp_path):
    page = render_html(build_map.build(layers="regions", title='"><script>alert(1)</script>'))
    policy = _policy(page)
    assert len(policy["script-src"]) == len(re.findall(r"<script>(.*?)</script>", page, re.S))
    assert "alert(1)</script>" not in page.split("</head>")[0].split("<title>")[1]

"""Headless Chromium from Debian (/usr/bin/chromium + /usr/bin/chromedriver) via selenium.

Locally a missing browser skips these tests with the install command; under CI=true it fails.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--window-size=1280,900")
TILE_HOSTS = ("cartocdn.com", "openstreetmap.org", "arcgisonline.com")


@pytest.fixture(scope="session")
def driver():
    if not (CHROMIUM.exists() and CHROMEDRIVER.exists()):
        message = ("Chromium is not installed: sudo apt-get install chromium chromium-driver "
                   "(Debian), then rerun make test")
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="chromium-profile-")
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={profile}")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    browser = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    browser.set_script_timeout(60)
    yield browser
    browser.quit()
    shutil.rmtree(profile, ignore_errors=True)


def open_map(browser, path: Path, timeout: float = 60) -> None:
    """Load a map file and wait until the events have been drawn once."""
    browser.get(path.resolve().as_uri())
    wait_for(browser, "return !!(window.SahelMapState && window.SahelMapState.firstDrawMs)", timeout)
    browser.get_log("browser")  # start each test with an empty console log


def wait_for(browser, script: str, timeout: float = 30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = browser.execute_script(script)
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for: {script}")


def js_errors(browser) -> list[str]:
    """Console errors except failed tile requests (no network here)."""
    entries = browser.get_log("browser")
    return [e["message"] for e in entries if e["level"] == "SEVERE"
            and not any(host in e["message"] for host in TILE_HOSTS)]


# the folium map object (its variable is map_<stable id>)
MAP_JS = "window[Object.keys(window).find(function (k) { return /^map_\\d+$/.test(k); })]"

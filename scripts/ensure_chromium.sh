#!/usr/bin/env sh
# Install Debian's Chromium and ChromeDriver (and poppler-utils, whose pdftoppm renders the
# printed report) for the browser tests when they are missing and we can (root with apt-get).
# Otherwise say how; the browser tests then skip (or fail under CI).
if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ] && [ -x /usr/bin/pdftoppm ]; then exit 0; fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "installing chromium and chromium-driver from Debian for the browser tests" >&2
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver poppler-utils >/dev/null
else
    echo "note: browser tests need Chromium: sudo apt-get install chromium chromium-driver poppler-utils" >&2
fi
exit 0

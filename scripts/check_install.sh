#!/usr/bin/env sh
# Install the package (no extras, not editable) into a fresh venv and build the default map
# from a directory outside the checkout: proves the data and assets travel with the install.
set -eu
PYTHON=${1:-python3}
SRC=$(cd "$(dirname "$0")/.." && pwd)
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
"$PYTHON" -m venv "$WORK/venv"
"$WORK/venv/bin/python" -m pip --quiet --quiet --disable-pip-version-check install "$SRC"
rm -rf "$SRC/build"  # setuptools' scratch folder
cd "$WORK"
"$WORK/venv/bin/sahel-map" --quiet --out "$WORK/out/map.html" --png "$WORK/out/map.png"
"$WORK/venv/bin/python" - "$WORK/out" <<'PY'
import json, sys
from pathlib import Path
out = Path(sys.argv[1])
page = (out / "map.html").read_text("utf-8")
summary = json.loads((out / "map_summary.json").read_text("utf-8"))
assert summary["events"]["accepted"] > 1000, summary["events"]
assert "SahelMap.store({" in page and "/*payload:" not in page, "events payload missing"
assert (out / "map.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n", "no PNG"
import re
assert not re.search(r'<(script|link)[^>]+(src|href)="https?:', page), "a linked asset (CDN) in the page"
print(f"check-install: sahel-map built {summary['events']['accepted']:,} events from outside the checkout")
PY

"""Every file of the bad-input corpus (tests/data/bad/README.md) through the CLI:
either exit 0 with the bad rows in rejects.csv and the summary, or exit 2 with one message
that names the file. Never exit 1, never a traceback."""

import json
from pathlib import Path

import pandas as pd
import pytest

import build_map

CORPUS = Path(__file__).resolve().parent / "data" / "bad"
EXPECTED = json.loads((CORPUS / "expected.json").read_text("utf-8"))


def _substrings(value) -> list[str]:
    if not value:
        return []
    return value if isinstance(value, list) else [value]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_bad_file(name, tmp_path, capsys):
    expected = EXPECTED[name]
    code = build_map.main(["--quiet", "--events", str(CORPUS / name), "--out",
                           str(tmp_path / "map.html"), "--layers", "events",
                           "--summary", str(tmp_path / "summary.json"),
                           "--rejects", str(tmp_path / "rejects.csv")])
    err = capsys.readouterr().err
    assert "Traceback" not in err
    if expected["outcome"] == "exit2":
        assert code == 2
        assert len(err.strip().splitlines()) == 1
        assert name in err
        for needle in _substrings(expected["message_contains"]):
            assert needle.lower() in err.lower()
        assert not list(tmp_path.iterdir())
        return
    assert code == 0, err
    summary = json.loads((tmp_path / "summary.json").read_text("utf-8"))["events"]
    assert summary == {"read": expected["read"], "accepted": expected["accepted"],
                       "rejected": expected["rejected"], "filtered_out": 0}
    rejects = pd.read_csv(tmp_path / "rejects.csv", dtype=str, keep_default_na=False)
    assert len(rejects) == expected["rejected"]
    for needle in _substrings(expected.get("reject_reason_contains")):
        assert rejects["reason"].str.lower().str.contains(needle.lower(), regex=False).all()

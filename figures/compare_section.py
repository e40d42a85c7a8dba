"""The report's "What changed between … and …" section (--compare): the largest changes per
region and per district, from the summary's `compare` (geo/compare.py)."""

from __future__ import annotations

import html

from layers.i18n import DEFAULT_LANG, format_int, t

__all__ = ["compare_section"]

_E = html.escape


def _signed(lang: str, n: int) -> str:
    return ("+" if n > 0 else "−" if n < 0 else "") + format_int(lang, abs(n))


def _table(caption: str, rows: list[dict], place: str, lang: str) -> str:
    head = [t(lang, place), t(lang, "change.col_events_a"), t(lang, "change.col_events_b"),
            t(lang, "change.col_events_change"), t(lang, "change.col_killed_a"), t(lang, "change.col_killed_b"),
            t(lang, "change.col_killed_change")]
    body = "".join(
        f"<tr><td>{_E(r['name'])} ({_E(r['iso3'])})</td>"
        + "".join(f"<td class=n>{format_int(lang, r[k])}</td>" for k in ("events_a", "events_b"))
        + f"<td class=n>{_signed(lang, r['events_change'])}</td>"
        + "".join(f"<td class=n>{format_int(lang, r[k])}</td>" for k in ("killed_a", "killed_b"))
        + f"<td class=n>{_signed(lang, r['killed_change'])}</td></tr>" for r in rows)
    return (f'<table class="small"><caption>{_E(caption)}</caption><thead><tr>'
            + "".join(f"<th{' class=n' if k else ''}>{_E(h)}</th>" for k, h in enumerate(head))
            + f"</tr></thead><tbody>{body}</tbody></table>")


def compare_section(summary: dict, lang: str = DEFAULT_LANG) -> str:
    """The section's HTML, or "" without --compare."""
    compare = summary.get("compare")
    if not compare:
        return ""
    a, b = (w.replace("..", " – ") for w in compare["windows"])
    parts = [f"<h2>{_E(t(lang, 'change.report_title', a=a, b=b))}</h2>",
             f"<p class=lede>{_E(t(lang, 'change.report_note', n=compare['min_events']))}</p>",
             '<div class="tables">']
    for level, place in (("regions", "change.col_region"), ("districts", "change.col_district")):
        if compare.get(f"largest_{level}"):
            parts.append(_table(t(lang, f"change.report_{level}"), compare[f"largest_{level}"], place, lang))
    return "\n".join([*parts, "</div>"])

"""The report's "Who dominates where" section: the dominance figure (figures/dominance_map.py)
and a table of the hexagons each side leads, clearly or while contested."""

from __future__ import annotations

import html

import pandas as pd

from figures.dominance_map import dominance_rows
from layers.i18n import DEFAULT_LANG, format_int, t

__all__ = ["dominance_section"]

_E = html.escape


def dominance_section(table: pd.DataFrame | None, figure_html: str, lang: str = DEFAULT_LANG) -> str:
    """The section's HTML (`figure_html`: the figure as inline SVG), or "" when no hexagon has
    a competing side."""
    rows = dominance_rows(table, lang) if table is not None and len(table) else []
    if not rows:
        return ""
    head = [t(lang, "dominance.col_side"), t(lang, "dominance.col_led"), t(lang, "dominance.col_contested")]
    body = "".join(f"<tr><td>{_E(r['side'])}</td><td class=n>{format_int(lang, r['cells'])}</td>"
                   f"<td class=n>{format_int(lang, r['contested'])}</td></tr>" for r in rows)
    contested = int(table["contested"].sum())
    return "\n".join([
        f"<h2>{_E(t(lang, 'dominance.title'))}</h2>",
        f"<p class=lede>{_E(t(lang, 'dominance.report_note', n=format_int(lang, len(table)), contested=format_int(lang, contested)))}</p>",
        f"<figure>{figure_html}</figure>",
        f'<table class="small"><caption>{_E(t(lang, "dominance.report_caption"))}</caption><thead><tr>'
        + "".join(f"<th{' class=n' if k else ''}>{_E(h)}</th>" for k, h in enumerate(head))
        + f"</tr></thead><tbody>{body}</tbody></table>",
    ])

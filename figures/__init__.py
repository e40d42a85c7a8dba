"""Print figures and the one-file report: matplotlib and HTML for reports, never the map.

`static_map` (the print map), `small_multiples`, `zone_chart` and `report`; `_mapaxes` and
`_mpl` are their shared drawing and figure helpers.
"""

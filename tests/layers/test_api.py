"""The Python API used from Jupyter returns a folium.Map whose HTML is complete."""

import folium

import build_map


def test_build_returns_a_folium_map_that_renders_whole(tmp_path):
    m = build_map.build(layers=("regions", "events"))
    assert isinstance(m, folium.Map)
    notebook = m._repr_html_()
    assert notebook.startswith("<iframe srcdoc=")
    assert "/*payload:" not in notebook
    m.save(tmp_path / "api.html")
    page = (tmp_path / "api.html").read_text("utf-8")
    assert "SahelMap.store({" in page and "/*payload:" not in page

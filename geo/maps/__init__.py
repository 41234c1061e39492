"""Maps: district geometry, the offline HTML map and the exports (GeoJSON, GPKG, CSV, ACLED, PNG)."""

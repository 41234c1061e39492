"""Places: the boundaries, the gazetteer built from them, and the place names found in a text."""

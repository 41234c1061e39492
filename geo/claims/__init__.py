"""Claims: sentences with places and action cues become control claims, attributed and dated."""

"""Open311 GeoReport v2: a thin layer over issue reporting (see README.md here)."""

"""The built-in baseline files, one TOML file per baseline and version (shipped as package data)."""

"""The built-in questionnaire files, one TOML file per domain (shipped as package data)."""

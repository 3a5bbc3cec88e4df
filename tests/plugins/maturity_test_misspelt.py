"""A sample plugin whose hook name is misspelt: it must be refused, not silently ignored."""

from maturity import hookimpl


@hookimpl
def register_questionaires(register):
    pass

"""The built-in value figures: incidents, what capabilities reduce, rates, pains and goals."""

from importlib.resources import files

from maturity import hookimpl

MATURITY_CONTRACT = ">=1.2,<2"

FILES = ("incidents.toml", "reductions.toml", "rates.toml", "pains.toml", "goals.toml")


@hookimpl(trylast=True)
def register_value_content(register):
    for name in FILES:
        register(files("maturity_builtins.questionnaires") / "value" / name)

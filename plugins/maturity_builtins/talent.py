"""The built-in talent domain."""

from importlib.resources import files

from maturity import hookimpl

MATURITY_CONTRACT = ">=1.0,<2"


@hookimpl(trylast=True)
def register_questionnaires(register):
    register(files("maturity_builtins.questionnaires") / "talent.toml")

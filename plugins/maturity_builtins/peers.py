"""The built-in survey figures: what published surveys found for businesses of a country and
size band, shown beside a business's own answers."""

from importlib.resources import files

from maturity import hookimpl

MATURITY_CONTRACT = ">=1.3,<2"

FILES = ("uk.toml",)


@hookimpl(trylast=True)
def register_peer_figures(register):
    for name in FILES:
        register(files("maturity_builtins.questionnaires") / "peers" / name)

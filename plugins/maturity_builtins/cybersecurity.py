"""The built-in cybersecurity domain."""

from importlib.resources import files

from maturity import hookimpl

MATURITY_CONTRACT = ">=1.0,<2"


@hookimpl(trylast=True)
def register_questionnaires(register):
    register(files("maturity_builtins.questionnaires") / "cybersecurity.toml")


#: the recognised baselines shipped with maturity; they map onto every built-in domain
BASELINES = (
    "cyber-essentials-3.3.toml",
    "cyber-essentials-3.2.toml",
    "cis-controls-ig1-8.1.toml",
    "essential-eight-ml1.toml",
    "nist-csf-2.0.toml",
)


@hookimpl(trylast=True)
def register_baselines(register):
    for name in BASELINES:
        register(files("maturity_builtins.baselines") / name)

"""A sample plugin written for a plugin contract this maturity no longer offers."""

from maturity import hookimpl

MATURITY_CONTRACT = ">=0.1,<1.0"


@hookimpl
def register_goals(register):
    register("old-goal", "Old goal", "From a plugin that does not fit.")

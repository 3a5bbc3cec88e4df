"""A sample plugin that loads but raises when its hook is called."""

from maturity import hookimpl


@hookimpl
def register_questionnaires(register):
    raise ValueError("cannot find my questionnaire")

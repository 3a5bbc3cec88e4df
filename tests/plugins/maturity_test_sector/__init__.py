"""A sample industry plugin, packaged as a distribution would be.

It contributes a questionnaire shipped as a TOML file, a second one built in code, a business
goal and a profile fact; it states the contract versions it supports.
"""

from importlib.resources import files

from maturity import hookimpl
from maturity.contract.questionnaire import Questionnaire

__version__ = "1.2.0"
MATURITY_CONTRACT = ">=1.0,<2"


@hookimpl
def register_questionnaires(register):
    register(files(__package__) / "sector.toml")
    register(
        Questionnaire.model_validate(
            {
                "questionnaire": {"id": "sectorcode", "name": "Sector rules", "version": "0.3.0", "prefix": "sc"},
                "capabilities": [
                    {
                        "id": "sc.policy",
                        "name": "Written care policy",
                        "stage": "fundamentals",
                        "requires": ["sec.base"],
                        "questions": [{"id": "sc.policy.written", "text": "Is the care policy written down?", "type": "yes_no"}],
                    }
                ],
            }
        )
    )


@hookimpl
def register_goals(register):
    register("animal-welfare", "Animal welfare", "Keep the animals in our care healthy and safe.")


@hookimpl
def register_facts(register):
    register("has:kennels", "the business boards animals overnight")

"""Synthetic capability catalogs of any size, built through the plugin contract."""

from __future__ import annotations

import random

from maturity.catalog import build_catalog
from maturity.contract.vocabulary import GOALS
from maturity.contract.hooks import hookimpl
from maturity.contract.questionnaire import (
    STAGES,
    Capability,
    Option,
    Question,
    Questionnaire,
    QuestionnaireInfo,
)
from maturity.assessment.models import Answer, AnswerFile
from maturity.contract.profile import Goal, Profile
from maturity.plugins import Plugins

OPTIONS = [
    Option(id="none", label="None", credit=0.0),
    Option(id="some", label="Some", credit=0.33),
    Option(id="most", label="Most", credit=0.67),
    Option(id="all", label="All", credit=1.0),
]


def synthetic_questionnaires(n: int, seed: int = 0, domains: int = 6, max_requires: int = 3) -> list[Questionnaire]:
    """`n` capabilities over `domains` domains; each requires up to `max_requires` earlier ones,
    of the same or a lower stage, so the graph is acyclic and every stage reachable."""
    rng = random.Random(seed)
    goals = list(GOALS)
    caps: list[list[Capability]] = [[] for _ in range(domains)]
    made: list[tuple[str, int]] = []
    for i in range(n):
        d = i % domains
        stage = min(2, int(3 * (i / max(n, 1)) + rng.random() * 0.5))
        cid = f"d{d}.c{i}"
        earlier = [c for c, s in made if s <= stage]
        k = min(len(earlier), rng.randint(0, max_requires))
        window = earlier[-200:]
        requires = rng.sample(window, min(k, len(window)))
        caps[d].append(
            Capability(
                id=cid,
                name=f"Capability {i}",
                stage=STAGES[stage],
                requires=requires,
                goals={g: round(rng.random(), 2) for g in rng.sample(goals, 2)},
                cost=rng.choice(["$", "$", "$$", "$$", "$$$"]),
                effort=rng.choice(["S", "S", "M", "L"]),
                training_hours=rng.choice([0, 1, 2, 4]),
                kpis=[f"kpi {i}"],
                questions=[Question(id=f"{cid}.q", text=f"Question {i}?", options=OPTIONS)],
            )
        )
        made.append((cid, stage))
    return [
        Questionnaire(
            questionnaire=QuestionnaireInfo(id=f"d{d}", name=f"Domain {d}", version="1.0.0", prefix=f"d{d}"),
            capabilities=caps[d],
        )
        for d in range(domains)
    ]


class CodePlugin:
    def __init__(self, questionnaires: list[Questionnaire]) -> None:
        self.questionnaires = questionnaires

    @hookimpl
    def register_questionnaires(self, register):
        for q in self.questionnaires:
            register(q)


def synthetic_catalog(n: int, seed: int = 0):
    plugins = Plugins()
    plugins.add(CodePlugin(synthetic_questionnaires(n, seed)), "synthetic", module="synthetic", version="", source="code")
    import maturity_builtins.value as value  # the built-in value figures: rates, goals, incident kinds

    plugins.add(value, "value", module="maturity_builtins.value", version="", source="built-in")
    return build_catalog(plugins)


def synthetic_answers(catalog, seed: int = 0, size: int = 25) -> AnswerFile:
    rng = random.Random(seed)
    answers = {}
    for qid, (question, _) in catalog.questions.items():
        if question.options:
            answers[qid] = Answer(answer=rng.choice(question.options).id)
        elif question.type == "number":
            answers[qid] = Answer(answer=float(rng.choice(question.thresholds).at_least))
    goals = {g: Goal(weight=rng.randint(0, 5)) for g in catalog.goals}
    goals[rng.choice(list(goals))] = Goal(weight=5)
    return AnswerFile(profile=Profile(name="Synthetic", size=size, budget=40000, training_hours=200, goals=goals), answers=answers)

"""The plugin contract: every hook a maturity plugin can implement.

A plugin is a module (or object) with functions marked ``@maturity.hookimpl``, registered under
the ``maturity`` entry-point group::

    [project.entry-points.maturity]
    healthcare = "maturity_healthcare"

Contribute things with the ``register_*`` hooks: each receives a ``register`` callback to call
once per thing contributed. Hook arguments are opt-in: a hook implementation may declare only
the arguments it uses, so hooks can grow new arguments without breaking plugins.

A plugin may state which versions of the contract it supports with a module attribute
``MATURITY_CONTRACT = ">=1,<2"`` (a PEP 440 specifier); it is refused, with a message, when
the running contract does not fit.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable

import pluggy

if TYPE_CHECKING:  # pragma: no cover
    from pathlib import Path

    from .returns import Adjustment, ScoringStrategy
    from .recommendation import CapabilityOverride, Recommendation
    from .baseline import Baseline
    from .profile import Profile
    from .questionnaire import Questionnaire
    from .result import Result

#: The version of this contract. Minor versions add hooks, arguments or facts; a major one
#: removes. 1.1 adds the `region:` facts; 1.2 adds `register_value_content` and `register_baselines`;
#: 1.3 adds `register_peer_figures`; 1.4 adds the `region:nz`, `region:au` and `region:ca` facts.
CONTRACT_VERSION = "1.4"

hookspec = pluggy.HookspecMarker("maturity")
hookimpl = pluggy.HookimplMarker("maturity")


# --------------------------------------------------------------------------------------------
# content: questionnaires, capabilities, goals and facts
# --------------------------------------------------------------------------------------------


@hookspec
def register_questionnaires(register: Callable[[Path | Questionnaire], None]) -> None:
    """Contribute questionnaires.

    :param register: call it once per questionnaire, with either the path of a TOML file the
        plugin ships (``importlib.resources.files(__package__) / "x.toml"`` works) or a
        :class:`maturity.contract.Questionnaire` built in code.

    .. versionadded:: 1.0
    """


@hookspec
def register_value_content(register: Callable[[Path], None]) -> None:
    """Contribute value figures: what incidents, pains and goals are worth a year.

    A file may hold incident kinds with their likelihood and cost, factors for a sector
    (``[[scale]]`` rows naming an incident and a fact), what capabilities reduce, what pains
    cost and what capabilities save of them. The format is that of
    ``questionnaires/value/*.toml`` (docs/value.md); every figure carries its source, year and
    basis.

    :param register: call it once per TOML file the plugin ships.

    .. versionadded:: 1.2
    """


@hookspec
def register_capability_overrides(register: Callable[[CapabilityOverride], None]) -> None:
    """Extend or override capabilities contributed by any plugin, by id.

    :param register: call it with a :class:`maturity.contract.CapabilityOverride` naming the
        capability id and what to change: add prerequisites, soft links or goals (the
        plugin's own included), scale its priority, make it mandatory for the sector (with
        the reason and the source that says so), ignore it, or replace its advice; optionally
        only for some industries (``when_industry``) or profile facts (``when_facts``).
        Overrides apply after every questionnaire is loaded and before the graph is built; an
        override naming an unknown id leaves the plugin out with a message naming it.

    .. versionadded:: 1.0
    """


@hookspec
def register_baselines(register: Callable[[Path | Baseline], None]) -> None:
    """Contribute baselines, which `maturity coverage` counts.

    A baseline is a recognised framework (a sector's rules, a national scheme) whose items are
    mapped to capabilities and questions.

    :param register: call it once per baseline, with the path of a baseline TOML file the
        plugin ships (docs/baseline-format.md) or a :class:`maturity.contract.Baseline` built in
        code. Two files may share an id with different versions (the newest is the default);
        a file whose evidence names an unknown capability, question or option leaves the
        plugin out with a message naming the file and the line.

    .. versionadded:: 1.2
    """


@hookspec
def register_goals(register: Callable[[str, str, str], None]) -> None:
    """Add business goals to the goal catalogue.

    :param register: call ``register(goal_id, name, description)`` once per goal.

    .. versionadded:: 1.0
    """


@hookspec
def register_facts(register: Callable[[str, str], None]) -> None:
    """Add profile facts that capabilities can depend on (``applies_if`` and ``fit``).

    :param register: call ``register(fact_id, description)``; ids look like ``kind:name``.

    .. versionadded:: 1.0
    """


# --------------------------------------------------------------------------------------------
# scoring
# --------------------------------------------------------------------------------------------


@hookspec
def register_scoring_strategies(register: Callable[[ScoringStrategy], None]) -> None:
    """Provide scoring strategies that questionnaires can name in ``scoring = "..."``.

    :param register: call it with an object following :class:`maturity.contract.ScoringStrategy`
        (a ``name`` and a ``score_domain`` method). A strategy registered under the name of an
        existing one replaces it; the built-ins (``gated``, ``additive``) are registered last so
        that a plugin's strategy of the same name wins.

    .. versionadded:: 1.0
    """


# --------------------------------------------------------------------------------------------
# recommendations
# --------------------------------------------------------------------------------------------


@hookspec
def adjust_recommendations(
    profile: Profile, result: Result, candidates: list[Recommendation]
) -> list[Adjustment] | None:
    """Raise, lower, add or make mandatory recommendations for a sector.

    :param profile: the business profile of the assessment.
    :param result: the scored result.
    :param candidates: the recommendations computed so far, best first (read only).
    :return: a list of :class:`maturity.contract.Adjustment` (or ``None``); each names a
        capability id, a factor or ``mandatory=True``, and a reason. The explanation shown to
        the user names the plugin that made it.

    .. versionadded:: 1.0
    """


# --------------------------------------------------------------------------------------------
# benchmarks, reports and commands
# --------------------------------------------------------------------------------------------


@hookspec
def register_benchmarks(register: Callable[[str, str, dict[str, float]], None]) -> None:
    """Provide peer benchmarks to compare a result with.

    :param register: call ``register(industry, size_band, indices)`` where ``size_band`` is one
        of ``"1-9"``, ``"10-49"``, ``"50-249"`` and ``indices`` maps domain ids to the median
        continuous index of peers.

    .. versionadded:: 1.0
    """


@hookspec
def register_peer_figures(register: Callable[[Path], None]) -> None:
    """Contribute published survey figures to show beside a business's own answers.

    A file holds ``[[survey]]`` tables (name, publisher, year, address) and ``[[figure]]``
    tables: the share of businesses of one country and size band that do something, the
    survey's question as published, and the question (with the options that count) or the
    capability it corresponds to, with how closely. The format is that of
    ``questionnaires/peers/*.toml`` (docs/survey-figures.md). A figure is shown only where the
    correspondence is close, it is not disputed, and no other figure for the same thing
    disagrees with it.

    :param register: call it once per TOML file the plugin ships.

    .. versionadded:: 1.3
    """


@hookspec
def register_report_formats(register: Callable[[str, Callable[[Result, Any], str]], None]) -> None:
    """Add report formats.

    :param register: call ``register(name, render)`` where ``render(result, catalog)`` returns
        the report as text (``maturity.plugins.report_formats`` collects them, each run so that
        a failing one leaves only its plugin out).

    .. versionadded:: 1.0
    """


@hookspec
def register_commands(cli: Any) -> None:
    """Add commands to the ``maturity`` command line.

    :param cli: a ``click.Group`` whose commands become commands of ``maturity``; add them
        with ``@cli.command()`` or ``cli.add_command(...)``. A built-in command of the same name
        wins. Only the CLI calls this hook, so plugins that use it depend on click themselves.
        A command decorated with ``maturity.cli.pass_session`` receives the invocation's session:
        ``session.catalog`` (the catalog every command of the invocation uses) and
        ``session.plugins``; read an answer file with ``maturity.load_answers(path, catalog)``.

    .. versionadded:: 1.0
    """

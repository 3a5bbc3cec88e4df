"""Isolation that holds: a plugin whose code or content is broken, wherever its code runs, is
left out with one message naming it (and the file and line, and how to skip it); the rest carry
on. It is fatal only when the user named that plugin. Hooks are called through pluggy.

Each test writes its plugin as a real installed distribution (a module and a ``*.dist-info``
folder with its entry point) in a temporary folder put on ``sys.path``.
"""

from __future__ import annotations

import itertools
import json
import math
import textwrap
from pathlib import Path
from typing import Callable

import pytest
from conftest import MINI, assert_bad_input, plugins_for

from maturity.catalog import build_catalog
from maturity.contract.returns import Adjustment
from maturity.contract.recommendation import CapabilityOverride
from maturity.common.errors import PluginError
from maturity.contract.hooks import hookimpl
from maturity.assessment.models import AnswerFile
from maturity.contract.profile import Profile
from maturity.assessment.scoring import score

SKIP = "(to skip it without this warning: MATURITY_LOAD_PLUGINS="

GOOD_TOML = """
[questionnaire]
id = "{name}"
name = "{title}"
version = "1.0.0"
prefix = "{prefix}"

[[capabilities]]
id = "{prefix}.first"
name = "First"
stage = "fundamentals"
requires = {requires}

  [[capabilities.questions]]
  id = "{prefix}.first.q"
  text = "Is it done?"
  type = "yes_no"
"""

# the security goal is worth enough that finishing al.one is worth its cost a year: there is a
# step to plan (the mini catalog has no value figures of its own)
ANSWERS = ('[profile]\nname = "Shop"\nbudget = 5000\ngoals = { security = { weight = 3, worth = 100000 } }\n\n'
           '[answers]\n"al.one.q" = "some"\n')


_numbers = itertools.count()


@pytest.fixture
def installed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[..., Path]:
    """``installed(name, code, files={...})`` installs plugin ``name`` (module
    ``maturity_iso_<name>``) as if by pip; returns the package folder."""
    site = tmp_path / "site"
    site.mkdir()
    monkeypatch.syspath_prepend(str(site))

    def install(name: str, code: str, files: dict[str, str] | None = None) -> Path:
        # a module name of its own per test: a module imported once stays in sys.modules
        module = f"maturity_iso_{name.replace('-', '_')}_{next(_numbers)}"
        package = site / module
        package.mkdir()
        (package / "__init__.py").write_text(textwrap.dedent(code))
        for filename, text in (files or {}).items():
            (package / filename).write_text(text)
        info = site / f"{module}-1.0.0.dist-info"
        info.mkdir()
        (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {module}\nVersion: 1.0.0\n")
        (info / "entry_points.txt").write_text(f"[maturity]\n{name} = {module}\n")
        return package

    return install


REGISTER_TOML = """
from importlib.resources import files
from maturity import hookimpl

@hookimpl
def register_questionnaires(register):
    register(files(__package__) / "q.toml")
"""


def toml(name: str, prefix: str, requires: str = '["al.one"]') -> str:
    return GOOD_TOML.format(name=name, title=name.title(), prefix=prefix, requires=requires)


def questionnaire_ids(run_bare, **kwargs) -> list[str]:
    result = run_bare("questionnaires", "--json", dirs=[MINI], **kwargs)
    assert result.exit_code == 0, result.output
    return [row["id"] for row in json.loads(result.stdout)["questionnaires"]]


# --------------------------------------------------------------------------------------------
# code that misbehaves at import
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("raise_", ["SystemExit(0)", "KeyboardInterrupt()", "SystemExit('bye')"])
def test_any_exception_at_import_leaves_the_plugin_out(run_bare, installed, raise_: str, tmp_path: Path) -> None:
    installed("quitter", f"raise {raise_}\n")
    installed("fine", REGISTER_TOML, {"q.toml": toml("fine", "fi")})
    result = run_bare("questionnaires", "--json", dirs=[MINI])
    assert result.exit_code == 0, result.output
    assert [row["id"] for row in json.loads(result.stdout)["questionnaires"]] == ["alpha", "beta", "fine"]
    [warning] = result.stderr.strip().splitlines()
    assert warning.startswith(f"warning: plugin 'quitter' could not be loaded: {raise_.split('(')[0]}")
    assert "/__init__.py:1" in warning and "MATURITY_LOAD_PLUGINS=fine" in warning
    # and an assessment is still saved
    answers = tmp_path / "a.toml"
    answers.write_text(ANSWERS)
    saved = run_bare("--db", tmp_path / "m.db", "assess", "--answers", answers, "--save", dirs=[MINI])
    assert saved.exit_code == 0, saved.output
    assert (tmp_path / "m.db").exists()


def test_system_exit_at_import_of_a_named_plugin_stops_the_command(run_bare, installed) -> None:
    installed("quitter", "raise SystemExit(0)\n")
    result = run_bare("questionnaires", dirs=[MINI], env={"MATURITY_LOAD_PLUGINS": "quitter"})
    assert_bad_input(result, "plugin 'quitter' could not be loaded: SystemExit", "named in MATURITY_LOAD_PLUGINS")


# --------------------------------------------------------------------------------------------
# broken content
# --------------------------------------------------------------------------------------------

BROKEN_CONTENT = {
    "syntax": ('[questionnaire]\nid = "bad\n', "q.toml:2"),
    "schema": (toml("shape", "sh").replace('stage = "fundamentals"', 'stage = "basic"'), "q.toml:11: capabilities[sh.first].stage"),
    "dangling": (toml("dangling", "da", '["data.inventory"]'), "requires 'data.inventory', which no loaded questionnaire defines"),
    "cycle": (
        toml("loop", "lo", '["lo.second"]')
        + '\n[[capabilities]]\nid = "lo.second"\nname = "Second"\nstage = "fundamentals"\nrequires = ["lo.first"]\n',
        "prerequisites form a cycle",
    ),
    "duplicate": (toml("dup", "al").replace('"al.first"', '"al.one"'), "both use the prefix 'al'"),
}


@pytest.mark.parametrize("kind", sorted(BROKEN_CONTENT))
def test_broken_content_is_named_with_plugin_file_and_line_and_left_out(run_bare, installed, kind: str, tmp_path: Path) -> None:
    text, needle = BROKEN_CONTENT[kind]
    installed("broken", REGISTER_TOML, {"q.toml": text})
    installed("fine", REGISTER_TOML, {"q.toml": toml("fine", "fi")})
    answers = tmp_path / "a.toml"
    answers.write_text(ANSWERS)
    for args in (("questionnaires",), ("template",), ("graph",), ("assess", "--answers", answers), ("recommend", "--answers", answers)):
        result = run_bare(*args, dirs=[MINI])
        assert result.exit_code == 0, (args, result.output)
        [warning] = result.stderr.strip().splitlines()
        assert warning.startswith("warning: plugin 'broken' "), warning
        assert needle in warning and "q.toml" in warning and SKIP + "fine)" in warning
    assert "fine" in questionnaire_ids(run_bare)
    # listed as broken, with why
    listed = {p["name"]: p for p in json.loads(run_bare("plugins", "--json", dirs=[MINI]).stdout)["plugins"]}
    assert needle in listed["broken"]["broken"] and listed["fine"]["broken"] is None
    assert "BROKEN" in run_bare("plugins", dirs=[MINI]).stdout
    # validate with no path checks every installed plugin
    result = run_bare("validate", dirs=[MINI])
    assert result.exit_code == 1
    assert f"plugin 'broken': is broken: " in result.stderr and needle in result.stderr
    # named by the user: fatal, one message
    named = run_bare("questionnaires", dirs=[MINI], env={"MATURITY_LOAD_PLUGINS": "broken,fine"})
    assert_bad_input(named, needle)


def test_validate_with_no_path_passes_when_every_plugin_is_sound(run_bare, installed) -> None:
    installed("fine", REGISTER_TOML, {"q.toml": toml("fine", "fi")})
    result = run_bare("validate", dirs=[MINI])
    assert result.exit_code == 0, result.output
    assert "questionnaire fine 1.0.0 (fine)" in result.stdout


def test_a_plugin_building_on_a_left_out_plugin_is_left_out_too(run_bare, installed) -> None:
    installed("base", REGISTER_TOML, {"q.toml": toml("base", "ba", '["nothing.here"]')})
    installed("upper", REGISTER_TOML, {"q.toml": toml("upper", "up", '["ba.first"]')})
    result = run_bare("questionnaires", "--json", dirs=[MINI])
    assert result.exit_code == 0
    assert [r["id"] for r in json.loads(result.stdout)["questionnaires"]] == ["alpha", "beta"]
    assert "plugin 'base'" in result.stderr and "plugin 'upper'" in result.stderr


# --------------------------------------------------------------------------------------------
# code that misbehaves in a hook, a strategy, a command
# --------------------------------------------------------------------------------------------

ADJUSTING = """
from maturity import hookimpl
from maturity.contract.returns import Adjustment

@hookimpl
def adjust_recommendations(candidates):
    return {value}
"""


@pytest.mark.parametrize(
    "value, needle",
    [
        ("5", "returned int 5, not a list of Adjustment"),
        ("[Adjustment(id='al.one', factor=float('nan'))]", "ValueError: returned an Adjustment for 'al.one' whose factor nan"),
        ("['al.one']", "returned 'al.one' where an Adjustment was expected"),
    ],
)
def test_adjust_recommendations_returning_the_wrong_thing_is_left_out(run_bare, installed, tmp_path: Path, value: str, needle: str) -> None:
    installed("adjuster", ADJUSTING.format(value=value))
    answers = tmp_path / "a.toml"
    answers.write_text(ANSWERS)
    result = run_bare("recommend", "--answers", answers, "--json", dirs=[MINI])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)  # valid JSON: no NaN
    assert "NaN" not in result.stdout and data["items"]
    [warning] = result.stderr.strip().splitlines()
    assert warning.startswith("warning: plugin 'adjuster' failed in adjust_recommendations: ") and needle in warning


def test_an_adjustment_cannot_be_made_with_a_factor_that_is_not_a_number() -> None:
    for factor in (math.nan, "2", None):
        with pytest.raises(ValueError, match="is not a number"):
            Adjustment(id="al.one", factor=factor)
    assert Adjustment(id="al.one", factor=math.inf).factor == math.inf  # the planner keeps it to 10


def test_validated_adjustments_for_the_planner() -> None:
    plugins = plugins_for(MINI)
    good = [Adjustment(id="al.one", factor=2.0)]
    assert plugins.validated_adjustments("x", good) == good
    assert plugins.validated_adjustments("x", None) == []
    assert plugins.validated_adjustments("y", 5) == []
    assert plugins.broken == {"y": "failed in adjust_recommendations: returned int 5, not a list of Adjustment"}


STRATEGY = """
from maturity import hookimpl
from maturity.contract.returns import DomainScore

class Odd:
    name = "gated"

    def score_domain(self, questionnaire, capabilities):
        {body}

@hookimpl
def register_scoring_strategies(register):
    register(Odd())
"""


@pytest.mark.parametrize(
    "body, needle",
    [
        ("raise ZeroDivisionError('oops')", "ZeroDivisionError: oops"),
        ("return None", "score_domain returned None, not a DomainScore"),
        ("return DomainScore(stage=9, index=0.0, percent=0.0)", "stage 9"),
        ("return DomainScore(stage=1, index=float('nan'), percent=0.0)", "index nan"),
    ],
)
def test_a_scoring_strategy_that_misbehaves_is_left_out(run_bare, installed, tmp_path: Path, body: str, needle: str) -> None:
    installed("odd", STRATEGY.format(body=body))
    answers = tmp_path / "a.toml"
    answers.write_text(ANSWERS)
    result = run_bare("assess", "--answers", answers, "--json", dirs=[MINI])
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    [warning] = result.stderr.strip().splitlines()
    assert warning.startswith("warning: plugin 'odd' failed in scoring strategy 'gated': ") and needle in warning
    named = run_bare("assess", "--answers", answers, dirs=[MINI], env={"MATURITY_LOAD_PLUGINS": "odd"})
    assert_bad_input(named, "plugin 'odd' failed in scoring strategy 'gated'", needle)


COMMANDS = """
from maturity import hookimpl

@hookimpl
def register_commands(cli):
    import click

    {body}
"""


def test_a_named_plugin_failing_in_register_commands_is_one_message(run_bare, installed) -> None:
    installed("cmdfail", COMMANDS.format(body="raise RuntimeError('no commands today')"))
    result = run_bare("--help", dirs=[MINI])
    assert result.exit_code == 0 and "Usage:" in result.stdout
    assert "plugin 'cmdfail' failed in register_commands: RuntimeError: no commands today" in result.stderr
    named = run_bare("--help", dirs=[MINI], env={"MATURITY_LOAD_PLUGINS": "cmdfail"})
    assert_bad_input(named, "plugin 'cmdfail' failed in register_commands: RuntimeError: no commands today")


def test_a_plugin_command_that_raises_is_one_message(run_bare, installed) -> None:
    body = "@cli.command()\n    def crash():\n        '''Crash.'''\n        return 1 / 0"
    installed("crasher", COMMANDS.format(body=body))
    result = run_bare("crash", dirs=[MINI])
    assert_bad_input(result, "plugin 'crasher' failed in its command 'crash': ZeroDivisionError: division by zero")


# --------------------------------------------------------------------------------------------
# pluggy: wrappers, tracing, what the loop cannot honour
# --------------------------------------------------------------------------------------------


class Adds:
    __name__ = "adds"

    @hookimpl
    def adjust_recommendations(self):
        return [Adjustment(id="al.one", factor=2.0)]


def test_a_wrapper_sees_and_can_change_the_results() -> None:
    class Wraps:
        __name__ = "wraps"

        @hookimpl(wrapper=True)
        def adjust_recommendations(self):
            results = yield
            return results + [[Adjustment(id="al.two", reason="from the wrapper")]]

    plugins = plugins_for(Adds(), Wraps())
    results = plugins.call("adjust_recommendations", profile=None, result=None, candidates=[])
    assert [[a.id for a in r] for r in results] == [["al.one"], ["al.two"]]
    assert plugins.failures == []


def test_a_wrapper_that_raises_is_left_out_and_the_call_goes_on() -> None:
    class Before:
        __name__ = "before"

        @hookimpl(wrapper=True)
        def adjust_recommendations(self):
            raise RuntimeError("before the yield")
            yield  # noqa: unreachable - makes it a generator

    class After:
        __name__ = "after"

        @hookimpl(wrapper=True)
        def adjust_recommendations(self):
            yield
            raise RuntimeError("after the yield")

    plugins = plugins_for(Adds(), Before(), After())
    pairs = plugins.call_each("adjust_recommendations", profile=None, result=None, candidates=[])
    assert [name for name, _ in pairs] == ["adds"]
    assert sorted(plugins.broken) == ["after", "before"]


def test_an_old_style_hookwrapper_is_refused_with_a_message() -> None:
    class Old:
        __name__ = "old"

        @hookimpl(hookwrapper=True)
        def adjust_recommendations(self):
            yield

    with pytest.raises(PluginError, match="old-style hookwrapper.*wrapper=True"):
        plugins_for(Old())


def test_tracing_hook_calls(run_bare, capfd: pytest.CaptureFixture[str]) -> None:
    from maturity.plugins import load_plugins

    plugins = load_plugins([MINI], env={"MATURITY_TRACE_HOOKS": "1", "MATURITY_LOAD_PLUGINS": ""})
    build_catalog(plugins)
    err = capfd.readouterr().err
    assert f"maturity: hook register_questionnaires(register) -> dir:{MINI}" in err
    assert "maturity: hook register_goals returned []" in err


# --------------------------------------------------------------------------------------------
# sector rules as data
# --------------------------------------------------------------------------------------------


class Retail:
    __name__ = "retail"

    @hookimpl
    def register_goals(self, register):
        register("footfall", "More footfall", "More people through the door.")

    @hookimpl
    def register_capability_overrides(self, register):
        register(CapabilityOverride(id="al.one", mandatory=True, reason="Card data must be protected",
                                    source="PCI DSS 4.0, requirement 8", when_industry=["retail"]))
        register(CapabilityOverride(id="be.shop", ignore=True, reason="no shop", when_facts=["has:kiosk"]))
        register(CapabilityOverride(id="al.two", add_goals={"footfall": 0.8}, add_enhances=["be.base"]))


def test_overrides_can_depend_on_the_industry_and_profile_facts() -> None:
    catalog = build_catalog(plugins_for(MINI, Retail()))
    assert not catalog.is_mandatory("al.one")  # no business given: conditional rules do not hold
    retail = catalog.for_profile(Profile(industry="Retail"))
    assert retail.is_mandatory("al.one")
    # what requires it and why, with no plugin named: the owner reads this text
    assert retail.mandatory_reason("al.one") == "Required by PCI DSS 4.0, requirement 8. Card data must be protected."
    assert not catalog.for_profile(Profile(industry="dental")).is_mandatory("al.one")
    kiosk = AnswerFile.model_validate({"profile": {"facts": ["has:kiosk"], "sales_channels": ["online"]}})
    assert score(catalog, kiosk).capabilities["be.shop"].status == "not_applicable"
    online = AnswerFile.model_validate({"profile": {"sales_channels": ["online"]}})
    assert score(catalog, online).capabilities["be.shop"].status != "not_applicable"


def test_a_plugin_goal_can_be_attached_to_any_capability() -> None:
    catalog = build_catalog(plugins_for(MINI, Retail()))
    assert catalog.capabilities["al.two"].goals == {"operations": 1.0, "footfall": 0.8}
    assert ("al.two", "be.base") in catalog.graph.soft_edges()


def test_a_conditional_override_cannot_change_the_graph() -> None:
    with pytest.raises(ValueError, match="conditional override .* cannot change add_requires"):
        CapabilityOverride(id="al.one", add_requires=["be.base"], when_industry=["retail"])


def test_attaching_an_unknown_goal_names_the_plugin() -> None:
    class Typo:
        __name__ = "typo"

        @hookimpl
        def register_capability_overrides(self, register):
            register(CapabilityOverride(id="al.one", add_goals={"footfal": 1.0}))

    plugins = plugins_for(MINI, Typo())
    build_catalog(plugins)
    assert plugins.broken == {"typo": "attaches unknown goal 'footfal' to 'al.one' (register it with register_goals)"}


def test_soft_links_are_shown_in_every_graph_format() -> None:
    from maturity.report.plain import render_graph

    catalog = build_catalog(plugins_for(MINI, Retail()))  # al.two enhances be.base, by override
    assert "al.two  Two\n    requires al.one, be.base [beta]\n    unlocks  al.three\n    enhances be.base [beta]\n" in render_graph(catalog, "text")
    assert '"al.two" -> "be.base" [style=dashed, arrowhead=open, label="enhances"];' in render_graph(catalog, "dot")
    assert "al_two -. enhances .-> be_base" in render_graph(catalog, "mermaid")
    data = json.loads(render_graph(catalog, "json"))
    assert {"from": "al.two", "to": "be.base"} in data["soft_edges"]
    assert next(n for n in data["nodes"] if n["id"] == "al.two")["enhances"] == ["be.base"]


def test_a_report_format_that_fails_leaves_only_its_plugin_out(mini) -> None:
    from maturity.plugins import report_formats

    class Reports:
        __name__ = "reports"

        @hookimpl
        def register_report_formats(self, register):
            register("boom", lambda result, catalog: 1 / 0)

    class Fine:
        __name__ = "fine"

        @hookimpl
        def register_report_formats(self, register):
            register("short", lambda result, catalog: f"{len(result.domains)} domains\n")

    plugins = plugins_for(MINI, Reports(), Fine())
    catalog = build_catalog(plugins)
    formats = report_formats(plugins)
    result = score(catalog, AnswerFile())
    assert formats["short"].render(result, catalog) == "2 domains\n"
    assert formats["boom"].plugin == "reports" and formats["boom"].render(result, catalog) is None
    assert plugins.failures == [
        "plugin 'reports' failed in report format 'boom': ZeroDivisionError: division by zero; carrying on without it"
    ]


def test_firstresult_hooks_stop_at_the_first_answer_and_skip_a_failing_plugin() -> None:
    from maturity.contract.hooks import hookspec
    from maturity.plugins import Plugins

    class Spec:
        @hookspec(firstresult=True)
        def pick_one(self, value):
            """A hook whose first non-None result is the answer."""

    def plugin(name, body):
        return type(name, (), {"__name__": name, "pick_one": hookimpl(lambda self, value: body(value))})()

    def fails(value):
        raise RuntimeError("no")

    plugins = Plugins()
    plugins.pm.add_hookspecs(Spec)
    for name, body in (("last", lambda v: -1), ("doubles", lambda v: v * 2), ("abstains", lambda v: None), ("fails", fails)):
        plugins.add(plugin(name, body), name, module=name, version="", source="test")
    # called newest first: fails (left out), abstains (None), doubles (the answer); last never
    assert plugins.call("pick_one", value=2) == 4
    assert plugins.call_each("pick_one", value=3) == [("doubles", 6)]
    assert list(plugins.broken) == ["fails"]

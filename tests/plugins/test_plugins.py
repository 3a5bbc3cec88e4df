"""The plugin contract: loading from entry points, MATURITY_LOAD_PLUGINS and folders; what a
failing plugin does to a command; and what each hook can contribute.

The sample plugins live in tests/fixtures/plugins/; ``install(name)`` makes a sample distribution's
entry points visible exactly as if it had been pip-installed.
"""

from __future__ import annotations

import json
import types
from pathlib import Path

import pytest
from conftest import BAD, MINI, PLUGINS, assert_bad_input, catalog_of, plugins_for

import maturity
import maturity.plugins.loading
from maturity.catalog import build_catalog
from maturity.common.errors import CatalogError, PluginError
from maturity.contract.hooks import CONTRACT_VERSION, hookimpl
from maturity.contract.recommendation import CapabilityOverride
from maturity.plugins import Plugins, load_plugins
from maturity.assessment.models import AnswerFile
from maturity.assessment.scoring import score

#: how a warning about an installed plugin says to skip it (no other plugin installed)
SKIP_HINT = " (to skip it without this warning: MATURITY_LOAD_PLUGINS=)"

BUILTIN_DOMAINS = ["automation", "cloud", "cybersecurity", "data", "ethics", "talent"]


def plugin_list(result) -> dict[str, dict]:
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["contract"] == CONTRACT_VERSION
    return {p["name"]: p for p in data["plugins"]}


# --------------------------------------------------------------------------------------------
# loading
# --------------------------------------------------------------------------------------------


def test_an_installed_plugin_is_loaded_from_its_entry_point(run_bare, install) -> None:
    install("sector")
    listed = plugin_list(run_bare("plugins", "--json"))
    assert listed["sector"] == {
        "name": "sector",
        "module": "maturity_test_sector",
        "version": "1.2.0",
        "source": "entry point",
        "hooks": ["register_facts", "register_goals", "register_questionnaires"],
        "broken": None,
    }
    result = run_bare("questionnaires", "--json")
    assert result.exit_code == 0, result.output
    rows = {r["id"]: r for r in json.loads(result.stdout)["questionnaires"]}
    assert set(rows) == {"sector", "sectorcode"}
    assert rows["sector"]["plugin"] == rows["sectorcode"]["plugin"] == "sector"
    assert rows["sector"]["source"].endswith("sector.toml")  # shipped with the plugin
    assert rows["sectorcode"]["source"] == "<sector>"  # built in code
    assert rows["sector"]["capabilities_per_stage"] == {"fundamentals": 1, "intermediate": 1, "advanced": 1}


def test_the_built_in_domains_are_plugins_like_any_other(run_bare, monkeypatch: pytest.MonkeyPatch) -> None:
    # undo the fixture's hiding of the built-ins: only their registration is checked here
    import importlib.metadata

    monkeypatch.setattr(maturity.plugins.loading, "entry_points", importlib.metadata.entry_points)
    listed = plugin_list(run_bare("plugins", "--json", env={"MATURITY_LOAD_PLUGINS": ""}))
    for name in BUILTIN_DOMAINS:
        assert listed[name]["source"] == "built-in"
        assert listed[name]["module"] == f"maturity_builtins.{name}"
        assert listed[name]["version"] == maturity.__version__
        # cybersecurity also brings the built-in baselines (docs/baseline-format.md)
        extra = ["register_baselines"] if name == "cybersecurity" else []
        assert listed[name]["hooks"] == extra + ["register_questionnaires"]


def test_plugins_text_listing(run_bare, install) -> None:
    install("sector")
    result = run_bare("plugins")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0] == f"Plugin contract {CONTRACT_VERSION}"
    assert "sector  1.2.0    entry point maturity_test_sector" in result.stdout
    assert "hooks: register_facts, register_goals, register_questionnaires" in result.stdout


def test_a_plugin_that_raises_on_import_is_named_and_the_rest_carry_on(run_bare, install) -> None:
    install("sector", "broken")
    result = run_bare("plugins", "--json")
    assert result.exit_code == 0
    assert result.stderr.strip() == (
        "warning: plugin 'broken' could not be loaded: RuntimeError: this plugin is broken on purpose "
        f"at {PLUGINS / 'maturity_test_broken.py'}:3; carrying on without it{SKIP_HINT}"
    )
    listed = plugin_list(result)
    assert listed["sector"]["broken"] is None
    assert listed["broken"]["broken"].startswith("could not be loaded: RuntimeError: this plugin is broken on purpose")


def test_a_failing_plugin_named_in_the_environment_stops_the_command(run_bare, install) -> None:
    install("sector", "broken")
    result = run_bare("plugins", env={"MATURITY_LOAD_PLUGINS": "sector,broken"})
    assert_bad_input(result, "plugin 'broken' could not be loaded: RuntimeError: this plugin is broken on purpose")


def test_a_failing_plugin_named_by_its_module_stops_the_command(run_bare, install) -> None:
    install("broken")
    result = run_bare("plugins", env={"MATURITY_LOAD_PLUGINS": "maturity_test_broken"})
    assert_bad_input(result, "plugin 'broken' could not be loaded")


def test_a_named_plugin_that_is_not_installed_lists_what_is(run_bare, install) -> None:
    install("sector")
    result = run_bare("plugins", env={"MATURITY_LOAD_PLUGINS": "sectr"})
    assert_bad_input(
        result,
        "plugin 'sectr' named in MATURITY_LOAD_PLUGINS could not be loaded",
        "No module named 'sectr'",
        "installed plugins: sector",
    )


def test_load_plugins_limits_outside_plugins_to_those_named(run_bare, install) -> None:
    install("sector", "extras")
    assert set(plugin_list(run_bare("plugins", "--json"))) == {"sector", "extras"}
    assert set(plugin_list(run_bare("plugins", "--json", env={"MATURITY_LOAD_PLUGINS": "extras"}))) == {"extras"}
    assert plugin_list(run_bare("plugins", "--json", env={"MATURITY_LOAD_PLUGINS": ""})) == {}


def test_load_plugins_can_name_a_module_that_is_no_entry_point(run_bare, plugin_path) -> None:
    listed = plugin_list(run_bare("plugins", "--json", env={"MATURITY_LOAD_PLUGINS": "maturity_test_scoring"}))
    assert listed["maturity_test_scoring"]["source"] == "env"
    assert listed["maturity_test_scoring"]["hooks"] == ["register_scoring_strategies"]


def test_a_misspelt_hook_is_refused_with_a_suggestion(run_bare, install) -> None:
    install("sector", "misspelt")
    result = run_bare("plugins", "--json")
    assert result.exit_code == 0
    assert result.stderr.strip() == (
        "warning: plugin 'misspelt' implements unknown hook 'register_questionaires' "
        f"(did you mean register_questionnaires?); carrying on without it{SKIP_HINT}"
    )
    assert "sector" in plugin_list(result)


def test_a_misspelt_hook_in_a_named_plugin_stops_the_command(run_bare, install) -> None:
    install("misspelt")
    result = run_bare("plugins", env={"MATURITY_LOAD_PLUGINS": "misspelt"})
    assert_bad_input(result, "plugin 'misspelt' implements unknown hook 'register_questionaires'", "did you mean register_questionnaires?")


def test_a_plugin_whose_contract_does_not_fit_is_refused(run_bare, install) -> None:
    install("old_contract")
    result = run_bare("plugins", "--json")
    assert result.exit_code == 0
    assert (
        "warning: plugin 'old-contract' supports plugin contract >=0.1,<1.0, but this maturity has "
        f"contract {CONTRACT_VERSION}; upgrade the plugin or maturity; carrying on without it{SKIP_HINT}"
    ) == result.stderr.strip()
    assert "supports plugin contract >=0.1,<1.0" in plugin_list(result)["old-contract"]["broken"]


def test_a_named_plugin_whose_contract_does_not_fit_stops_the_command(run_bare, install) -> None:
    install("old_contract")
    result = run_bare("plugins", env={"MATURITY_LOAD_PLUGINS": "old-contract"})
    assert_bad_input(result, "plugin 'old-contract' supports plugin contract >=0.1,<1.0", "upgrade the plugin or maturity")


@pytest.mark.parametrize("wanted", [">=1.0,<2", "~=1.0", ">=1", ""])
def test_contracts_that_fit(wanted: str) -> None:
    plugin = types.SimpleNamespace(MATURITY_CONTRACT=wanted, __name__="fits")
    Plugins().add(plugin, "fits", module="fits", version="", source="test")


def test_an_invalid_contract_is_named() -> None:
    plugin = types.SimpleNamespace(MATURITY_CONTRACT="version one", __name__="odd")
    with pytest.raises(PluginError, match="plugin 'odd' states an invalid MATURITY_CONTRACT 'version one'"):
        Plugins().add(plugin, "odd", module="odd", version="", source="test")


def test_a_plugin_raising_in_a_hook_is_named_and_the_rest_carry_on(run, install) -> None:
    install("hook_raises")
    result = run("questionnaires", "--json")
    assert result.exit_code == 0
    assert result.stderr.strip() == (
        "warning: plugin 'hook-raises' failed in register_questionnaires: ValueError: cannot find my "
        f"questionnaire; carrying on without it{SKIP_HINT}"
    )
    assert [r["id"] for r in json.loads(result.stdout)["questionnaires"]] == ["alpha", "beta"]


def test_a_named_plugin_raising_in_a_hook_stops_the_command(run, install) -> None:
    install("hook_raises")
    result = run("questionnaires", env={"MATURITY_LOAD_PLUGINS": "hook-raises"})
    assert_bad_input(result, "plugin 'hook-raises' failed in register_questionnaires: ValueError: cannot find my questionnaire")


def test_a_plugin_shipping_an_invalid_questionnaire_is_named_and_skipped() -> None:
    class Ships:
        __name__ = "ships-bad"

        @hookimpl
        def register_questionnaires(self, register):
            register(BAD / "unknown_key" / "gamma.toml")

    plugins = plugins_for(MINI, Ships())
    catalog = build_catalog(plugins)
    assert list(catalog.questionnaires) == ["alpha", "beta"]
    assert plugins.failures == [
        f"plugin 'ships-bad' has an invalid questionnaire: {BAD / 'unknown_key' / 'gamma.toml'}:16: "
        "capabilities[ga.two].colour: unknown key; carrying on without it"
    ]


def test_a_plugin_registering_something_odd_is_named() -> None:
    class Odd:
        __name__ = "odd"

        @hookimpl
        def register_questionnaires(self, register):
            register(42)

    plugins = plugins_for(MINI, Odd())
    build_catalog(plugins)
    assert plugins.failures == ["plugin 'odd' has an invalid questionnaire: registered 42, which is neither a path nor a Questionnaire; carrying on without it"]


# --------------------------------------------------------------------------------------------
# questionnaire folders: --questionnaires, MATURITY_QUESTIONNAIRES, the per-user folder
# --------------------------------------------------------------------------------------------


def _user_folder() -> Path:
    from maturity.plugins import user_questionnaire_dir

    return user_questionnaire_dir()


def test_the_per_user_folder_is_loaded(run_bare) -> None:
    folder = _user_folder()
    folder.mkdir(parents=True)
    for name in ("alpha.toml", "beta.toml"):
        (folder / name).write_text((MINI / name).read_text())
    listed = plugin_list(run_bare("plugins", "--json"))
    assert listed[f"dir:{folder}"]["source"] == "directory"
    result = run_bare("questionnaires", "--json")
    assert [r["id"] for r in json.loads(result.stdout)["questionnaires"]] == ["alpha", "beta"]


def test_a_bad_file_in_the_per_user_folder_is_named_and_skipped(run_bare) -> None:
    folder = _user_folder()
    folder.mkdir(parents=True)
    (folder / "gamma.toml").write_text((BAD / "unknown_key" / "gamma.toml").read_text())
    result = run_bare("questionnaires", "--json", dirs=[MINI])
    assert result.exit_code == 0
    assert f"has an invalid questionnaire: {folder / 'gamma.toml'}:16: capabilities[ga.two].colour: unknown key" in result.stderr
    assert [r["id"] for r in json.loads(result.stdout)["questionnaires"]] == ["alpha", "beta"]


def test_the_questionnaires_environment_variable(run_bare) -> None:
    result = run_bare("questionnaires", "--json", env={"MATURITY_QUESTIONNAIRES": str(MINI)})
    assert result.exit_code == 0, result.output
    assert [r["id"] for r in json.loads(result.stdout)["questionnaires"]] == ["alpha", "beta"]


def test_a_missing_folder_in_the_environment_variable_is_a_warning(run_bare, tmp_path: Path) -> None:
    missing = tmp_path / "nonexistent"
    result = run_bare("questionnaires", "--json", env={"MATURITY_QUESTIONNAIRES": str(missing)}, dirs=[MINI])
    assert result.exit_code == 0, result.output
    assert result.stderr == f"warning: questionnaire folder {missing} (in MATURITY_QUESTIONNAIRES) does not exist\n"
    assert [r["id"] for r in json.loads(result.stdout)["questionnaires"]] == ["alpha", "beta"]


@pytest.mark.parametrize("how", ["option", "environment"])
def test_an_empty_questionnaire_folder_is_a_warning(run_bare, tmp_path: Path, how: str) -> None:
    if how == "option":
        result = run_bare("questionnaires", dirs=[tmp_path])
    else:
        result = run_bare("questionnaires", env={"MATURITY_QUESTIONNAIRES": str(tmp_path)})
    assert result.exit_code == 0, result.output
    assert result.stderr == f"warning: no questionnaire files (*.toml) in {tmp_path}\n"


def test_load_plugins_without_the_cli(no_builtins, tmp_path: Path) -> None:
    plugins = load_plugins([MINI], env={}, user_dir=tmp_path / "none")
    assert list(plugins.info) == [f"dir:{MINI}"]
    assert list(build_catalog(plugins).questionnaires) == ["alpha", "beta"]


# --------------------------------------------------------------------------------------------
# what hooks contribute
# --------------------------------------------------------------------------------------------


def test_goals_and_facts_from_a_plugin_can_be_used_in_answers(run_bare, install, tmp_path: Path) -> None:
    install("sector")
    answers = tmp_path / "a.toml"
    answers.write_text(
        '[profile]\ngoals = { animal-welfare = 8 }\nfacts = ["has:kennels"]\n'
        '[answers]\n"sec.base.kept" = "yes"\n"sec.night.alarm" = "no"\n"sc.policy.written" = "yes"\n'
    )
    result = run_bare("assess", "--answers", answers, "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["capabilities"]["sec.night"]["status"] == "not_started"  # applies: the business has kennels
    assert {d["domain"]: d["stage"] for d in data["domains"]} == {"sector": 1, "sectorcode": 3}
    template = run_bare("template").stdout
    # the plugin's goal is offered like the built-in ones: behind a #, at the default weight
    assert '\n# animal-welfare = { weight = 5, target = "" }' in template
    assert "has:kennels" in template


def test_without_the_plugin_its_goal_is_unknown(run_bare, tmp_path: Path) -> None:
    answers = tmp_path / "a.toml"
    answers.write_text("[profile]\ngoals = { animal-welfare = 8 }\n")
    assert_bad_input(run_bare("assess", "--answers", answers, dirs=[MINI]), "unknown goal 'animal-welfare'")


def test_overrides_change_other_plugins_capabilities(plugin_path) -> None:
    import maturity_test_overrides

    catalog = catalog_of(MINI, maturity_test_overrides)
    assert catalog.capabilities["al.three"].requires == ["al.two", "be.top"]
    assert catalog.graph.requires("al.three") == ["al.two", "be.top"]
    assert catalog.priority("al.two") == 2.0 and catalog.priority("al.one") == 1.0
    assert catalog.is_mandatory("al.two") and not catalog.is_mandatory("al.one")
    assert catalog.ignored_by("be.shop") == "maturity_test_overrides"
    assert catalog.capabilities["al.one"].advice == "Start with the sector's checklist."
    # the questionnaire itself reflects the change, so everything reading it agrees
    assert catalog.questionnaire("alpha").capabilities[0].advice == "Start with the sector's checklist."
    result = score(catalog, AnswerFile.model_validate({"profile": {"sales_channels": ["online"]}}))
    shop = result.capabilities["be.shop"]
    assert (shop.status, shop.not_applicable_reason) == ("not_applicable", "ignored for this sector by plugin maturity_test_overrides")


def test_an_override_of_an_unknown_capability_names_the_plugin() -> None:
    class Typo:
        __name__ = "typo"

        @hookimpl
        def register_capability_overrides(self, register):
            register(CapabilityOverride(id="al.too", priority=2))

    plugins = plugins_for(MINI, Typo())
    catalog = build_catalog(plugins)
    assert catalog.priority("al.two") == 1.0
    assert plugins.failures == [
        "plugin 'typo' overrides capability 'al.too', which does not exist; closest existing ids: al.two, al.one, al.three; carrying on without it"
    ]
    plugins = plugins_for(MINI, Typo())
    plugins.strict.add("typo")  # named by the user: fatal
    with pytest.raises(PluginError, match="plugin 'typo' overrides capability 'al.too', which does not exist"):
        build_catalog(plugins)


def test_an_override_that_is_not_an_override_is_named() -> None:
    class Loose:
        __name__ = "loose"

        @hookimpl
        def register_capability_overrides(self, register):
            register({"id": "al.one", "priority": 2})

    plugins = plugins_for(MINI, Loose())
    build_catalog(plugins)
    assert plugins.failures == ["plugin 'loose' registered an override that is not a CapabilityOverride; carrying on without it"]


def test_an_override_adding_a_cycle_is_caught() -> None:
    class Loop:
        __name__ = "loop"

        @hookimpl
        def register_capability_overrides(self, register):
            register(CapabilityOverride(id="al.one", add_requires=["al.three"]))

    plugins = plugins_for(MINI, Loop())
    catalog = build_catalog(plugins)
    assert catalog.graph.requires("al.one") == []  # built without the plugin
    [message] = plugins.failures
    assert message.startswith("plugin 'loop' has broken content: ")
    assert "prerequisites form a cycle" in message and str(MINI / "alpha.toml") in message
    plugins = plugins_for(MINI, Loop())
    plugins.strict.add("loop")
    with pytest.raises(PluginError, match="plugin 'loop' has broken content: .*prerequisites form a cycle"):
        build_catalog(plugins)


def test_a_strategy_without_score_domain_is_named() -> None:
    class Half:
        __name__ = "half"

        @hookimpl
        def register_scoring_strategies(self, register):
            register(types.SimpleNamespace(name="gated"))

    plugins = plugins_for(MINI, Half())
    catalog = build_catalog(plugins)
    assert type(catalog.strategies["gated"]).__name__ == "GatedStrategy"
    assert plugins.failures == ["plugin 'half' registered a scoring strategy without a name and a score_domain method; carrying on without it"]


def test_goals_and_facts_with_the_wrong_shape_are_ignored() -> None:
    class Sloppy:
        __name__ = "sloppy"

        @hookimpl
        def register_goals(self, register):
            register("only-an-id")
            register("speed", "Be fast", "Deliver the same day.")

        @hookimpl
        def register_facts(self, register):
            register("has:vans", 3)

    catalog = catalog_of(MINI, Sloppy())
    assert catalog.goals["speed"] == ("Be fast", "Deliver the same day.")
    assert "only-an-id" not in catalog.goals and "has:vans" not in catalog.facts


def test_hooks_of_later_features_load_and_are_listed(run, install) -> None:
    install("extras")
    listed = plugin_list(run("plugins", "--json"))
    assert listed["extras"]["hooks"] == [
        "adjust_recommendations",
        "register_benchmarks",
        "register_commands",
        "register_report_formats",
    ]
    assert listed["extras"]["version"] == "0.5.0"


def test_benchmarks_and_report_formats_are_collected(plugin_path, mini) -> None:
    import maturity_test_extras

    plugins = plugins_for(maturity_test_extras)
    assert plugins.collect("register_benchmarks") == [
        ("maturity_test_extras", ("retail", "10-49", {"alpha": 1.4, "beta": 0.9}))
    ]
    [(name, (fmt, render))] = plugins.collect("register_report_formats")
    assert fmt == "oneline"
    assert render(score(mini, AnswerFile()), mini) == "alpha=0 beta=0\n"
    [(name, adjustments)] = plugins.call_each("adjust_recommendations", profile=None, result=None, candidates=[])
    assert adjustments == []


def test_a_plugin_command_is_added_to_the_command_line(run, install) -> None:
    install("extras")
    result = run("hello", "Bob")
    assert (result.exit_code, result.stdout) == (0, "hello Bob from a plugin\n")
    assert "Say hello (a command added by a plugin)." in run("--help").stdout


def test_plugin_commands_belong_to_one_invocation(run, install) -> None:
    # the command line is one object in the process; what one invocation's plugins add must
    # not be there in the next, nor be missed because an earlier invocation had no plugins
    assert "hello" not in run("--help").stdout
    install("extras")
    assert run("hello").exit_code == 0
    result = run("hello", env={"MATURITY_LOAD_PLUGINS": ""})
    assert result.exit_code == 2 and "No such command 'hello'" in result.stderr


def test_one_plugin_failing_in_a_hook_spares_the_others() -> None:
    from maturity.contract.returns import Adjustment

    KEPT = Adjustment(id="al.one", factor=2.0)

    class Good:
        __name__ = "good"

        @hookimpl
        def adjust_recommendations(self, candidates):  # arguments are opt-in
            return [KEPT]

    class Bad:
        __name__ = "bad"

        @hookimpl
        def adjust_recommendations(self, profile, result, candidates):
            raise KeyError("oops")

    plugins = plugins_for(Good(), Bad())
    assert plugins.call_each("adjust_recommendations", profile=None, result=None, candidates=[]) == [("good", [KEPT])]
    assert plugins.failures == ["plugin 'bad' failed in adjust_recommendations: KeyError: 'oops'; carrying on without it"]


def test_outside_plugins_come_before_the_built_ins() -> None:
    class Outside:
        __name__ = "outside"

        @hookimpl
        def register_questionnaires(self, register):
            register(MINI / "alpha.toml")

    import maturity_builtins.cloud

    plugins = Plugins()
    plugins.add(maturity_builtins.cloud, "cloud", module="maturity_builtins.cloud", version="", source="built-in")
    plugins.add(Outside(), "outside", module="outside", version="", source="test")
    assert [name for name, _, _ in plugins.implementations("register_questionnaires")] == ["outside", "cloud"]

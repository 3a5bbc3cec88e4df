"""The catalog: every questionnaire, capability, question, goal and fact the loaded plugins
contribute, merged, with plugin overrides applied, and the capability graph over them."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable

from ..contract.vocabulary import FACTS, GOALS, PAIN_KEYWORDS, PAINS
from ..contract.recommendation import CapabilityOverride
from ..contract.returns import DomainScore
from ..common.errors import CatalogError, FileFormatError, MaturityError
from .loader import LoadedQuestionnaire, check_questionnaire, load_questionnaire
from ..contract.questionnaire import Capability, Question, Questionnaire
from ..contract.profile import Profile

if TYPE_CHECKING:  # pragma: no cover
    from .peers import PeerContent
    from .value import ValueContent
    from .graph import CapabilityGraph
    from ..plugins import Plugins
    from ..contract.returns import ScoringStrategy

#: The built-in domains, in the order they are shown.
DOMAIN_ORDER = ("cybersecurity", "cloud", "automation", "data", "talent", "ethics")


def must_have_words(reason: str, source: str) -> str:
    """A must-have's reason and the rule that sets it as sentences for the owner."""
    source, reason = source.strip().rstrip("."), reason.strip().rstrip(".")
    required = f"Required by {source}." if source else "Required for businesses like yours."
    return f"{required} {reason[:1].upper()}{reason[1:]}." if reason else required


@dataclass
class AppliedOverride:
    plugin: str
    override: CapabilityOverride


@dataclass
class Catalog:
    questionnaires: dict[str, LoadedQuestionnaire] = field(default_factory=dict)
    capabilities: dict[str, Capability] = field(default_factory=dict)
    domain_of: dict[str, str] = field(default_factory=dict)
    questions: dict[str, tuple[Question, str]] = field(default_factory=dict)
    goals: dict[str, tuple[str, str]] = field(default_factory=dict)
    facts: dict[str, str] = field(default_factory=dict)
    #: pain id -> (label in an owner's words, description), and the keywords that match it
    pains: dict[str, tuple[str, str]] = field(default_factory=dict)
    pain_keywords: dict[str, tuple[str, ...]] = field(default_factory=dict)
    overrides: dict[str, list[AppliedOverride]] = field(default_factory=dict)
    strategies: dict[str, ScoringStrategy] = field(default_factory=dict)
    plugins: Plugins | None = None
    #: which plugin's override added a link: (capability, linked capability) -> plugin
    added_by: dict[tuple[str, str], str] = field(default_factory=dict)
    #: the business that conditional overrides are resolved for (see `for_profile`)
    profile: Profile | None = None
    _graph: CapabilityGraph | None = None
    #: the value figures, gathered on first use and shared by every `for_profile` copy
    _value: list = field(default_factory=list)
    #: the survey figures, gathered on first use and shared likewise
    _peers: list = field(default_factory=list)
    #: catalogs without some sector questionnaires, by the questionnaires left out
    _scoped: dict[frozenset[str], Catalog] = field(default_factory=dict, repr=False)
    #: the capabilities of the questionnaires left out (links to them are not followed)
    _left_out: set[str] = field(default_factory=set, repr=False)
    #: the baselines, read on first use by `maturity.catalog.baselines.baselines_of`
    _baselines: dict[str, Any] | None = None

    # -- lookups ----------------------------------------------------------------------------

    def questionnaire(self, domain: str) -> Questionnaire:
        return self.questionnaires[domain].model

    def domain_for_question(self, qid: str) -> str | None:
        for domain, loaded in self.questionnaires.items():
            if qid.startswith(loaded.model.questionnaire.prefix + "."):
                return domain
        return None

    def for_profile(self, profile: Profile | None) -> Catalog:
        """This catalog as it applies to one business: conditional overrides (``when_industry``,
        ``when_facts``) hold when the profile meets them, and a sector's questionnaire
        (``applies_to``) is left out, with its capabilities and questions, unless the business
        is of that sector or includes it (see `Profile.answers`). With no profile, every
        questionnaire stays. The graph is shared when nothing is left out."""
        dropped = frozenset(
            domain for domain, loaded in self.questionnaires.items()
            if profile is not None and not profile.answers(domain, loaded.model.questionnaire.applies_to)
        )
        if not dropped:
            return replace(self, profile=profile, _graph=self._graph, _scoped=self._scoped)
        base = self._scoped.get(dropped)
        if base is None:
            gone = {cid for cid, domain in self.domain_of.items() if domain in dropped}
            base = replace(
                self,
                questionnaires={d: lq for d, lq in self.questionnaires.items() if d not in dropped},
                capabilities={c: cap for c, cap in self.capabilities.items() if c not in gone},
                domain_of={c: d for c, d in self.domain_of.items() if c not in gone},
                questions={q: v for q, v in self.questions.items() if v[1] not in gone},
                _graph=None, _scoped={}, _left_out=gone,
            )
            self._scoped[dropped] = base
        return replace(base, profile=profile, _graph=base.graph)

    def sector_questionnaires(self) -> dict[str, str]:
        """The questionnaires only some businesses answer: id -> name."""
        return {d: lq.model.questionnaire.name for d, lq in self.questionnaires.items()
                if not lq.model.questionnaire.applies_to.everyone}

    @property
    def value(self) -> ValueContent:
        """The value figures of every plugin (see `catalog.value`), gathered on first use."""
        if not self._value:
            from .value import gather

            self._value.append(gather(self))
        return self._value[0]

    @property
    def peers(self) -> PeerContent:
        """The survey figures of every plugin (see `catalog.peers`), gathered on first use."""
        if not self._peers:
            from .peers import gather as gather_peers

            self._peers.append(gather_peers(self))
        return self._peers[0]

    def applied_overrides(self, cid: str) -> list[AppliedOverride]:
        """The overrides of a capability that hold for `profile` (unconditional ones always)."""
        return [a for a in self.overrides.get(cid, []) if a.override.applies_to(self.profile)]

    def profile_pains(self, profile: Profile) -> dict[str, list[str]]:
        """The known pains a profile's processes name, each with the profile's own words."""
        return profile.pains(self.pain_keywords)

    def priority(self, cid: str) -> float:
        factor = 1.0
        for applied in self.applied_overrides(cid):
            factor *= applied.override.priority
        return factor

    def is_mandatory(self, cid: str) -> bool:
        value = self.capabilities[cid].mandatory
        for applied in self.applied_overrides(cid):
            if applied.override.mandatory is not None:
                value = applied.override.mandatory
        return value

    def mandatory_reason(self, cid: str) -> str | None:
        """Why a capability is a must-have for this business, in the owner's words: what
        requires it, then why ("Required by data-protection law (UK GDPR, Article 32: security of
        personal data). Personal data must be kept secure ..."); None when it is not mandatory
        for this business. The command line, the app and the reports all show this text, so it
        names the rule and never the plugin that brought it."""
        if not self.is_mandatory(cid):
            return None
        cap = self.capabilities[cid]
        reason, source = cap.mandatory_reason, cap.mandatory_source
        for applied in self.applied_overrides(cid):
            if applied.override.mandatory:
                reason, source = applied.override.reason, applied.override.source
        return must_have_words(reason, source)

    def ignored_by(self, cid: str) -> str | None:
        for applied in self.applied_overrides(cid):
            if applied.override.ignore:
                return applied.plugin
        return None

    def capability_line(self, cid: str) -> tuple[str, int | None]:
        domain = self.domain_of[cid]
        loaded = self.questionnaires[domain]
        for index, cap in enumerate(loaded.model.capabilities):
            if cap.id == cid:
                return loaded.source, loaded.capability_line(index, "id")
        return loaded.source, None

    @property
    def graph(self) -> CapabilityGraph:
        if self._graph is None:
            self._graph = build_graph(self)
        return self._graph

    def versions(self) -> dict[str, str]:
        return {d: lq.model.version for d, lq in self.questionnaires.items()}


def build_graph(catalog: Catalog) -> CapabilityGraph:
    from .graph import CapabilityGraph, Node

    nodes = []
    for domain, loaded in catalog.questionnaires.items():
        for index, cap in enumerate(loaded.model.capabilities):
            nodes.append(
                Node(
                    id=cap.id,
                    domain=domain,
                    stage=cap.stage_number,
                    requires=tuple(r for r in cap.requires if r not in catalog._left_out),
                    enhances=tuple(e for e in cap.enhances if e not in catalog._left_out),
                    source=loaded.source,
                    line=loaded.capability_line(index, "requires" if cap.requires else "id"),
                )
            )
    return CapabilityGraph(nodes)


def build_catalog(
    plugins: Plugins, *, check_graph: bool = True, extra: list[LoadedQuestionnaire] | None = None
) -> Catalog:
    """Gather every plugin's contributions into one catalog.

    A plugin whose content is broken (a questionnaire that does not load, a duplicate id, a
    `requires` naming no capability, a cycle through its capabilities, an override of an
    unknown id) is left out with one message in ``plugins.failures`` naming the plugin, the
    file and the line, and the catalog is built from the others. When the user named that
    plugin (``MATURITY_LOAD_PLUGINS``, ``--questionnaires``), or the problem is in ``extra``
    (files being validated), or no plugin can be blamed, it raises instead.
    """
    protected = {lq.plugin for lq in extra or []}
    while True:
        try:
            return _build_catalog(plugins, check_graph=check_graph, extra=extra)
        except MaturityError as exc:
            culprit = exc.plugin
            if culprit is None or culprit in protected or culprit in plugins.broken or culprit.startswith("dir:") and culprit in plugins.strict:
                raise  # a folder the user named, or not any one plugin's fault: the file and line say it
            plugins.leave_out(culprit, f"has broken content: {exc}")  # raises, naming it, when the user named it


def _build_catalog(plugins: Plugins, *, check_graph: bool, extra: list[LoadedQuestionnaire] | None) -> Catalog:
    from .strategies import builtin_strategies

    catalog = Catalog(plugins=plugins)
    catalog.goals = dict(GOALS)
    catalog.facts = dict(FACTS)
    catalog.pains = dict(PAINS)
    catalog.pain_keywords = dict(PAIN_KEYWORDS)
    for name, (goal_id, goal_name, description) in _safe_args(plugins.collect("register_goals"), 3):
        catalog.goals.setdefault(goal_id, (goal_name, description))
    for name, (fact_id, description) in _safe_args(plugins.collect("register_facts"), 2):
        catalog.facts.setdefault(fact_id, description)

    loaded_list: list[LoadedQuestionnaire] = []
    for plugin_name, args in plugins.collect("register_questionnaires"):
        item = args[0] if args else None
        try:
            loaded_list.append(_load_one(item, plugin_name))
        except FileFormatError as exc:
            if plugin_name in plugins.strict and plugin_name.startswith("dir:"):
                raise
            plugins.leave_out(plugin_name, f"has an invalid questionnaire: {exc}")
    if extra:
        # files being validated take the place of loaded questionnaires with the same id
        replaced = {lq.id for lq in extra} | {str(Path(lq.source).resolve()) for lq in extra}
        loaded_list = [lq for lq in loaded_list if lq.id not in replaced and str(Path(lq.source).resolve()) not in replaced]
        loaded_list += extra

    def order(lq: LoadedQuestionnaire) -> tuple[int, str, bool]:
        # built-in questionnaires come first, so a clash is reported at the other file
        info = plugins.info.get(lq.plugin)
        builtin = info is not None and info.source == "built-in"
        return (DOMAIN_ORDER.index(lq.id) if lq.id in DOMAIN_ORDER else len(DOMAIN_ORDER), lq.id, not builtin)

    for loaded in sorted(loaded_list, key=order):
        if loaded.id in catalog.questionnaires:
            first = catalog.questionnaires[loaded.id]
            raise _blame(CatalogError(
                f"two questionnaires have the id {loaded.id!r}: {first.source} ({first.plugin}) "
                f"and {loaded.source} ({loaded.plugin})",
                path=loaded.source, line=loaded.doc.line(("questionnaire", "id")) if loaded.doc else None, key=loaded.id,
            ), loaded.plugin)
        prefix = loaded.model.questionnaire.prefix
        same = next((lq for lq in catalog.questionnaires.values() if lq.model.questionnaire.prefix == prefix), None)
        if same is not None:
            raise _blame(CatalogError(
                f"questionnaires {same.id!r} ({same.source}) and {loaded.id!r} both use the prefix {prefix!r}; "
                "each questionnaire needs its own, so every id says which questionnaire it belongs to",
                path=loaded.source, line=loaded.doc.line(("questionnaire", "prefix")) if loaded.doc else None, key=prefix,
            ), loaded.plugin)
        catalog.questionnaires[loaded.id] = loaded
        for index, cap in enumerate(loaded.model.capabilities):
            if cap.id in catalog.capabilities:
                other_source, other_line = catalog.capability_line(cap.id)
                other = f"{other_source}:{other_line}" if other_line else other_source
                raise _blame(CatalogError(
                    f"duplicate capability id {cap.id!r} (also defined in {other})",
                    path=loaded.source, line=loaded.capability_line(index, "id"), key=cap.id,
                ), loaded.plugin)
            catalog.capabilities[cap.id] = cap
            catalog.domain_of[cap.id] = loaded.id
            for question in cap.questions:
                if question.id in catalog.questions:
                    other = catalog.questionnaires[catalog.domain_of[catalog.questions[question.id][1]]]
                    raise _blame(CatalogError(
                        f"duplicate question id {question.id!r} (also defined in {other.source})",
                        path=loaded.source, key=question.id,
                    ), loaded.plugin)
                catalog.questions[question.id] = (question, cap.id)

    for plugin_name, args in plugins.collect("register_capability_overrides"):
        override = args[0] if args else None
        if not isinstance(override, CapabilityOverride):
            plugins.leave_out(plugin_name, "registered an override that is not a CapabilityOverride")
            continue
        if override.id not in catalog.capabilities:
            close = difflib.get_close_matches(override.id, list(catalog.capabilities), n=3, cutoff=0.5)
            hint = f"; closest existing ids: {', '.join(close)}" if close else ""
            plugins.leave_out(plugin_name, f"overrides capability {override.id!r}, which does not exist{hint}")
            continue
        unknown = [g for g in override.add_goals if g not in catalog.goals]
        if unknown:
            plugins.leave_out(plugin_name, f"attaches unknown goal {unknown[0]!r} to {override.id!r} (register it with register_goals)")
            continue
        cap = catalog.capabilities[override.id]
        updates: dict[str, Any] = {}
        if override.add_requires:
            updates["requires"] = cap.requires + [r for r in override.add_requires if r not in cap.requires]
        if override.add_enhances:
            updates["enhances"] = cap.enhances + [r for r in override.add_enhances if r not in cap.enhances]
        if override.add_goals:
            updates["goals"] = {**cap.goals, **override.add_goals}
        for linked in override.add_requires + override.add_enhances:
            catalog.added_by.setdefault((override.id, linked), plugin_name)
        if override.advice is not None and not override.conditional:
            updates["advice"] = override.advice
        if updates:
            _replace_capability(catalog, cap.model_copy(update=updates))
        catalog.overrides.setdefault(override.id, []).append(AppliedOverride(plugin_name, override))

    catalog.strategies = builtin_strategies()
    for plugin_name, args in plugins.collect("register_scoring_strategies"):
        strategy = args[0] if args else None
        if not getattr(strategy, "name", None) or not callable(getattr(strategy, "score_domain", None)):
            plugins.leave_out(plugin_name, "registered a scoring strategy without a name and a score_domain method")
            continue
        fallback = catalog.strategies.get(strategy.name) or catalog.strategies["gated"]
        catalog.strategies[strategy.name] = GuardedStrategy(strategy, plugin_name, plugins, fallback)

    for domain, loaded in catalog.questionnaires.items():
        wanted = loaded.model.questionnaire.scoring
        if wanted not in catalog.strategies:
            raise _blame(CatalogError(
                f"questionnaire {domain!r} asks for scoring strategy {wanted!r}; "
                f"known: {', '.join(sorted(catalog.strategies))}",
                path=loaded.source, line=loaded.doc.line(("questionnaire", "scoring")) if loaded.doc else None,
            ), loaded.plugin)
    if check_graph:
        try:
            catalog.graph  # noqa: B018 - builds and checks it
        except CatalogError as exc:
            raise _blame(exc, _graph_culprit(catalog, exc, plugins)) from None
    return catalog


def _blame(exc: MaturityError, plugin: str | None) -> MaturityError:
    exc.plugin = plugin
    return exc


def _graph_culprit(catalog: Catalog, exc: CatalogError, plugins: Plugins) -> str | None:
    """The plugin a graph error comes from: the one whose override added the link, else the
    owner of the capability (in a cycle, an outside plugin before a built-in one)."""

    def owner(cid: str) -> str | None:
        domain = catalog.domain_of.get(cid)
        return catalog.questionnaires[domain].plugin if domain else None

    edge = getattr(exc, "edge", None)
    if edge is not None:
        return catalog.added_by.get(edge) or owner(edge[0])
    cycle = getattr(exc, "cycle", None)
    if cycle:
        links = list(zip(cycle, cycle[1:]))
        added = [catalog.added_by[link] for link in links if link in catalog.added_by]
        owners = [o for o in (owner(cid) for cid in cycle) if o]

        def builtin(name: str) -> bool:
            info = plugins.info.get(name)
            return info is not None and info.source == "built-in"

        for candidates in (added, owners):
            outside = [n for n in candidates if not builtin(n)]
            if outside or candidates:
                return (outside or candidates)[0]
    return owner(exc.key) if exc.key else None


class GuardedStrategy:
    """A plugin's scoring strategy, kept from breaking a command: when its ``score_domain``
    raises or returns something other than a valid DomainScore, the plugin is left out (one
    message) and the strategy it replaced (or ``gated``) scores instead."""

    def __init__(self, strategy: ScoringStrategy, plugin: str, plugins: Plugins, fallback: ScoringStrategy) -> None:
        self.strategy = strategy
        self.plugin = plugin
        self.plugins = plugins
        self.fallback = fallback
        self.name = strategy.name

    def score_domain(self, questionnaire: Questionnaire, capabilities: list[Any]) -> DomainScore:
        what = f"scoring strategy {self.name!r}"
        ok, value = self.plugins.run(self.plugin, what, self.strategy.score_domain, questionnaire, capabilities)
        if ok:
            problem = _score_problem(value)
            if problem is None:
                return value
            self.plugins.leave_out(self.plugin, f"failed in {what}: {problem}")
        return self.fallback.score_domain(questionnaire, capabilities)


def _score_problem(value: Any) -> str | None:
    import math

    if not isinstance(value, DomainScore):
        return f"score_domain returned {value!r}, not a DomainScore"
    if isinstance(value.stage, bool) or not isinstance(value.stage, int) or not 0 <= value.stage <= 3:
        return f"score_domain returned stage {value.stage!r}; a stage is 0, 1, 2 or 3"
    for label, number, top in (("index", value.index, 3.0), ("percent", value.percent, 100.0)):
        if isinstance(number, bool) or not isinstance(number, (int, float)) or not math.isfinite(number) or not 0 <= number <= top:
            return f"score_domain returned {label} {number!r}; it must be a number from 0 to {top:g}"
    return None


def _replace_capability(catalog: Catalog, cap: Capability) -> None:
    catalog.capabilities[cap.id] = cap
    loaded = catalog.questionnaires[catalog.domain_of[cap.id]]
    caps = [cap if c.id == cap.id else c for c in loaded.model.capabilities]
    loaded.model = loaded.model.model_copy(update={"capabilities": caps})


def _load_one(item: Any, plugin_name: str) -> LoadedQuestionnaire:
    if isinstance(item, Questionnaire):
        loaded = LoadedQuestionnaire(item, plugin_name, f"<{plugin_name}>")
        check_questionnaire(loaded)
        return loaded
    if isinstance(item, (str, Path)) or hasattr(item, "read_bytes"):
        path = Path(str(item))
        return load_questionnaire(path, plugin_name)
    raise FileFormatError(f"registered {item!r}, which is neither a path nor a Questionnaire")


def _safe_args(items: list[tuple[str, tuple[Any, ...]]], arity: int) -> list[tuple[str, tuple[Any, ...]]]:
    return [(n, a) for n, a in items if len(a) == arity and all(isinstance(x, str) for x in a)]


_USER_DIR = object()


def load_catalog(
    questionnaire_dirs: Iterable[str | Path] = (),
    *,
    env: dict[str, str] | None = None,
    user_dir: Path | None | object = _USER_DIR,
) -> Catalog:
    """Load every plugin and build the catalog: the one call a library user needs.

    :param questionnaire_dirs: extra folders of TOML questionnaires.
    :param env: the environment to read ``MATURITY_LOAD_PLUGINS`` from (default ``os.environ``).
    :param user_dir: the per-user questionnaire folder (default the platform's; None for none).
    """
    from ..plugins import load_plugins, user_questionnaire_dir

    folder = user_questionnaire_dir() if user_dir is _USER_DIR else user_dir
    plugins = load_plugins(questionnaire_dirs, env=env, user_dir=folder)  # type: ignore[arg-type]
    return build_catalog(plugins)


__all__ = ["Catalog", "build_catalog", "load_catalog", "DOMAIN_ORDER", "MaturityError"]

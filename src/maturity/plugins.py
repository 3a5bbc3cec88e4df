"""Loading plugins: entry points, `MATURITY_LOAD_PLUGINS`, and TOML-only questionnaire folders.

Plugins are loaded when a command first needs them, never on import. A plugin that fails to
load or raises in a hook is named in `Plugins.failures` and the rest carry on; a plugin the user
asked for by name fails loudly with a PluginError.
"""

from __future__ import annotations

import difflib
import importlib
import os
from dataclasses import dataclass, field
from importlib.metadata import entry_points
from pathlib import Path
from typing import Any, Callable, Iterable

import pluggy

from . import hookspecs
from .errors import PluginError
from .hookspecs import CONTRACT_VERSION, hookimpl

ENV_PLUGINS = "MATURITY_LOAD_PLUGINS"
ENV_QUESTIONNAIRES = "MATURITY_QUESTIONNAIRES"
OWN_DISTRIBUTION = "maturity"


@dataclass
class PluginInfo:
    name: str
    module: str
    version: str
    source: str  # "built-in", "entry point", "env", "directory"
    hooks: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "module": self.module,
            "version": self.version,
            "source": self.source,
            "hooks": self.hooks,
        }


class DirectoryPlugin:
    """Registers every `*.toml` file of a folder as a questionnaire: content without code."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.__name__ = f"dir:{folder}"

    @hookimpl
    def register_questionnaires(self, register: Callable[[Path], None]) -> None:
        for path in sorted(self.folder.glob("*.toml")):
            register(path)


class Plugins:
    """The loaded plugins and a safe way to call their hooks one by one."""

    def __init__(self) -> None:
        self.pm = pluggy.PluginManager("maturity")
        self.pm.add_hookspecs(hookspecs)
        self.info: dict[str, PluginInfo] = {}
        self.failures: list[str] = []
        self.strict: set[str] = set()  # plugins whose failure must stop the command

    # -- registration --------------------------------------------------------------------

    def add(self, plugin: Any, name: str, *, module: str, version: str, source: str) -> None:
        """Register one plugin after checking its contract range and hook names."""
        _check_contract(plugin, name)
        _check_hook_names(self.pm, plugin, name)
        self.pm.register(plugin, name=name)
        hooks = sorted(h.name for h in self.pm.get_hookcallers(plugin) or [])
        self.info[name] = PluginInfo(name, module, version, source, hooks)

    def fail(self, name: str, message: str) -> None:
        if name in self.strict:
            raise PluginError(f"plugin {name!r} {message}")
        self.failures.append(f"plugin {name!r} {message}; carrying on without it")

    # -- calling hooks ---------------------------------------------------------------------

    def implementations(self, hook: str) -> list[tuple[str, Callable[..., Any], list[str]]]:
        """(plugin name, function, argument names) in pluggy's call order."""
        caller = getattr(self.pm.hook, hook)
        out = []
        for impl in reversed(caller.get_hookimpls()):
            out.append((impl.plugin_name, impl.function, list(impl.argnames)))
        return out

    def call_each(self, hook: str, **kwargs: Any) -> list[tuple[str, Any]]:
        """Call each implementation on its own so that one failing plugin spares the others."""
        results = []
        for name, function, argnames in self.implementations(hook):
            try:
                value = function(**{a: kwargs[a] for a in argnames})
            except Exception as exc:  # a plugin's bug must not stop the command
                self.fail(name, f"failed in {hook}: {type(exc).__name__}: {exc}")
                continue
            results.append((name, value))
        return results

    def collect(self, hook: str, **kwargs: Any) -> list[tuple[str, tuple[Any, ...]]]:
        """Call a `register_*` hook; return (plugin name, registered arguments) pairs."""
        out: list[tuple[str, tuple[Any, ...]]] = []
        for name, function, argnames in self.implementations(hook):
            items: list[tuple[Any, ...]] = []

            def register(*args: Any, _items: list[tuple[Any, ...]] = items) -> None:
                _items.append(args)

            try:
                function(**{a: (register if a in ("register",) else kwargs[a]) for a in argnames})
            except Exception as exc:
                self.fail(name, f"failed in {hook}: {type(exc).__name__}: {exc}")
                continue
            out.extend((name, args) for args in items)
        return out


def _check_contract(plugin: Any, name: str) -> None:
    wanted = getattr(plugin, "MATURITY_CONTRACT", None)
    if not wanted:
        return
    from packaging.specifiers import InvalidSpecifier, SpecifierSet

    try:
        fits = CONTRACT_VERSION in SpecifierSet(str(wanted))
    except InvalidSpecifier:
        raise PluginError(f"plugin {name!r} states an invalid MATURITY_CONTRACT {wanted!r}") from None
    if not fits:
        raise PluginError(
            f"plugin {name!r} supports plugin contract {wanted}, but this maturity has "
            f"contract {CONTRACT_VERSION}; upgrade the plugin or maturity"
        )


def _check_hook_names(pm: pluggy.PluginManager, plugin: Any, name: str) -> None:
    known = {n for n in dir(hookspecs) if callable(getattr(hookspecs, n)) and hasattr(getattr(hookspecs, n), "maturity_spec")}
    for attr in dir(plugin):
        try:
            opts = pm.parse_hookimpl_opts(plugin, attr)
        except Exception:
            opts = None
        if opts is not None and attr not in known:
            close = difflib.get_close_matches(attr, sorted(known), n=1)
            hint = f" (did you mean {close[0]}?)" if close else ""
            raise PluginError(f"plugin {name!r} implements unknown hook {attr!r}{hint}")


def _version_of(dist: Any) -> str:
    try:
        return str(dist.version) if dist is not None else ""
    except Exception:
        return ""


def load_plugins(
    questionnaire_dirs: Iterable[str | Path] = (),
    *,
    env: dict[str, str] | None = None,
    user_dir: Path | None = None,
) -> Plugins:
    """Load built-in and third-party plugins, and questionnaire folders.

    :param questionnaire_dirs: folders the user named (``--questionnaires DIR``); a bad file in
        one of these stops the command.
    :param env: the environment to read ``MATURITY_LOAD_PLUGINS`` from (default ``os.environ``).
    :param user_dir: the per-user questionnaire folder; bad files there are named and skipped.
    """
    env = dict(os.environ) if env is None else env
    plugins = Plugins()
    wanted_raw = env.get(ENV_PLUGINS)
    wanted: list[str] | None = None
    if wanted_raw is not None:
        wanted = [w.strip() for w in wanted_raw.split(",") if w.strip()]
        plugins.strict.update(wanted)

    found: set[str] = set()
    installed: set[str] = set()
    for ep in sorted(entry_points(group="maturity"), key=lambda e: e.name):
        installed.add(ep.name)
        dist = getattr(ep, "dist", None)
        builtin = dist is not None and dist.name == OWN_DISTRIBUTION
        if wanted is not None and not builtin and ep.name not in wanted and ep.value not in wanted:
            continue
        if ep.name in plugins.info:
            continue
        found.update({ep.name, ep.value})
        if wanted is not None and ep.value in wanted:
            plugins.strict.add(ep.name)  # named by its module rather than its entry-point name
        try:
            module = ep.load()
            plugins.add(
                module,
                ep.name,
                module=ep.value,
                version=_version_of(dist),
                source="built-in" if builtin else "entry point",
            )
        except PluginError as exc:
            plugins.fail(ep.name, str(exc).split(f"plugin {ep.name!r} ", 1)[-1])
        except Exception as exc:
            plugins.fail(ep.name, f"could not be loaded: {type(exc).__name__}: {exc}")

    for name in wanted or []:
        if name in found:
            continue
        try:
            module = importlib.import_module(name)
        except Exception as exc:
            listed = ", ".join(sorted(installed)) or "none"
            raise PluginError(
                f"plugin {name!r} named in {ENV_PLUGINS} could not be loaded "
                f"({type(exc).__name__}: {exc}); installed plugins: {listed}"
            ) from None
        plugins.add(module, name, module=name, version=getattr(module, "__version__", ""), source="env")

    dirs = [Path(d) for d in questionnaire_dirs]
    for folder in dirs:
        if not folder.is_dir():
            raise PluginError(f"questionnaire folder {folder} does not exist or is not a folder")
        name = f"dir:{folder}"
        plugins.strict.add(name)
        _warn_if_empty(plugins, folder)
        plugins.add(DirectoryPlugin(folder), name, module=str(folder), version="", source="directory")
    extra = env.get(ENV_QUESTIONNAIRES)
    if extra:
        for part in extra.split(os.pathsep):
            if not part.strip():
                continue
            folder = Path(part)
            if not folder.is_dir():
                plugins.failures.append(f"questionnaire folder {folder} (in {ENV_QUESTIONNAIRES}) does not exist")
            elif f"dir:{folder}" not in plugins.info:
                _warn_if_empty(plugins, folder)
                plugins.add(DirectoryPlugin(folder), f"dir:{folder}", module=str(folder), version="", source="directory")
    if user_dir is not None and user_dir.is_dir() and any(user_dir.glob("*.toml")):
        plugins.add(DirectoryPlugin(user_dir), f"dir:{user_dir}", module=str(user_dir), version="", source="directory")
    return plugins


def _warn_if_empty(plugins: Plugins, folder: Path) -> None:
    if not any(folder.glob("*.toml")):
        plugins.failures.append(f"no questionnaire files (*.toml) in {folder}")


def user_questionnaire_dir() -> Path:
    """The per-user folder for TOML-only questionnaires."""
    from platformdirs import user_config_dir

    return Path(user_config_dir("maturity")) / "questionnaires"

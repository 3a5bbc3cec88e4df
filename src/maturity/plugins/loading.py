"""Finding and loading plugins: entry points, `MATURITY_LOAD_PLUGINS`, and TOML-only
questionnaire folders. Plugins are loaded when a command first needs them, never on import.
"""

from __future__ import annotations

import importlib
import os
from importlib.metadata import entry_points
from pathlib import Path
from typing import Any, Callable, Iterable

from ..common.errors import PluginError
from ..contract.hooks import hookimpl
from .manager import ENV_PLUGINS, ENV_QUESTIONNAIRES, ENV_TRACE, OWN_DISTRIBUTION, PluginInfo, Plugins, _describe


class DirectoryPlugin:
    """Registers every `*.toml` file of a folder as a questionnaire: content without code."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.__name__ = f"dir:{folder}"

    @hookimpl
    def register_questionnaires(self, register: Callable[[Path], None]) -> None:
        for path in sorted(self.folder.glob("*.toml")):
            register(path)


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
            _record(plugins, ep, dist, builtin)
            plugins.leave_out(ep.name, str(exc).split(f"plugin {ep.name!r} ", 1)[-1])
        except BaseException as exc:  # noqa: B036 - SystemExit or KeyboardInterrupt at import too
            _record(plugins, ep, dist, builtin)
            plugins.leave_out(ep.name, f"could not be loaded: {_import_failure(exc)}")

    for name in wanted or []:
        if name in found:
            continue
        try:
            module = importlib.import_module(name)
        except BaseException as exc:  # noqa: B036 - SystemExit or KeyboardInterrupt at import too
            listed = ", ".join(sorted(installed)) or "none"
            raise PluginError(
                f"plugin {name!r} named in {ENV_PLUGINS} could not be loaded "
                f"({_import_failure(exc)}); installed plugins: {listed}"
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
    if env.get(ENV_TRACE):
        _trace(plugins)
    return plugins


def _record(plugins: Plugins, ep: Any, dist: Any, builtin: bool) -> None:
    """List a plugin that could not be registered, so `maturity plugins` can show why."""
    if ep.name not in plugins.info:
        source = "built-in" if builtin else "entry point"
        plugins.info[ep.name] = PluginInfo(ep.name, ep.value, _version_of(dist), source)


def _import_failure(exc: BaseException) -> str:
    """The exception, and where in the plugin's own code it was raised."""
    import traceback

    where = ""
    frames = traceback.extract_tb(exc.__traceback__)
    here = str(Path(__file__).parents[1])  # the maturity package
    own = [f for f in frames if "importlib" not in f.filename and not f.filename.startswith(("<frozen", here))]
    if own:
        last = own[-1]
        where = f" at {last.filename}:{last.lineno}"
    if isinstance(exc, SyntaxError) and exc.filename:
        where = f" at {exc.filename}:{exc.lineno}"
    return f"{_describe(exc)}{where}"


def _trace(plugins: Plugins) -> None:
    """Print every hook call, its implementations and results on stderr (MATURITY_TRACE_HOOKS)."""
    import sys

    def before(hook_name: str, hook_impls: list[Any], kwargs: dict[str, Any]) -> None:
        names = ", ".join(impl.plugin_name for impl in reversed(hook_impls)) or "none"
        args = ", ".join(sorted(kwargs))
        print(f"maturity: hook {hook_name}({args}) -> {names}", file=sys.stderr)

    def after(outcome: Any, hook_name: str, hook_impls: list[Any], kwargs: dict[str, Any]) -> None:
        try:
            result = outcome.get_result()
        except BaseException as exc:  # noqa: B036 - only reported
            print(f"maturity: hook {hook_name} raised {_describe(exc)}", file=sys.stderr)
            return
        print(f"maturity: hook {hook_name} returned {result!r}"[:300], file=sys.stderr)

    plugins.pm.add_hookcall_monitoring(before, after)


def _warn_if_empty(plugins: Plugins, folder: Path) -> None:
    if not any(folder.glob("*.toml")):
        plugins.failures.append(f"no questionnaire files (*.toml) in {folder}")


def user_questionnaire_dir() -> Path:
    """The per-user folder for TOML-only questionnaires."""
    from platformdirs import user_config_dir

    return Path(user_config_dir("maturity")) / "questionnaires"

"""The loaded plugins, and their hooks called through pluggy with each plugin isolated: a
plugin that raises, or returns a value of the wrong type, is named in `Plugins.failures` and the
rest carry on; a plugin the user asked for by name fails loudly with a PluginError.
"""

from __future__ import annotations

import difflib
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Callable

import pluggy

from ..common.errors import PluginError
from ..contract import hooks as hookspecs
from ..contract.hooks import CONTRACT_VERSION

if TYPE_CHECKING:  # pragma: no cover
    from ..contract.returns import Adjustment

ENV_PLUGINS = "MATURITY_LOAD_PLUGINS"
ENV_QUESTIONNAIRES = "MATURITY_QUESTIONNAIRES"
ENV_TRACE = "MATURITY_TRACE_HOOKS"
OWN_DISTRIBUTION = "maturity"


@dataclass
class PluginInfo:
    name: str
    module: str
    version: str
    source: str  # "built-in", "entry point", "env", "directory"
    hooks: list[str] = field(default_factory=list)
    broken: str | None = None  # why it was left out, when it was

    def as_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "module": self.module,
            "version": self.version,
            "source": self.source,
            "hooks": self.hooks,
            "broken": self.broken,
        }


class Plugins:
    """The loaded plugins, and their hooks called through pluggy with each plugin isolated.

    Every hook implementation is guarded when it is registered: an exception (or a return
    value of the wrong type) leaves that plugin out with one message in ``failures`` and the
    other implementations run as usual, wrappers (``wrapper=True``), ``tryfirst``/``trylast``
    and ``firstresult`` included. A plugin in ``strict`` (named by the user) raises a
    PluginError instead.
    """

    def __init__(self) -> None:
        self.pm = pluggy.PluginManager("maturity")
        self.pm.add_hookspecs(hookspecs)
        self.info: dict[str, PluginInfo] = {}
        self.failures: list[str] = []
        self.strict: set[str] = set()  # plugins whose failure must stop the command
        self.broken: dict[str, str] = {}  # plugin name -> why it was left out

    # -- registration --------------------------------------------------------------------

    def add(self, plugin: Any, name: str, *, module: str, version: str, source: str) -> None:
        """Register one plugin after checking its contract range and hook names."""
        _check_contract(plugin, name)
        _check_hook_names(self.pm, plugin, name)
        self.pm.register(plugin, name=name)
        callers = self.pm.get_hookcallers(plugin) or []
        for caller in callers:
            for impl in caller.get_hookimpls():
                if impl.plugin is plugin:
                    _guard(self, impl, caller.name)
        hooks = sorted(h.name for h in callers)
        self.info[name] = PluginInfo(name, module, version, source, hooks)

    def fail(self, name: str, message: str) -> None:
        """Name one thing plugin `name` got wrong, which is skipped (the plugin's other
        contributions stay); raise a PluginError when the user named the plugin."""
        if name in self.strict:
            raise PluginError(f"plugin {name!r} {message}{self._fatal_hint(name)}")
        text = f"plugin {name!r} {message}; carrying on without it{self._skip_hint(name)}"
        if text not in self.failures:
            self.failures.append(text)

    def leave_out(self, name: str, message: str) -> None:
        """Leave plugin `name` out from here on, with one message; raise a PluginError when the
        user named it."""
        if name in self.strict:
            raise PluginError(f"plugin {name!r} {message}{self._fatal_hint(name)}")
        if name in self.broken:
            return  # one message per plugin: it is left out from here on
        self.broken[name] = message
        if name in self.info:
            self.info[name].broken = message
        self.failures.append(f"plugin {name!r} {message}; carrying on without it{self._skip_hint(name)}")

    def is_active(self, name: str) -> bool:
        return name not in self.broken

    def _skip_hint(self, name: str) -> str:
        info = self.info.get(name)
        source = info.source if info else ""
        if source == "entry point":
            others = [n for n, i in self.info.items() if i.source == "entry point" and n != name and n not in self.broken]
            return f" (to skip it without this warning: {ENV_PLUGINS}={','.join(others)})"
        if source == "directory":
            return " (to skip it without this warning, move the file out of that folder)"
        return ""

    def _fatal_hint(self, name: str) -> str:
        if name.startswith("dir:"):
            return ""
        return f" (it is named in {ENV_PLUGINS}; leave it out to carry on without it)"

    # -- calling hooks ---------------------------------------------------------------------

    def implementations(self, hook: str) -> list[tuple[str, Callable[..., Any], list[str]]]:
        """(plugin name, function, argument names) in pluggy's call order."""
        caller = getattr(self.pm.hook, hook)
        out = []
        for impl in reversed(caller.get_hookimpls()):
            if impl.plugin_name not in self.broken:
                out.append((impl.plugin_name, impl.function, list(impl.argnames)))
        return out

    def call(self, hook: str, **kwargs: Any) -> Any:
        """Call a hook through pluggy (wrappers and ``firstresult`` as pluggy does them); each
        plugin's failure is isolated. Returns what pluggy returns."""
        return getattr(self.pm.hook, hook)(**kwargs)

    def call_each(self, hook: str, **kwargs: Any) -> list[tuple[str, Any]]:
        """Call a hook; return (plugin name, returned value) for each plugin that returned
        something and did not fail. Values are checked (``adjust_recommendations`` must
        return a list of Adjustment) and a plugin returning the wrong type is left out."""
        records: list[tuple[str, Any]] = []
        token = _RECORDS.set(records)
        try:
            self.call(hook, **kwargs)
        finally:
            _RECORDS.reset(token)
        return [(name, value) for name, value in records if name not in self.broken]

    def collect(self, hook: str, **kwargs: Any) -> list[tuple[str, tuple[Any, ...]]]:
        """Call a `register_*` hook; return (plugin name, registered arguments) pairs."""
        items: list[tuple[str, tuple[Any, ...]]] = []

        def register(*args: Any) -> None:
            name = _CURRENT.get()
            if name is not None and name not in self.broken:
                items.append((name, args))

        self.call(hook, register=register, **kwargs)
        return [(name, args) for name, args in items if name not in self.broken]

    def run(self, name: str, what: str, function: Callable[..., Any], *args: Any, **kwargs: Any) -> tuple[bool, Any]:
        """Run plugin code outside a hook (a scoring strategy, a report format, a command):
        ``(True, value)``, or ``(False, None)`` after leaving the plugin out."""
        if name in self.broken:
            return False, None
        try:
            return True, function(*args, **kwargs)
        except (Exception, SystemExit) as exc:
            failure = exc
        self.leave_out(name, f"failed in {what}: {_describe(failure)}")
        return False, None

    def validated_adjustments(self, name: str, value: Any) -> list[Adjustment]:
        """What plugin `name` returned from ``adjust_recommendations``, checked: a list (or
        None) of Adjustment with finite factors. Anything else leaves the plugin out (or raises
        when it was named) and gives []."""
        problem = adjustments_problem(value)
        if problem:
            self.leave_out(name, f"failed in adjust_recommendations: {problem}")
            return []
        return list(value or [])


@dataclass
class ReportFormat:
    """A report format a plugin registered, run so that its failure is the plugin's alone."""

    name: str
    plugin: str
    function: Callable[..., Any]
    plugins: Plugins

    def render(self, result: Any, catalog: Any) -> str | None:
        """The report as text; None when the format failed (its plugin is then left out, with
        a message, or a PluginError is raised when the user named it)."""
        what = f"report format {self.name!r}"
        ok, text = self.plugins.run(self.plugin, what, self.function, result, catalog)
        if not ok:
            return None
        if not isinstance(text, str):
            self.plugins.leave_out(self.plugin, f"failed in {what}: returned {type(text).__name__}, not text")
            return None
        return text


def report_formats(plugins: Plugins) -> dict[str, ReportFormat]:
    """The report formats of every plugin, by name (of two with one name, the one called first
    wins: outside plugins before the built-ins)."""
    out: dict[str, ReportFormat] = {}
    for plugin, args in plugins.collect("register_report_formats"):
        if len(args) != 2 or not isinstance(args[0], str) or not callable(args[1]):
            plugins.leave_out(plugin, "registered a report format that is not (name, render)")
            continue
        out.setdefault(args[0], ReportFormat(args[0], plugin, args[1], plugins))
    return out


def adjustments_problem(value: Any) -> str | None:
    """Why a value returned from ``adjust_recommendations`` is not a list of Adjustment."""
    if value is None:
        return None
    if not isinstance(value, (list, tuple)):
        return f"returned {type(value).__name__} {value!r}, not a list of Adjustment"
    from ..contract.returns import adjustment_problem

    for item in value:
        problem = adjustment_problem(item)
        if problem:
            return problem
    return None


#: Checks of what a hook returns, by hook name: a message when the value is wrong.
RESULT_CHECKS: dict[str, Callable[[Any], str | None]] = {"adjust_recommendations": adjustments_problem}

_CURRENT: ContextVar[str | None] = ContextVar("maturity_plugin", default=None)
_RECORDS: ContextVar[list[tuple[str, Any]] | None] = ContextVar("maturity_hook_records", default=None)


def current_plugin() -> str | None:
    """The plugin whose hook implementation is running (None outside of one)."""
    return _CURRENT.get()


def _describe(exc: BaseException) -> str:
    text = str(exc)
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def _guard(plugins: Plugins, impl: Any, hook: str) -> None:
    """Wrap one hook implementation so that its failure leaves its plugin out, not the call."""
    function = impl.function
    name = impl.plugin_name
    check = RESULT_CHECKS.get(hook)

    if impl.wrapper:

        def guarded_wrapper(*args: Any, **kwargs: Any) -> Any:
            if name in plugins.broken:
                return (yield)
            token = _CURRENT.set(name)
            problem = None
            try:
                gen = function(*args, **kwargs)
                next(gen)
            except StopIteration:
                problem = "did not yield"
            except (Exception, SystemExit) as exc:
                problem = _describe(exc)
            finally:
                _CURRENT.reset(token)
            if problem:
                plugins.leave_out(name, f"failed in {hook}: {problem}")
                return (yield)
            try:
                result = yield
            except BaseException as exc:
                try:
                    gen.throw(exc)  # the wrapper may handle it and return a value
                except StopIteration as stop:
                    return stop.value
                gen.close()
                raise
            token = _CURRENT.set(name)
            try:
                gen.send(result)
            except StopIteration as stop:
                return stop.value
            except (Exception, SystemExit) as exc:
                problem = _describe(exc)
            else:
                gen.close()
                problem = "yielded twice"
            finally:
                _CURRENT.reset(token)
            plugins.leave_out(name, f"failed in {hook}: {problem}")
            return result

        impl.function = guarded_wrapper
        return

    def guarded(*args: Any, **kwargs: Any) -> Any:
        if name in plugins.broken:
            return None
        token = _CURRENT.set(name)
        problem = None
        try:
            value = function(*args, **kwargs)
        except (Exception, SystemExit) as exc:
            problem = _describe(exc)
        finally:
            _CURRENT.reset(token)
        if problem is None and check is not None:
            problem = check(value)
        if problem is not None:
            plugins.leave_out(name, f"failed in {hook}: {problem}")
            return None
        records = _RECORDS.get()
        if records is not None and value is not None:
            records.append((name, value))
        return value

    impl.function = guarded


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
    known = {n for n, caller in vars(pm.hook).items() if getattr(caller, "spec", None) is not None}
    for attr in dir(plugin):
        try:
            opts = pm.parse_hookimpl_opts(plugin, attr)
        except Exception:
            opts = None
        if opts is not None and attr not in known:
            close = difflib.get_close_matches(attr, sorted(known), n=1)
            hint = f" (did you mean {close[0]}?)" if close else ""
            raise PluginError(f"plugin {name!r} implements unknown hook {attr!r}{hint}")
        if opts is not None and opts.get("hookwrapper"):
            raise PluginError(
                f"plugin {name!r} implements {attr} as an old-style hookwrapper, which maturity "
                "does not call; use @hookimpl(wrapper=True) (a generator returning the result)"
            )



"""The per-invocation session: plugins and catalog, loaded on first use."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import click

if TYPE_CHECKING:  # pragma: no cover
    from ..catalog import Catalog
    from ..plugins import Plugins


@dataclass
class Session:
    questionnaire_dirs: list[str] = field(default_factory=list)
    db: str | None = None
    _plugins: Plugins | None = None
    _catalog: Catalog | None = None
    _warned: bool = False
    #: when set, plugin failures are kept in `plugins.failures` for the command to report
    hold_warnings: bool = False

    @classmethod
    def from_context(cls, ctx: click.Context) -> Session:
        root = ctx.find_root()
        if not isinstance(root.obj, Session):
            dirs = root.params.get("questionnaire_dirs") or ()
            root.obj = Session(questionnaire_dirs=list(dirs), db=root.params.get("db"))
        return root.obj

    @property
    def plugins(self) -> Plugins:
        if self._plugins is None:
            from ..plugins import load_plugins, user_questionnaire_dir

            self._plugins = load_plugins(self.questionnaire_dirs, user_dir=user_questionnaire_dir())
            self.warn()
        return self._plugins

    @property
    def catalog(self) -> Catalog:
        if self._catalog is None:
            from ..catalog import build_catalog

            self._catalog = build_catalog(self.plugins)
            self.warn()
        return self._catalog

    def build_catalog(self, **kwargs: Any) -> Catalog:
        from ..catalog import build_catalog

        catalog = build_catalog(self.plugins, **kwargs)
        self.warn()
        return catalog

    def warn(self) -> None:
        if self._plugins is None or self.hold_warnings:
            return
        from ..common.termtext import shown_block

        while self._plugins.failures:
            click.echo(shown_block(f"warning: {self._plugins.failures.pop(0)}"), err=True)


pass_session = click.make_pass_decorator(Session, ensure=True)

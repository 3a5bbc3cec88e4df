"""The root `maturity` command: the click group every command is added to, how core errors and
interrupts become one message and an exit status, and the commands plugins add."""

from __future__ import annotations

from typing import Any

import click

from .. import __version__
from .context import Session
from .guard import EXIT_INTERRUPTED, guarded

EXIT_BAD_INPUT = 2


class BadInput(click.ClickException):
    exit_code = EXIT_BAD_INPUT


class MaturityGroup(click.Group):
    """Turns core errors into one message, and adds plugin commands on first listing."""

    def _plugin_commands(self, ctx: click.Context) -> click.Group:
        # Plugin commands are collected per invocation, in a group of their own: the plugins
        # loaded can differ from one invocation to the next (MATURITY_LOAD_PLUGINS, or tests
        # running many invocations in one process), so nothing is added to this shared group.
        meta = ctx.find_root().meta
        group = meta.get("maturity.plugin_commands")
        if group is None:
            from ..common.errors import MaturityError

            session = Session.from_context(ctx)
            try:
                plugins = session.plugins
            except MaturityError:
                # the command itself reports it; listing commands (--help) carries on
                group = meta["maturity.plugin_commands"] = click.Group(name=self.name)
                return group
            group = meta["maturity.plugin_commands"] = PluginCommands(plugins, name=self.name)
            if any(True for _ in plugins.implementations("register_commands")):
                try:
                    plugins.call_each("register_commands", cli=group)
                except MaturityError as exc:  # a plugin the user named failed
                    raise BadInput(str(exc)) from None
                finally:
                    session.warn()
                for command, plugin in list(group.added_by.items()):
                    if plugin in plugins.broken:
                        group.commands.pop(command, None)
        return group

    def list_commands(self, ctx: click.Context) -> list[str]:
        own = super().list_commands(ctx)
        return own + sorted(set(self._plugin_commands(ctx).list_commands(ctx)) - set(own))

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        command = super().get_command(ctx, name)
        if command is None:
            command = self._plugin_commands(ctx).get_command(ctx, name)
        return command

    def invoke(self, ctx: click.Context) -> Any:
        from ..common.errors import MaturityError

        try:
            return super().invoke(ctx)
        except MaturityError as exc:
            from ..common.termtext import shown_block

            raise BadInput(shown_block(str(exc))) from None
        except click.ClickException as exc:
            # a usage error can quote a name or a file's text: the one rule for the terminal
            from ..common.termtext import shown_block

            exc.message = shown_block(exc.message)
            raise
        except KeyboardInterrupt:
            # click would print "Aborted!" and exit 1; an interrupt is not a failed check
            click.echo("Interrupted.", err=True)
            raise click.exceptions.Exit(EXIT_INTERRUPTED) from None
        finally:
            # plugins that failed while the command ran (a scoring strategy, a hook) are named
            session = ctx.obj if isinstance(ctx.obj, Session) else None
            if session is not None:
                session.warn()


class PluginCommands(click.Group):
    """The commands plugins add, each run so that a plugin's bug is one message, not a
    traceback: the message names the plugin and how to skip it."""

    def __init__(self, plugins: Any, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.plugins = plugins
        self.added_by: dict[str, str] = {}

    def add_command(self, cmd: click.Command, name: str | None = None) -> None:
        from ..plugins import current_plugin

        plugin = current_plugin()
        if plugin is not None:
            self.added_by[name or cmd.name or ""] = plugin
            if cmd.callback is not None:
                cmd.callback = _isolated(self.plugins, plugin, name or cmd.name or "", cmd.callback)
        super().add_command(cmd, name)


def _isolated(plugins: Any, plugin: str, command: str, callback: Any) -> Any:
    import functools

    @functools.wraps(callback)
    def run(*args: Any, **kwargs: Any) -> Any:
        from ..common.errors import MaturityError

        try:
            return callback(*args, **kwargs)
        except (click.ClickException, click.exceptions.Exit, click.Abort, MaturityError, SystemExit, KeyboardInterrupt):
            raise
        except OSError:
            raise  # a broken pipe or a full disk: main() reports those
        except Exception as exc:
            from ..plugins import ENV_PLUGINS

            text = str(exc)
            raise BadInput(
                f"plugin {plugin!r} failed in its command {command!r}: {type(exc).__name__}"
                f"{': ' + text if text else ''} (a bug in the plugin; {ENV_PLUGINS} lists the plugins to load)"
            ) from None

    return run


@click.group(cls=MaturityGroup, invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", "-V", prog_name="maturity")
@click.option(
    "--questionnaires",
    "questionnaire_dirs",
    multiple=True,
    type=click.Path(file_okay=False),
    help="Also load every *.toml questionnaire of this folder (repeatable).",
)
@click.option("--db", "db", type=click.Path(dir_okay=False), envvar="MATURITY_DB", help="The database: a file (default: in your user data folder) or a PostgreSQL URL, postgresql+psycopg://USER@HOST/DBNAME; also MATURITY_DB.")
@click.pass_context
def cli(ctx: click.Context, questionnaire_dirs: tuple[str, ...], db: str | None) -> None:
    """Strategy-first technology maturity for small and medium businesses.

    Run without a command to open the terminal app. Start a scripted assessment with:

    \b
      maturity template > answers.toml     # a blank answer file to fill in
      maturity assess --answers answers.toml
      maturity recommend --answers answers.toml
    """
    session = Session.from_context(ctx)
    if ctx.invoked_subcommand is None:
        from .app import has_terminal, run_app

        if not has_terminal():
            # the app draws with escape codes and waits for keys: without a terminal it would
            # hang writing them into a file or a pipe
            click.echo(ctx.get_help())
            click.echo("\nError: no terminal to open the app in; give a command.", err=True)
            ctx.exit(EXIT_BAD_INPUT)
        run_app(session.questionnaire_dirs, session.db)


def main(argv: list[str] | None = None) -> None:
    guarded(lambda: cli.main(args=argv, prog_name="maturity"))

"""A sample plugin for the hooks whose features live outside the core: recommendation
adjustments, peer benchmarks, report formats, and a command of its own."""

from maturity import hookimpl

__version__ = "0.5.0"


@hookimpl
def adjust_recommendations(profile, result, candidates):
    return []


@hookimpl
def register_benchmarks(register):
    register("retail", "10-49", {"alpha": 1.4, "beta": 0.9})


@hookimpl
def register_report_formats(register):
    register("oneline", lambda result, catalog: " ".join(f"{d.domain}={d.stage}" for d in result.domains) + "\n")


@hookimpl
def register_commands(cli):
    import click

    @cli.command(name="hello")
    @click.argument("name", default="world")
    def hello(name):
        """Say hello (a command added by a plugin)."""
        click.echo(f"hello {name} from a plugin")

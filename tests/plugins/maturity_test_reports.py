"""A sample plugin for reports: peer benchmarks for the mini questionnaires, a working report
format, one that raises when chosen, and one registered wrongly."""

from maturity import hookimpl

__version__ = "2.1.0"


@hookimpl
def register_benchmarks(register):
    register("retail", "1-9", {"alpha": 1.25, "beta": 0.5})
    register("retail", "10-49", {"alpha": 2.0, "beta": 1.0})
    register("nowhere", "1-9", {"alpha": 1.0})  # an unknown industry id: named and left out


@hookimpl
def register_report_formats(register):
    register("stages", lambda result, catalog: "".join(f"{d.name}: {d.stage_name}\n" for d in result.domains))
    register("explodes", lambda result, catalog: 1 / 0)
    register("html", lambda result, catalog: "not the built-in one")  # a built-in name: refused

"""The HTML report: one self-contained file (inline CSS and SVG, no script, no font, no image
to fetch) that opens offline in any browser and prints well.

Every piece of text goes through jinja2 with autoescape on; only the charts, which the SVG
serialiser has escaped already, are marked safe.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, Any

from ..common.formatting import hours, money

if TYPE_CHECKING:  # pragma: no cover
    import jinja2

    from .model import Report

STATUS_WORDS = {
    "achieved": "in place",
    "partial": "partly in place",
    "not_started": "not started",
    "not_applicable": "not applicable",
}
ANSWER_WORDS = {"dont_know": "don't know", "unanswered": "no answer"}


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.PackageLoader("maturity.report", "templates"),
        autoescape=True,  # every template, whatever its name
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["status"] = lambda s: STATUS_WORDS.get(s, s)
    env.filters["pct"] = lambda v: "–" if v is None else f"{v:.0f}%"
    from ..assessment.peers import basis_words, percent_text

    env.filters["survey_percent"] = percent_text
    env.filters["survey_basis"] = lambda b: basis_words(b).capitalize()
    env.filters["hours"] = hours
    from ..coverage.text import MISSING_WORDS, closer_text, counts_text, title, verdict

    env.filters["baseline_title"] = title
    env.filters["baseline_verdict"] = verdict
    env.filters["coverage_counts"] = counts_text
    env.filters["coverage_status"] = lambda s: MISSING_WORDS.get(s, s)
    env.filters["coverage_closer"] = closer_text
    return env


def render_html(report: Report, charts: dict[str, str] | None = None) -> str:
    from markupsafe import Markup

    from .charts import all_charts
    from .first_page import first_page

    env = environment()
    drawn = all_charts(report) if charts is None else charts
    css = env.loader.get_source(env, "report.css")[0]  # type: ignore[union-attr]
    currency = report.profile.currency

    def cash(amount: float) -> str:
        return money(amount, currency)

    context: dict[str, Any] = {
        "r": report,
        "page": first_page(report),
        "css": Markup(css),
        "charts": {name: Markup(svg) for name, svg in drawn.items()},
        "money": cash,
        "periods": [p.number for p in report.roadmap.periods] if report.roadmap else [],
        "answer_words": ANSWER_WORDS,
    }
    return env.get_template("report.html.j2").render(**context)

"""After an assessment: what stands between each domain and its next stage, in words.

Plain functions over the core's models, shared by the terminal app and anything else that shows
an assessment's outcome. The next steps themselves come from `maturity.planning`.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import TYPE_CHECKING

from ..contract.questionnaire import Capability
from ..contract.result import CapabilityResult, Result

if TYPE_CHECKING:  # pragma: no cover
    from ..catalog import Catalog
#: Months an investment of each effort band is planned to take.
EFFORT_MONTHS = {"S": 1, "M": 3, "L": 6}


def stage_gaps(catalog: Catalog, result: Result, domain: str) -> list[tuple[Capability, CapabilityResult]]:
    """The capabilities of a domain's next stage that are not achieved yet: what stands between
    the domain and that stage (empty at the top stage)."""
    d = result.domain(domain)
    if domain not in catalog.questionnaires:
        return []
    out = []
    for cap in catalog.questionnaire(domain).capabilities:
        c = result.capabilities.get(cap.id)
        if c is not None and c.stage == d.stage + 1 and c.status not in ("achieved", "not_applicable"):
            out.append((cap, c))
    return out


def weakest_names(result: Result) -> str:
    """The weakest link's domains by name, or "every domain" when they all tie."""
    weakest = result.weakest_link
    if weakest is None:
        return ""
    ranked = [d for d in result.domains if d.capabilities > d.not_applicable]
    if len(weakest.domains) > 1 and len(weakest.domains) == len(ranked):
        return "every domain"
    return ", ".join(d.name for d in result.domains if d.domain in weakest.domains)


def planned_end(start: dt.date, effort: str) -> dt.date:
    """When an investment of this effort started on `start` is planned to be done."""
    months = EFFORT_MONTHS.get(effort, 3)
    year, month = divmod(start.month - 1 + months, 12)
    day = min(start.day, 28)
    return dt.date(start.year + year, month + 1, day)


def share(amount: float, of: float | None) -> float | None:
    """amount / of, or None when there is nothing to compare with."""
    if of is None or of <= 0 or math.isnan(of):
        return None
    return amount / of

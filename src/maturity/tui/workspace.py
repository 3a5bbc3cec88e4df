"""What every screen works with once the app is ready: the catalog, the store, the writer."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Callable

if TYPE_CHECKING:  # pragma: no cover
    from ..catalog import Catalog
    from ..store import Store
    from .writer import StoreWriter


@dataclass
class Workspace:
    """Handed down to each screen: nothing here is looked up through globals."""

    catalog: Catalog
    store: Store
    writer: StoreWriter
    today: Callable[[], dt.date] = dt.date.today
    #: plugin problems found while loading (each plugin named), shown once on the start screen
    warnings: list[str] = field(default_factory=list)

    def versions(self) -> dict[str, str]:
        return self.catalog.versions()

    def domain_name(self, domain: str) -> str:
        if domain in self.catalog.questionnaires:
            return self.catalog.questionnaire(domain).questionnaire.name
        return domain

    def capability_name(self, cid: str) -> str:
        cap = self.catalog.capabilities.get(cid)
        return cap.name if cap else cid

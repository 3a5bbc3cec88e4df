"""What every screen works with once the app is ready: the catalog, the store, the writer."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable

if TYPE_CHECKING:  # pragma: no cover
    from ..catalog import Catalog
    from ..store import Store
    from .writer import StoreWriter


@dataclass
class Workspace:
    """Handed down to each screen: nothing here is looked up through globals.

    The database opens first, so the organisations can be listed at once; the questionnaires
    load meanwhile and `catalog` is set when they have. Only the start screen (and the app's
    flow, which waits for them) runs before that.
    """

    store: Store
    writer: StoreWriter
    today: Callable[[], dt.date] = dt.date.today
    loaded: Catalog | None = None

    @property
    def catalog(self) -> Catalog:
        if self.loaded is None:
            raise RuntimeError("the questionnaires are still loading")
        return self.loaded

    def versions(self) -> dict[str, str]:
        return self.catalog.versions()

    def domain_name(self, domain: str) -> str:
        if domain in self.catalog.questionnaires:
            return self.catalog.questionnaire(domain).questionnaire.name
        return domain

    def capability_name(self, cid: str) -> str:
        cap = self.catalog.capabilities.get(cid)
        return cap.name if cap else cid

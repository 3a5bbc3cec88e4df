"""The catalog: every questionnaire the plugins contribute, merged with their overrides, goals,
facts and scoring strategies, and the graph of capabilities and their prerequisites.

- :mod:`.loader` reads one questionnaire file, with file and line in every error;
- :mod:`.build` merges what the plugins contribute into a :class:`Catalog`;
- :mod:`.graph` is the capability graph (the only module that imports networkx);
- :mod:`.strategies` holds the built-in scoring strategies a questionnaire can ask for.
"""

from __future__ import annotations

from .build import DOMAIN_ORDER, AppliedOverride, Catalog, build_catalog, build_graph, load_catalog

__all__ = ["DOMAIN_ORDER", "AppliedOverride", "Catalog", "build_catalog", "build_graph", "load_catalog"]

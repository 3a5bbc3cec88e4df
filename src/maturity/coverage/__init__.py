"""Coverage of recognised baselines (Cyber Essentials, CIS Controls IG1, the Essential Eight, the
NIST CSF, a plugin's own): per baseline and theme, items met, partly met, not met, unknown or not
applicable, and for each missing item the capability that would close it and its cost.
`service.coverage` is the one entry point every surface calls."""

from .models import STATUS_WORDS, STATUSES, BaselineCoverage, Counts, Coverage, ItemCoverage, ThemeCoverage
from .service import coverage, select_baselines

__all__ = ["STATUSES", "STATUS_WORDS", "BaselineCoverage", "Counts", "Coverage", "ItemCoverage", "ThemeCoverage", "coverage", "select_baselines"]

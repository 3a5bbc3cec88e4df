"""What a plugin can change about capabilities it does not own (kept for imports of
``maturity.overrides``; the type lives in :mod:`maturity.contract`)."""

from __future__ import annotations

from .contract import CapabilityOverride

__all__ = ["CapabilityOverride"]

"""What a plugin can change about capabilities it does not own."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class CapabilityOverride(BaseModel):
    """A change to a capability of any plugin, applied by id before the graph is built.

    ``priority`` scales the capability's goal relevance when recommending (2.0 doubles it);
    ``mandatory`` puts it first whatever the goals (a sector's regulatory must-have); ``ignore``
    takes it out of every target, as if answered not applicable; ``add_requires`` adds hard
    prerequisites; ``advice`` replaces the advice text. ``reason`` is shown to the user.
    """

    model_config = ConfigDict(extra="forbid")

    id: str
    add_requires: list[str] = []
    add_enhances: list[str] = []
    priority: float = Field(default=1.0, ge=0.0)
    mandatory: bool | None = None
    ignore: bool = False
    advice: str | None = None
    reason: str = ""

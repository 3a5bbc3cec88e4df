"""The one message screens post to move the user on; the app decides which screen follows."""

from __future__ import annotations

from typing import Literal

from textual.message import Message

Target = Literal["open", "assess", "results", "recommendations", "graph", "history", "baselines", "home"]


class Navigate(Message):
    """Go to `target` for organisation `org` (an assessment and a domain where it matters)."""

    def __init__(self, org: str, target: Target, *, assessment_id: int | None = None, domain: str | None = None) -> None:
        super().__init__()
        self.org = org
        self.target = target
        self.assessment_id = assessment_id
        self.domain = domain

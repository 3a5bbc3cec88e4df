"""Reports a business owner, a board and an auditor can read: HTML, PDF, Markdown, CSV, JSON,
and the formats plugins add.

The core service behind `maturity report` and the terminal app's report key. Importing this
package is light: jinja2, pygal and fpdf2 are imported only by the format that needs them.
"""

from __future__ import annotations

from .data import next_steps, report_of_answers, report_of_assessment
from .formats import BUILTIN, Format, available_formats, choose, render
from .model import Report

__all__ = [
    "BUILTIN",
    "Format",
    "Report",
    "available_formats",
    "choose",
    "next_steps",
    "render",
    "report_of_answers",
    "report_of_assessment",
]
